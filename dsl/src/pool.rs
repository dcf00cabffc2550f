//! A connection pool on `r2d2`: connections opened from one URL, checked on the way out if
//! asked, rolled back (or discarded) on the way back.
//!
//! ```
//! use std::time::Duration;
//!
//! let pool = dovetail::pool::Pool::builder()
//!     .max_size(4)
//!     .connection_timeout(Duration::from_secs(5))
//!     .build("sqlite::memory:")?;
//! let mut conn = pool.get()?;
//! let answer: i64 = conn.query_sql("SELECT 42", &[])?[0].get(0)?;
//! assert_eq!(answer, 42);
//! # Ok::<(), dovetail::Error>(())
//! ```
//!
//! A connection handed back inside a transaction (a leaked guard, a `BEGIN` of its own) is
//! rolled back before anyone else gets it: SQLite and MySQL report whether their server is in
//! a transaction, and on PostgreSQL a statement that may have opened one (it says `BEGIN` or
//! `START`) run outside dovetail's transactions earns a `ROLLBACK` on check-in. One on which
//! MySQL's `autocommit` was turned off is replaced, and so is one whose server connection was
//! lost ([`Connection::is_broken`]). With
//! [`PoolBuilder::test_on_check_out`] (the default) each connection is pinged before it is
//! handed out, so one killed by the server while idle is replaced unseen; without it, the
//! first statement on it fails with [`Error::ConnectionLost`], which is retryable.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::connection::{
    Connection, ConnectionUrl, DEFAULT_STATEMENT_CACHE_CAPACITY, url::COMPILED,
};
use crate::error::{Backend, Error, Result};

/// A pool of connections to one database.
#[derive(Clone)]
pub struct Pool {
    inner: r2d2::Pool<Manager>,
}

impl fmt::Debug for Pool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.inner.state();
        f.debug_struct("Pool")
            .field("connections", &state.connections)
            .field("idle", &state.idle_connections)
            .finish_non_exhaustive()
    }
}

/// How a [`Pool`] is sized and how it looks after its connections.
pub struct PoolBuilder {
    builder: r2d2::Builder<Manager>,
    statement_cache_capacity: usize,
    connection_timeout: Duration,
    setup: Option<Setup>,
    replicas: Vec<String>,
}

/// Work a pool runs on each connection it opens (see [`PoolBuilder::on_connect`]).
pub(crate) type Setup = Arc<dyn Fn(&mut dyn Connection) -> Result<()> + Send + Sync>;

impl fmt::Debug for PoolBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PoolBuilder").finish_non_exhaustive()
    }
}

impl Pool {
    /// A pool with the default settings (10 connections, 30 s timeout, test on check-out).
    pub fn new(url: &str) -> Result<Pool> {
        Pool::builder().build(url)
    }

    /// Settings for a new pool.
    pub fn builder() -> PoolBuilder {
        PoolBuilder {
            builder: r2d2::Pool::builder().error_handler(Box::new(TracingErrorHandler)),
            statement_cache_capacity: DEFAULT_STATEMENT_CACHE_CAPACITY,
            connection_timeout: Duration::from_secs(30),
            setup: None,
            replicas: Vec::new(),
        }
    }

    /// A connection, waiting up to the connection timeout for one to be free (or to be
    /// opened); [`Error::PoolTimeout`] with the last connection error otherwise.
    pub fn get(&self) -> Result<PooledConnection> {
        self.inner
            .get()
            .map(|inner| PooledConnection { inner })
            .map_err(|error| Error::PoolTimeout {
                waited: self.inner.connection_timeout(),
                message: error.to_string(),
            })
    }

    /// How many connections are open, and how many of them idle.
    pub fn state(&self) -> PoolState {
        let state = self.inner.state();
        PoolState {
            connections: state.connections,
            idle: state.idle_connections,
        }
    }
}

/// A snapshot of a pool's connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    /// Open connections, in use or idle.
    pub connections: u32,
    /// Of those, the idle ones.
    pub idle: u32,
}

impl PoolBuilder {
    /// At most this many connections (default 10).
    pub fn max_size(mut self, max_size: u32) -> PoolBuilder {
        self.builder = self.builder.max_size(max_size);
        self
    }

    /// Keep at least this many idle connections open (default: `max_size`).
    pub fn min_idle(mut self, min_idle: Option<u32>) -> PoolBuilder {
        self.builder = self.builder.min_idle(min_idle);
        self
    }

    /// How long [`Pool::get`] waits (default 30 s); building waits as long for `min_idle`
    /// connections.
    pub fn connection_timeout(mut self, timeout: Duration) -> PoolBuilder {
        self.connection_timeout = timeout;
        self.builder = self.builder.connection_timeout(timeout);
        self
    }

    /// Close connections idle for longer (default 10 minutes; `None`: never).
    pub fn idle_timeout(mut self, timeout: Option<Duration>) -> PoolBuilder {
        self.builder = self.builder.idle_timeout(timeout);
        self
    }

    /// Close connections older than this (default 30 minutes; `None`: never).
    pub fn max_lifetime(mut self, lifetime: Option<Duration>) -> PoolBuilder {
        self.builder = self.builder.max_lifetime(lifetime);
        self
    }

