//! What happens to each statement: one `tracing` event, a bounded cache of prepared
//! statements, IN lists that share statements, and connection loss told apart from query
//! errors — on every backend.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use dovetail::prelude::*;
use dovetail::{Backend, Error};
use dovetail_tests::shop::*;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};

use crate::harness::{backend_test, pick, placeholders};
use crate::shop_fixture;

/// One captured event: its target, level and fields, values as text.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub(crate) target: String,
    pub(crate) level: tracing::Level,
    pub(crate) fields: BTreeMap<String, String>,
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Event>>>);

impl<S: tracing::Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        struct Fields(BTreeMap<String, String>);
        impl Visit for Fields {
            fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                self.0.insert(field.name().into(), format!("{value:?}"));
            }
            fn record_str(&mut self, field: &Field, value: &str) {
                self.0.insert(field.name().into(), value.into());
            }
        }
        let mut fields = Fields(BTreeMap::new());
        event.record(&mut fields);
        self.0.lock().unwrap().push(Event {
            target: event.metadata().target().into(),
            level: *event.metadata().level(),
            fields: fields.0,
        });
    }
}

/// Runs `body` with a subscriber capturing this thread's statement events.
pub(crate) fn captured(body: impl FnOnce()) -> Vec<Event> {
    let mut events = captured_everything(body);
    events.retain(|event| event.target == "dovetail::sql");
    events
}

/// Runs `body` with a subscriber capturing every event of this thread at every level, the
/// `log` records of the drivers included.
fn captured_everything(body: impl FnOnce()) -> Vec<Event> {
    // Installed once per process; later calls find it there.
    let _ = tracing_log::LogTracer::init();
    let capture = Capture::default();
    let subscriber = Registry::default().with(capture.clone());
    tracing::subscriber::with_default(subscriber, body);
    capture.0.lock().unwrap().clone()
}

/// Whether the PostgreSQL tests run through a transaction pooler (see
/// [`dovetail_tests::live::pg_pooled`]).
fn pooled(backend: Backend) -> bool {
    backend == Backend::Postgres && dovetail_tests::live::pg_pooled()
}

backend_test! {
    fn each_statement_is_one_event_with_its_cache_use(conn, backend) {
        let [p] = <[String; 1]>::try_from(placeholders(conn, 1)).unwrap();
        let sql = match backend {
            Backend::Postgres => format!("SELECT {p}::int8 + 1"),
            _ => format!("SELECT {p} + 1"),
        };
        let events = captured(|| {
            for n in [41_i64, 99] {
                conn.query_sql(&sql, &[n.into()]).unwrap();
            }
            conn.log_values(true);
            conn.query_sql(&sql, &[7_i64.into()]).unwrap();
            conn.log_values(false);
            conn.query_sql("SELECT no_such_column FROM no_such_table", &[]).unwrap_err();
        });
        assert_eq!(events.len(), 4, "{events:#?}");
        let field = |i: usize, name: &str| events[i].fields.get(name).cloned();
        assert_eq!(field(0, "sql"), Some(sql.clone()));
        assert_eq!(field(0, "params").as_deref(), Some("1"));
        assert_eq!(field(0, "rows").as_deref(), Some("1"));
        assert!(field(0, "elapsed_us").is_some());
        if pooled(backend) {
            // Prepared unnamed with each run: nothing kept to hit.
            assert_eq!(field(0, "cache").as_deref(), Some("unnamed"));
            assert_eq!(field(1, "cache").as_deref(), Some("unnamed"));
        } else {
            assert_eq!(field(0, "cache").as_deref(), Some("miss"));
            assert_eq!(field(1, "cache").as_deref(), Some("hit"));
        }
        assert_eq!(field(0, "values"), None, "values are off by default");
        assert!(field(2, "values").unwrap().contains('7'), "{events:#?}");
        assert_eq!(events[3].level, tracing::Level::WARN);
        assert!(field(3, "error").unwrap().contains("no_such"), "{events:#?}");
        assert_eq!(field(3, "values"), None);
    }
}

