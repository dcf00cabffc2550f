//! [`AsyncConnection`]: the blocking connection on a thread of its own, driven by futures.

use std::fmt;
use std::time::Instant;

use super::engine::Engine;
use super::operations::{Execute, Load, Plan};
use super::stream::RowStream;
use super::worker::Reply;
use crate::connection::{Connection, Row};
use crate::dsl::correlate::Standalone;
use crate::dsl::fetch::{at_most_one, counted};
use crate::dsl::query::SelectQuery;
use crate::dsl::selection::RowOf;
use crate::dsl::sql_types::{BigInt, Bool};
use crate::error::{Backend, Error, Result};
use crate::value::Value;

/// Opens an [`AsyncConnection`] to `url` (the URLs [`connect`](crate::connect) takes):
/// PostgreSQL through `tokio-postgres` (on the current tokio runtime), SQLite and MySQL on a
/// thread of their own; the runtime never waits on the network or on SQLite.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dovetail::Result<()> {
/// let conn = dovetail::connect_async("sqlite::memory:").await?;
/// let rows = conn.query_sql("SELECT 40 + 2", vec![]).await?;
/// assert_eq!(rows[0].get::<i64>(0)?, 42);
/// # Ok(())
/// # }
/// ```
pub async fn connect_async(url: &str) -> Result<AsyncConnection> {
    AsyncConnection::open(url, None).await
}

/// A connection used from async code: on PostgreSQL through `tokio-postgres`, on SQLite and
/// MySQL by handing its work to the connection's own thread; either way without blocking the
/// runtime.
///
/// Typed queries run as they do on a blocking [`Connection`] — the same SQL, statement cache,
/// `tracing` events, errors and decoding — through [`load`](Self::load),
/// [`first`](Self::first), [`one`](Self::one), [`optional`](Self::optional),
/// [`count`](Self::count), [`exists`](Self::exists), [`execute`](Self::execute) and
/// [`stream`](Self::stream) (a model query with its relationships loads with `load` too);
/// anything else the blocking API does (finding models by key, writing them, migrations) runs
/// whole through [`run`](Self::run).
///
/// **Order and pipelining.** Several futures of one connection may be awaited at once: their
/// statements run in the order the futures were first polled. On PostgreSQL they are
/// pipelined: each is sent without waiting for the answers before it.
///
/// **Cancellation.** A statement, once sent, runs to its end, and its answer is read whether
/// or not anyone still waits for it; dropping a future only stops waiting. (On SQLite and
/// MySQL, work is queued to the connection's thread when its future is first polled and always
/// runs; on PostgreSQL a statement whose future is dropped before its turn to be sent is not
/// sent.) A transaction whose guard is dropped (a cancelled handler, a timeout) is rolled back
/// by a statement that takes its place in the connection's order at once, before anything asked
/// for later. So a connection is never left halfway through a statement or inside a
/// transaction nobody holds.
///
/// ```
/// use dovetail::prelude::*;
///
/// dovetail::table! { tag { id: Integer, name: Text } primary_key (id); }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dovetail::Result<()> {
/// let conn = dovetail::connect_async("sqlite::memory:").await?;
/// conn.batch_execute("CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL)").await?;
/// conn.execute(insert_into(tag::table).values_many([
///     (tag::id.set(1), tag::name.set("red")),
///     (tag::id.set(2), tag::name.set("blue")),
/// ]))
/// .await?;
/// let names: Vec<String> = conn.load(tag::table.select(tag::name).order_by(tag::name)).await?;
/// assert_eq!(names, ["blue", "red"]);
/// let red: String = conn.one(tag::table.filter(tag::id.eq(1)).select(tag::name)).await?;
/// assert_eq!(red, "red");
/// # Ok(())
/// # }
/// ```
pub struct AsyncConnection {
    pub(super) engine: Engine,
    /// The transactions open through this handle's guards (the thread's own count is the
    /// truth; this one is what a guard rolls back to).
    pub(super) depth: u32,
    /// When it was opened (a pool retires it after its maximum lifetime).
    pub(super) opened: Instant,
}

impl fmt::Debug for AsyncConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncConnection")
            .field("backend", &self.engine.backend())
            .field("depth", &self.depth)
            .finish_non_exhaustive()
    }
}

impl AsyncConnection {
    /// Connects to `url`, with reads outside transactions on `replica` when there is one.
    pub(super) async fn open(url: &str, replica: Option<&str>) -> Result<AsyncConnection> {
        Ok(AsyncConnection {
            engine: Engine::open(url, replica).await?,
            depth: 0,
            opened: Instant::now(),
        })
    }

    /// The server this connection talks to.
    pub fn backend(&self) -> Backend {
        self.engine.backend()
    }

    /// Whether the connection to the server was lost (see [`Connection::is_broken`]), as of the
    /// last statement that finished.
    pub fn is_broken(&self) -> bool {
        self.engine.is_broken()
    }

    /// How many transactions this connection's guards hold open (0 outside any).
    pub fn transaction_depth(&self) -> u32 {
        self.depth
    }

    /// Runs `work` on the blocking connection, on the connection's thread: the way to anything
    /// of the blocking API without an async method of its own (models, relationships,
    /// migrations, connection settings). A panic in `work` continues in the caller.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> dovetail::Result<()> {
    /// let conn = dovetail::connect_async("sqlite::memory:").await?;
    /// conn.run(|conn| {
    ///     conn.set_statement_cache_capacity(16);
    ///     Ok(())
    /// })
    /// .await?;
    /// assert_eq!(conn.run(|conn| Ok(conn.cached_statements())).await?, 0);
    /// # Ok(())
    /// # }
    /// ```
    pub fn run<T, F>(&self, work: F) -> Reply<'_, T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Connection) -> Result<T> + Send + 'static,
    {
        self.engine.run(work)
    }

