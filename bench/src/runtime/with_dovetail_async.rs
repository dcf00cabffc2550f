//! The workloads with dovetail's `AsyncConnection` (feature `tokio`): the typed statements of
//! [`DovetailSubject`](super::DovetailSubject), each sent to the connection's own thread and
//! awaited.

use dovetail::AsyncConnection;
use dovetail::prelude::*;

use super::with_dovetail::{MaybePost, NewUser, url};
use super::{Post, User, posts, users};
use crate::driver_async::AsyncSubject;
use crate::fixture::{self, Flavor, Seed, Target};

const NAME: &str = "dovetail_async";

/// dovetail on one async connection.
pub struct DovetailAsyncSubject {
    conn: AsyncConnection,
    flavor: Flavor,
}

impl DovetailAsyncSubject {
    /// Connects to the target and enters a scratch schema there; the error says why not.
    pub async fn open(target: &Target) -> Result<Self, String> {
        let url = url(target, NAME);
        let conn = dovetail::connect_async(&url)
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        for statement in fixture::enter_scratch(target.flavor(), NAME) {
            conn.batch_execute(statement.as_str())
                .await
                .map_err(|e| format!("{statement}: {e}"))?;
        }
        Ok(DovetailAsyncSubject {
            conn,
            flavor: target.flavor(),
        })
    }

    async fn run_all(&self, statements: Vec<String>) {
        for statement in statements {
            self.conn
                .batch_execute(statement.as_str())
                .await
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
}

impl AsyncSubject for DovetailAsyncSubject {
    type User = User;
    type Post = Post;

    async fn reset(&mut self, seed: &Seed) {
        self.run_all(fixture::create_tables(self.flavor)).await;
        self.run_all(seed.statements()).await;
    }

    async fn trivial(&mut self) -> Vec<User> {
        self.conn
            .load(users::table.select(users::all_columns))
            .await
            .unwrap()
    }

    async fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        let rows: Vec<(User, MaybePost)> = self
            .conn
            .load(
                users::table
                    .left_join_fk(posts::table)
                    .filter(users::hair_color.eq("black"))
                    .select((users::all_columns, posts::all_columns)),
            )
            .await
            .unwrap();
        rows.into_iter()
            .map(|(user, post)| (user, post.0))
            .collect()
    }

    async fn insert(&mut self, rows: &[(String, Option<String>)]) {
        let count = rows.len();
        // The rows are lowered into the statement here: it borrows nothing once built.
        let rows = rows.iter().map(|(name, hair_color)| NewUser {
            name,
            hair_color: hair_color.as_deref(),
        });
        let written = self
            .conn
            .execute(insert_into(users::table).values_many(rows))
            .await
            .unwrap();
        assert_eq!(written as usize, count);
    }

    async fn finish(&mut self) {
        self.run_all(fixture::leave_scratch(self.flavor, NAME))
            .await;
    }
}
