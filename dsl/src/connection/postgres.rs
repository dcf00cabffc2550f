//! PostgreSQL through the synchronous `postgres` crate, without TLS.
//!
//! Parameters are bound as the type the server inferred for each placeholder (see
//! `postgres/types.rs`): an `i64` bound to a `SMALLINT` column is range-checked and sent as `int2`, never
//! wrapped. Cells are decoded by their column type.
//!
//! Behind a transaction pooler (pgbouncer's `pool_mode = transaction`), where each transaction
//! — each statement, outside one — may run on another server connection, named prepared
//! statements cannot be kept: the URL setting `statement_cache=unnamed` prepares each statement
//! unnamed in the round trip that runs it, its parameters declared by their values' types
//! (`types::declared`).

mod errors;
#[cfg(feature = "tokio")]
pub(crate) mod native;
mod numeric;
mod ranges;
mod types;
mod unnamed;

use std::str::FromStr;
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{FromSql, ToSql, Type};
use postgres::{Client, Config, NoTls, Statement};

use super::driver::{CacheUse, Driver, Ran, Session, Sink};
use super::server_transaction;
use super::statement_cache::StatementCache;
use super::{Cells, Connection};
use crate::error::{Backend, Result};
use crate::render::{Dialect, Postgres};
use crate::value::Value;
use errors::Stale;

/// How long to wait for the server when the URL sets no `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection to a PostgreSQL server.
///
/// ```no_run
/// use dovetail::Connection;
/// use dovetail::connection::postgres::PostgresConnection;
///
/// let mut conn = PostgresConnection::connect("postgres://root@127.0.0.1:5432/test")?;
/// let rows = conn.query_sql("SELECT $1::int8 + 1", &[41_i64.into()])?;
/// assert_eq!(rows[0].get::<i64>(0)?, 42);
/// # Ok::<(), dovetail::Error>(())
/// ```
pub struct PostgresConnection {
    client: Client,
    session: Session,
    statements: StatementCache<Prepared>,
    /// `statement_cache=unnamed`: no statement is kept on the server.
    unnamed: bool,
}

impl std::fmt::Debug for PostgresConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresConnection").finish_non_exhaustive()
    }
}

impl PostgresConnection {
    /// Connects to the `postgres://` or `postgresql://` URL `url`.
    ///
    /// Besides the driver's own settings, the URL may say `statement_cache=unnamed`: prepare
    /// each statement unnamed in the round trip that runs it, keeping none on the server — what
    /// a transaction pooler (pgbouncer's `pool_mode = transaction`) needs, where consecutive
    /// statements may reach different server connections. The default, `named`, prepares each
    /// statement once and runs it by name afterwards.
    ///
    /// A URL the driver cannot read is [`crate::Error::InvalidUrl`]; a server that cannot be
    /// reached, refuses the login or has no such database is [`crate::Error::Connect`].
    ///
    /// ```no_run
    /// use dovetail::Connection;
    /// use dovetail::connection::postgres::PostgresConnection;
    ///
    /// // pgbouncer in transaction mode on port 6432
    /// let mut conn = PostgresConnection::connect(
    ///     "postgres://app@127.0.0.1:6432/shop?statement_cache=unnamed",
    /// )?;
    /// assert_eq!(conn.query_sql("SELECT $1::int8 * 2", &[21_i64.into()])?[0].get::<i64>(0)?, 42);
    /// assert_eq!(conn.cached_statements(), 0);
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    pub fn connect(url: &str) -> Result<PostgresConnection> {
        let (config, settings) = config::<Config>(url)?;
        let client = config.connect(NoTls).map_err(errors::connect)?;
        Ok(PostgresConnection {
            client,
            session: Session::default(),
            statements: StatementCache::new(),
            unnamed: settings.unnamed,
        })
    }
}

impl Connection for PostgresConnection {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn dialect(&self) -> &dyn Dialect {
        &Postgres
    }
}

impl Driver for PostgresConnection {
    /// A cached statement the server refuses as stale is prepared again (see `recover`).
    fn run(&mut self, sql: &str, params: &[Value], mut sink: Sink<'_>) -> Result<Ran> {
        if self.unnamed {
            return self.run_unnamed(sql, params, sink);
        }
        match self.run_prepared(sql, params, &mut sink) {
            Err((error, CacheUse::Hit)) => {
                let in_transaction = self.server_in_transaction();
                recover(&mut self.statements, sql, error, in_transaction)?;
                self.run_prepared(sql, params, &mut sink)
                    .map_err(|(e, _)| e)
            }
            other => other.map_err(|(error, _)| error),
        }
    }

