//! The statements' `tracing` events, emitted on each connection's own thread, reach the
//! caller's subscriber inside the caller's span.
//!
//! A test binary of its own: with a subscriber set for one thread (`with_default`), tracing
//! caches per callsite, process-wide, whether anyone wants its events, deciding by the thread
//! that hits it first; tests of other threads in the same process would make it "never" at
//! times.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::sync::{Arc, Mutex};

use dovetail::Backend;
use dovetail_tests::live::scratch_url;
use tracing::Instrument;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::{LookupSpan, Registry};

/// A `dovetail::sql` event: its SQL and the span it was in.
#[derive(Debug, Clone, PartialEq)]
struct Statement {
    sql: String,
    span: Option<String>,
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Statement>>>);

impl<S: tracing::Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, context: Context<'_, S>) {
        struct Sql(String);
        impl Visit for Sql {
            fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
            fn record_str(&mut self, field: &Field, value: &str) {
                if field.name() == "sql" {
                    self.0 = value.into();
                }
            }
        }
        if event.metadata().target() != "dovetail::sql" {
            return;
        }
        let mut sql = Sql(String::new());
        event.record(&mut sql);
        let span = context.event_span(event).map(|span| span.name().to_owned());
        self.0.lock().unwrap().push(Statement { sql: sql.0, span });
    }
}

#[test]
fn statement_events_reach_the_callers_subscriber_in_its_span() {
    for backend in [Backend::Sqlite, Backend::Postgres, Backend::MySql] {
        let Some(scratch) = scratch_url("async_logging", backend) else {
            continue;
        };
        let capture = Capture::default();
        let subscriber = Registry::default().with(capture.clone());
        tracing::subscriber::with_default(subscriber, || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(
                async {
                    let conn = dovetail::connect_async(&scratch.url).await.unwrap();
                    conn.query_sql("SELECT 42", vec![]).await.unwrap();
                }
                .instrument(tracing::info_span!("handler")),
            );
        });
        let events = capture.0.lock().unwrap().clone();
        assert_eq!(
            events,
            [Statement {
                sql: "SELECT 42".into(),
                span: Some("handler".into())
            }],
            "{backend}"
        );
    }
}
