//! Transactions: a closure form that commits on `Ok` and rolls back on `Err` or panic, and a
//! guard that rolls back unless committed. Nested, they become savepoints.
//!
//! ```
//! use dovetail::connection::TransactionExt;
//!
//! let mut conn = dovetail::connect("sqlite::memory:")?;
//! conn.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")?;
//! conn.transaction(|tx| {
//!     tx.execute_sql("INSERT INTO t VALUES (1)", &[])?;
//!     // A failing inner transaction rolls back to its savepoint only.
//!     let inner: dovetail::Result<()> = tx.transaction(|tx| {
//!         tx.execute_sql("INSERT INTO t VALUES (2)", &[])?;
//!         tx.execute_sql("INSERT INTO t VALUES (1)", &[])?; // duplicate key
//!         Ok(())
//!     });
//!     assert!(matches!(inner, Err(dovetail::Error::UniqueViolation(_))));
//!     Ok::<_, dovetail::Error>(())
//! })?;
//! assert_eq!(conn.query_sql("SELECT id FROM t", &[])?.len(), 1);
//!
//! // The guard form: rolled back when dropped uncommitted.
//! let mut tx = conn.begin()?;
//! tx.execute_sql("INSERT INTO t VALUES (3)", &[])?;
//! drop(tx);
//! assert_eq!(conn.query_sql("SELECT id FROM t", &[])?.len(), 1);
//! # Ok::<(), dovetail::Error>(())
//! ```
//!
//! Isolation and access mode ([`TransactionOptions`]) apply to the outermost transaction:
//! PostgreSQL and MySQL/MariaDB take an [`IsolationLevel`] and read-only; SQLite is always
//! serializable (so accepts any level) and instead takes a [`SqliteLocking`] mode.

use std::ops::{Deref, DerefMut};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use super::Connection;
use crate::error::{Backend, Error, Result};

/// How much of other transactions' work a transaction may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsolationLevel {
    /// Each statement sees what was committed before it began.
    ReadCommitted,
    /// The transaction sees one snapshot throughout.
    RepeatableRead,
    /// As if transactions ran one after another; conflicts fail with
    /// [`Error::SerializationFailure`], to be retried.
    Serializable,
}

impl IsolationLevel {
    fn sql(self) -> &'static str {
        match self {
            IsolationLevel::ReadCommitted => "READ COMMITTED",
            IsolationLevel::RepeatableRead => "REPEATABLE READ",
            IsolationLevel::Serializable => "SERIALIZABLE",
        }
    }
}

/// When a SQLite transaction takes its locks (`BEGIN DEFERRED | IMMEDIATE | EXCLUSIVE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteLocking {
    /// At the first read or write (SQLite's default).
    Deferred,
    /// The write lock at once: other writers wait, readers go on.
    Immediate,
    /// At once, and other connections may not even read (outside WAL mode).
    Exclusive,
}

/// How to begin a transaction; the default is the server's.
///
/// ```
/// use dovetail::connection::{IsolationLevel, TransactionExt, TransactionOptions};
///
/// let mut conn = dovetail::connect("sqlite::memory:")?;
/// let options = TransactionOptions::new().isolation(IsolationLevel::Serializable);
/// let answer = conn.transaction_with(&options, |tx| {
///     tx.query_sql("SELECT 42", &[])?[0].get::<i64>(0)
/// })?;
/// assert_eq!(answer, 42);
/// # Ok::<(), dovetail::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TransactionOptions {
    isolation: Option<IsolationLevel>,
    read_only: bool,
    sqlite_locking: Option<SqliteLocking>,
}

impl TransactionOptions {
    /// The server's defaults.
    pub fn new() -> TransactionOptions {
        TransactionOptions::default()
    }

    /// The isolation level (PostgreSQL, MySQL/MariaDB; SQLite is always serializable).
    pub fn isolation(mut self, level: IsolationLevel) -> TransactionOptions {
        self.isolation = Some(level);
        self
    }

    /// Refuse writes (PostgreSQL, MySQL/MariaDB).
    pub fn read_only(mut self) -> TransactionOptions {
        self.read_only = true;
        self
    }

    /// When SQLite takes its locks.
    pub fn sqlite_locking(mut self, locking: SqliteLocking) -> TransactionOptions {
        self.sqlite_locking = Some(locking);
        self
    }

    fn is_default(&self) -> bool {
        *self == TransactionOptions::default()
    }
}

