//! The thread each async connection runs on: it owns a blocking [`Connection`] and runs the
//! work sent to it one piece at a time, in the order it was sent, each to the end.
//!
//! That order is what makes the async layer cancellation-safe: a future dropped while its
//! work is queued or running does not stop the work halfway through the protocol, and
//! whatever is queued after it (a rollback from a dropped transaction, a pool's reset, the next
//! borrower's statements) runs after it has finished.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::thread;

use tokio::sync::oneshot;

use crate::connection::{Connection, ConnectionUrl};
use crate::error::{Backend, Error, Result};

/// Work for the connection's thread.
type Job = Box<dyn FnOnce(&mut dyn Connection) + Send>;

/// The async side's handle on a connection's thread; dropping the last one closes the
/// connection once the queued work is done.
#[derive(Clone)]
pub(super) struct Worker {
    jobs: mpsc::Sender<Job>,
    broken: Arc<AtomicBool>,
    backend: Backend,
}

impl Worker {
    /// Starts a thread and opens a connection to `url` on it (with reads outside transactions
    /// on `replica`, when there is one).
    pub(super) async fn open(url: &str, replica: Option<&str>) -> Result<Worker> {
        let backend = ConnectionUrl::parse(url)?.backend();
        let (opened, opening) = oneshot::channel();
        let (jobs, queue) = mpsc::channel::<Job>();
        let broken = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&broken);
        let url = url.to_owned();
        let replica = replica.map(str::to_owned);
        thread::Builder::new()
            .name(format!("dovetail-{}", backend.name().to_lowercase()))
            .spawn(move || {
                let mut conn = match open_routed(&url, replica.as_deref()) {
                    Ok(conn) => conn,
                    Err(error) => {
                        let _ = opened.send(Err(error));
                        return;
                    }
                };
                if opened.send(Ok(())).is_err() {
                    return;
                }
                // Ends when every handle is dropped and the queue is empty.
                while let Some(job) = next_job(&queue) {
                    // Work that waits for its answer catches its own panics and hands them to
                    // the caller; one escaping here came from dovetail's own queued work, after
                    // which the connection's state is unknown: it is treated as lost.
                    if catch_unwind(AssertUnwindSafe(|| job(&mut *conn))).is_err() {
                        conn.session().broken = true;
                    }
                    flag.store(conn.is_broken(), Ordering::Relaxed);
                }
            })
            .map_err(|error| Error::Connect {
                backend,
                message: format!("cannot start the connection's thread: {error}"),
                source: Box::new(error),
            })?;
        match opening.await {
            Ok(Ok(())) => Ok(Worker {
                jobs,
                broken,
                backend,
            }),
            Ok(Err(error)) => Err(error),
            Err(_) => Err(thread_gone(backend)),
        }
    }

    /// The server the connection talks to.
    pub(super) fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the connection was lost (as of the last finished work).
    pub(super) fn is_broken(&self) -> bool {
        self.broken.load(Ordering::Relaxed)
    }

    /// The future of `work`'s result: it queues `work` when first polled. Dropping it after
    /// that does not stop the work; a panic in it continues in the caller.
    pub(super) fn run<T, F>(&self, work: F) -> Reply<'_, T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Connection) -> Result<T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let caller = Caller::current();
        Reply {
            state: State::Queued {
                worker: self,
                work: Some(Box::new(move |conn| {
                    let outcome = caller.within(|| catch_unwind(AssertUnwindSafe(|| work(conn))));
                    let _ = reply.send(outcome);
                })),
                answer,
            },
        }
    }

    /// Queues `work` that nobody waits for (a rollback from a `Drop`, a pool's reset).
    pub(super) fn detach(&self, work: impl FnOnce(&mut dyn Connection) + Send + 'static) {
        // A send fails only once the thread has stopped; the work then has nothing to act on.
        let _ = self.jobs.send(Box::new(work));
    }
}

/// A blocking connection to `url`, reading outside transactions on `replica` when there is
/// one (and it answers: otherwise everything runs on `url`).
fn open_routed(url: &str, replica: Option<&str>) -> Result<Box<dyn Connection>> {
    let conn = crate::connect(url)?;
    let Some(replica) = replica else {
        return Ok(conn);
    };
    match crate::connect(replica) {
        Ok(replica) => Ok(Box::new(crate::connection::routed::Routed::new(
            conn, replica,
        ))),
        Err(error) => {
            tracing::warn!(target: "dovetail::pool", %error, "no replica answered; reading from the primary");
            Ok(conn)
        }
    }
}

