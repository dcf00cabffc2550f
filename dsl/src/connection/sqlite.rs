//! SQLite through `rusqlite`: an embedded file or in-memory database.
//!
//! SQLite has five storage classes, so values without one of their own are stored in the text
//! forms of `value/text_formats.rs`: decimals, dates, times, timestamps (UTC for time-zone-aware ones),
//! UUIDs and JSON. Booleans are stored as 0 and 1.

mod declared;
mod errors;
mod naming;
mod numeric;

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::types::{ToSqlOutput, Value as Param, ValueRef};

use super::driver::{Driver, Ran, Session, Sink};
use super::statement_cache::{DEFAULT_CAPACITY, StatementCache};
use super::{Cells, Connection};
use crate::error::{Backend, DecodeError, Error, Result};
use crate::render::{Dialect, Sqlite, Version};
use rust_decimal::Decimal;

use crate::value::{Value, text_formats};
use naming::Failed;

/// A connection to a SQLite database, with foreign keys enforced and query plans that do not
/// depend on bound values (SQLite's query planner stability guarantee), so a cached statement
/// runs again without being prepared anew; `LIKE ?` then does not narrow an index range by its
/// pattern.
///
/// ```
/// use dovetail::Connection;
/// use dovetail::connection::sqlite::SqliteConnection;
///
/// let mut conn = SqliteConnection::open_in_memory()?;
/// let rows = conn.query_sql("SELECT 1 + ?", &[41_i64.into()])?;
/// assert_eq!(rows[0].get::<i64>(0)?, 42);
/// # Ok::<(), dovetail::Error>(())
/// ```
#[derive(Debug)]
pub struct SqliteConnection {
    conn: rusqlite::Connection,
    dialect: Sqlite,
    session: Session,
    /// Mirrors rusqlite's own LRU of prepared statements (same capacity, same order of use),
    /// so hits and misses can be logged.
    statements: StatementCache<()>,
}

impl SqliteConnection {
    /// Opens (creating it if needed) the database file at `path`, whose directory must exist.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteConnection> {
        let path = path.as_ref();
        if let Some(dir) = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
        {
            let message = format!(
                "cannot open `{}`: directory `{}` does not exist",
                path.display(),
                dir.display()
            );
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, message.clone());
            return Err(errors::connect(message, source));
        }
        let conn = rusqlite::Connection::open(path)
            .map_err(|e| errors::connect(format!("cannot open `{}`: {e}", path.display()), e))?;
        SqliteConnection::init(conn)
    }

    /// Opens a private, empty in-memory database.
    pub fn open_in_memory() -> Result<SqliteConnection> {
        let conn = rusqlite::Connection::open_in_memory()
            .map_err(|e| errors::connect(format!("cannot open an in-memory database: {e}"), e))?;
        SqliteConnection::init(conn)
    }

    fn init(conn: rusqlite::Connection) -> Result<SqliteConnection> {
        conn.execute_batch("PRAGMA foreign_keys = ON")
            .map_err(errors::map)?;
        // Plans that do not depend on bound values (SQLite's query planner stability
        // guarantee). Otherwise a plan that did (the bundled SQLite has STAT4) marks its
        // statement, and rusqlite's cache, which clears a statement's bindings when it takes it
        // back, makes SQLite prepare that statement anew on every run: most of the cost of a
        // small join. The price: `LIKE ?` does not narrow an index range by its pattern.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(errors::map)?;
        let version = u32::try_from(rusqlite::version_number()).unwrap_or_default();
        let version = Version::new(
            version / 1_000_000,
            version / 1_000 % 1_000,
            version % 1_000,
        );
        conn.set_prepared_statement_cache_capacity(DEFAULT_CAPACITY);
        Ok(SqliteConnection {
            conn,
            dialect: Sqlite::new(version),
            session: Session::default(),
            statements: StatementCache::new(),
        })
    }
}

impl Connection for SqliteConnection {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn dialect(&self) -> &dyn Dialect {
        &self.dialect
    }
}