/// The statements that begin a transaction with `options` on `backend`.
fn begin_statements(backend: Backend, options: &TransactionOptions) -> Result<Vec<String>> {
    let unsupported = |construct: &str| Error::Unsupported {
        construct: construct.into(),
        dialect: backend.name(),
    };
    Ok(match backend {
        Backend::Postgres => {
            if options.sqlite_locking.is_some() {
                return Err(unsupported("BEGIN DEFERRED/IMMEDIATE/EXCLUSIVE"));
            }
            let mut begin = String::from("BEGIN");
            if let Some(level) = options.isolation {
                begin += " ISOLATION LEVEL ";
                begin += level.sql();
            }
            if options.read_only {
                begin += " READ ONLY";
            }
            vec![begin]
        }
        Backend::MySql => {
            if options.sqlite_locking.is_some() {
                return Err(unsupported("BEGIN DEFERRED/IMMEDIATE/EXCLUSIVE"));
            }
            let mut statements = Vec::new();
            if let Some(level) = options.isolation {
                // Applies to the next transaction only.
                statements.push(format!("SET TRANSACTION ISOLATION LEVEL {}", level.sql()));
            }
            statements.push(match options.read_only {
                true => "START TRANSACTION READ ONLY".into(),
                false => "START TRANSACTION".into(),
            });
            statements
        }
        Backend::Sqlite => {
            if options.read_only {
                return Err(unsupported("a READ ONLY transaction"));
            }
            vec![
                match options.sqlite_locking {
                    None | Some(SqliteLocking::Deferred) => "BEGIN DEFERRED",
                    Some(SqliteLocking::Immediate) => "BEGIN IMMEDIATE",
                    Some(SqliteLocking::Exclusive) => "BEGIN EXCLUSIVE",
                }
                .into(),
            ]
        }
    })
}

/// The savepoint of nesting level `depth` (2 for the first nested transaction).
fn savepoint(depth: u32) -> String {
    format!("dovetail_savepoint_{depth}")
}

/// The statements that begin a transaction on `backend` with `options`, or a savepoint when
/// `depth` transactions are open already.
pub(crate) fn begin_sql(
    backend: Backend,
    options: &TransactionOptions,
    depth: u32,
) -> Result<Vec<String>> {
    if depth == 0 {
        begin_statements(backend, options)
    } else if !options.is_default() {
        Err(Error::Transaction(
            "isolation level, read-only and locking mode apply to the outermost transaction; \
             this one is nested (a savepoint)"
                .into(),
        ))
    } else {
        Ok(vec![format!("SAVEPOINT {}", savepoint(depth + 1))])
    }
}

/// The statement that commits the innermost of `depth` open transactions (releases its
/// savepoint).
pub(crate) fn commit_sql(depth: u32) -> Result<String> {
    match depth {
        0 => Err(Error::Transaction(
            "commit without an open transaction".into(),
        )),
        1 => Ok("COMMIT".to_owned()),
        _ => Ok(format!("RELEASE SAVEPOINT {}", savepoint(depth))),
    }
}

/// The statements that roll back every transaction above `target`: the whole transaction at
/// 0, otherwise back to (and releasing) the savepoint of the transaction at `target + 1`.
pub(crate) fn rollback_sql(depth: u32, target: u32) -> Result<Vec<String>> {
    if depth <= target {
        return Err(Error::Transaction(
            "rollback without an open transaction".into(),
        ));
    }
    Ok(match target {
        0 => vec!["ROLLBACK".to_owned()],
        _ => {
            let name = savepoint(target + 1);
            vec![
                format!("ROLLBACK TO SAVEPOINT {name}"),
                format!("RELEASE SAVEPOINT {name}"),
            ]
        }
    })
}

/// What a COMMIT (or savepoint release) at `depth` that failed with `error` reports:
/// [`Error::CommitOutcomeUnknown`] when the connection was lost with COMMIT `sent`, since the
/// server may have committed.
pub(crate) fn commit_failure(error: Error, depth: u32, sent: bool) -> Error {
    match error {
        Error::ConnectionLost {
            backend,
            message,
            source,
        } if depth == 1 && sent => Error::CommitOutcomeUnknown {
            backend,
            message,
            source,
        },
        error => error,
    }
}

/// Begins a transaction, or a savepoint inside one.
pub(crate) fn begin<C: Connection + ?Sized>(
    conn: &mut C,
    options: &TransactionOptions,
) -> Result<()> {
    let depth = conn.transaction_depth();
    for statement in begin_sql(conn.backend(), options, depth)? {
        conn.batch_execute(&statement)?;
    }
    conn.session().depth = depth + 1;
    Ok(())
}

