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
//!
//! Every statement is prepared once per connection and kept in a bounded LRU
//! ([`Connection::set_statement_cache_capacity`]), and logged through `tracing` (see
//! [`Connection::execute_sql`]).

pub(crate) mod driver;
mod log;
pub(crate) mod routed;
mod row;
mod server_transaction;
mod statement_cache;
pub mod transaction;
pub(crate) mod url;

#[cfg(feature = "mysql")]
pub mod mysql;
#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(feature = "sqlite")]
pub mod sqlite;

pub use crate::value::Cells;
pub use row::Row;
#[cfg(feature = "tokio")]
pub(crate) use row::RowBuilder;
pub use statement_cache::DEFAULT_CAPACITY as DEFAULT_STATEMENT_CACHE_CAPACITY;
pub use transaction::{
    IsolationLevel, SqliteLocking, Transaction, TransactionExt, TransactionOptions,
};
pub use url::{ConnectionUrl, connect};

use std::time::Instant;

use driver::{Driver, Sink};

use crate::ast::Statement;
use crate::error::{Backend, Error, Result};
use crate::render::{Dialect, render_cached};
use crate::value::Value;

/// A live connection to one database.
///
/// The `*_sql` methods take SQL text in the connection's own dialect with `?` / `$n`
/// placeholders; [`Connection::execute`] and [`Connection::query`] render an [`ast`](crate::ast)
/// statement for the connection's dialect first.
///
/// Each statement is one `tracing` event at `DEBUG` level, target `dovetail::sql`, with the
/// fields `sql`, `params` (how many), `rows`, `elapsed_us` and `cache` (`hit`, `miss`, `off`
/// when the cache is turned off, or `none` for parameterless scripts), plus `values` once [`Connection::log_values`] is on;
/// a failed statement is a `WARN` event with the `error`. Nothing is logged unless a
/// subscriber is installed.
///
/// The trait is sealed: the connections of this crate (and boxes of them) implement it.
pub trait Connection: driver::Driver {
    /// The server this connection talks to.
    fn backend(&self) -> Backend;

    /// The SQL dialect of that server, at its version.
    fn dialect(&self) -> &dyn Dialect;

    /// Runs one statement and returns the number of rows it affected (or returned, for a
    /// statement that returns rows).
    fn execute_sql(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        logged(self, sql, params, |conn| conn.run(sql, params, Sink::Count))
    }

