//! SQLite from async code without an async driver: the blocking rusqlite implementation
//! ([`RusqliteSubject`]: `prepare_cached`, rows read by index), its connection kept in an
//! `Arc<Mutex<_>>` and each operation run on tokio's blocking pool with `spawn_blocking`. What
//! dovetail's async connection does with a thread of its own, done with tokio's pool.

use std::sync::{Arc, Mutex};

use super::{Post, RusqliteSubject, User};
use crate::driver::Subject;
use crate::driver_async::AsyncSubject;
use crate::fixture::{Seed, Target};

/// rusqlite on one connection, shared with the blocking pool's threads.
pub struct RusqliteAsyncSubject(Arc<Mutex<RusqliteSubject>>);

impl RusqliteAsyncSubject {
    /// Opens the target's database (in memory or its file), as the blocking one does.
    pub fn open(target: &Target) -> Result<Self, String> {
        RusqliteSubject::open(target).map(|subject| Self(Arc::new(Mutex::new(subject))))
    }

    /// Runs `work` on the connection on tokio's blocking pool and waits for it.
    async fn blocking<T, F>(&self, work: F) -> T
    where
        T: Send + 'static,
        F: FnOnce(&mut RusqliteSubject) -> T + Send + 'static,
    {
        let subject = Arc::clone(&self.0);
        let task = tokio::task::spawn_blocking(move || work(&mut subject.lock().unwrap()));
        task.await.unwrap()
    }
}

impl AsyncSubject for RusqliteAsyncSubject {
    type User = User;
    type Post = Post;

    async fn reset(&mut self, seed: &Seed) {
        let seed = seed.clone();
        self.blocking(move |subject| subject.reset(&seed)).await;
    }

    async fn trivial(&mut self) -> Vec<User> {
        self.blocking(RusqliteSubject::trivial).await
    }

    async fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        self.blocking(RusqliteSubject::medium).await
    }

    async fn insert(&mut self, rows: &[(String, Option<String>)]) {
        // The closure must own its rows: a copy, as a caller handing borrowed data to the
        // pool would make.
        let rows = rows.to_vec();
        self.blocking(move |subject| subject.insert(&rows)).await;
    }

    async fn finish(&mut self) {
        self.blocking(RusqliteSubject::finish).await;
    }
}
