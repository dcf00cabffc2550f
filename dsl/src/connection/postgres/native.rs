//! PostgreSQL for async connections, on `tokio-postgres`: the blocking driver's statement
//! cache, parameter binding, decoding and errors (the `postgres` crate is built on
//! `tokio-postgres`, so its rows, statements and errors are these), driven by futures.
//!
//! **Turns.** A statement is sent when the future that runs it takes the connection's turn
//! (a fair lock, granted in the order futures ask for it) and gives the turn up as soon as its
//! request is queued to the server — `tokio-postgres` queues a request when its future is
//! first polled. So statements reach the server in the order their futures were first polled,
//! and several awaited together are pipelined: each is sent without waiting for the answers
//! before it. Work that needs the connection to itself (blocking code through
//! [`AsyncPostgres::run_blocking`], a stream) holds the turn until it ends.
//!
//! **Cancellation.** A future dropped before its statement was sent sends nothing; once sent,
//! a statement runs to its end on the server and the driver reads and discards its answer.
//! A transaction nobody holds any more is rolled back by a statement that takes its turn at
//! once ([`AsyncPostgres::roll_back_soon`]), before anything asked for later.

use std::future::{Future, poll_fn};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use tokio::runtime::Handle;
use tokio::sync::OwnedMutexGuard;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Config, NoTls};

use super::{ConnectTimeout, PostgresCells, Prepared, config, errors, recover, refs, types};
use crate::connection::driver::{CacheUse, Driver, Ran, Session, Sink};
use crate::connection::statement_cache::StatementCache;
use crate::connection::transaction::{TransactionOptions, begin_sql, commit_failure, commit_sql};
use crate::connection::{Cells, Connection, finish, log_start, refuse, server_transaction};
use crate::error::{Backend, Error, Result};
use crate::render::{Dialect, Postgres};
use crate::value::Value;

/// The async driver's configuration, as [`config`] reads it.
impl ConnectTimeout for Config {
    fn default_timeout(&mut self, timeout: std::time::Duration) {
        if self.get_connect_timeout().is_none() {
            self.connect_timeout(timeout);
        }
    }
}

/// A PostgreSQL connection for async code; clones share it.
#[derive(Clone)]
pub(crate) struct AsyncPostgres {
    shared: Arc<Shared>,
    /// Where reads outside transactions go (see `PoolBuilder::read_replicas`).
    replica: Option<Arc<Shared>>,
}

struct Shared {
    client: Client,
    /// `statement_cache=unnamed`: no statement is kept on the server.
    unnamed: bool,
    /// Whose turn it is to send (see the module's documentation).
    turn: Arc<tokio::sync::Mutex<()>>,
    state: Mutex<State>,
}

struct State {
    session: Session,
    statements: StatementCache<Prepared>,
}

/// The rows of a statement, or how many it wrote.
pub(crate) enum Fetched {
    Rows(Vec<tokio_postgres::Row>),
    Count(u64),
}

impl Fetched {
    /// Hands each row's cells to `each`.
    pub(crate) fn each(&self, each: &mut dyn FnMut(&mut dyn Cells) -> Result<()>) -> Result<()> {
        if let Fetched::Rows(rows) = self {
            for (index, row) in rows.iter().enumerate() {
                let rows_after = rows.len() - index - 1;
                each(&mut PostgresCells { row, rows_after })?;
            }
        }
        Ok(())
    }

    /// How many rows it returned or wrote.
    pub(crate) fn len(&self) -> u64 {
        match self {
            Fetched::Rows(rows) => rows.len() as u64,
            Fetched::Count(count) => *count,
        }
    }
}