backend_test! {
    /// Bound values appear in no log event at any level — dovetail's or a driver's — unless
    /// `log_values(true)`.
    fn values_are_logged_only_when_asked(conn, backend) {
        let [p] = <[String; 1]>::try_from(placeholders(conn, 1)).unwrap();
        let sql = format!("SELECT {}", pick(backend, p.clone(), format!("{p}::text"), p.clone()));
        let secret = "s3cr3t-value";
        let mentions = |events: &[Event]| {
            events.iter().filter(|e| e.fields.values().any(|v| v.contains(secret))).count()
        };
        let events = captured_everything(|| {
            conn.query_sql(&sql, &[secret.into()]).unwrap();
            conn.batch_execute("SELECT 1").unwrap();
        });
        assert!(!events.is_empty());
        assert_eq!(mentions(&events), 0, "{events:#?}");
        conn.log_values(true);
        let events = captured_everything(|| drop(conn.query_sql(&sql, &[secret.into()]).unwrap()));
        conn.log_values(false);
        let logged: Vec<&Event> = events.iter().filter(|e| e.target == "dovetail::sql").collect();
        assert!(logged[0].fields["values"].contains(secret), "{events:#?}");
    }
}

backend_test! {
    fn the_statement_cache_is_a_bounded_lru(conn, backend) {
        conn.set_statement_cache_capacity(3);
        let sql = |n: i64| format!("SELECT {n} AS n");
        for n in 0..10 {
            conn.query_sql(&sql(n), &[]).unwrap();
        }
        let cache_of = |conn: &mut dyn Connection, n: i64| {
            let events = captured(|| {
                conn.query_sql(&sql(n), &[]).unwrap();
            });
            events[0].fields["cache"].clone()
        };
        if pooled(backend) {
            // Behind a transaction pooler (`statement_cache=unnamed`) nothing is kept.
            assert_eq!(conn.cached_statements(), 0);
            assert_eq!(cache_of(conn, 9), "unnamed");
            return;
        }
        assert_eq!(conn.cached_statements(), 3);
        assert_eq!(cache_of(conn, 9), "hit");
        assert_eq!(cache_of(conn, 0), "miss", "evicted long ago");
        assert_eq!(conn.cached_statements(), 3);
        // Capacity 0 turns the cache off: each statement is prepared, run and closed.
        conn.set_statement_cache_capacity(0);
        assert_eq!(conn.cached_statements(), 0);
        for _ in 0..3 {
            assert_eq!(cache_of(conn, 9), "off");
        }
        assert_eq!(conn.cached_statements(), 0);
    }
}

backend_test! {
    fn in_lists_of_any_length_share_a_few_statements(conn, backend) {
        shop_fixture::create(conn, backend);
        conn.set_statement_cache_capacity(16);
        let all: Vec<i32> = product::table.select(product::id).load(conn).unwrap();
        let events = captured(|| {
            for n in 1..=100_usize {
                let wanted: Vec<i32> = all.iter().copied().cycle().take(n).collect();
                let found: Vec<i32> = product::table
                    .filter(product::id.in_list(wanted.clone()))
                    .select(product::id)
                    .order_by(product::id)
                    .load(conn)
                    .unwrap();
                let mut expected = wanted;
                expected.sort();
                expected.dedup();
                assert_eq!(found, expected);
            }
        });
        let mut texts: Vec<&String> = events.iter().map(|e| &e.fields["sql"]).collect();
        texts.sort();
        texts.dedup();
        // PostgreSQL: one array parameter, one statement. Elsewhere lengths 1, 2, 4, …, 128:
        // eight statements for a hundred list lengths.
        assert_eq!(texts.len(), pick(backend, 8, 1, 8), "{texts:#?}");
        assert!(conn.cached_statements() <= 16);
    }
}

