//! The one error type of the crate, with the same variants on every backend.

use std::fmt;

/// A driver's own error, kept as the source of ours.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The database server a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// SQLite, embedded through `rusqlite`.
    Sqlite,
    /// PostgreSQL, through the `postgres` crate.
    Postgres,
    /// MySQL or MariaDB, through the `mysql` crate.
    MySql,
}

impl Backend {
    /// Its name as people write it: `SQLite`, `PostgreSQL`, `MySQL`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
            Backend::MySql => "MySQL",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Everything that can go wrong, from parsing a URL to decoding a cell.
///
/// Constraint violations carry a [`Violation`] naming the constraint, table and column when the
/// server reports them, so callers can react to, say, a duplicate e-mail without parsing text:
///
/// ```
/// # fn handle(result: dovetail::Result<u64>) {
/// match result {
///     Err(dovetail::Error::UniqueViolation(v)) => eprintln!("taken: {:?}", v.constraint()),
///     Err(other) => eprintln!("{other}"),
///     Ok(rows) => println!("inserted {rows}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection URL could not be understood.
    #[error("invalid database url `{url}`: {reason}")]
    InvalidUrl {
        /// The URL, with any password replaced by `***`.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server could not be reached, refused the credentials, or has no such database.
    #[error("cannot connect to {backend}: {message}")]
    Connect {
        /// The backend that was being connected to.
        backend: Backend,
        /// The driver's explanation, on one line.
        message: String,
        /// The driver's error.
        #[source]
        source: BoxError,
    },
    /// A `UNIQUE` or `PRIMARY KEY` constraint rejected the statement.
    #[error("unique constraint violated: {0}")]
    UniqueViolation(Box<Violation>),
    /// A `FOREIGN KEY` constraint rejected the statement.
    #[error("foreign key constraint violated: {0}")]
    ForeignKeyViolation(Box<Violation>),
    /// A `NOT NULL` column was given `NULL`.
    #[error("not-null constraint violated: {0}")]
    NotNullViolation(Box<Violation>),
    /// A `CHECK` constraint rejected the statement.
    #[error("check constraint violated: {0}")]
    CheckViolation(Box<Violation>),
    /// The transaction lost a serialization conflict or a deadlock; retrying it may succeed.
    #[error(
        "transaction conflict on {backend} (serialization failure or deadlock), retry it: {message}"
    )]
    SerializationFailure {
        /// The backend that reported the conflict.
        backend: Backend,
        /// The server's message.
        message: String,
        /// The driver's error.
        #[source]
        source: BoxError,
    },
    /// A table the statement reads was altered after this connection prepared the statement
    /// (a migration ran while the application did), inside a transaction the server has
    /// therefore aborted. The connection dropped its prepared statements: running the
    /// transaction again prepares them afresh. (Outside a transaction the statement is
    /// prepared again and run at once, without an error.)
    #[error(
        "{backend}: a table changed after the statement was prepared, so the transaction was aborted; retry it: {message}"
    )]
    StaleStatement {
        /// The backend that refused the old plan.
        backend: Backend,
        /// The server's message.
        message: String,
        /// The driver's error.
        #[source]
        source: BoxError,
    },
    /// A lock the statement needed stayed held by another connection for longer than the wait
    /// allowed: SQLite's busy timeout ran out (`SQLITE_BUSY`; `SQLITE_LOCKED` when the holder
    /// is the same connection or shares its cache), MySQL's `innodb_lock_wait_timeout` (error
    /// 1205, or 3572 for `NOWAIT`), PostgreSQL's `lock_timeout` or `NOWAIT` (SQLSTATE 55P03).
    /// Once the holder finishes, the work may succeed: roll back and retry the whole
    /// transaction.
    ///
    /// Not a [`Error::SerializationFailure`]: nothing conflicted, the statement only waited,
    /// and the servers differ in what they undo — PostgreSQL aborts the transaction, MySQL
    /// undoes only the statement (unless `innodb_rollback_on_timeout`), SQLite keeps the
    /// transaction open — so the transaction may still hold the locks it took.
    #[error("lock wait timed out on {backend}: {message}")]
    LockTimeout {
        /// The backend whose lock was held.
        backend: Backend,
        /// The server's message.
        message: String,
        /// The driver's error.
        #[source]
        source: BoxError,
    },
    /// The connection to the server was lost (the server closed it, restarted, or the network
    /// failed) — as opposed to the server refusing a statement. The connection is unusable;
    /// on a fresh one (a pool hands one out) the work may be retried.
    #[error("connection to {backend} lost: {message}")]
    ConnectionLost {
        /// The backend the connection was to.
        backend: Backend,
        /// What the driver said, on one line.
        message: String,
        /// The driver's error, when there is one.
        #[source]
        source: Option<BoxError>,
    },
    /// The connection was lost while COMMIT was on its way or being answered: the server may
    /// have committed the transaction or not, and the client cannot tell. Not retryable as it
    /// stands: running the work again may do it twice. Look first (for a row the transaction
    /// wrote, or an idempotency key it stored) on a new connection, then redo it only if it is
    /// not there.
    #[error(
        "connection to {backend} lost during COMMIT: the transaction may or may not have been committed ({message})"
    )]
    CommitOutcomeUnknown {
        /// The backend the connection was to.
        backend: Backend,
        /// What the driver said, on one line.
        message: String,
        /// The driver's error, when there is one.
        #[source]
        source: Option<BoxError>,
    },
    /// The pool had no connection to give within its timeout (all in use, or the server cannot
    /// be reached: the message carries the last connection error).
    #[error("no pooled connection within {waited:?}: {message}")]
    PoolTimeout {
        /// How long the caller waited.
        waited: std::time::Duration,
        /// Why, as far as the pool knows.
        message: String,
    },
    /// The async caller stopped waiting: a [`RowStream`](crate::asynchronous::RowStream) was
    /// dropped before its last row, so its statement was stopped on the connection's thread.
    /// Only that statement's log event reports it; the connection stays usable.
    #[error("cancelled: {0}")]
    Cancelled(&'static str),
    /// A transaction was used wrongly: options on a nested transaction, commit without one.
    #[error("transaction: {0}")]
    Transaction(String),
    /// A result cell could not be turned into the requested Rust type.
    #[error("{0}")]
    Decode(#[from] DecodeError),
    /// A bind parameter could not be sent as the type the statement expects.
    #[error("cannot bind parameter {index} ({kind}) on {backend}: {reason}")]
    Encode {
        /// The backend the parameter was bound for.
        backend: Backend,
        /// 1-based position of the parameter.
        index: usize,
        /// The kind of value that was given (see [`crate::value::Value::kind`]).
        kind: &'static str,
        /// Why it does not fit.
        reason: String,
    },
    /// The statement binds more parameters than the backend takes in one statement; it was
    /// not sent. (Multi-row inserts are split to fit on their own; on PostgreSQL a typed
    /// `in_list` is one array parameter whatever its length.)
    #[error(
        "the statement binds {count} parameters, more than the {limit} {backend} takes in one statement; it was not sent"
    )]
    TooManyParameters {
        /// The backend the statement was for.
        backend: Backend,
        /// How many parameters it binds.
        count: usize,
        /// The most one statement may bind there.
        limit: usize,
    },
    /// More than the server takes at once (MySQL's `max_allowed_packet`): a statement's text or
    /// bound values, refused before anything is sent, or a value the statement computes
    /// (`REPEAT(…)`), refused by the server. Not retryable: the same work fails again until it
    /// sends less or the server's limit is raised. Should the server close the connection over
    /// it (a packet it cut off), `connection_lost` says so and the connection is broken
    /// ([`crate::Connection::is_broken`]), so a pool discards it — still the error is not
    /// retryable.
    #[error(
        "{} over {backend}'s max_allowed_packet of {limit} bytes{}",
        too_large(*size),
        if *connection_lost { "; the server closed the connection" } else { "" }
    )]
    PacketTooLarge {
        /// The backend that refused it.
        backend: Backend,
        /// How many bytes would have gone at once — the statement's text, its values, or its
        /// largest value where each is sent on its own; `None` when the server refused it
        /// without saying (a value it computed, or a packet it cut off).
        size: Option<u64>,
        /// The server's limit, in bytes.
        limit: u64,
        /// Whether the server closed the connection over it.
        connection_lost: bool,
        /// The driver's error, when the server or the driver refused it.
        #[source]
        source: Option<BoxError>,
    },
    /// The server refused a value its column's type cannot hold: out of its range (a MySQL
    /// `TIMESTAMP` outside 1970–2038, a number too large), too long (`VARCHAR(10)`), or an
    /// invalid date or time for it. Not retryable: the same value fails again.
    #[error("value out of range for {column_text}on {backend}: {message}", column_text = column.as_deref().map(|c| format!("column `{c}` ")).unwrap_or_default())]
    OutOfRange {
        /// The backend that refused it.
        backend: Backend,
        /// The column, when the server names it.
        column: Option<String>,
        /// The server's message.
        message: String,
        /// The driver's error.
        #[source]
        source: BoxError,
    },
    /// The statement uses a construct this SQL dialect cannot express.
    #[error("{construct} is not supported by {dialect}")]
    Unsupported {
        /// The construct, in SQL words (`"FULL OUTER JOIN"`).
        construct: String,
        /// The dialect that lacks it.
        dialect: &'static str,
    },
    /// A query expected to yield exactly one row yielded none (`one`, `reload`), or a NOT NULL
    /// foreign key references no row (`BelongsTo`, where the database enforces no constraint).
    #[error("the query yielded no row where one was expected")]
    NotFound,
    /// A query expected to yield at most one row yielded several (`one`, `optional`).
    #[error("the query yielded several rows where at most one was expected")]
    TooManyRows,
    /// An update or delete of a model with a version column matched no row: another writer
    /// changed the row (its version moved on) or deleted it since this one read it. Read it
    /// again and decide; retrying the same write would fail the same way.
    #[error("the row of `{table}` changed or was deleted since it was read")]
    StaleRow {
        /// The model's table.
        table: &'static str,
    },
    /// The statement tree is malformed, whatever the dialect (a `VALUES` row of the wrong
    /// length, a `SELECT` with nothing to select…).
    #[error("invalid statement: {0}")]
    InvalidStatement(String),
    /// An identifier cannot be quoted safely for this dialect.
    #[error("invalid identifier `{ident}`: {reason}")]
    InvalidIdentifier {
        /// The identifier as given.
        ident: String,
        /// Why it is rejected.
        reason: String,
    },
    /// Any other error from the driver or the server, kept as the source.
    #[error("{backend} error: {source}")]
    Driver {
        /// The backend that reported it.
        backend: Backend,
        /// The driver's error.
        #[source]
        source: BoxError,
    },
}

