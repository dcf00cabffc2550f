//! The thread each async connection runs on: it owns a blocking [`Connection`] and runs the
//! work sent to it one piece at a time, in the order it was sent, each to the end.
//!
//! That order is what makes the async layer cancellation-safe: a future dropped while its
//! work is queued or running does not stop the work halfway through the protocol, and
//! whatever is queued after it (a rollback from a dropped transaction, a pool's reset, the next
//! borrower's statements) runs after it has finished.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
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
    /// Starts a thread and opens a connection to `url` on it.
    pub(super) async fn open(url: &str) -> Result<Worker> {
        let backend = ConnectionUrl::parse(url)?.backend();
        let (opened, opening) = oneshot::channel();
        let (jobs, queue) = mpsc::channel::<Job>();
        let broken = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&broken);
        let url = url.to_owned();
        thread::Builder::new()
            .name(format!("dovetail-{}", backend.name().to_lowercase()))
            .spawn(move || {
                let mut conn = match crate::connect(&url) {
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
                for job in queue {
                    job(&mut *conn);
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

    /// Queues `work` and waits for its result. Dropping the returned future does not stop the
    /// work; a panic in it continues here.
    pub(super) fn run<T, F>(&self, work: F) -> impl Future<Output = Result<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Connection) -> Result<T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        self.detach(move |conn| {
            let outcome = catch_unwind(AssertUnwindSafe(|| work(conn)));
            let _ = reply.send(outcome);
        });
        let backend = self.backend;
        async move {
            match answer.await {
                Ok(Ok(result)) => result,
                Ok(Err(panic)) => resume_unwind(panic),
                Err(_) => Err(thread_gone(backend)),
            }
        }
    }

    /// Queues `work` that nobody waits for (a rollback from a `Drop`, a pool's reset).
    pub(super) fn detach(&self, work: impl FnOnce(&mut dyn Connection) + Send + 'static) {
        // A send fails only once the thread has stopped; the work then has nothing to act on.
        let _ = self.jobs.send(Box::new(work));
    }
}

/// The connection's thread stopped (it cannot, short of the process aborting): reported as a
/// lost connection.
fn thread_gone(backend: Backend) -> Error {
    Error::ConnectionLost {
        backend,
        message: "the connection's thread has stopped".into(),
        source: None,
    }
}