/// Commits the innermost transaction (releases its savepoint). When that fails, the
/// transaction is rolled back and the error returned — [`Error::CommitOutcomeUnknown`] when the
/// connection was lost during COMMIT, since the server may have committed.
pub(crate) fn commit<C: Connection + ?Sized>(conn: &mut C) -> Result<()> {
    let depth = conn.transaction_depth();
    let statement = commit_sql(depth)?;
    // A connection lost before COMMIT is refused unsent: that outcome is known (nothing).
    let sent = !conn.is_broken();
    match conn.batch_execute(&statement) {
        Ok(()) => {
            let session = conn.session();
            session.depth = depth - 1;
            session.may_be_in_transaction &= depth > 1;
            Ok(())
        }
        Err(error) => {
            // The rollback's own failure is less telling than the commit's.
            let _ = rollback(conn);
            Err(commit_failure(error, depth, sent))
        }
    }
}

/// Rolls the innermost transaction back (to its savepoint, which is then released). The depth
/// drops even when the server fails to: a connection whose rollback failed is lost or broken.
pub(crate) fn rollback<C: Connection + ?Sized>(conn: &mut C) -> Result<()> {
    let depth = conn.transaction_depth();
    let statements = rollback_sql(depth, depth.saturating_sub(1))?;
    conn.session().depth = depth - 1;
    for statement in &statements {
        conn.batch_execute(statement)?;
    }
    if depth == 1 {
        conn.session().may_be_in_transaction = false;
    }
    Ok(())
}

/// Transactions on any [`Connection`] (including `dyn Connection` and boxed ones).
pub trait TransactionExt: Connection {
    /// Runs `body` in a transaction (a savepoint when one is open): commits when it returns
    /// `Ok`, rolls back when it returns `Err` or panics (the panic then continues).
    fn transaction<T, E, F>(&mut self, body: F) -> std::result::Result<T, E>
    where
        F: FnOnce(&mut Self) -> std::result::Result<T, E>,
        E: From<Error>,
    {
        self.transaction_with(&TransactionOptions::default(), body)
    }

    /// [`TransactionExt::transaction`] with an isolation level, read-only or locking mode.
    fn transaction_with<T, E, F>(
        &mut self,
        options: &TransactionOptions,
        body: F,
    ) -> std::result::Result<T, E>
    where
        F: FnOnce(&mut Self) -> std::result::Result<T, E>,
        E: From<Error>,
    {
        begin(self, options)?;
        match catch_unwind(AssertUnwindSafe(|| body(self))) {
            Ok(Ok(value)) => {
                commit(self)?;
                Ok(value)
            }
            Ok(Err(error)) => {
                // The body's error says more than a failed rollback would.
                let _ = rollback(self);
                Err(error)
            }
            Err(panic) => {
                let _ = rollback(self);
                resume_unwind(panic)
            }
        }
    }

    /// Begins a transaction (a savepoint when one is open) that rolls back when the guard is
    /// dropped without [`Transaction::commit`].
    fn begin(&mut self) -> Result<Transaction<'_, Self>> {
        self.begin_with(&TransactionOptions::default())
    }

    /// [`TransactionExt::begin`] with an isolation level, read-only or locking mode.
    fn begin_with(&mut self, options: &TransactionOptions) -> Result<Transaction<'_, Self>> {
        begin(self, options)?;
        Ok(Transaction {
            conn: self,
            open: true,
        })
    }
}

impl<C: Connection + ?Sized> TransactionExt for C {}

/// An open transaction; it dereferences to the connection, so statements run inside it.
/// Dropped without [`Transaction::commit`], it rolls back.
#[derive(Debug)]
pub struct Transaction<'c, C: Connection + ?Sized> {
    conn: &'c mut C,
    open: bool,
}

impl<C: Connection + ?Sized> Transaction<'_, C> {
    /// Commits (or releases the savepoint).
    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        commit(self.conn)
    }

    /// Rolls back (to the savepoint).
    pub fn rollback(mut self) -> Result<()> {
        self.open = false;
        rollback(self.conn)
    }
}

impl<C: Connection + ?Sized> Deref for Transaction<'_, C> {
    type Target = C;

    fn deref(&self) -> &C {
        self.conn
    }
}

impl<C: Connection + ?Sized> DerefMut for Transaction<'_, C> {
    fn deref_mut(&mut self) -> &mut C {
        self.conn
    }
}

impl<C: Connection + ?Sized> Drop for Transaction<'_, C> {
    fn drop(&mut self) {
        if self.open
            && let Err(error) = rollback(self.conn)
        {
            tracing::warn!(target: "dovetail::sql", %error, "rolling back a dropped transaction failed");
        }
    }
}
