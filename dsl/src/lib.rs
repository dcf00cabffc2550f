//! dovetail: SQL whose shape is checked by the compiler, rendered for PostgreSQL, MySQL/MariaDB
//! and SQLite, and run on each backend's own driver.
//!
//! Tables are declared with [`table!`] — by hand, or written by `schema-gen` from a live
//! database — and queries over them are typed: a column of a table the query does not read, a
//! comparison of a number with text, an ungrouped column beside an aggregate, or a nullable
//! column read into a non-`Option` field does not compile.
//!
//! ```
//! use dovetail::prelude::*;
//!
//! dovetail::table! {
//!     artist { id: Integer [identity], name: Text }
//!     primary_key (id);
//! }
//! dovetail::table! {
//!     album { id: Integer [identity], title: Text, artist_id: Integer, released: Nullable<Date> }
//!     primary_key (id);
//!     foreign_key artist (artist_id) references artist (id);
//! }
//!
//! let mut conn = dovetail::connect("sqlite::memory:")?;
//! conn.batch_execute(
//!     "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
//!      CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
//!                          artist_id INTEGER NOT NULL REFERENCES artist (id), released TEXT);
//!      INSERT INTO artist (name) VALUES ('AC/DC');
//!      INSERT INTO album (title, artist_id) VALUES ('Powerage', 1), ('Back in Black', 1);",
//! )?;
//! let albums: Vec<(String, Option<chrono::NaiveDate>)> = album::table
//!     .join_fk(artist::table)                        // along the declared foreign key
//!     .filter(artist::name.eq("AC/DC"))
//!     .select((album::title, album::released))
//!     .order_by(album::title)
//!     .load(&mut *conn)?;
//! assert_eq!(albums, [("Back in Black".to_string(), None), ("Powerage".to_string(), None)]);
//!
//! // The SQL, for any dialect, with its values bound:
//! let by_artist = album::table.filter(album::artist_id.eq(1)).select(count_star());
//! assert_eq!(
//!     by_artist.to_sql(&Postgres)?.sql,
//!     r#"SELECT COUNT(*) FROM "album" WHERE "album"."artist_id" = $1"#
//! );
//! # Ok::<(), dovetail::Error>(())
//! ```
//!
//! Every typed query lowers to one plain tree ([`ast`]) that one renderer ([`render`]) turns
//! into SQL text and bound parameters for a [`render::Dialect`]; the tree can also be built by
//! hand, and [`dsl::raw_sql`] and [`dsl::dynamic::DynamicQuery`] cover what the typed layer
//! does not say. A [`connection::Connection`] (or a [`pool::Pool`]) opened from a URL runs
//! them. The crates whose types appear in the API are re-exported: [`chrono`],
//! [`rust_decimal`], [`uuid`], [`serde_json`].

pub mod ast;
#[cfg(feature = "tokio")]
pub mod asynchronous;
pub mod connection;
pub mod dsl;
pub mod error;
pub mod model;
pub mod pool;
pub mod prelude;
pub mod render;
pub mod value;

#[cfg(feature = "tokio")]
pub use asynchronous::{AsyncConnection, AsyncPool, connect_async};
pub use connection::{Connection, Row, connect};
#[doc(hidden)]
pub use dovetail_macros::qualifier_id as __qualifier_id;
pub use dovetail_macros::{Changeset, Insertable, Model, Queryable, table};
pub use error::{Backend, DecodeError, Error, Result, Violation};
pub use {chrono, rust_decimal, serde_json, uuid};