    /// Runs one statement and returns the rows it produced.
    fn query_sql(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let (mut builder, mut rows) = (row::RowBuilder::default(), Vec::new());
        collect_cells(self, sql, params, &mut |cells| {
            rows.push(builder.build(cells)?);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Runs one statement and hands each row to `each` as the server sends it, without holding
    /// the result in memory; returns how many rows there were. An error from `each` stops the
    /// statement and is returned.
    ///
    /// ```
    /// let mut conn = dovetail::connect("sqlite::memory:")?;
    /// let mut total = 0_i64;
    /// let rows = conn.stream_sql(
    ///     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n",
    ///     &[1000_i64.into()],
    ///     &mut |row| {
    ///         total += row.get::<i64>(0)?;
    ///         Ok(())
    ///     },
    /// )?;
    /// assert_eq!((rows, total), (1000, 500_500));
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    fn stream_sql(
        &mut self,
        sql: &str,
        params: &[Value],
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<u64> {
        let mut rows = row::RowBuilder::default();
        self.stream_cells(sql, params, &mut |cells| each(rows.build(cells)?))
    }

    /// [`Connection::stream_sql`] handing over each row's [`Cells`] as the driver delivered
    /// them, for decoders that move each cell straight into its Rust value.
    fn stream_cells(
        &mut self,
        sql: &str,
        params: &[Value],
        each: &mut dyn FnMut(&mut dyn Cells) -> Result<()>,
    ) -> Result<u64> {
        logged(self, sql, params, |conn| {
            conn.run(sql, params, Sink::Stream(each))
        })
    }

    /// Runs several `;`-separated statements without parameters (DDL, scripts).
    fn batch_execute(&mut self, sql: &str) -> Result<()> {
        logged(self, sql, &[], |conn| {
            conn.run_script(sql).map(|()| driver::Ran {
                rows: 0,
                cache: driver::CacheUse::Unprepared,
            })
        })
        .map(|_| ())
    }

    /// Renders `statement` for this connection's dialect and runs it; returns rows affected.
    fn execute(&mut self, statement: &Statement) -> Result<u64> {
        let rendered = render_cached(statement, self.dialect())?;
        self.execute_sql(&rendered.sql, &rendered.params)
    }

    /// Renders `statement` for this connection's dialect and returns its rows.
    fn query(&mut self, statement: &Statement) -> Result<Vec<Row>> {
        let rendered = render_cached(statement, self.dialect())?;
        self.query_sql(&rendered.sql, &rendered.params)
    }

    /// Renders `statement` for this connection's dialect and streams its rows to `each` (see
    /// [`Connection::stream_sql`]).
    fn stream(
        &mut self,
        statement: &Statement,
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<u64> {
        let rendered = render_cached(statement, self.dialect())?;
        self.stream_sql(&rendered.sql, &rendered.params, each)
    }

    /// How many transactions are open: 0 outside any, 1 in a transaction, one more per
    /// savepoint (see [`TransactionExt`]).
    fn transaction_depth(&self) -> u32 {
        self.session_ref().depth
    }

    /// Whether the connection to the server was lost ([`Error::ConnectionLost`], or an
    /// [`Error::PacketTooLarge`] the server closed it over); such a connection fails every
    /// statement with [`Error::ConnectionLost`] and a pool discards it.
    fn is_broken(&self) -> bool {
        self.session_ref().broken
    }

    /// Includes each statement's bound values in its log event (off by default: values may be
    /// personal data).
    fn log_values(&mut self, on: bool) {
        self.session().log_values = on;
    }

    /// Keeps at most `capacity` prepared statements on this connection (default
    /// [`DEFAULT_STATEMENT_CACHE_CAPACITY`]); the least recently used are closed first. With 0,
    /// each statement is prepared for one use and closed after it.
    fn set_statement_cache_capacity(&mut self, capacity: usize) {
        self.set_cache_capacity(capacity);
    }

    /// How many prepared statements this connection holds.
    fn cached_statements(&self) -> usize {
        self.cache_len()
    }
}

/// Runs `sql` and hands each row's cells to `each`, for a caller that keeps every row (the
/// driver may read the whole result first).
pub(crate) fn collect_cells<C: Connection + ?Sized>(
    conn: &mut C,
    sql: &str,
    params: &[Value],
    each: &mut dyn FnMut(&mut dyn Cells) -> Result<()>,
) -> Result<u64> {
    logged(conn, sql, params, |conn| {
        conn.run(sql, params, Sink::Collect(each))
    })
}

/// Runs `body`, logs it, and marks the connection broken when the server went away. A
/// statement with more parameters than the dialect takes is refused before it is sent.
fn logged<C: Connection + ?Sized>(
    conn: &mut C,
    sql: &str,
    params: &[Value],
    body: impl FnOnce(&mut C) -> Result<driver::Ran>,
) -> Result<u64> {
    refuse(conn.session_ref(), conn.backend(), conn.dialect(), params)?;
    let started = log_start();
    let outcome = body(conn);
    finish(conn.session(), sql, params, started, outcome)
}

/// Refuses a statement before it is sent: on a connection lost earlier, or with more
/// parameters than the dialect takes.
pub(crate) fn refuse(
    session: &driver::Session,
    backend: Backend,
    dialect: &dyn Dialect,
    params: &[Value],
) -> Result<()> {
    if session.broken {
        return Err(Error::ConnectionLost {
            backend,
            message: "the connection was lost earlier; open a new one".into(),
            source: None,
        });
    }
    let limit = dialect.max_params();
    if params.len() > limit {
        return Err(Error::TooManyParameters {
            backend,
            count: params.len(),
            limit,
        });
    }
    Ok(())
}

/// When a statement's log event needs its duration: the time it starts, if anything listens.
pub(crate) fn log_start() -> Option<Instant> {
    log::enabled().then(Instant::now)
}

/// Logs a statement that ran (begun at `started`, when anything listens) and marks the
/// session broken when the server went away.
pub(crate) fn finish(
    session: &mut driver::Session,
    sql: &str,
    params: &[Value],
    started: Option<Instant>,
    outcome: Result<driver::Ran>,
) -> Result<u64> {
    if let Some(started) = started {
        log::statement(sql, params, session.log_values, started.elapsed(), &outcome);
    }
    match outcome {
        Ok(ran) => Ok(ran.rows),
        Err(error) => {
            if matches!(
                error,
                Error::ConnectionLost { .. }
                    | Error::PacketTooLarge {
                        connection_lost: true,
                        ..
                    }
            ) {
                session.broken = true;
            }
            Err(error)
        }
    }
}

impl<C: Connection + ?Sized> Driver for Box<C> {
    fn run(&mut self, sql: &str, params: &[Value], sink: Sink<'_>) -> Result<driver::Ran> {
        (**self).run(sql, params, sink)
    }

    fn run_script(&mut self, sql: &str) -> Result<()> {
        (**self).run_script(sql)
    }

    fn session(&mut self) -> &mut driver::Session {
        (**self).session()
    }

    fn session_ref(&self) -> &driver::Session {
        (**self).session_ref()
    }

    fn set_cache_capacity(&mut self, capacity: usize) {
        (**self).set_cache_capacity(capacity);
    }

    fn cache_len(&self) -> usize {
        (**self).cache_len()
    }

    fn server_in_transaction(&self) -> bool {
        (**self).server_in_transaction()
    }
}

/// A boxed connection is a connection, so `&mut Box<dyn Connection>` (what [`connect`] and a
/// pool hand out) can be passed wherever a connection is expected.
impl<C: Connection + ?Sized> Connection for Box<C> {
    fn backend(&self) -> Backend {
        (**self).backend()
    }

    fn dialect(&self) -> &dyn Dialect {
        (**self).dialect()
    }
}
