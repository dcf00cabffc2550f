//! dovetail: SQL whose shape is checked by the compiler, rendered for PostgreSQL, MySQL/MariaDB
//! and SQLite, and run on each backend's own driver.
//!
//! Every statement is a plain tree ([`ast`]) that one renderer ([`render`]) turns into SQL text
//! and an ordered list of bound parameters for a [`render::Dialect`]:
//!
//! ```
//! use dovetail::ast::*;
//! use dovetail::render::{render, MySql, Postgres, Sqlite};
//!
//! let query = Select::from(TableRef::named("track"))
//!     .project(Expr::column("track", "name"))
//!     .filter(Expr::column("track", "milliseconds").binary(BinaryOp::Gt, Expr::param(300_000_i64)))
//!     .into_query();
//! let statement = Statement::from(query);
//!
//! let pg = render(&statement, &Postgres).unwrap();
//! assert_eq!(pg.sql, r#"SELECT "track"."name" FROM "track" WHERE "track"."milliseconds" > $1"#);
//! let my = render(&statement, &MySql::default()).unwrap();
//! assert_eq!(my.sql, "SELECT `track`.`name` FROM `track` WHERE `track`.`milliseconds` > ?");
//! let lite = render(&statement, &Sqlite::default()).unwrap();
//! assert_eq!(lite.params, vec![dovetail::value::Value::I64(300_000)]);
//! ```
//!
//! A [`connection::Connection`] opened from a URL executes rendered statements and returns rows
//! whose cells decode into Rust types by index.

pub mod ast;
pub mod connection;
pub mod dsl;
pub mod error;
pub mod pool;
pub mod prelude;
pub mod render;
pub mod value;

pub use connection::{Connection, Row, connect};
pub use dovetail_macros::{Insertable, Queryable, table};
pub use error::{Backend, DecodeError, Error, Result, Violation};
