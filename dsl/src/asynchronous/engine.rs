//! What an [`AsyncConnection`](super::AsyncConnection) runs on: PostgreSQL's async driver
//! (`tokio-postgres`), or — for SQLite and MySQL — the blocking connection on a thread of its
//! own ([`Worker`]). Each typed operation runs its one statement on the async driver
//! ([`Plan`]) and anything else as blocking work, which the async driver runs on tokio's
//! blocking threads over the same connection.

use super::operations::{Execute, Load, Plan};
use super::worker::{Reply, Worker};
#[cfg(feature = "postgres")]
use super::{operations::WritePlan, worker::Caller};
#[cfg(feature = "postgres")]
use crate::connection::RowBuilder;
#[cfg(feature = "postgres")]
use crate::connection::postgres::native::AsyncPostgres;
use crate::connection::transaction::{self as blocking, TransactionOptions};
use crate::connection::{Connection, ConnectionUrl, Row};
use crate::error::{Backend, Result};
use crate::pool::is_lost_on_return;
use crate::render::Dialect;
use crate::value::Value;

/// A connection's driver, as the async layer sees it; clones share the connection.
#[derive(Clone)]
pub(super) enum Engine {
    /// A blocking connection on its own thread.
    Thread(Worker),
    /// PostgreSQL through `tokio-postgres`.
    #[cfg(feature = "postgres")]
    Postgres(AsyncPostgres),
}

impl Engine {
    /// Connects to `url`, with reads outside transactions on `replica` when there is one (and
    /// it answers).
    pub(super) async fn open(url: &str, replica: Option<&str>) -> Result<Engine> {
        match ConnectionUrl::parse(url)? {
            #[cfg(feature = "postgres")]
            ConnectionUrl::Postgres(url) => {
                let primary = AsyncPostgres::connect(&url).await?;
                let Some(replica) = replica else {
                    return Ok(Engine::Postgres(primary));
                };
                match AsyncPostgres::connect(replica).await {
                    Ok(replica) => Ok(Engine::Postgres(primary.with_replica(replica))),
                    Err(error) => {
                        tracing::warn!(target: "dovetail::pool", %error, "no replica answered; reading from the primary");
                        Ok(Engine::Postgres(primary))
                    }
                }
            }
            #[allow(unreachable_patterns)]
            _ => Ok(Engine::Thread(Worker::open(url, replica).await?)),
        }
    }

    /// The server the connection talks to.
    pub(super) fn backend(&self) -> Backend {
        match self {
            Engine::Thread(worker) => worker.backend(),
            #[cfg(feature = "postgres")]
            Engine::Postgres(_) => Backend::Postgres,
        }
    }

    /// Whether the connection was lost.
    pub(super) fn is_broken(&self) -> bool {
        match self {
            Engine::Thread(worker) => worker.is_broken(),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => pg.is_broken(),
        }
    }

    /// Runs `work` on a blocking connection; it runs after the work asked for before it.
    pub(super) fn run<T, F>(&self, work: F) -> Reply<'_, T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Connection) -> Result<T> + Send + 'static,
    {
        match self {
            Engine::Thread(worker) => worker.run(work),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => {
                let caller = Caller::current();
                Reply::running(pg.run_blocking(move |conn| caller.within(|| work(conn))))
            }
        }
    }

    /// Runs `work` on a blocking connection without waiting for it, after the work asked for
    /// before it and before anything asked for later.
    pub(super) fn detach(&self, work: impl FnOnce(&mut dyn Connection) + Send + 'static) {
        match self {
            Engine::Thread(worker) => worker.detach(work),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => pg.detach(work),
        }
    }

    /// Decodes the rows of `query` into `R`.
    pub(super) fn load<Q, R>(&self, query: Q) -> Reply<'_, Vec<R>>
    where
        Q: Load<R>,
        R: Send + 'static,
    {
        match self {
            Engine::Thread(worker) => worker.run(move |conn| query.load_on(conn)),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => Reply::running(async move {
                if let Some(plan) = query.plan(&crate::render::Postgres)? {
                    return fetch_rows(pg, plan).await;
                }
                self.run(move |conn| query.load_on(conn)).await
            }),
        }
    }

