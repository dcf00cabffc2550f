//! sqlx's side of the async runtime benchmarks: the trivial query, the medium query and the
//! insert of `../benches/runtime_async.rs` with sqlx 0.8 on each backend, over the same rows and
//! under the same benchmark names (function `sqlx`).
//!
//! The data and the criterion drivers are the very files of the dovetail benchmarks, included
//! by path: this crate cannot depend on `dovetail-bench`, whose rusqlite links another
//! libsqlite3-sys than sqlx does.

#[path = "../../src/driver.rs"]
pub mod driver;
#[path = "../../src/driver_async.rs"]
pub mod driver_async;
#[path = "../../src/fixture.rs"]
pub mod fixture;
mod subject;

pub use subject::{MySqlSubject, PgSubject, SqliteSubject};
