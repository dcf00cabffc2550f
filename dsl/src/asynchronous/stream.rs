//! [`RowStream`]: a query's rows as a `Stream`, decoded by blocking code (on the connection's
//! thread, or over PostgreSQL's async driver on one of tokio's blocking threads) and handed
//! over in small batches through a bounded channel, so memory stays flat however many rows
//! there are and a slow reader slows the query down rather than piling rows up.

use std::marker::PhantomData;
use std::mem;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::thread;

use futures_core::Stream;
use tokio::sync::mpsc;

use super::connection::AsyncConnection;
use super::engine::Engine;
use super::worker::Caller;
use crate::connection::Connection;
use crate::error::{Error, Result};

/// Rows decoded before they are handed over together.
const BATCH_ROWS: usize = 64;

/// Batches in flight between the connection's thread and the reader.
const BATCHES_IN_FLIGHT: usize = 2;

/// The rows of [`AsyncConnection::stream`], as a [`Stream`] of `Result<R>` (or one at a time
/// with [`RowStream::next`]). At most a few hundred rows are held between the server and the
/// reader; the query waits while the reader does not read.
///
/// Dropping the stream before its end stops the query on the connection's thread; the
/// connection is usable again as soon as the stream is dropped (later work queues behind the
/// stop).
///
/// ```
/// use dovetail::prelude::*;
///
/// dovetail::table! { n { i: BigInt } }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dovetail::Result<()> {
/// let mut conn = dovetail::connect_async("sqlite::memory:").await?;
/// conn.batch_execute(
///     "CREATE TABLE n (i INTEGER NOT NULL);
///      WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1000)
///      INSERT INTO n SELECT i FROM k",
/// )
/// .await?;
/// let mut rows = conn.stream::<_, _, _, _, i64>(n::table.select(n::i));
/// let mut total = 0;
/// while let Some(i) = rows.next().await {
///     total += i?;
/// }
/// assert_eq!(total, 500_500);
/// # Ok(())
/// # }
/// ```
pub struct RowStream<'c, R> {
    batches: mpsc::Receiver<thread::Result<Result<Vec<R>>>>,
    current: std::vec::IntoIter<R>,
    /// The connection stays borrowed: nothing else may be queued behind a query that waits
    /// for this reader.
    connection: PhantomData<&'c mut AsyncConnection>,
}

// The stream never pins its rows: it only moves them out of a `Vec`.
impl<R> Unpin for RowStream<'_, R> {}

impl<R> std::fmt::Debug for RowStream<'_, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowStream")
            .field("buffered", &self.current.len())
            .finish_non_exhaustive()
    }
}

impl<'c, R: Send + 'static> RowStream<'c, R> {
    /// Queues `query` (a blocking `for_each`) on the connection's thread, its rows to the
    /// stream.
    pub(super) fn start<Q>(engine: &Engine, query: Q) -> RowStream<'c, R>
    where
        Q: FnOnce(&mut dyn Connection, &mut dyn FnMut(R) -> Result<()>) -> Result<u64>
            + Send
            + 'static,
    {
        let (sender, batches) = mpsc::channel(BATCHES_IN_FLIGHT);
        let caller = Caller::current();
        engine.detach(move |conn| {
            caller.within(|| {
                let mut batch = Vec::with_capacity(BATCH_ROWS);
                let ran = catch_unwind(AssertUnwindSafe(|| {
                    query(conn, &mut |row| {
                        batch.push(row);
                        if batch.len() == BATCH_ROWS {
                            let full = mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS));
                            // Waits while the reader is `BATCHES_IN_FLIGHT` behind; fails once it
                            // is gone.
                            sender
                                .blocking_send(Ok(Ok(full)))
                                .map_err(|_| Error::Cancelled("the stream was dropped"))?;
                        }
                        Ok(())
                    })
                }));
                if !batch.is_empty() {
                    let _ = sender.blocking_send(Ok(Ok(batch)));
                }
                match ran {
                    Ok(Ok(_)) | Ok(Err(Error::Cancelled(_))) => {}
                    Ok(Err(error)) => {
                        let _ = sender.blocking_send(Ok(Err(error)));
                    }
                    // A panic (in a row type's decoding, say) continues in the reader.
                    Err(panic) => {
                        let _ = sender.blocking_send(Err(panic));
                    }
                }
            })
        });
        RowStream {
            batches,
            current: Vec::new().into_iter(),
            connection: PhantomData,
        }
    }

    /// The next row, `None` after the last.
    pub async fn next(&mut self) -> Option<Result<R>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<R> Stream for RowStream<'_, R> {
    type Item = Result<R>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<R>>> {
        loop {
            if let Some(row) = self.current.next() {
                return Poll::Ready(Some(Ok(row)));
            }
            match self.batches.poll_recv(cx) {
                Poll::Ready(Some(Ok(Ok(batch)))) => self.current = batch.into_iter(),
                Poll::Ready(Some(Ok(Err(error)))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Err(panic))) => resume_unwind(panic),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