    /// Runs the write `write`: the rows it wrote.
    pub(super) fn execute<W: Execute>(&self, write: W) -> Reply<'_, u64> {
        match self {
            Engine::Thread(worker) => worker.run(move |conn| write.execute_on(conn)),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => Reply::running(async move {
                if let Some(plan) = write.plan(&crate::render::Postgres)? {
                    return execute_write(pg, plan).await;
                }
                self.run(move |conn| write.execute_on(conn)).await
            }),
        }
    }

    /// A typed query's rows, read by `plan` on the async driver or by `blocking` on a
    /// blocking connection, then handed to `finish` (which makes one row, a count…).
    pub(super) fn select<Q, R, T>(
        &self,
        query: Q,
        plan: impl FnOnce(&Q, &dyn Dialect) -> Result<Plan<'static, R>> + Send + 'static,
        blocking: impl FnOnce(&Q, &mut dyn Connection) -> Result<T> + Send + 'static,
        finish: impl FnOnce(Vec<R>) -> Result<T> + Send + 'static,
    ) -> Reply<'_, T>
    where
        Q: Send + 'static,
        R: Send + 'static,
        T: Send + 'static,
    {
        match self {
            Engine::Thread(worker) => {
                let _ = (plan, finish);
                worker.run(move |conn| blocking(&query, conn))
            }
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => Reply::running(async move {
                let _ = blocking;
                let plan = plan(&query, &crate::render::Postgres)?;
                finish(fetch_rows(pg, plan).await?)
            }),
        }
    }

    /// Runs one statement of SQL text: the rows it wrote.
    pub(super) fn execute_sql(&self, sql: String, params: Vec<Value>) -> Reply<'_, u64> {
        match self {
            Engine::Thread(worker) => worker.run(move |conn| conn.execute_sql(&sql, &params)),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => {
                Reply::running(async move { Ok(pg.fetch(&sql, &params, false).await?.len()) })
            }
        }
    }

    /// Runs one statement of SQL text: its rows.
    pub(super) fn query_sql(&self, sql: String, params: Vec<Value>) -> Reply<'_, Vec<Row>> {
        match self {
            Engine::Thread(worker) => worker.run(move |conn| conn.query_sql(&sql, &params)),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => Reply::running(async move {
                let fetched = pg.fetch(&sql, &params, true).await?;
                let (mut builder, mut rows) = (RowBuilder::default(), Vec::new());
                fetched.each(&mut |cells| {
                    rows.push(builder.build(cells)?);
                    Ok(())
                })?;
                Ok(rows)
            }),
        }
    }

    /// Runs `;`-separated statements without parameters.
    pub(super) fn batch_execute(&self, sql: String) -> Reply<'_, ()> {
        match self {
            Engine::Thread(worker) => worker.run(move |conn| conn.batch_execute(&sql)),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => Reply::running(async move { pg.batch_execute(&sql).await }),
        }
    }

    /// Begins a transaction (a savepoint inside one).
    pub(super) fn begin(&self, options: TransactionOptions) -> Reply<'_, ()> {
        match self {
            Engine::Thread(worker) => worker.run(move |conn| blocking::begin(conn, &options)),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => Reply::running(async move { pg.begin(&options).await }),
        }
    }

    /// Commits the innermost transaction.
    pub(super) fn commit(&self) -> Reply<'_, ()> {
        match self {
            Engine::Thread(worker) => worker.run(|conn| blocking::commit(conn)),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => Reply::running(pg.commit()),
        }
    }

    /// Rolls back every transaction above `depth`.
    pub(super) fn roll_back_to(&self, depth: u32) -> Reply<'_, ()> {
        match self {
            Engine::Thread(worker) => worker.run(move |conn| roll_back_to(conn, depth)),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => Reply::running(pg.roll_back_to(depth)),
        }
    }

    /// Readies a connection back in its pool for the next borrower, before anything asked for
    /// later: rolls back whatever transaction the server holds (a leaked guard's, the user's
    /// own `BEGIN`), and marks it lost when that fails.
    pub(super) fn reset(&self) {
        match self {
            Engine::Thread(worker) => worker.detach(|conn| {
                if is_lost_on_return(conn) {
                    conn.session().broken = true;
                }
            }),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => pg.roll_back_soon(0),
        }
    }

    /// Rolls back every transaction above `depth` before anything asked for later, without
    /// waiting (a guard dropped uncommitted).
    pub(super) fn roll_back_soon(&self, depth: u32) {
        match self {
            Engine::Thread(worker) => worker.detach(move |conn| {
                if let Err(error) = roll_back_to(conn, depth) {
                    tracing::warn!(target: "dovetail::sql", %error, "rolling back a dropped transaction failed");
                }
            }),
            #[cfg(feature = "postgres")]
            Engine::Postgres(pg) => pg.roll_back_soon(depth),
        }
    }
}

/// Runs `plan` on the async driver and decodes its rows.
#[cfg(feature = "postgres")]
async fn fetch_rows<R>(pg: &AsyncPostgres, mut plan: Plan<'_, R>) -> Result<Vec<R>> {
    let fetched = pg.fetch(plan.sql.as_str(), &plan.params, true).await?;
    let mut out = Vec::new();
    fetched.each(&mut |cells| {
        if out.is_empty() {
            out.reserve_exact(cells.rows_after() + 1);
        }
        out.push((plan.decode)(cells)?);
        Ok(())
    })?;
    Ok(out)
}

/// Runs `plan` on the async driver: the rows it wrote.
#[cfg(feature = "postgres")]
async fn execute_write(pg: &AsyncPostgres, plan: WritePlan<'_>) -> Result<u64> {
    let fetched = pg.fetch(plan.sql.as_str(), &plan.params, false).await?;
    Ok(plan.written(fetched.len()))
}

/// Rolls back every transaction above `depth` (innermost first).
fn roll_back_to(conn: &mut dyn Connection, depth: u32) -> Result<()> {
    let mut outcome = Ok(());
    // `rollback` lowers the depth even when the server fails to roll back.
    while conn.transaction_depth() > depth {
        if let Err(error) = blocking::rollback(conn) {
            outcome = Err(error);
        }
    }
    outcome
}