/// Why a statement failed: SQLite refused it, or something else did (a parameter that cannot be
/// bound, the caller's row callback).
enum Failure {
    Sqlite(rusqlite::Error),
    Other(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Other(error)
    }
}

impl SqliteConnection {
    /// Runs one statement (see [`Driver::run`]).
    fn run_statement(
        &mut self,
        sql: &str,
        params: &[Value],
        mut sink: Sink<'_>,
    ) -> std::result::Result<Ran, Failure> {
        let params = encode_all(params)?;
        let mut statement = self.conn.prepare_cached(sql).map_err(Failure::Sqlite)?;
        let (_, cache, _) = self.statements.get_or_prepare(sql, |_| Ok(()))?;
        let readonly = statement.readonly();
        let no_columns = statement.column_count() == 0;
        let mut rows = statement
            .query(rusqlite::params_from_iter(&params))
            .map_err(Failure::Sqlite)?;
        let mut returned = 0;
        while let Some(row) = rows.next().map_err(Failure::Sqlite)? {
            returned += 1;
            if let Sink::Stream(each) | Sink::Collect(each) = &mut sink {
                each(&mut SqliteCells { row })?;
            }
        }
        drop(rows);
        drop(statement);
        // `changes()` still holds the previous write's count after a read.
        let rows = match (&sink, readonly) {
            (Sink::Count, false) if no_columns => self.conn.changes(),
            _ => returned,
        };
        Ok(Ran { rows, cache })
    }
}

impl Driver for SqliteConnection {
    /// SQLite's own failures become typed errors, their constraint named where the schema
    /// has a name for it.
    fn run(&mut self, sql: &str, params: &[Value], sink: Sink<'_>) -> Result<Ran> {
        self.run_statement(sql, params, sink)
            .map_err(|failure| match failure {
                Failure::Sqlite(error) => naming::name_violation(
                    &self.conn,
                    Failed::Statement(sql, params),
                    errors::map(error),
                ),
                Failure::Other(error) => error,
            })
    }

    fn run_script(&mut self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql).map_err(|error| {
            naming::name_violation(&self.conn, Failed::Script(sql), errors::map(error))
        })
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
        self.conn.set_prepared_statement_cache_capacity(capacity);
        self.statements.resize(capacity);
    }

    fn server_in_transaction(&self) -> bool {
        !self.conn.is_autocommit()
    }
}

fn encode_all(params: &[Value]) -> Result<Vec<ToSqlOutput<'_>>> {
    params
        .iter()
        .enumerate()
        .map(|(i, value)| encode(i + 1, value))
        .collect()
}

/// The storage class and form `value` is kept in; text and blobs are lent, not copied.
fn encode(index: usize, value: &Value) -> Result<ToSqlOutput<'_>> {
    Ok(ToSqlOutput::Owned(match value {
        Value::Text(text) => return Ok(ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes()))),
        Value::Bytes(bytes) => return Ok(ToSqlOutput::Borrowed(ValueRef::Blob(bytes))),
        Value::Null => Param::Null,
        Value::Bool(b) => Param::Integer(i64::from(*b)),
        Value::F64(x) if x.is_nan() => return Err(nan(index, value)),
        Value::F32(x) if x.is_nan() => return Err(nan(index, value)),
        Value::F32(x) => Param::Real(f64::from(*x)),
        Value::F64(x) => Param::Real(*x),
        Value::Decimal(d) => numeric::encode(index, *d)?,
        Value::Date(d) => Param::Text(text_formats::format_date(*d)),
        Value::Time(t) => Param::Text(text_formats::format_time(*t)),
        Value::Timestamp(t) => Param::Text(text_formats::format_timestamp(*t)),
        Value::TimestampTz(t) => Param::Text(text_formats::format_timestamptz(*t)),
        Value::Uuid(u) => Param::Text(text_formats::format_uuid(*u)),
        Value::Json(j) => Param::Text(text_formats::format_json(j)),
        Value::Array(_) => {
            return Err(Error::Encode {
                backend: Backend::Sqlite,
                index,
                kind: value.kind(),
                reason: "SQLite has no array type".into(),
            });
        }
        Value::I8(n) => Param::Integer(i64::from(*n)),
        Value::I16(n) => Param::Integer(i64::from(*n)),
        Value::I32(n) => Param::Integer(i64::from(*n)),
        Value::I64(n) => Param::Integer(*n),
        Value::U8(n) => Param::Integer(i64::from(*n)),
        Value::U16(n) => Param::Integer(i64::from(*n)),
        Value::U32(n) => Param::Integer(i64::from(*n)),
        Value::U64(n) => Param::Integer(i64::try_from(*n).map_err(|_| Error::Encode {
            backend: Backend::Sqlite,
            index,
            kind: value.kind(),
            reason: format!("{n} does not fit in SQLite's 64-bit signed INTEGER"),
        })?),
    }))
}

