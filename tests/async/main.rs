//! The async layer on every backend: typed queries, transactions, streams and the pool through
//! `AsyncConnection`, and cancellation at random points leaving every connection clean.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed unwrap is a failed test"
)]

mod cancellation;
mod models;
mod pipelining;
mod pool;
mod queries;
mod runtime;
mod streams;
mod transactions;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

use dovetail::prelude::*;
use dovetail::{AsyncConnection, Backend};
use dovetail_tests::live::scratch_url;

dovetail::table! {
    item {
        id: Integer,
        name: Text,
        qty: Integer,
    }
    primary_key (id);
}

/// The table every test here writes, with a named unique key.
const ITEM_DDL: &str = "CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, \
     qty INTEGER NOT NULL, CONSTRAINT item_name_key UNIQUE (name))";

/// Runs `body` on each reachable backend, in a scratch database of its own for `test`, as a
/// task spawned on a two-thread runtime (so its future must be `Send`, as a web framework's
/// handlers are). The scratch databases are made and dropped outside the runtime: the
/// blocking PostgreSQL driver that makes them refuses to run inside one.
fn on_every_backend<F, Fut>(test: &str, body: F)
where
    F: Fn(Backend, String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    for backend in [Backend::Sqlite, Backend::Postgres, Backend::MySql] {
        let Some(scratch) = scratch_url(test, backend) else {
            continue;
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let task = runtime.spawn(body(backend, scratch.url.clone()));
        runtime.block_on(task).unwrap();
    }
}

/// Creates `item` and fills it with `count` rows: id and quantity `i`, name `item {i}`.
async fn create_items(conn: &AsyncConnection, count: i32) {
    conn.batch_execute(ITEM_DDL).await.unwrap();
    let rows = (1..=count).map(|i| {
        (
            item::id.set(i),
            item::name.set(format!("item {i}")),
            item::qty.set(i),
        )
    });
    conn.execute(insert_into(item::table).values_many(rows))
        .await
        .unwrap();
}

/// The connection gives back the value it is sent.
async fn answers_correctly(conn: &AsyncConnection, value: i64) {
    let sql = match conn.backend() {
        Backend::Postgres => "SELECT $1::int8 + 1000",
        _ => "SELECT ? + 1000",
    };
    let rows = conn.query_sql(sql, vec![value.into()]).await.unwrap();
    assert_eq!(rows[0].get::<i64>(0).unwrap(), value + 1000);
}

/// The server's id for the session behind `conn` (PostgreSQL, MySQL).
async fn session_id(conn: &AsyncConnection) -> i64 {
    let sql = match conn.backend() {
        Backend::Postgres => "SELECT pg_backend_pid()::int8",
        _ => "SELECT CONNECTION_ID()",
    };
    conn.query_sql(sql, vec![]).await.unwrap()[0]
        .get(0)
        .unwrap()
}

/// Runs blocking `work` (the blocking PostgreSQL driver) off the runtime's threads.
async fn off_runtime<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work).await.unwrap()
}

/// A future whose panic is caught and returned, as a web framework's panic layer does.
pub(crate) struct CatchUnwind<F: Future>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = std::thread::Result<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match catch_unwind(AssertUnwindSafe(|| self.0.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}