impl Error {
    /// Whether running the same work again may succeed: a serialization failure, deadlock or
    /// statement prepared before its table changed, or lock timeout (in a new transaction), a
    /// lost connection (on a new connection) or a pool timeout.
    ///
    /// ```
    /// let lost = dovetail::Error::ConnectionLost {
    ///     backend: dovetail::Backend::Postgres,
    ///     message: "server closed the connection".into(),
    ///     source: None,
    /// };
    /// assert!(lost.is_retryable());
    /// assert!(!dovetail::Error::InvalidStatement("no columns".into()).is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::SerializationFailure { .. }
                | Error::StaleStatement { .. }
                | Error::LockTimeout { .. }
                | Error::ConnectionLost { .. }
                | Error::PoolTimeout { .. }
        )
    }
}

/// What [`Error::PacketTooLarge`] says was too large.
fn too_large(size: Option<u64>) -> String {
    match size {
        Some(size) => format!("sending {size} bytes at once is"),
        None => "the statement, or a value it computes, is".to_owned(),
    }
}

/// What the server said about a violated constraint.
#[derive(Debug)]
pub struct Violation {
    pub(crate) backend: Backend,
    pub(crate) constraint: Option<String>,
    pub(crate) table: Option<String>,
    pub(crate) column: Option<String>,
    pub(crate) message: String,
    pub(crate) source: BoxError,
}