    fn run_script(&mut self, sql: &str) -> Result<()> {
        self.note_transaction_openers(sql);
        self.client.batch_execute(sql).map_err(errors::map)
    }

    fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    fn session_ref(&self) -> &Session {
        &self.session
    }

    fn cache_len(&self) -> usize {
        self.statements.len()
    }

    fn set_cache_capacity(&mut self, capacity: usize) {
        drop(self.statements.resize(capacity));
    }

    /// The driver does not expose the server's transaction status: whether a statement may
    /// have opened a transaction is noted as it runs.
    fn server_in_transaction(&self) -> bool {
        self.session.depth > 0 || self.session.may_be_in_transaction
    }
}

impl PostgresConnection {
    /// Runs `sql` through the statement cache; a failure comes with whether the statement
    /// came from the cache.
    fn run_prepared(
        &mut self,
        sql: &str,
        params: &[Value],
        sink: &mut Sink<'_>,
    ) -> std::result::Result<Ran, (crate::Error, CacheUse)> {
        let client = &mut self.client;
        let prepare = |sql: &str| {
            let statement = client.prepare(sql).map_err(errors::map)?;
            let may_open = server_transaction::may_open(sql);
            Ok(Prepared {
                statement,
                may_open,
            })
        };
        let (prepared, cache, evicted) = self
            .statements
            .get_or_prepare(sql, prepare)
            .map_err(|error| (error, CacheUse::Miss))?;
        // Dropping a statement closes it on the server.
        drop(evicted);
        if prepared.may_open && self.session.depth == 0 {
            self.session.may_be_in_transaction = true;
        }
        let statement = prepared.statement;
        let params = types::params(params, self.session.log_values);
        let rows = match sink {
            Sink::Count if statement.columns().is_empty() => client
                .execute(&statement, &refs(&params))
                .map_err(errors::map),
            // One pass of the driver's event loop for the whole result, rather than one per row.
            Sink::Count | Sink::Collect(_) => client
                .query(&statement, &refs(&params))
                .map_err(errors::map)
                .and_then(|rows| {
                    if let Sink::Collect(each) = sink {
                        for (index, row) in rows.iter().enumerate() {
                            let rows_after = rows.len() - index - 1;
                            each(&mut PostgresCells { row, rows_after })?;
                        }
                    }
                    Ok(rows.len() as u64)
                }),
            Sink::Stream(each) => stream(client, &statement, &params, *each),
        };
        rows.map(|rows| Ran { rows, cache })
            .map_err(|error| (error, cache))
    }

    /// Runs `sql` prepared unnamed in the round trip that runs it (`statement_cache=unnamed`).
    fn run_unnamed(&mut self, sql: &str, params: &[Value], mut sink: Sink<'_>) -> Result<Ran> {
        self.note_transaction_openers(sql);
        let params = types::params(params, self.session.log_values);
        let declared = params
            .iter()
            .map(|p| (p as &(dyn ToSql + Sync), p.declared()));
        let mut rows = self
            .client
            .query_typed_raw(sql, declared)
            .map_err(errors::map)?;
        let mut returned = 0;
        while let Some(row) = rows.next().map_err(errors::map)? {
            returned += 1;
            if let Sink::Stream(each) | Sink::Collect(each) = &mut sink {
                each(&mut PostgresCells {
                    row: &row,
                    rows_after: 0,
                })?;
            }
        }
        Ok(Ran {
            // The rows a write wrote, or a query returned.
            rows: rows.rows_affected().unwrap_or(returned),
            cache: CacheUse::Unnamed,
        })
    }

    /// Notes a statement, run outside dovetail's transactions, that may open one.
    fn note_transaction_openers(&mut self, sql: &str) {
        if self.session.depth == 0 && server_transaction::may_open(sql) {
            self.session.may_be_in_transaction = true;
        }
    }
}

/// dovetail's own settings in a PostgreSQL URL.
#[derive(Debug, Default, Clone, Copy)]
struct Settings {
    /// `statement_cache=unnamed`.
    unnamed: bool,
}

/// The driver's configuration from `url` (without dovetail's own settings, which the driver
/// would refuse), a connect timeout when the URL sets none, and dovetail's settings.
fn config<C>(url: &str) -> Result<(C, Settings)>
where
    C: FromStr<Err = postgres::Error> + ConnectTimeout,
{
    let (driver_url, settings) = settings(url)?;
    let mut config =
        C::from_str(&driver_url).map_err(|e| super::url::invalid(url, errors::one_line(&e)))?;
    config.default_timeout(CONNECT_TIMEOUT);
    Ok((config, settings))
}

/// The two drivers' configurations (blocking and async), for [`config`].
trait ConnectTimeout {
    /// Sets `timeout` unless the URL set one.
    fn default_timeout(&mut self, timeout: Duration);
}

