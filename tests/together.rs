//! Awaiting several futures at once, without a futures crate: what a test needs to run a
//! connection's futures together (pipelining, concurrent writers).
#![allow(
    clippy::unwrap_used,
    reason = "every output is there once all are ready"
)]

use std::future::{Future, poll_fn};
use std::task::Poll;

/// Awaits every future of `futures` together — each polled in turn, first to last, so they
/// start in that order — and returns their outputs in order.
pub async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    poll_fn(|cx| {
        for (future, output) in futures.iter_mut().zip(&mut outputs) {
            if output.is_none()
                && let Poll::Ready(value) = future.as_mut().poll(cx)
            {
                *output = Some(value);
            }
        }
        match outputs.iter().all(Option::is_some) {
            true => Poll::Ready(()),
            false => Poll::Pending,
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}