impl AsyncPostgres {
    /// Connects to the `postgres://` URL `url`; the connection's socket is driven by a task
    /// on the current tokio runtime.
    pub(crate) async fn connect(url: &str) -> Result<AsyncPostgres> {
        let (config, settings) = config::<Config>(url)?;
        let runtime = Handle::try_current().map_err(|error| Error::Connect {
            backend: Backend::Postgres,
            message: "an async PostgreSQL connection runs on a tokio runtime; none is running"
                .into(),
            source: Box::new(error),
        })?;
        let (client, connection) = config.connect(NoTls).await.map_err(errors::connect)?;
        // Ends when the client is dropped or the server goes away (which every statement then
        // reports).
        runtime.spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(target: "dovetail::sql", %error, "the PostgreSQL connection ended");
            }
        });
        Ok(AsyncPostgres {
            replica: None,
            shared: Arc::new(Shared {
                client,
                unnamed: settings.unnamed,
                turn: Arc::default(),
                state: Mutex::new(State {
                    session: Session::default(),
                    statements: StatementCache::new(),
                }),
            }),
        })
    }

    /// Whether the connection to the server was lost.
    pub(crate) fn is_broken(&self) -> bool {
        self.shared.client.is_closed() || self.shared.state().session.broken
    }

    /// Runs one statement once the statements asked for before it are sent: its rows, or how
    /// many rows it wrote when `rows` is false and it returns none.
    pub(crate) async fn fetch(&self, sql: &str, params: &[Value], rows: bool) -> Result<Fetched> {
        if let Some(replica) = &self.replica
            && rows
            && self.reads_on_replica(sql)
        {
            let replica = AsyncPostgres {
                shared: Arc::clone(replica),
                replica: None,
            };
            return Box::pin(replica.fetch(sql, params, rows)).await;
        }
        let (started, log_values) = {
            let state = self.shared.state();
            refuse(&state.session, Backend::Postgres, &Postgres, params)?;
            (log_start(), state.session.log_values)
        };
        let mut sender = Sender::new(&self.shared);
        let outcome = self
            .shared
            .fetch(&mut sender, sql, params, rows, log_values)
            .await;
        drop(sender);
        let mut state = self.shared.state();
        let (ran, fetched) = match outcome {
            Ok((fetched, cache, may_open)) => {
                note_opener(&mut state.session, may_open);
                let rows = fetched.len();
                (Ok(Ran { rows, cache }), Some(fetched))
            }
            Err(error) => (Err(error), None),
        };
        finish(&mut state.session, sql, params, started, ran)?;
        Ok(fetched.unwrap_or(Fetched::Count(0)))
    }

    /// Sends the reads outside transactions of this connection to `replica`.
    pub(crate) fn with_replica(mut self, replica: AsyncPostgres) -> AsyncPostgres {
        self.replica = Some(replica.shared);
        self
    }

    /// Whether `sql` goes to the replica: it only reads, and no transaction is open.
    fn reads_on_replica(&self, sql: &str) -> bool {
        let state = self.shared.state();
        state.session.depth == 0
            && !state.session.may_be_in_transaction
            && server_transaction::reads_only(sql)
    }

    /// Runs `;`-separated statements without parameters.
    pub(crate) async fn batch_execute(&self, sql: &str) -> Result<()> {
        let mut sender = Sender::new(&self.shared);
        self.shared.script(&mut sender, sql).await
    }

    /// Begins a transaction (a savepoint inside one).
    pub(crate) async fn begin(&self, options: &TransactionOptions) -> Result<()> {
        let mut sender = Sender::new(&self.shared);
        sender.take_turn().await;
        let depth = self.shared.state().session.depth;
        for statement in begin_sql(Backend::Postgres, options, depth)? {
            // Counted as open once sent, so that a rollback asked for later covers it.
            self.shared.state().session.depth = depth + 1;
            if let Err(error) = self.shared.script(&mut sender, &statement).await {
                self.shared.state().session.depth = depth;
                return Err(error);
            }
            sender.take_turn().await;
        }
        Ok(())
    }

    /// Commits the innermost transaction (releases its savepoint); when that fails, rolls it
    /// back and returns the error ([`Error::CommitOutcomeUnknown`] when the connection was
    /// lost during COMMIT).
    pub(crate) async fn commit(&self) -> Result<()> {
        let mut sender = Sender::new(&self.shared);
        sender.take_turn().await;
        let (statement, depth, sent) = {
            let mut state = self.shared.state();
            let depth = state.session.depth;
            let statement = commit_sql(depth)?;
            // Over once sent, whatever the answer: a rollback asked for later has nothing to do.
            state.session.depth = depth - 1;
            (statement, depth, !state.session.broken)
        };
        match self.shared.script(&mut sender, &statement).await {
            Ok(()) => {
                let mut state = self.shared.state();
                state.session.may_be_in_transaction &= depth > 1;
                Ok(())
            }
            Err(error) => {
                self.shared.state().session.depth = depth;
                // The rollback's own failure is less telling than the commit's.
                let _ = self.shared.roll_back_to(&mut sender, depth - 1).await;
                Err(commit_failure(error, depth, sent))
            }
        }
    }

    /// Rolls back every transaction above `depth`.
    pub(crate) async fn roll_back_to(&self, depth: u32) -> Result<()> {
        let mut sender = Sender::new(&self.shared);
        self.shared.roll_back_to(&mut sender, depth).await
    }

    /// Rolls back every transaction above `depth` — and, at 0, one the server may hold that
    /// dovetail did not open — before any statement asked for later, without waiting: for a
    /// guard dropped uncommitted and a connection back in its pool.
    pub(crate) fn roll_back_soon(&self, depth: u32) {
        let Ok(runtime) = Handle::try_current() else {
            // Nothing can send it: the connection must not be used again.
            self.shared.state().session.broken = true;
            return;
        };
        let mut turn = self.shared.claim_turn();
        let shared = Arc::clone(&self.shared);
        // Granted at once when nothing else holds it or waits: sent now.
        if let Poll::Ready(turn) = poll_once(turn.as_mut()) {
            shared.send_rollback_unanswered(depth);
            drop(turn);
            return;
        }
        runtime.spawn(async move {
            let _turn = turn.await;
            let mut sender = Sender::holding(&shared);
            if let Err(error) = shared.roll_back_to(&mut sender, depth).await {
                tracing::warn!(target: "dovetail::sql", %error, "rolling back a dropped transaction failed");
            }
        });
    }

    /// Runs `work` on a blocking [`Connection`] over this one, on tokio's blocking threads,
    /// holding the connection's turn until it returns. A panic in `work` continues in the
    /// caller. Its place in the order of statements is taken now.
    pub(crate) fn run_blocking<T, F>(
        &self,
        work: F,
    ) -> impl Future<Output = Result<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Connection) -> Result<T> + Send + 'static,
    {
        let shared = Arc::clone(&self.shared);
        let turn = shared.claim_turn();
        async move {
            let turn = turn.await;
            let runtime = Handle::current();
            let ran = tokio::task::spawn_blocking(move || {
                let mut bridge = Bridge::new(shared, runtime, turn);
                catch_unwind(AssertUnwindSafe(|| work(&mut bridge)))
            })
            .await;
            match ran {
                Ok(Ok(result)) => result,
                Ok(Err(panic)) => resume_unwind(panic),
                Err(_) => Err(Error::ConnectionLost {
                    backend: Backend::Postgres,
                    message: "the connection's blocking work stopped".into(),
                    source: None,
                }),
            }
        }
    }

    /// Runs `work` like [`run_blocking`](Self::run_blocking) without waiting for it: its turn
    /// is taken now, so it runs before anything asked for later.
    pub(crate) fn detach(&self, work: impl FnOnce(&mut dyn Connection) + Send + 'static) {
        let Ok(runtime) = Handle::try_current() else {
            self.shared.state().session.broken = true;
            return;
        };
        let shared = Arc::clone(&self.shared);
        let turn = shared.claim_turn();
        runtime.spawn(async move {
            let turn = turn.await;
            let runtime = Handle::current();
            let _ = tokio::task::spawn_blocking(move || {
                work(&mut Bridge::new(shared, runtime, turn));
            })
            .await;
        });
    }
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A place in the queue for the turn, taken now: the queue is fair, and a lock future
    /// takes its place when first polled.
    fn claim_turn(&self) -> Pin<Box<dyn Future<Output = OwnedMutexGuard<()>> + Send>> {
        let mut claim = Box::pin(Arc::clone(&self.turn).lock_owned());
        match poll_once(claim.as_mut()) {
            Poll::Ready(turn) => Box::pin(std::future::ready(turn)),
            Poll::Pending => claim,
        }
    }

    /// Runs `sql` through the statement cache (preparing it again once when the server finds
    /// the cached one stale); its rows, or the count of rows it wrote.
    async fn fetch(
        &self,
        sender: &mut Sender<'_>,
        sql: &str,
        params: &[Value],
        rows: bool,
        log_values: bool,
    ) -> Result<(Fetched, CacheUse, bool)> {
        match self
            .fetch_prepared(sender, sql, params, rows, log_values)
            .await
        {
            Err((error, CacheUse::Hit)) => {
                self.recover(sql, error)?;
                self.fetch_prepared(sender, sql, params, rows, log_values)
                    .await
                    .map_err(|(error, _)| error)
            }
            other => other.map_err(|(error, _)| error),
        }
    }

    /// After a cached statement failed: `Ok` when it should be prepared again (see
    /// `recover`).
    fn recover(&self, sql: &str, error: Error) -> Result<()> {
        let mut state = self.state();
        let in_transaction = state.session.depth > 0 || state.session.may_be_in_transaction;
        recover(&mut state.statements, sql, error, in_transaction)
    }

    async fn fetch_prepared(
        &self,
        sender: &mut Sender<'_>,
        sql: &str,
        params: &[Value],
        rows: bool,
        log_values: bool,
    ) -> std::result::Result<(Fetched, CacheUse, bool), (Error, CacheUse)> {
        if self.unnamed {
            return self
                .fetch_unnamed(sender, sql, params, rows, log_values)
                .await
                .map_err(|error| (error, CacheUse::Unnamed));
        }
        let (prepared, cache) = self
            .prepared(sender, sql)
            .await
            .map_err(|error| (error, CacheUse::Miss))?;
        let params = types::params(params, log_values);
        let statement = &prepared.statement;
        let fetched = match rows || !statement.columns().is_empty() {
            false => sender
                .send(self.client.execute(statement, &refs(&params)))
                .await
                .map(Fetched::Count),
            // The whole result in one pass of the driver's loop, as the blocking driver does.
            true => sender
                .send(self.client.query(statement, &refs(&params)))
                .await
                .map(Fetched::Rows),
        };
        fetched
            .map(|fetched| (fetched, cache, prepared.may_open))
            .map_err(|error| (errors::map(error), cache))
    }

    /// Runs `sql` prepared unnamed in the round trip that runs it (`statement_cache=unnamed`).
    async fn fetch_unnamed(
        &self,
        sender: &mut Sender<'_>,
        sql: &str,
        params: &[Value],
        rows: bool,
        log_values: bool,
    ) -> Result<(Fetched, CacheUse, bool)> {
        let mut stream = self.unnamed_rows(sender, sql, params, log_values).await?;
        let mut returned = Vec::new();
        while let Some(row) =
            poll_fn(|cx| futures_core::Stream::poll_next(stream.as_mut(), cx)).await
        {
            returned.push(row.map_err(errors::map)?);
        }
        let fetched = match rows {
            true => Fetched::Rows(returned),
            false => Fetched::Count(stream.rows_affected().unwrap_or(returned.len() as u64)),
        };
        Ok((
            fetched,
            CacheUse::Unnamed,
            server_transaction::may_open(sql),
        ))
    }

    /// Sends `sql` prepared unnamed, its parameters declared by their values' types: its rows,
    /// to be read.
    async fn unnamed_rows(
        &self,
        sender: &mut Sender<'_>,
        sql: &str,
        params: &[Value],
        log_values: bool,
    ) -> Result<Pin<Box<tokio_postgres::RowStream>>> {
        sender.take_turn().await;
        let params = types::params(params, log_values);
        let declared = params
            .iter()
            .map(|p| (p as &(dyn ToSql + Sync), p.declared()));
        let rows = sender
            .send(self.client.query_typed_raw(sql, declared))
            .await
            .map_err(errors::map)?;
        Ok(Box::pin(rows))
    }

    /// The prepared statement for `sql`, from the cache or prepared now (in the sender's turn;
    /// it keeps it).
    async fn prepared(&self, sender: &mut Sender<'_>, sql: &str) -> Result<(Prepared, CacheUse)> {
        sender.take_turn().await;
        let cached = self.state().statements.get(sql);
        let (prepared, cache) = match cached {
            Some(prepared) => (prepared, CacheUse::Hit),
            None => {
                let statement = self.client.prepare(sql).await.map_err(errors::map)?;
                let prepared = Prepared {
                    statement,
                    may_open: server_transaction::may_open(sql),
                };
                let (cache, evicted) = self.state().statements.insert(sql, prepared.clone());
                // Dropping a statement closes it on the server.
                drop(evicted);
                (prepared, cache)
            }
        };
        Ok((prepared, cache))
    }

    /// Runs a parameterless script, logged like any statement.
    async fn script(&self, sender: &mut Sender<'_>, sql: &str) -> Result<()> {
        let started = {
            let mut state = self.state();
            refuse(&state.session, Backend::Postgres, &Postgres, &[])?;
            if state.session.depth == 0 && server_transaction::may_open(sql) {
                state.session.may_be_in_transaction = true;
            }
            log_start()
        };
        sender.take_turn().await;
        let outcome = sender
            .send(self.client.batch_execute(sql))
            .await
            .map(|()| Ran {
                rows: 0,
                cache: CacheUse::Unprepared,
            })
            .map_err(errors::map);
        finish(&mut self.state().session, sql, &[], started, outcome).map(|_| ())
    }

    /// Rolls back every transaction above `depth` (and, at 0, one the server may hold that
    /// dovetail did not open).
    async fn roll_back_to(&self, sender: &mut Sender<'_>, depth: u32) -> Result<()> {
        sender.take_turn().await;
        let Some(statement) = self.rollback_statement(depth) else {
            return Ok(());
        };
        self.script(sender, &statement).await
    }

    /// The statement that rolls back to `depth`, if anything is open above it, counted as done.
    fn rollback_statement(&self, depth: u32) -> Option<String> {
        let mut state = self.state();
        let open = state.session.depth;
        let statement = match depth {
            0 if open > 0 || state.session.may_be_in_transaction => "ROLLBACK".to_owned(),
            _ if open > depth => crate::connection::transaction::rollback_sql(open, depth)
                .ok()?
                .join("; "),
            _ => return None,
        };
        state.session.depth = depth;
        if depth == 0 {
            state.session.may_be_in_transaction = false;
        }
        Some(statement)
    }

    /// Sends the rollback to `depth` now, in the caller's turn, without waiting for its answer
    /// (a failure shows as a lost connection).
    fn send_rollback_unanswered(&self, depth: u32) {
        if let Some(statement) = self.rollback_statement(depth) {
            let _ = poll_once(pin!(self.client.batch_execute(&statement)));
        }
    }
}

