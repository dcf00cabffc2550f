//! Async transactions: a guard that rolls back when dropped uncommitted (however it is dropped:
//! an early return, a panic, a cancelled future) and a closure form on top of it. Nested, they
//! are savepoints. The statements are the blocking transactions' own.

use std::ops::{Deref, DerefMut};

use super::connection::AsyncConnection;
use super::engine::Engine;
use crate::connection::transaction::TransactionOptions;
use crate::error::{Error, Result};

impl AsyncConnection {
    /// Begins a transaction (a savepoint inside one) that rolls back when the guard is dropped
    /// without [`AsyncTransaction::commit`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> dovetail::Result<()> {
    /// let mut conn = dovetail::connect_async("sqlite::memory:").await?;
    /// conn.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY)").await?;
    /// let tx = conn.begin().await?;
    /// tx.execute_sql("INSERT INTO t VALUES (1)", vec![]).await?;
    /// drop(tx); // rolled back
    /// let mut tx = conn.begin().await?;
    /// tx.execute_sql("INSERT INTO t VALUES (2)", vec![]).await?;
    /// let savepoint = tx.begin().await?;
    /// savepoint.execute_sql("INSERT INTO t VALUES (3)", vec![]).await?;
    /// savepoint.rollback().await?;
    /// tx.commit().await?;
    /// assert_eq!(conn.query_sql("SELECT id FROM t", vec![]).await?.len(), 1);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn begin(&mut self) -> Result<AsyncTransaction<'_>> {
        self.begin_with(TransactionOptions::default()).await
    }

    /// [`AsyncConnection::begin`] with an isolation level, read-only or locking mode (see
    /// [`TransactionOptions`]).
    pub async fn begin_with(
        &mut self,
        options: TransactionOptions,
    ) -> Result<AsyncTransaction<'_>> {
        let outer = self.depth;
        // Cancelled while BEGIN is queued or running: nobody will hold the transaction, so
        // the work queued behind BEGIN rolls it back.
        let mut undo = RollBackTo {
            engine: Some(self.engine.clone()),
            depth: outer,
        };
        self.engine.begin(options).await?;
        undo.engine = None;
        self.depth = outer + 1;
        Ok(AsyncTransaction {
            conn: self,
            outer,
            open: true,
        })
    }

    /// Runs `body` in a transaction (a savepoint when one is open): commits when it returns
    /// `Ok`, rolls back when it returns `Err`, panics or is cancelled.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> dovetail::Result<()> {
    /// let mut conn = dovetail::connect_async("sqlite::memory:").await?;
    /// conn.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY)").await?;
    /// let failed = conn
    ///     .transaction(async |tx| {
    ///         tx.execute_sql("INSERT INTO t VALUES (1)", vec![]).await?;
    ///         tx.execute_sql("INSERT INTO t VALUES (1)", vec![]).await // duplicate key
    ///     })
    ///     .await;
    /// assert!(matches!(failed, Err(dovetail::Error::UniqueViolation(_))));
    /// assert!(conn.query_sql("SELECT id FROM t", vec![]).await?.is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn transaction<T, E, F>(&mut self, body: F) -> Result<T, E>
    where
        F: AsyncFnOnce(&mut AsyncTransaction<'_>) -> Result<T, E>,
        E: From<Error>,
    {
        self.transaction_with(TransactionOptions::default(), body)
            .await
    }

    /// [`AsyncConnection::transaction`] with an isolation level, read-only or locking mode.
    pub async fn transaction_with<T, E, F>(
        &mut self,
        options: TransactionOptions,
        body: F,
    ) -> Result<T, E>
    where
        F: AsyncFnOnce(&mut AsyncTransaction<'_>) -> Result<T, E>,
        E: From<Error>,
    {
        let mut tx = self.begin_with(options).await?;
        match body(&mut tx).await {
            Ok(value) => {
                tx.commit().await?;
                Ok(value)
            }
            // Dropping the guard queues the rollback; the body's error says more than a
            // failed rollback would.
            Err(error) => Err(error),
        }
    }
}

/// An open async transaction; it dereferences to the connection, so statements run inside it.
/// Dropped without [`AsyncTransaction::commit`], it rolls back: the rollback takes its place in
/// the connection's order at once and runs before anything asked for later.
#[derive(Debug)]
pub struct AsyncTransaction<'c> {
    conn: &'c mut AsyncConnection,
    /// The depth it was begun at, which dropping it returns to.
    outer: u32,
    open: bool,
}

impl AsyncTransaction<'_> {
    /// Commits (or releases the savepoint). Cancelled once COMMIT was sent, the commit still
    /// runs to its end: the transaction is then committed, or rolled back if COMMIT failed;
    /// cancelled before, it is rolled back. It is never left open.
    pub async fn commit(mut self) -> Result<()> {
        self.open = false;
        // Whatever the outcome, the transaction is over once COMMIT has run.
        self.conn.depth = self.outer;
        // Cancelled before COMMIT was sent (an async driver waiting for its turn): nobody
        // will hold the transaction, so it is rolled back. Rolling back to where it began
        // does nothing once COMMIT was sent.
        let mut undo = RollBackTo {
            engine: Some(self.conn.engine.clone()),
            depth: self.outer,
        };
        let committed = self.conn.engine.commit().await;
        undo.engine = None;
        committed
    }

    /// Rolls back (to the savepoint).
    pub async fn rollback(mut self) -> Result<()> {
        self.open = false;
        self.conn.depth = self.outer;
        let outer = self.outer;
        self.conn.engine.roll_back_to(outer).await
    }
}

impl Deref for AsyncTransaction<'_> {
    type Target = AsyncConnection;

    fn deref(&self) -> &AsyncConnection {
        self.conn
    }
}

impl DerefMut for AsyncTransaction<'_> {
    fn deref_mut(&mut self) -> &mut AsyncConnection {
        self.conn
    }
}

impl Drop for AsyncTransaction<'_> {
    fn drop(&mut self) {
        if self.open {
            self.conn.depth = self.outer;
            self.conn.engine.roll_back_soon(self.outer);
        }
    }
}

/// When dropped, rolls back every transaction above `depth` before anything asked for
/// later (unless its engine was taken away).
struct RollBackTo {
    engine: Option<Engine>,
    depth: u32,
}

impl Drop for RollBackTo {
    fn drop(&mut self) {
        if let Some(engine) = self.engine.take() {
            engine.roll_back_soon(self.depth);
        }
    }
}
