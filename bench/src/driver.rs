//! Runs the runtime workloads of one implementation on one backend as criterion benchmarks
//! named `<workload>/<backend>/<size>`, the function named after the implementation, so that
//! dovetail, the raw driver and Diesel (and the async implementations, through
//! `driver_async.rs`) land side by side in `target/criterion`.
//!
//! Shared with the Diesel and sqlx benchmarks, which include this file as they include
//! `fixture.rs`.

use criterion::{BenchmarkGroup, Criterion, SamplingMode, measurement::WallTime};
use std::hint::black_box;

use super::fixture::{self, Check, Row, Seed, Tree};

/// Rows of the trivial and the medium query.
pub const QUERY_SIZES: [usize; 3] = [1, 100, 10_000];
/// Rows of one INSERT.
pub const INSERT_SIZES: [usize; 2] = [1, 100];
/// Users, posts per user and comments per post of the associations workload.
pub const ASSOCIATIONS: (usize, usize) = (100, 10);

/// One implementation of the workloads on one connection: the trivial and the medium query
/// and the insert ([`run_queries`]); with [`Associations`], loading associations too.
pub trait Subject {
    type User: Row;
    type Post: Row;

    /// Drops and creates the tables and inserts the seed.
    fn reset(&mut self, seed: &Seed);
    /// Every user.
    fn trivial(&mut self) -> Vec<Self::User>;
    /// Black-haired users left joined to their posts.
    fn medium(&mut self) -> Vec<(Self::User, Option<Self::Post>)>;
    /// Inserts the users in one statement.
    fn insert(&mut self, users: &[(String, Option<String>)]);
    /// Drops the scratch schema or database.
    fn finish(&mut self);
}

/// An implementation of the loading-associations workload as well (every blocking one; the
/// async ones of `driver_async.rs` leave it out).
pub trait Associations: Subject {
    type Comment: Row;

    /// Every user with its posts and their comments, one query per level.
    fn associations(&mut self) -> Tree<Self::User, Self::Post, Self::Comment>;
}

/// Benchmarks every workload of `subject`, named `implementation`, on the backend `backend`.
pub fn run<S: Associations>(
    c: &mut Criterion,
    backend: &str,
    implementation: &str,
    subject: &mut S,
) {
    run_queries(c, backend, implementation, subject);
    run_associations(c, backend, implementation, subject);
    subject.finish();
}

/// Benchmarks the trivial query, the medium query and the insert of `subject` (named
/// `implementation`, on `backend`), each of every size; leaves the scratch schema in place.
pub fn run_queries<S: Subject>(
    c: &mut Criterion,
    backend: &str,
    implementation: &str,
    subject: &mut S,
) {
    for size in QUERY_SIZES {
        let seed = Seed::trivial(size);
        subject.reset(&seed);
        verify(
            "trivial_query",
            backend,
            implementation,
            seed.expected_users(),
            || fixture::check_users(&subject.trivial()),
        );
        group(c, "trivial_query", backend, size)
            .bench_function(implementation, |b| b.iter(|| black_box(subject.trivial())));
    }
    for size in QUERY_SIZES {
        let seed = Seed::medium(size);
        subject.reset(&seed);
        verify(
            "medium_complex_query",
            backend,
            implementation,
            seed.expected_joined(),
            || fixture::check_joined(&subject.medium()),
        );
        group(c, "medium_complex_query", backend, size)
            .bench_function(implementation, |b| b.iter(|| black_box(subject.medium())));
    }
    for size in INSERT_SIZES {
        let users = fixture::new_users(size);
        subject.reset(&Seed::empty());
        verify(
            "insert",
            backend,
            implementation,
            fixture::expected_inserted(size),
            || {
                subject.insert(&users);
                fixture::check_users(&subject.trivial())
            },
        );
        // The table grows while timing, as it does in Diesel's own benchmarks.
        group(c, "insert", backend, size).bench_function(implementation, |b| {
            b.iter(|| subject.insert(black_box(&users)))
        });
    }
}