/// A future's turn to send, and whether it keeps it after sending (blocking work does).
struct Sender<'s> {
    shared: &'s Shared,
    turn: Option<OwnedMutexGuard<()>>,
    holds_turn: bool,
}

impl<'s> Sender<'s> {
    fn new(shared: &'s Shared) -> Sender<'s> {
        Sender {
            shared,
            turn: None,
            holds_turn: false,
        }
    }

    /// For work that holds the turn already, for as long as it runs.
    fn holding(shared: &'s Shared) -> Sender<'s> {
        Sender {
            shared,
            turn: None,
            holds_turn: true,
        }
    }

    /// Waits for the turn, unless it is held already.
    async fn take_turn(&mut self) {
        if self.turn.is_none() && !self.holds_turn {
            self.turn = Some(Arc::clone(&self.shared.turn).lock_owned().await);
        }
    }

    /// Polls `request` (which queues its message when first polled) in this turn, gives the
    /// turn up unless it is held for longer, then waits for the answer.
    async fn send<F: Future>(&mut self, request: F) -> F::Output {
        let mut request = pin!(request);
        let mut turn = match self.holds_turn {
            true => None,
            false => self.turn.take(),
        };
        poll_fn(move |cx| {
            let poll = request.as_mut().poll(cx);
            drop(turn.take());
            poll
        })
        .await
    }
}

/// Polls `future` once, without a task to wake.
fn poll_once<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// A blocking [`Connection`] over an async one, for blocking code run on tokio's blocking
/// threads while it holds the connection's turn: each statement waits on the runtime with
/// [`Handle::block_on`]. It keeps the session while it runs and hands it back when dropped.
struct Bridge {
    shared: Arc<Shared>,
    runtime: Handle,
    session: Session,
    _turn: OwnedMutexGuard<()>,
}

impl Bridge {
    fn new(shared: Arc<Shared>, runtime: Handle, turn: OwnedMutexGuard<()>) -> Bridge {
        let session = shared.state().session.clone();
        Bridge {
            shared,
            runtime,
            session,
            _turn: turn,
        }
    }

    fn sender(&self) -> Sender<'_> {
        Sender::holding(&self.shared)
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let mut state = self.shared.state();
        // Statements sent before this work may have found the connection lost since.
        let broken = state.session.broken;
        state.session = std::mem::take(&mut self.session);
        state.session.broken |= broken;
    }
}

impl Connection for Bridge {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn dialect(&self) -> &dyn Dialect {
        &Postgres
    }
}

impl Driver for Bridge {
    fn run(&mut self, sql: &str, params: &[Value], sink: Sink<'_>) -> Result<Ran> {
        let log_values = self.session.log_values;
        let (ran, may_open) = match sink {
            Sink::Stream(each) => {
                let (mut rows, cache, may_open) =
                    self.runtime
                        .block_on(start_stream(&self.shared, sql, params, log_values))?;
                let mut count = 0;
                // `each` runs outside the runtime: it may block (a bounded channel's send).
                while let Some(row) = self.runtime.block_on(poll_fn(|cx| {
                    futures_core::Stream::poll_next(rows.as_mut(), cx)
                })) {
                    let row = row.map_err(errors::map)?;
                    count += 1;
                    each(&mut PostgresCells {
                        row: &row,
                        rows_after: 0,
                    })?;
                }
                (Ran { rows: count, cache }, may_open)
            }
            Sink::Count | Sink::Collect(_) => {
                let rows = matches!(sink, Sink::Collect(_));
                let mut sender = self.sender();
                let (fetched, cache, may_open) = self.runtime.block_on(self.shared.fetch(
                    &mut sender,
                    sql,
                    params,
                    rows,
                    log_values,
                ))?;
                if let Sink::Collect(each) = sink {
                    fetched.each(each)?;
                }
                let rows = fetched.len();
                (Ran { rows, cache }, may_open)
            }
        };
        note_opener(&mut self.session, may_open);
        Ok(ran)
    }