    /// Ping each connection before handing it out, replacing dead ones (default `true`).
    pub fn test_on_check_out(mut self, test: bool) -> PoolBuilder {
        self.builder = self.builder.test_on_check_out(test);
        self
    }

    /// Prepared statements kept per connection (default
    /// [`DEFAULT_STATEMENT_CACHE_CAPACITY`]).
    pub fn statement_cache_capacity(mut self, capacity: usize) -> PoolBuilder {
        self.statement_cache_capacity = capacity;
        self
    }

    /// Runs `setup` on each connection the pool opens, before it is handed out: a session
    /// setting the application needs, such as Galera's `SET SESSION wsrep_sync_wait = 1` (reads
    /// that see every write the cluster acknowledged, on whichever node). An error from it fails
    /// that connection, and the pool tries again until its timeout, naming the error. Behind a
    /// transaction pooler a session setting does not stay with the connection: set it with
    /// `SET LOCAL` inside each transaction instead.
    ///
    /// ```
    /// use dovetail::Connection;
    ///
    /// let pool = dovetail::pool::Pool::builder()
    ///     .on_connect(|conn: &mut dyn Connection| conn.batch_execute("PRAGMA foreign_keys = ON"))
    ///     .build("sqlite::memory:")?;
    /// let mut conn = pool.get()?;
    /// assert_eq!(conn.query_sql("PRAGMA foreign_keys", &[])?[0].get::<i64>(0)?, 1);
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    pub fn on_connect(
        mut self,
        setup: impl Fn(&mut dyn Connection) -> Result<()> + Send + Sync + 'static,
    ) -> PoolBuilder {
        self.setup = Some(Arc::new(setup));
        self
    }

    /// Sends reads to the replicas at `urls` (in turn, one per pooled connection): a statement
    /// that only reads, outside a transaction, runs on the connection's replica; writes, row
    /// locks, scripts and everything inside a transaction — reads included, so a transaction
    /// reads its own writes — run on the primary, the pool's own URL. A read outside a
    /// transaction may not yet see what the primary committed a moment before. When no
    /// replica answers, a connection reads from the primary.
    ///
    /// ```no_run
    /// use dovetail::Connection;
    /// use dovetail::connection::TransactionExt;
    ///
    /// let pool = dovetail::pool::Pool::builder()
    ///     .read_replicas(["postgres://app@10.0.0.2/shop"])
    ///     .build("postgres://app@10.0.0.1/shop")?;
    /// let mut conn = pool.get()?;
    /// let on_replica = conn.query_sql("SELECT pg_is_in_recovery()", &[])?;   // the replica
    /// conn.transaction(|tx| tx.query_sql("SELECT pg_is_in_recovery()", &[]))?; // the primary
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    pub fn read_replicas(
        mut self,
        urls: impl IntoIterator<Item = impl Into<String>>,
    ) -> PoolBuilder {
        self.replicas = urls.into_iter().map(Into::into).collect();
        self
    }

    /// Opens the pool on `url`, with its `min_idle` connections; a bad URL, or one of a backend
    /// whose feature is off, is [`Error::InvalidUrl`] at once, a server that cannot be reached
    /// within the connection timeout [`Error::PoolTimeout`] naming the cause.
    ///
    /// ```
    /// let error = dovetail::pool::Pool::builder().build("postgress://localhost/shop").unwrap_err();
    /// assert!(matches!(error, dovetail::Error::InvalidUrl { .. }));
    /// ```
    pub fn build(self, url: &str) -> Result<Pool> {
        self.build_among(url, COMPILED)
    }

    /// [`PoolBuilder::build`] in a build whose compiled-in backends are `compiled`.
    fn build_among(self, url: &str, compiled: &[Backend]) -> Result<Pool> {
        ConnectionUrl::parse_among(url, compiled)?;
        for replica in &self.replicas {
            ConnectionUrl::parse_among(replica, compiled)?;
        }
        let manager = Manager {
            url: url.to_owned(),
            statement_cache_capacity: self.statement_cache_capacity,
            setup: self.setup,
            replicas: self.replicas,
            next_replica: AtomicUsize::new(0),
        };
        let inner = self
            .builder
            .build(manager)
            .map_err(|error| Error::PoolTimeout {
                waited: self.connection_timeout,
                message: error.to_string(),
            })?;
        Ok(Pool { inner })
    }
}

/// A connection borrowed from a [`Pool`], returned to it when dropped. It is a
/// [`Connection`] itself (pass `&mut conn`), and dereferences to `dyn Connection`.
pub struct PooledConnection {
    inner: r2d2::PooledConnection<Manager>,
}

impl fmt::Debug for PooledConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PooledConnection")
            .field("backend", &self.inner.backend())
            .finish_non_exhaustive()
    }
}

impl Deref for PooledConnection {
    type Target = dyn Connection;

    fn deref(&self) -> &(dyn Connection + 'static) {
        &**self.inner
    }
}

impl DerefMut for PooledConnection {
    fn deref_mut(&mut self) -> &mut (dyn Connection + 'static) {
        &mut **self.inner
    }
}