impl ConnectTimeout for Config {
    fn default_timeout(&mut self, timeout: Duration) {
        if self.get_connect_timeout().is_none() {
            self.connect_timeout(timeout);
        }
    }
}

/// `url` without dovetail's settings, and those settings.
fn settings(url: &str) -> Result<(String, Settings)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), Settings::default()));
    };
    let mut settings = Settings::default();
    let mut kept = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("statement_cache", value)) => {
                settings.unnamed = match value {
                    "unnamed" => true,
                    "named" => false,
                    other => {
                        return Err(super::url::invalid(
                            url,
                            format!("statement_cache is `named` or `unnamed`, not `{other}`"),
                        ));
                    }
                }
            }
            _ => kept.push(pair),
        }
    }
    Ok(match kept.is_empty() {
        true => (base.to_owned(), settings),
        false => (format!("{base}?{}", kept.join("&")), settings),
    })
}

/// A prepared statement, and whether its text may open a transaction block (`BEGIN`, `START`):
/// read once, when it is prepared.
#[derive(Clone)]
struct Prepared {
    statement: Statement,
    may_open: bool,
}

/// After a cached statement failed with `error`: `Ok` when it should be prepared again and run
/// once more — the server refused it because its table changed since it was prepared (or its
/// parameters no longer fit the old column types). Inside a transaction, which the server has
/// then aborted, the statements are dropped and the error is
/// [`crate::Error::StaleStatement`], which is retryable.
fn recover(
    statements: &mut StatementCache<Prepared>,
    sql: &str,
    error: crate::Error,
    in_transaction: bool,
) -> Result<()> {
    match errors::staleness(&error) {
        None => Err(error),
        Some(Stale::Parameters) => {
            drop(statements.remove(sql));
            Ok(())
        }
        Some(Stale::Plan) => {
            // Other statements on the altered table are stale too.
            drop(statements.clear());
            match in_transaction {
                true => Err(errors::stale_statement(error)),
                false => Ok(()),
            }
        }
    }
}

/// Reads the rows of `statement` one message at a time (the driver fetches them from the
/// socket as the iterator advances), handing each to `each`.
fn stream(
    client: &mut Client,
    statement: &Statement,
    params: &[types::Param<'_>],
    each: &mut dyn FnMut(&mut dyn Cells) -> Result<()>,
) -> Result<u64> {
    let mut rows = client
        .query_raw(statement, params.iter().map(|p| p as &(dyn ToSql + Sync)))
        .map_err(errors::map)?;
    let mut count = 0;
    while let Some(row) = rows.next().map_err(errors::map)? {
        count += 1;
        let rows_after = 0;
        each(&mut PostgresCells {
            row: &row,
            rows_after,
        })?;
    }
    Ok(count)
}

fn refs<'a>(params: &'a [types::Param<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

/// A row of the stream, its cells decoded one at a time.
struct PostgresCells<'a> {
    row: &'a postgres::Row,
    /// Rows of the result after this one, read already (0 when streaming).
    rows_after: usize,
}

impl Cells for PostgresCells<'_> {
    fn len(&self) -> usize {
        self.row.len()
    }

    fn rows_after(&self) -> usize {
        self.rows_after
    }

    fn column_name(&self, index: usize) -> &str {
        self.row.columns().get(index).map_or("?", |c| c.name())
    }

    fn take(&mut self, index: usize) -> Result<Value> {
        self.row
            .try_get::<_, Value>(index)
            .map_err(|e| errors::cell(e, index, self.column_name(index)))
    }

    fn take_text(&mut self, index: usize) -> Option<Result<Option<String>>> {
        let column = self.row.columns().get(index)?;
        // Text types only: enum labels, which decode as text too, take the general path.
        <String as FromSql>::accepts(column.type_()).then(|| self.direct(index))
    }

    fn take_i64(&mut self, index: usize) -> Option<Result<Option<i64>>> {
        let column = self.row.columns().get(index)?;
        (*column.type_() == Type::INT8).then(|| self.direct(index))
    }

    fn take_i32(&mut self, index: usize) -> Option<Result<Option<i32>>> {
        let column = self.row.columns().get(index)?;
        (*column.type_() == Type::INT4).then(|| self.direct(index))
    }
}

impl PostgresCells<'_> {
    /// Cell `index` decoded by the driver itself (its column type is known to fit `T`).
    fn direct<T: for<'r> FromSql<'r>>(&self, index: usize) -> Result<Option<T>> {
        self.row
            .try_get::<_, Option<T>>(index)
            .map_err(|e| errors::cell(e, index, self.column_name(index)))
    }
}