/// SQLite would store NaN as NULL.
fn nan(index: usize, value: &Value) -> Error {
    Error::Encode {
        backend: Backend::Sqlite,
        index,
        kind: value.kind(),
        reason: "SQLite cannot store NaN (it would be NULL)".into(),
    }
}

/// A row being stepped over, its cells decoded one at a time.
struct SqliteCells<'a, 'stmt> {
    row: &'a rusqlite::Row<'stmt>,
}

impl Cells for SqliteCells<'_, '_> {
    fn len(&self) -> usize {
        self.row.as_ref().column_count()
    }

    fn column_name(&self, index: usize) -> &str {
        self.row.as_ref().column_name(index).unwrap_or("?")
    }

    fn take(&mut self, index: usize) -> Result<Value> {
        let cell = self.row.get_ref(index).map_err(errors::map)?;
        Ok(decode(cell).map_err(|e| e.in_column(index, self.column_name(index)))?)
    }

    fn take_text(&mut self, index: usize) -> Option<Result<Option<String>>> {
        match self.row.get_ref(index).ok()? {
            ValueRef::Null => Some(Ok(None)),
            // Invalid UTF-8 takes the general path, which words the error.
            ValueRef::Text(bytes) => std::str::from_utf8(bytes)
                .ok()
                .map(|text| Ok(Some(text.to_owned()))),
            _ => None,
        }
    }

    fn take_i64(&mut self, index: usize) -> Option<Result<Option<i64>>> {
        match self.row.get_ref(index).ok()? {
            ValueRef::Null => Some(Ok(None)),
            ValueRef::Integer(n) => Some(Ok(Some(n))),
            _ => None,
        }
    }

    fn take_i32(&mut self, index: usize) -> Option<Result<Option<i32>>> {
        match self.row.get_ref(index).ok()? {
            ValueRef::Null => Some(Ok(None)),
            // Out of range takes the general path, which words the error.
            ValueRef::Integer(n) => i32::try_from(n).ok().map(|n| Ok(Some(n))),
            _ => None,
        }
    }

    /// Numbers at the scale of the column they come from, where it is declared with one.
    fn take_decimal(&mut self, index: usize) -> Option<Result<Option<Decimal>>> {
        let cell = self.row.get_ref(index).ok()?;
        if !matches!(cell, ValueRef::Real(_) | ValueRef::Integer(_)) {
            return None;
        }
        let column = self.row.as_ref().columns().nth(index)?;
        let scale = numeric::declared_scale(column.decl_type()?)?;
        let d = match cell {
            ValueRef::Integer(n) => Decimal::from(n),
            ValueRef::Real(x) => numeric::shortest(x)?,
            _ => return None,
        };
        Some(Ok(Some(numeric::at_scale(d, scale))))
    }
}

fn decode(cell: ValueRef<'_>) -> Result<Value, DecodeError> {
    Ok(match cell {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::I64(n),
        ValueRef::Real(x) => Value::F64(x),
        ValueRef::Text(bytes) => Value::Text(
            String::from_utf8(bytes.to_vec())
                .map_err(|e| DecodeError::new("text", "invalid UTF-8").because(e.to_string()))?,
        ),
        ValueRef::Blob(bytes) => Value::Bytes(bytes.to_vec()),
    })
}