/// The server ending the session is `ConnectionLost` (retryable), not a query error; the
/// connection then refuses further statements at once.
fn connection_loss_is_not_a_query_error(conn: &mut dyn Connection, backend: Backend) {
    let id: i64 = match backend {
        Backend::Postgres => conn.query_sql("SELECT pg_backend_pid()::int8", &[]),
        _ => conn.query_sql("SELECT CONNECTION_ID()", &[]),
    }
    .unwrap()[0]
        .get(0)
        .unwrap();
    let query_error = conn
        .query_sql("SELECT * FROM no_such_table", &[])
        .unwrap_err();
    assert!(!matches!(query_error, Error::ConnectionLost { .. }));
    assert!(!query_error.is_retryable());
    let (url, server) = match backend {
        Backend::Postgres => (dovetail_tests::live::pg_url(), "PostgreSQL"),
        _ => (dovetail_tests::live::mysql_url(), "MySQL"),
    };
    let mut admin = dovetail_tests::live::reach(&url, server).unwrap();
    match backend {
        Backend::Postgres => {
            admin.execute_sql("SELECT pg_terminate_backend($1::int4)", &[id.into()])
        }
        _ => admin.execute_sql(&format!("KILL {id}"), &[]),
    }
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    if pooled(backend) {
        // The pooler's connection to the server died, not ours to the pooler: the next
        // statement runs on another server connection.
        assert_eq!(conn.query_sql("SELECT 1", &[]).unwrap().len(), 1);
        assert!(!conn.is_broken());
        return;
    }
    let lost = conn.query_sql("SELECT 1", &[]).unwrap_err();
    assert!(matches!(lost, Error::ConnectionLost { .. }), "{lost:?}");
    assert!(lost.is_retryable());
    assert!(conn.is_broken());
    let again = conn.execute_sql("SELECT 1", &[]).unwrap_err();
    assert!(again.to_string().contains("lost earlier"), "{again}");
}

#[test]
fn connection_loss_on_postgres() {
    dovetail_tests::live::run_postgres("connection_loss", connection_loss_is_not_a_query_error);
}

#[test]
fn connection_loss_on_mysql() {
    dovetail_tests::live::run_mysql("connection_loss", connection_loss_is_not_a_query_error);
}

backend_test! {
    /// No statement binds more parameters than the backend takes: a typed `IN` list of any
    /// length runs on PostgreSQL (one array) and up to the limit elsewhere (never padded past
    /// it); beyond, typed, dynamic and raw statements alike are refused before being sent, and
    /// the connection goes on working.
    fn no_statement_binds_more_parameters_than_the_backend_takes(conn, backend) {
        shop_fixture::create(conn, backend);
        let limit = conn.dialect().max_params();
        let query = |n: usize| {
            product::table
                .filter(product::id.in_list((0..n as i32).map(|i| i % 1_000)))
                .select(product::id)
                .order_by(product::id)
        };
        let all: Vec<i32> = product::table.select(product::id).order_by(product::id).load(conn).unwrap();
        // Just over half the limit: padding to the next power of two would cross it.
        assert_eq!(query(limit / 2 + 1).load::<i32, _>(conn).unwrap(), all);
        assert_eq!(query(limit).load::<i32, _>(conn).unwrap(), all);
        let beyond = query(limit + 1).load::<i32, _>(conn);
        match backend {
            Backend::Postgres => assert_eq!(beyond.unwrap(), all),
            _ => assert!(
                matches!(beyond, Err(Error::TooManyParameters { count, limit: l, .. }) if count == limit + 1 && l == limit),
                "{beyond:?}"
            ),
        }
        let values: Vec<dovetail::value::Value> = (0..=limit as i64).map(dovetail::value::Value::I64).collect();
        let marks = placeholders(conn, values.len()).join(", ");
        let raw = conn.query_sql(&format!("SELECT id FROM product WHERE id IN ({marks})"), &values);
        assert!(matches!(raw, Err(Error::TooManyParameters { .. })), "{raw:?}");
        let list = dovetail::ast::Expr::InList {
            expr: Box::new(dovetail::ast::Expr::bare_column("id")),
            list: values.into_iter().map(dovetail::ast::Expr::Param).collect(),
            negated: false,
        };
        let dynamic = dovetail::dsl::dynamic::DynamicQuery::from(product::table).column("product", "id").filter(list).load(conn);
        match backend {
            Backend::Postgres => assert_eq!(dynamic.unwrap().len(), all.len()),
            _ => assert!(matches!(dynamic, Err(Error::TooManyParameters { .. })), "{dynamic:?}"),
        }
        assert!(!conn.is_broken());
        let small: Vec<i32> = all.iter().copied().filter(|id| *id < 3).collect();
        assert_eq!(query(3).load::<i32, _>(conn).unwrap(), small);
    }
}

backend_test! {
    /// An error message quotes a bounded part of its statement, however long the statement.
    fn error_messages_quote_a_bounded_part_of_the_statement(conn, backend) {
        let long = format!("SELECT '{}' + ) FROM no_such_table", "x".repeat(100_000));
        let error = conn.query_sql(&long, &[]).unwrap_err();
        let message = error.to_string();
        assert!(message.len() < 1_000, "{} bytes: {}", message.len(), &message[..300]);
    }
}