/// A pooled connection is a connection: `query.load(&mut pooled)` works as
/// `query.load(&mut *pooled)` does.
impl crate::connection::driver::Driver for PooledConnection {
    fn run(
        &mut self,
        sql: &str,
        params: &[crate::value::Value],
        sink: crate::connection::driver::Sink<'_>,
    ) -> Result<crate::connection::driver::Ran> {
        self.inner.run(sql, params, sink)
    }

    fn run_script(&mut self, sql: &str) -> Result<()> {
        self.inner.run_script(sql)
    }

    fn session(&mut self) -> &mut crate::connection::driver::Session {
        self.inner.session()
    }

    fn session_ref(&self) -> &crate::connection::driver::Session {
        self.inner.session_ref()
    }

    fn cache_len(&self) -> usize {
        self.inner.cache_len()
    }

    fn set_cache_capacity(&mut self, capacity: usize) {
        self.inner.set_cache_capacity(capacity);
    }

    fn server_in_transaction(&self) -> bool {
        self.inner.server_in_transaction()
    }
}

impl Connection for PooledConnection {
    fn backend(&self) -> crate::error::Backend {
        self.inner.backend()
    }

    fn dialect(&self) -> &dyn crate::render::Dialect {
        self.inner.dialect()
    }
}

/// Opens, checks and recycles connections for r2d2.
struct Manager {
    url: String,
    statement_cache_capacity: usize,
    setup: Option<Setup>,
    /// Where reads go, in turn (see [`PoolBuilder::read_replicas`]).
    replicas: Vec<String>,
    next_replica: AtomicUsize,
}

impl Manager {
    /// A connection to `url`, set up as the pool's connections are.
    fn open(&self, url: &str) -> Result<Box<dyn Connection>> {
        let mut conn = crate::connect(url)?;
        conn.set_statement_cache_capacity(self.statement_cache_capacity);
        if let Some(setup) = &self.setup {
            setup(&mut *conn)?;
        }
        Ok(conn)
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Box<dyn Connection>;
    type Error = Error;

    fn connect(&self) -> Result<Box<dyn Connection>> {
        let mut conn = self.open(&self.url)?;
        if self.replicas.is_empty() {
            return Ok(conn);
        }
        let turn = self.next_replica.fetch_add(1, Ordering::Relaxed);
        let replica = &self.replicas[turn % self.replicas.len()];
        match self.open(replica) {
            Ok(replica) => {
                conn = Box::new(crate::connection::routed::Routed::new(conn, replica));
            }
            Err(error) => {
                tracing::warn!(target: "dovetail::pool", %error, "no replica answered; reading from the primary");
            }
        }
        Ok(conn)
    }

    /// A routed connection's primary answers it; a replica lost meanwhile shows at the first
    /// read on it (`ConnectionLost`, retryable), and the connection is replaced.
    fn is_valid(&self, conn: &mut Box<dyn Connection>) -> Result<()> {
        conn.batch_execute("SELECT 1")
    }

    /// Called as a connection comes back (see [`is_lost_on_return`]).
    fn has_broken(&self, conn: &mut Box<dyn Connection>) -> bool {
        is_lost_on_return(&mut **conn)
    }
}

/// What a pool does with a connection that comes back: a lost one is dropped (`true`), an
/// open transaction — dovetail's, or one the server reports (or, on PostgreSQL, may hold)
/// after the user's own `BEGIN` — is rolled back, and the connection dropped if that fails.
pub(crate) fn is_lost_on_return(conn: &mut dyn Connection) -> bool {
    if conn.is_broken() {
        return true;
    }
    if conn.transaction_depth() > 0 || conn.server_in_transaction() {
        conn.session().depth = 1;
        if let Err(error) = crate::connection::transaction::rollback(conn) {
            tracing::warn!(target: "dovetail::pool", %error, "rolling back a returned connection failed; dropping it");
            return true;
        }
        // Still in one: MySQL with `autocommit` turned off opens a new one for every
        // statement, so the next borrower's writes would vanish too.
        if conn.server_in_transaction() {
            tracing::warn!(target: "dovetail::pool", "a returned connection has autocommit off; dropping it");
            return true;
        }
    }
    false
}

/// Sends r2d2's connection errors to `tracing` rather than the `log` crate.
#[derive(Debug)]
struct TracingErrorHandler;

impl r2d2::HandleError<Error> for TracingErrorHandler {
    fn handle_error(&self, error: Error) {
        tracing::warn!(target: "dovetail::pool", %error, "opening a pooled connection failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backend_not_compiled_in_fails_at_once_not_after_the_timeout() {
        let started = std::time::Instant::now();
        let built = Pool::builder()
            .connection_timeout(Duration::from_secs(30))
            .build_among("postgres://root@127.0.0.1:1/x", &[Backend::Sqlite]);
        match built {
            Err(Error::InvalidUrl { reason, .. }) => {
                assert!(reason.contains("`postgres` feature"), "{reason}");
            }
            other => panic!("expected InvalidUrl, got {other:?}"),
        }
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