/// Benchmarks the loading-associations workload of `subject` alone.
pub fn run_associations<S: Associations>(
    c: &mut Criterion,
    backend: &str,
    implementation: &str,
    subject: &mut S,
) {
    let (users, per_parent) = ASSOCIATIONS;
    let seed = Seed::associations(users, per_parent);
    subject.reset(&seed);
    verify(
        "loading_associations",
        backend,
        implementation,
        seed.expected_tree(),
        || fixture::check_tree(&subject.associations()),
    );
    group(c, "loading_associations", backend, users).bench_function(implementation, |b| {
        b.iter(|| black_box(subject.associations()))
    });
}

/// Runs one workload of `subject`, the implementation `implementation` on the backend
/// `backend` (`trivial_query`, `medium_complex_query`, `insert` or `loading_associations`, of
/// `size` rows) `iterations` times inside [`measured_loop`], after
/// loading its data and running it once, checked, so that statements are prepared and caches
/// warm: `instructions.sh` counts only that loop, with callgrind's `--toggle-collect`.
pub fn count<S: Associations>(
    subject: &mut S,
    (backend, implementation): (&str, &str),
    workload: &str,
    size: usize,
    iterations: u64,
) {
    if workload != "loading_associations" {
        return count_queries(
            subject,
            (backend, implementation),
            workload,
            size,
            iterations,
        );
    }
    let seed = Seed::associations(size, ASSOCIATIONS.1);
    subject.reset(&seed);
    verify(
        workload,
        backend,
        implementation,
        seed.expected_tree(),
        || fixture::check_tree(&subject.associations()),
    );
    measured_loop(iterations, &mut || drop(black_box(subject.associations())));
    subject.finish();
}

/// [`count`] of the trivial query, the medium query or the insert, which every subject runs
/// (the async ones too).
pub fn count_queries<S: Subject>(
    subject: &mut S,
    (backend, implementation): (&str, &str),
    workload: &str,
    size: usize,
    iterations: u64,
) {
    let verify = |expected, run: &mut dyn FnMut() -> Check| {
        verify(workload, backend, implementation, expected, run)
    };
    match workload {
        "trivial_query" => {
            let seed = Seed::trivial(size);
            subject.reset(&seed);
            verify(seed.expected_users(), &mut || {
                fixture::check_users(&subject.trivial())
            });
            measured_loop(iterations, &mut || drop(black_box(subject.trivial())));
        }
        "medium_complex_query" => {
            let seed = Seed::medium(size);
            subject.reset(&seed);
            verify(seed.expected_joined(), &mut || {
                fixture::check_joined(&subject.medium())
            });
            measured_loop(iterations, &mut || drop(black_box(subject.medium())));
        }
        "insert" => {
            let users = fixture::new_users(size);
            subject.reset(&Seed::empty());
            verify(fixture::expected_inserted(size), &mut || {
                subject.insert(&users);
                fixture::check_users(&subject.trivial())
            });
            measured_loop(iterations, &mut || subject.insert(black_box(&users)));
        }
        other => panic!("no workload named {other}"),
    }
    subject.finish();
}

/// Runs `operation` `iterations` times: the only function whose instructions
/// `instructions.sh` counts.
#[inline(never)]
pub fn measured_loop(iterations: u64, operation: &mut dyn FnMut()) {
    for _ in 0..iterations {
        operation();
    }
}

/// Workloads at least this many rows big take milliseconds an iteration.
const HEAVY: usize = 1_000;

fn group<'c>(
    c: &'c mut Criterion,
    workload: &str,
    backend: &str,
    size: usize,
) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(format!("{workload}/{backend}/{size}"));
    if size >= HEAVY || workload == "loading_associations" {
        // Criterion's default 100 linearly growing samples would take 5,050 iterations, minutes
        // at milliseconds each, whatever the measurement time: fewer samples of equal size.
        group.sampling_mode(SamplingMode::Flat).sample_size(30);
    }
    group
}

/// Runs the workload once, untimed, and panics unless its result has the expected check.
fn verify(
    workload: &str,
    backend: &str,
    implementation: &str,
    expected: Check,
    run: impl FnOnce() -> Check,
) {
    let actual = run();
    assert_eq!(
        actual, expected,
        "{workload} on {backend} with {implementation}: wrong result"
    );
}
