//! [`AsyncPool`]: async connections pooled by `bb8`, with the blocking [`Pool`](crate::pool::Pool)'s
//! guarantees. bb8 is r2d2's design for async code — the same check-out test, return hook,
//! maximum lifetime, idle timeout and minimum of idle connections — so both pools keep the
//! same promises with the same code.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::connection::AsyncConnection;
use crate::connection::{Connection, ConnectionUrl, DEFAULT_STATEMENT_CACHE_CAPACITY};
use crate::error::{Error, Result};
use crate::pool::{PoolState, Setup};

/// A pool of [`AsyncConnection`]s to one database.
///
/// A connection comes back when its [`AsyncPooledConnection`] is dropped — also when the future
/// that held it was cancelled. Whatever it was doing still runs to its end on its own thread,
/// and what the pool does on its return runs after that: an open transaction (dovetail's, or
/// one the server reports after the user's own `BEGIN`) is rolled back, and a connection whose
/// rollback fails, whose server connection was lost or whose `autocommit` was turned off
/// (MySQL) is dropped. With [`AsyncPoolBuilder::test_on_check_out`] (the default) each
/// connection answers a `SELECT 1` — queued behind that reset — before it is handed out.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dovetail::Result<()> {
/// let pool = dovetail::AsyncPool::builder().max_size(4).build("sqlite::memory:").await?;
/// let conn = pool.get().await?;
/// let answer: i64 = conn.query_sql("SELECT 42", vec![]).await?[0].get(0)?;
/// assert_eq!(answer, 42);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct AsyncPool {
    inner: bb8::Pool<Manager>,
    connection_timeout: Duration,
    last_error: LastError,
}

impl fmt::Debug for AsyncPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state();
        f.debug_struct("AsyncPool")
            .field("connections", &state.connections)
            .field("idle", &state.idle)
            .finish_non_exhaustive()
    }
}

impl AsyncPool {
    /// A pool with the default settings (10 connections, 30 s timeout, test on check-out).
    pub async fn new(url: &str) -> Result<AsyncPool> {
        AsyncPool::builder().build(url).await
    }

    /// Settings for a new pool.
    pub fn builder() -> AsyncPoolBuilder {
        let last_error = LastError::default();
        AsyncPoolBuilder {
            builder: bb8::Pool::builder()
                .max_size(10)
                .connection_timeout(Duration::from_secs(30))
                .error_sink(Box::new(last_error.clone())),
            last_error,
            statement_cache_capacity: DEFAULT_STATEMENT_CACHE_CAPACITY,
            connection_timeout: Duration::from_secs(30),
            max_lifetime: Some(Duration::from_secs(30 * 60)),
            setup: None,
            replicas: Vec::new(),
        }
    }