    /// Runs a query (a typed [`SelectQuery`], a set operation, raw SQL, a dynamic query, or a
    /// write with `RETURNING`) and decodes every row into `R`.
    pub fn load<Q, R>(&self, query: Q) -> Reply<'_, Vec<R>>
    where
        Q: Load<R>,
        R: Send + 'static,
    {
        self.engine.load(query)
    }

    /// Runs a write (typed INSERT, UPDATE or DELETE, raw SQL, an [`ast`](crate::ast)
    /// statement); returns the number of rows it wrote.
    pub fn execute<W: Execute>(&self, write: W) -> Reply<'_, u64> {
        self.engine.execute(write)
    }

    /// The query's first row, if any (see [`SelectQuery::first`]).
    pub fn first<F, G, S, D, R>(&self, query: SelectQuery<F, G, S, D>) -> Reply<'_, Option<R>>
    where
        F: Standalone,
        R: RowOf<S> + Send + 'static,
        SelectQuery<F, G, S, D>: Send + 'static,
    {
        self.engine.select(
            query,
            |query, dialect| Ok(Plan::rows(query.limited(1, dialect)?)),
            |query, conn| query.first(conn),
            |rows| Ok(rows.into_iter().next()),
        )
    }

    /// The query's one row: [`Error::NotFound`](crate::Error::NotFound) when there is none,
    /// [`Error::TooManyRows`](crate::Error::TooManyRows) when there are several.
    pub fn one<F, G, S, D, R>(&self, query: SelectQuery<F, G, S, D>) -> Reply<'_, R>
    where
        F: Standalone,
        R: RowOf<S> + Send + 'static,
        SelectQuery<F, G, S, D>: Send + 'static,
    {
        self.engine.select(
            query,
            |query, dialect| Ok(Plan::rows(query.limited(2, dialect)?)),
            |query, conn| query.one(conn),
            |rows| at_most_one(rows)?.ok_or(Error::NotFound),
        )
    }

    /// The query's row, if any: [`Error::TooManyRows`](crate::Error::TooManyRows) when there
    /// are several.
    pub fn optional<F, G, S, D, R>(&self, query: SelectQuery<F, G, S, D>) -> Reply<'_, Option<R>>
    where
        F: Standalone,
        R: RowOf<S> + Send + 'static,
        SelectQuery<F, G, S, D>: Send + 'static,
    {
        self.engine.select(
            query,
            |query, dialect| Ok(Plan::rows(query.limited(2, dialect)?)),
            |query, conn| query.optional(conn),
            at_most_one,
        )
    }

    /// How many rows the query yields (see [`SelectQuery::count`]).
    pub fn count<F, G, S, D>(&self, query: SelectQuery<F, G, S, D>) -> Reply<'_, u64>
    where
        F: Standalone,
        SelectQuery<F, G, S, D>: Send + 'static,
    {
        self.engine.select(
            query,
            |query, dialect| Ok(Plan::rows::<BigInt>(query.counting(dialect)?)),
            |query, conn| query.count(conn),
            |rows: Vec<i64>| Ok(counted(rows.first().copied())),
        )
    }

    /// Whether the query yields any row.
    pub fn exists<F, G, S, D>(&self, query: SelectQuery<F, G, S, D>) -> Reply<'_, bool>
    where
        F: Standalone,
        SelectQuery<F, G, S, D>: Send + 'static,
    {
        self.engine.select(
            query,
            |query, dialect| Ok(Plan::rows::<Bool>(query.testing_existence(dialect)?)),
            |query, conn| query.exists(conn),
            |rows: Vec<bool>| Ok(rows.first().copied().unwrap_or(false)),
        )
    }

    /// Streams the query's rows, decoded into `R`, as the server sends them (see
    /// [`RowStream`]); the connection is borrowed until the stream is dropped.
    pub fn stream<F, G, S, D, R>(&mut self, query: SelectQuery<F, G, S, D>) -> RowStream<'_, R>
    where
        F: Standalone,
        R: RowOf<S> + Send + 'static,
        SelectQuery<F, G, S, D>: Send + 'static,
    {
        RowStream::start(&self.engine, move |conn, each| query.for_each(conn, each))
    }

    /// Streams the rows of one statement of SQL text as the server sends them (see
    /// [`Connection::stream_sql`] and [`RowStream`]).
    pub fn stream_sql(&mut self, sql: impl Into<String>, params: Vec<Value>) -> RowStream<'_, Row> {
        let sql = sql.into();
        RowStream::start(&self.engine, move |conn, each| {
            conn.stream_sql(&sql, &params, each)
        })
    }

    /// Runs one statement of SQL text in the connection's dialect; returns the rows it wrote
    /// (see [`Connection::execute_sql`]).
    pub fn execute_sql(&self, sql: impl Into<String>, params: Vec<Value>) -> Reply<'_, u64> {
        self.engine.execute_sql(sql.into(), params)
    }

    /// Runs one statement of SQL text and returns its rows (see [`Connection::query_sql`]).
    pub fn query_sql(&self, sql: impl Into<String>, params: Vec<Value>) -> Reply<'_, Vec<Row>> {
        self.engine.query_sql(sql.into(), params)
    }

    /// Runs `;`-separated statements without parameters (see [`Connection::batch_execute`]).
    pub fn batch_execute(&self, sql: impl Into<String>) -> Reply<'_, ()> {
        self.engine.batch_execute(sql.into())
    }
}