/// The result of work on an [`AsyncConnection`](super::AsyncConnection): what its methods
/// return. Like any future it does nothing until polled, and it keeps the connection's order:
/// work runs after the work of futures first polled before it (see
/// [`AsyncConnection`](super::AsyncConnection) on cancellation).
#[must_use = "the work is queued only when the future is awaited"]
pub struct Reply<'c, T> {
    state: State<'c, T>,
}

enum State<'c, T> {
    /// Work for a connection's thread, sent there when first polled.
    Queued {
        worker: &'c Worker,
        work: Option<Job>,
        answer: oneshot::Receiver<thread::Result<Result<T>>>,
    },
    /// Work of an async driver.
    #[cfg(feature = "postgres")]
    Running(Pin<Box<dyn Future<Output = Result<T>> + Send + 'c>>),
}

#[cfg(feature = "postgres")]
impl<'c, T> Reply<'c, T> {
    /// The reply of an async driver's `work`.
    pub(super) fn running(work: impl Future<Output = Result<T>> + Send + 'c) -> Reply<'c, T> {
        Reply {
            state: State::Running(Box::pin(work)),
        }
    }
}

impl<T> std::fmt::Debug for Reply<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let queued = match &self.state {
            State::Queued { work, .. } => work.is_none(),
            #[cfg(feature = "postgres")]
            State::Running(_) => true,
        };
        f.debug_struct("Reply")
            .field("queued", &queued)
            .finish_non_exhaustive()
    }
}

impl<T> Future for Reply<'_, T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        let (worker, work, answer) = match &mut self.state {
            #[cfg(feature = "postgres")]
            State::Running(work) => return work.as_mut().poll(cx),
            State::Queued {
                worker,
                work,
                answer,
            } => (worker, work, answer),
        };
        if let Some(work) = work.take() {
            // A send fails only once the thread has stopped: the answer then never comes.
            let _ = worker.jobs.send(work);
        }
        match Pin::new(answer).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Ok(Ok(result))) => Poll::Ready(result),
            Poll::Ready(Ok(Err(panic))) => resume_unwind(panic),
            Poll::Ready(Err(_)) => Poll::Ready(Err(thread_gone(worker.backend))),
        }
    }
}

/// The caller's `tracing` subscriber and span, so that the statements' events on the
/// connection's thread reach the subscriber the caller uses, inside the caller's span (a
/// request's, say).
pub(super) struct Caller {
    dispatch: tracing::Dispatch,
    span: tracing::Span,
}

impl Caller {
    /// The subscriber and span of the calling thread.
    pub(super) fn current() -> Caller {
        Caller {
            dispatch: tracing::dispatcher::get_default(Clone::clone),
            span: tracing::Span::current(),
        }
    }

    /// Runs `body` with the caller's subscriber and inside its span.
    pub(super) fn within<T>(&self, body: impl FnOnce() -> T) -> T {
        tracing::dispatcher::with_default(&self.dispatch, || self.span.in_scope(body))
    }
}

/// The next piece of work: waited for briefly without sleeping (work tends to come in runs:
/// a caller's next statement arrives microseconds after the last answer), then by sleeping
/// until it comes; `None` once every handle is gone.
fn next_job(queue: &mpsc::Receiver<Job>) -> Option<Job> {
    let spinning = std::time::Instant::now();
    while spinning.elapsed() < SPIN {
        match queue.try_recv() {
            Ok(job) => return Some(job),
            Err(mpsc::TryRecvError::Empty) => std::hint::spin_loop(),
            Err(mpsc::TryRecvError::Disconnected) => return None,
        }
    }
    queue.recv().ok()
}

/// How long a connection's thread waits for more work before it sleeps. Waking a sleeping
/// thread costs tens of microseconds on a virtual machine (about 50 µs of a 55 µs round trip
/// here, against 9–20 µs when the thread is still awake: `bench/examples/handoff.rs`), while a
/// caller's next statement usually follows the last answer within a few.
const SPIN: std::time::Duration = std::time::Duration::from_micros(30);

/// The connection's thread stopped (it cannot, short of the process aborting): reported as a
/// lost connection.
fn thread_gone(backend: Backend) -> Error {
    Error::ConnectionLost {
        backend,
        message: "the connection's thread has stopped".into(),
        source: None,
    }
}