    /// A connection, waiting up to the connection timeout for one to be free (or to be
    /// opened); [`Error::PoolTimeout`] with the last connection error otherwise.
    pub async fn get(&self) -> Result<AsyncPooledConnection> {
        self.inner
            .get_owned()
            .await
            .map(|inner| AsyncPooledConnection { inner })
            .map_err(|error| Error::PoolTimeout {
                waited: self.connection_timeout,
                message: match error {
                    bb8::RunError::User(error) => error.to_string(),
                    bb8::RunError::TimedOut => self.last_error.describe(),
                },
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

/// How an [`AsyncPool`] is sized and how it looks after its connections.
pub struct AsyncPoolBuilder {
    builder: bb8::Builder<Manager>,
    last_error: LastError,
    statement_cache_capacity: usize,
    connection_timeout: Duration,
    max_lifetime: Option<Duration>,
    setup: Option<Setup>,
    replicas: Vec<String>,
}

impl fmt::Debug for AsyncPoolBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncPoolBuilder").finish_non_exhaustive()
    }
}

impl AsyncPoolBuilder {
    /// At most this many connections (default 10).
    pub fn max_size(mut self, max_size: u32) -> AsyncPoolBuilder {
        self.builder = self.builder.max_size(max_size);
        self
    }

    /// Keep at least this many idle connections open (default: none).
    pub fn min_idle(mut self, min_idle: Option<u32>) -> AsyncPoolBuilder {
        self.builder = self.builder.min_idle(min_idle);
        self
    }

    /// How long [`AsyncPool::get`] waits (default 30 s).
    pub fn connection_timeout(mut self, timeout: Duration) -> AsyncPoolBuilder {
        self.connection_timeout = timeout;
        self.builder = self.builder.connection_timeout(timeout);
        self
    }

    /// Close connections idle for longer (default 10 minutes; `None`: never).
    pub fn idle_timeout(mut self, timeout: Option<Duration>) -> AsyncPoolBuilder {
        self.builder = self.builder.idle_timeout(timeout);
        self
    }

    /// Close connections older than this (default 30 minutes; `None`: never): when they come
    /// back, and — with the check-out test — before they are handed out.
    pub fn max_lifetime(mut self, lifetime: Option<Duration>) -> AsyncPoolBuilder {
        self.max_lifetime = lifetime;
        self.builder = self.builder.max_lifetime(lifetime);
        self
    }

    /// Check each connection with `SELECT 1` before handing it out, replacing dead ones
    /// (default `true`).
    pub fn test_on_check_out(mut self, test: bool) -> AsyncPoolBuilder {
        self.builder = self.builder.test_on_check_out(test);
        self
    }

    /// Prepared statements kept per connection (default
    /// [`DEFAULT_STATEMENT_CACHE_CAPACITY`]).
    pub fn statement_cache_capacity(mut self, capacity: usize) -> AsyncPoolBuilder {
        self.statement_cache_capacity = capacity;
        self
    }

    /// Sends reads outside transactions to the replicas at `urls`, one per pooled connection
    /// in turn (see [`PoolBuilder::read_replicas`](crate::pool::PoolBuilder::read_replicas)):
    /// a typed query, `query_sql` and the fetching methods run on the replica unless a
    /// transaction is open; writes, transactions and blocking work ([`AsyncConnection::run`])
    /// run on the primary.
    pub fn read_replicas(
        mut self,
        urls: impl IntoIterator<Item = impl Into<String>>,
    ) -> AsyncPoolBuilder {
        self.replicas = urls.into_iter().map(Into::into).collect();
        self
    }

    /// Runs `setup` on each connection the pool opens, before it is handed out, as blocking
    /// work ([`AsyncConnection::run`]); see [`PoolBuilder::on_connect`](crate::pool::PoolBuilder::on_connect).
    pub fn on_connect(
        mut self,
        setup: impl Fn(&mut dyn Connection) -> Result<()> + Send + Sync + 'static,
    ) -> AsyncPoolBuilder {
        self.setup = Some(Arc::new(setup));
        self
    }

    /// Opens the pool on `url`, with its `min_idle` connections; a bad URL, or one of a backend
    /// whose feature is off, is [`Error::InvalidUrl`] at once.
    pub async fn build(self, url: &str) -> Result<AsyncPool> {
        ConnectionUrl::parse(url)?;
        for replica in &self.replicas {
            ConnectionUrl::parse(replica)?;
        }
        let manager = Manager {
            url: url.to_owned(),
            statement_cache_capacity: self.statement_cache_capacity,
            max_lifetime: self.max_lifetime,
            setup: self.setup,
            replicas: self.replicas,
            next_replica: AtomicUsize::new(0),
        };
        let inner = self.builder.build(manager).await?;
        Ok(AsyncPool {
            inner,
            connection_timeout: self.connection_timeout,
            last_error: self.last_error,
        })
    }
}

/// The last error of opening or checking a connection, which a timeout reports as its cause;
/// each is also a `tracing` warning (target `dovetail::pool`).
#[derive(Debug, Clone, Default)]
struct LastError(Arc<Mutex<Option<String>>>);

impl LastError {
    fn describe(&self) -> String {
        match &*self.0.lock().unwrap_or_else(PoisonError::into_inner) {
            Some(error) => format!("timed out; the last connection error: {error}"),
            None => "timed out: every connection is in use".into(),
        }
    }
}

impl bb8::ErrorSink<Error> for LastError {
    fn sink(&self, error: Error) {
        tracing::warn!(target: "dovetail::pool", %error, "opening or checking a pooled connection failed");
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(error.to_string());
    }

    fn boxed_clone(&self) -> Box<dyn bb8::ErrorSink<Error>> {
        Box::new(self.clone())
    }
}

/// A connection borrowed from an [`AsyncPool`], returned to it when dropped; it dereferences to
/// [`AsyncConnection`].
pub struct AsyncPooledConnection {
    inner: bb8::PooledConnection<'static, Manager>,
}

impl fmt::Debug for AsyncPooledConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncPooledConnection")
            .field("backend", &self.inner.backend())
            .finish_non_exhaustive()
    }
}

impl Deref for AsyncPooledConnection {
    type Target = AsyncConnection;

    fn deref(&self) -> &AsyncConnection {
        &self.inner
    }
}

impl DerefMut for AsyncPooledConnection {
    fn deref_mut(&mut self) -> &mut AsyncConnection {
        &mut self.inner
    }
}

/// Opens, checks and recycles connections for bb8.
struct Manager {
    url: String,
    statement_cache_capacity: usize,
    max_lifetime: Option<Duration>,
    setup: Option<Setup>,
    replicas: Vec<String>,
    next_replica: AtomicUsize,
}

impl bb8::ManageConnection for Manager {
    type Connection = AsyncConnection;
    type Error = Error;

    async fn connect(&self) -> Result<AsyncConnection> {
        let turn = self.next_replica.fetch_add(1, Ordering::Relaxed);
        let replica =
            (!self.replicas.is_empty()).then(|| self.replicas[turn % self.replicas.len()].as_str());
        let conn = AsyncConnection::open(&self.url, replica).await?;
        let capacity = self.statement_cache_capacity;
        let setup = self.setup.clone();
        conn.run(move |conn| {
            conn.set_statement_cache_capacity(capacity);
            match setup {
                Some(setup) => setup(conn),
                None => Ok(()),
            }
        })
        .await?;
        Ok(conn)
    }

    /// Past its lifetime, a connection is retired here too, not only when it comes back or
    /// when bb8's reaper passes (every 30 s).
    async fn is_valid(&self, conn: &mut AsyncConnection) -> Result<()> {
        if self
            .max_lifetime
            .is_some_and(|lifetime| conn.opened.elapsed() > lifetime)
        {
            return Err(Error::ConnectionLost {
                backend: conn.backend(),
                message: "the connection is past the pool's maximum lifetime".into(),
                source: None,
            });
        }
        conn.batch_execute("SELECT 1").await
    }

    /// A connection known to be lost is dropped now; the rest of the check (rolling back what
    /// it left open) runs before the next borrower's work and marks the connection lost if it
    /// fails.
    fn has_broken(&self, conn: &mut AsyncConnection) -> bool {
        if conn.is_broken() {
            return true;
        }
        conn.depth = 0;
        conn.engine.reset();
        false
    }
}
