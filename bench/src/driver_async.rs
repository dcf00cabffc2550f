//! The async implementations under [`driver`](super::driver)'s names: an [`AsyncSubject`] runs
//! on a current-thread tokio runtime of its own, opened with its connection, and each timed
//! operation is one `Runtime::block_on` of its future. The trivial query, the medium query and
//! the insert are timed and checked by [`driver::run_queries`], as the blocking ones are;
//! loading associations is left out.
//!
//! Shared with the sqlx benchmarks, which include this file as they include `driver.rs` and
//! `fixture.rs`.

use criterion::Criterion;
use tokio::runtime::{Builder, Runtime};

use super::driver::{self, Subject};
use super::fixture::{Row, Seed};

/// One async implementation of the trivial query, the medium query and the insert on one
/// connection (the blocking [`Subject`]'s methods, as futures).
pub trait AsyncSubject {
    type User: Row;
    type Post: Row;

    /// Drops and creates the tables and inserts the seed.
    fn reset(&mut self, seed: &Seed) -> impl Future<Output = ()>;
    /// Every user.
    fn trivial(&mut self) -> impl Future<Output = Vec<Self::User>>;
    /// Black-haired users left joined to their posts.
    fn medium(&mut self) -> impl Future<Output = Vec<(Self::User, Option<Self::Post>)>>;
    /// Inserts the users in one statement.
    fn insert(&mut self, users: &[(String, Option<String>)]) -> impl Future<Output = ()>;
    /// Drops the scratch schema or database.
    fn finish(&mut self) -> impl Future<Output = ()>;
}

/// Opens a subject (`open`, run on a new current-thread runtime with I/O and timers) and
/// benchmarks its trivial query, medium query and insert under the function name
/// `implementation` on `backend`; `open`'s error when it cannot connect.
pub fn run<S: AsyncSubject>(
    c: &mut Criterion,
    backend: &str,
    implementation: &str,
    open: impl Future<Output = Result<S, String>>,
) -> Result<(), String> {
    let mut blocking = OnRuntime::open(open)?;
    driver::run_queries(c, backend, implementation, &mut blocking);
    blocking.finish();
    Ok(())
}

/// Opens a subject (`open`, on a new current-thread runtime) and runs one workload of it
/// inside [`driver::measured_loop`] for `instructions.sh` to count (see
/// [`driver::count_queries`]). Exact only where the subject does its work on the runtime's
/// thread: callgrind counts the loop's own thread, not a connection's thread of its own.
pub fn count<S: AsyncSubject>(
    open: impl Future<Output = Result<S, String>>,
    names: (&str, &str),
    workload: &str,
    size: usize,
    iterations: u64,
) -> Result<(), String> {
    let mut blocking = OnRuntime::open(open)?;
    driver::count_queries(&mut blocking, names, workload, size, iterations);
    Ok(())
}

/// An async subject driven by its runtime as a blocking [`Subject`].
struct OnRuntime<S> {
    // Dropped before the runtime, which its connection may still need to close.
    subject: S,
    runtime: Runtime,
}

impl<S: AsyncSubject> OnRuntime<S> {
    /// Opens a subject (`open`) on a new current-thread runtime with I/O and timers.
    fn open(open: impl Future<Output = Result<S, String>>) -> Result<OnRuntime<S>, String> {
        let runtime = Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let subject = runtime.block_on(open)?;
        Ok(OnRuntime { subject, runtime })
    }
}

impl<S: AsyncSubject> Subject for OnRuntime<S> {
    type User = S::User;
    type Post = S::Post;

    fn reset(&mut self, seed: &Seed) {
        self.runtime.block_on(self.subject.reset(seed));
    }

    fn trivial(&mut self) -> Vec<S::User> {
        self.runtime.block_on(self.subject.trivial())
    }

    fn medium(&mut self) -> Vec<(S::User, Option<S::Post>)> {
        self.runtime.block_on(self.subject.medium())
    }

    fn insert(&mut self, users: &[(String, Option<String>)]) {
        self.runtime.block_on(self.subject.insert(users));
    }

    fn finish(&mut self) {
        self.runtime.block_on(self.subject.finish());
    }
}
