//! Async connections, transactions, streams and pool (feature `tokio`).
//!
//! On PostgreSQL an [`AsyncConnection`] runs on `tokio-postgres`: a typed query renders its one
//! statement as the blocking path does and runs it on the async driver, with the blocking
//! driver's statement cache, parameter binding, decoding and errors. On SQLite and MySQL it
//! owns a blocking connection on a thread of its own, and runs the work its futures send there
//! one piece at a time, each to its end: an async method sends the typed statement itself to
//! that thread, where its blocking `load` or `execute` runs. Either way the SQL, statement
//! cache, `tracing` events, errors and decoding are the blocking path's. Each statement's
//! `tracing` event reaches the caller's subscriber, inside the caller's span. The runtime never
//! waits on the network or on SQLite.
//!
//! ```
//! use dovetail::prelude::*;
//!
//! dovetail::table! { account { id: Integer, owner: Text, cents: BigInt } primary_key (id); }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dovetail::Result<()> {
//! let pool = dovetail::AsyncPool::builder().max_size(4).build("sqlite::memory:").await?;
//! let mut conn = pool.get().await?;
//! conn.batch_execute("CREATE TABLE account (id INTEGER PRIMARY KEY, owner TEXT NOT NULL,
//!     cents INTEGER NOT NULL)").await?;
//! conn.transaction(async |tx| {
//!     tx.execute(insert_into(account::table).values_many([
//!         (account::id.set(1), account::owner.set("ada"), account::cents.set(500_i64)),
//!         (account::id.set(2), account::owner.set("bob"), account::cents.set(0_i64)),
//!     ]))
//!     .await?;
//!     tx.execute(update(account::table).set(account::cents.set(account::cents - 200_i64))
//!         .filter(account::id.eq(1)))
//!     .await?;
//!     tx.execute(update(account::table).set(account::cents.set(account::cents + 200_i64))
//!         .filter(account::id.eq(2)))
//!     .await
//! })
//! .await?;
//! let balances: Vec<(String, i64)> =
//!     conn.load(account::table.select((account::owner, account::cents)).order_by(account::id)).await?;
//! assert_eq!(balances, [("ada".to_string(), 300), ("bob".to_string(), 200)]);
//! # Ok(())
//! # }
//! ```

mod connection;
mod engine;
mod operations;
mod pool;
mod stream;
mod transaction;
mod worker;

pub use connection::{AsyncConnection, connect_async};
pub use operations::{Execute, Load, Plan, WritePlan};
pub use pool::{AsyncPool, AsyncPoolBuilder, AsyncPooledConnection};
pub use stream::RowStream;
pub use transaction::AsyncTransaction;
pub use worker::Reply;
