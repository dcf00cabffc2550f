//! Live connections: one type per backend behind the [`Connection`] trait, opened from a URL.
//!
//! ```no_run
//! let mut conn = dovetail::connect("sqlite::memory:")?;
//! conn.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")?;
//! conn.execute_sql("INSERT INTO t (id, name) VALUES (?, ?)", &[1_i64.into(), "one".into()])?;
//! let rows = conn.query_sql("SELECT name FROM t WHERE id = ?", &[1_i64.into()])?;
//! let name: String = rows[0].get(0)?;
//! assert_eq!(name, "one");
//! # Ok::<(), dovetail::Error>(())
//! ```

mod row;
mod url;

#[cfg(feature = "mysql")]
pub mod mysql;
#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(feature = "sqlite")]
pub mod sqlite;

pub use row::Row;
pub use url::{ConnectionUrl, connect};

use crate::ast::Statement;
use crate::error::{Backend, Result};
use crate::render::{Dialect, render};
use crate::value::Value;

/// A live connection to one database.
///
/// The `*_sql` methods take SQL text in the connection's own dialect with `?` / `$n`
/// placeholders; [`Connection::execute`] and [`Connection::query`] render an [`ast`](crate::ast)
/// statement for the connection's dialect first.
pub trait Connection: Send {
    /// The server this connection talks to.
    fn backend(&self) -> Backend;

    /// The SQL dialect of that server, at its version.
    fn dialect(&self) -> &dyn Dialect;

    /// Runs one statement and returns the number of rows it affected.
    fn execute_sql(&mut self, sql: &str, params: &[Value]) -> Result<u64>;

    /// Runs one statement and returns the rows it produced.
    fn query_sql(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>>;

    /// Runs several `;`-separated statements without parameters (DDL, scripts).
    fn batch_execute(&mut self, sql: &str) -> Result<()>;

    /// Renders `statement` for this connection's dialect and runs it; returns rows affected.
    fn execute(&mut self, statement: &Statement) -> Result<u64> {
        let rendered = render(statement, self.dialect())?;
        self.execute_sql(&rendered.sql, &rendered.params)
    }

    /// Renders `statement` for this connection's dialect and returns its rows.
    fn query(&mut self, statement: &Statement) -> Result<Vec<Row>> {
        let rendered = render(statement, self.dialect())?;
        self.query_sql(&rendered.sql, &rendered.params)
    }
}