    fn run_script(&mut self, sql: &str) -> Result<()> {
        if self.session.depth == 0 && server_transaction::may_open(sql) {
            self.session.may_be_in_transaction = true;
        }
        let mut sender = self.sender();
        self.runtime
            .block_on(sender.send(self.shared.client.batch_execute(sql)))
            .map_err(errors::map)
    }

    fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    fn session_ref(&self) -> &Session {
        &self.session
    }

    fn cache_len(&self) -> usize {
        self.shared.state().statements.len()
    }

    fn set_cache_capacity(&mut self, capacity: usize) {
        drop(self.shared.state().statements.resize(capacity));
    }

    fn server_in_transaction(&self) -> bool {
        self.session.depth > 0 || self.session.may_be_in_transaction
    }
}

/// Starts `sql` for its rows to be read one at a time as the server sends them; also whether
/// its statement came from the cache and may open a transaction.
async fn start_stream(
    shared: &Shared,
    sql: &str,
    params: &[Value],
    log_values: bool,
) -> Result<(Pin<Box<tokio_postgres::RowStream>>, CacheUse, bool)> {
    let mut sender = Sender::holding(shared);
    if shared.unnamed {
        let rows = shared
            .unnamed_rows(&mut sender, sql, params, log_values)
            .await?;
        return Ok((rows, CacheUse::Unnamed, server_transaction::may_open(sql)));
    }
    let params = types::params(params, log_values);
    let attempt = async |sender: &mut Sender<'_>| {
        let (prepared, cache) = shared
            .prepared(sender, sql)
            .await
            .map_err(|error| (error, CacheUse::Miss))?;
        let rows = sender
            .send(shared.client.query_raw(
                &prepared.statement,
                params.iter().map(|p| p as &(dyn ToSql + Sync)),
            ))
            .await
            .map_err(|error| (errors::map(error), cache))?;
        Ok::<_, (Error, CacheUse)>((Box::pin(rows), cache, prepared.may_open))
    };
    match attempt(&mut sender).await {
        Err((error, CacheUse::Hit)) => {
            shared.recover(sql, error)?;
            attempt(&mut sender).await.map_err(|(error, _)| error)
        }
        other => other.map_err(|(error, _)| error),
    }
}

/// Notes a statement, run outside dovetail's transactions, that may open one.
fn note_opener(session: &mut Session, may_open: bool) {
    if may_open && session.depth == 0 {
        session.may_be_in_transaction = true;
    }
}
