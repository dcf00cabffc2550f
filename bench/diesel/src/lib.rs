//! Diesel's side of the runtime benchmarks: the workloads of `../benches/runtime.rs` with
//! Diesel 2 on each backend, over the same rows and under the same benchmark names.
//!
//! The data and the criterion driver are the very files of the dovetail benchmarks, included
//! by path: this crate cannot depend on `dovetail-bench`, whose rusqlite links another
//! libsqlite3-sys than Diesel accepts.

#[path = "../../src/driver.rs"]
pub mod driver;
#[path = "../../src/fixture.rs"]
pub mod fixture;
mod models;
mod schema;
mod subject;

pub use subject::{MysqlSubject, PgSubject, SqliteSubject};