impl Violation {
    /// The constraint's name, when the server reports it. SQLite reports none: there it is
    /// looked up in the schema — the unique index made with `CREATE UNIQUE INDEX` over the
    /// failing columns, or the `CONSTRAINT name` declared in `CREATE TABLE` — and is `None` for
    /// a key or foreign key declared without a name (SQLite has none for it).
    ///
    /// On SQLite a foreign key failure reports nothing at all; to find the key, the failed
    /// statement is run again inside a savepoint with foreign keys deferred, the rows it leaves
    /// without a parent (that were not so before; in the table it writes and the tables that
    /// reference it) show the key, and the savepoint is rolled back. When a `COMMIT` fails on a
    /// deferred key, the first row `PRAGMA foreign_key_check` reports shows it. The check reads
    /// those tables whole: code that expects foreign key failures on large SQLite tables in a
    /// loop pays a scan for each.
    pub fn constraint(&self) -> Option<&str> {
        self.constraint.as_deref()
    }

    /// The table the constraint belongs to, when the server reports it (on SQLite, for a
    /// foreign key, when it is found as [`Violation::constraint`] says).
    pub fn table(&self) -> Option<&str> {
        self.table.as_deref()
    }

    /// The offending column, when the server reports it.
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref()
    }

    /// The server's own message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The backend that reported the violation.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The driver's original error.
    pub fn source(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.source
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut named = false;
        for (label, value) in [
            ("constraint", &self.constraint),
            ("table", &self.table),
            ("column", &self.column),
        ] {
            if let Some(value) = value {
                write!(f, "{}{label} `{value}`", if named { ", " } else { "" })?;
                named = true;
            }
        }
        if named {
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

/// A value that does not fit the Rust type it is decoded into.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "cannot decode {}{found} as {expected}{}",
    column.as_ref().map(|c| format!("column {c}: ")).unwrap_or_default(),
    reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()
)]
pub struct DecodeError {
    /// Which result column, as `index` or `index (name)`, once known.
    pub column: Option<String>,
    /// The Rust type asked for.
    pub expected: &'static str,
    /// The kind of value found.
    pub found: &'static str,
    /// Extra detail, such as the out-of-range value.
    pub reason: Option<String>,
}

impl DecodeError {
    /// A value of kind `found` cannot become an `expected`.
    pub fn new(expected: &'static str, found: &'static str) -> Self {
        DecodeError {
            column: None,
            expected,
            found,
            reason: None,
        }
    }

    /// Adds why the conversion failed.
    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// Names the result column the value came from.
    pub fn in_column(mut self, index: usize, name: &str) -> Self {
        self.column = Some(format!("{index} (`{name}`)"));
        self
    }
}
