//! The pool on every backend: killed server connections, concurrency without leaks, and
//! connections returned inside a transaction.

use std::time::Duration;

use dovetail::connection::TransactionExt;
use dovetail::pool::Pool;
use dovetail::{Backend, Connection, Error};
use dovetail_tests::live::{mysql_url, pg_url, reach, scratch_url};

use crate::harness::placeholders;

/// The server's id for the session behind `conn`.
fn session_id(conn: &mut dyn Connection) -> i64 {
    let sql = match conn.backend() {
        Backend::Postgres => "SELECT pg_backend_pid()::int8",
        _ => "SELECT CONNECTION_ID()",
    };
    conn.query_sql(sql, &[]).unwrap()[0].get(0).unwrap()
}

/// Ends the server sessions `ids` from an administrator's connection.
fn kill(backend: Backend, ids: &[i64]) {
    let (url, server) = match backend {
        Backend::Postgres => (pg_url(), "PostgreSQL"),
        _ => (mysql_url(), "MySQL"),
    };
    let mut admin = reach(&url, server).unwrap();
    for id in ids {
        match backend {
            Backend::Postgres => {
                admin
                    .execute_sql("SELECT pg_terminate_backend($1::int4)", &[(*id).into()])
                    .unwrap();
            }
            _ => admin.batch_execute(&format!("KILL {id}")).unwrap(),
        }
    }
}

fn pool(url: &str, size: u32, test_on_check_out: bool) -> Pool {
    Pool::builder()
        .max_size(size)
        .min_idle(Some(size))
        .connection_timeout(Duration::from_secs(10))
        .test_on_check_out(test_on_check_out)
        .build(url)
        .unwrap()
}

/// Connections killed by the server while idle are replaced before anyone sees them.
fn killed_idle_connections_are_replaced(backend: Backend) {
    let Some(scratch) = scratch_url("pool_kill", backend) else {
        return;
    };
    let pool = pool(&scratch.url, 3, true);
    let held: Vec<_> = (0..3).map(|_| pool.get().unwrap()).collect();
    let before: Vec<i64> = held
        .into_iter()
        .map(|mut conn| session_id(&mut *conn))
        .collect();
    kill(backend, &before);
    std::thread::sleep(Duration::from_millis(200));
    let mut after = Vec::new();
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = pool.get().unwrap();
        after.push(session_id(&mut *conn));
        held.push(conn);
    }
    assert!(
        after.iter().all(|id| !before.contains(id)),
        "{before:?} {after:?}"
    );
}

/// Without the check on the way out, the caller sees one clear, retryable error per dead
/// connection, and the pool then replaces it.
fn without_the_check_the_caller_sees_one_retryable_error(backend: Backend) {
    let Some(scratch) = scratch_url("pool_kill_unchecked", backend) else {
        return;
    };
    let pool = pool(&scratch.url, 1, false);
    let id = session_id(&mut *pool.get().unwrap());
    kill(backend, &[id]);
    std::thread::sleep(Duration::from_millis(200));
    let mut conn = pool.get().unwrap();
    let error = conn.query_sql("SELECT 1", &[]).unwrap_err();
    assert!(matches!(error, Error::ConnectionLost { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert!(conn.is_broken());
    drop(conn);
    let mut conn = pool.get().unwrap();
    let one: i64 = conn.query_sql("SELECT 1", &[]).unwrap()[0].get(0).unwrap();
    assert_eq!(one, 1);
    assert_ne!(session_id(&mut *conn), id);
}

/// N threads × M queries through a pool smaller than N: every answer is right, and all
/// connections come back.
fn concurrent_queries_all_answer_and_nothing_leaks(backend: Backend) {
    let Some(scratch) = scratch_url("pool_concurrency", backend) else {
        return;
    };
    let pool = pool(&scratch.url, 4, true);
    let (threads, queries) = (8_i64, 250_i64);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let pool = &pool;
            scope.spawn(move || {
                for q in 0..queries {
                    let mut conn = pool.get().unwrap();
                    let [a, b] = <[String; 2]>::try_from(placeholders(&*conn, 2)).unwrap();
                    let sql = match backend {
                        Backend::Postgres => format!("SELECT {a}::int8 * 1000 + {b}::int8"),
                        _ => format!("SELECT {a} * 1000 + {b}"),
                    };
                    let got: i64 = conn.query_sql(&sql, &[t.into(), q.into()]).unwrap()[0]
                        .get(0)
                        .unwrap();
                    assert_eq!(got, t * 1000 + q);
                }
            });
        }
    });
    let state = pool.state();
    assert_eq!(state.connections, 4, "{state:?}");
    assert_eq!(state.idle, 4, "every connection came back: {state:?}");
}

/// A connection handed back with a transaction open is rolled back before its next user.
fn returned_transactions_are_rolled_back(backend: Backend) {
    let Some(scratch) = scratch_url("pool_open_tx", backend) else {
        return;
    };
    let pool = pool(&scratch.url, 1, true);
    pool.get()
        .unwrap()
        .batch_execute("CREATE TABLE item (id INTEGER PRIMARY KEY)")
        .unwrap();
    {
        let mut conn = pool.get().unwrap();
        let mut tx = conn.begin().unwrap();
        tx.execute_sql("INSERT INTO item (id) VALUES (1)", &[])
            .unwrap();
        // The guard is leaked: no rollback on drop; the pool must do it.
        std::mem::forget(tx);
        assert_eq!(conn.transaction_depth(), 1);
    }
    let mut conn = pool.get().unwrap();
    assert_eq!(conn.transaction_depth(), 0);
    let rows = conn.query_sql("SELECT id FROM item", &[]).unwrap();
    assert!(rows.is_empty(), "the leaked insert was rolled back");
}

/// Whatever opened it — a `BEGIN` of the user's own, by script or by statement — a
/// transaction the server still holds when the connection comes back is rolled back, so the
/// next borrower's writes are not swallowed by it.
fn transactions_the_user_opened_are_rolled_back_on_return(backend: Backend) {
    let Some(scratch) = scratch_url("pool_user_tx", backend) else {
        return;
    };
    let pool = pool(&scratch.url, 1, false);
    pool.get()
        .unwrap()
        .batch_execute("CREATE TABLE item (id INTEGER PRIMARY KEY)")
        .unwrap();
    let openers: [(&str, bool); 2] = match backend {
        Backend::Sqlite => [("BEGIN", true), ("BEGIN IMMEDIATE", false)],
        _ => [("BEGIN", true), ("START TRANSACTION", false)],
    };
    for (round, (opener, as_script)) in openers.into_iter().enumerate() {
        let (abandoned, kept) = (round as i64 * 2 + 1, round as i64 * 2 + 2);
        let insert = format!(
            "INSERT INTO item (id) VALUES ({})",
            placeholders(&*pool.get().unwrap(), 1)[0]
        );
        {
            let mut conn = pool.get().unwrap();
            match as_script {
                true => conn.batch_execute(opener).unwrap(),
                false => drop(conn.execute_sql(opener, &[]).unwrap()),
            }
            conn.execute_sql(&insert, &[abandoned.into()]).unwrap();
            // Returned without COMMIT, as an early `?` or a panic would.
        }
        let mut conn = pool.get().unwrap();
        assert_eq!(conn.execute_sql(&insert, &[kept.into()]).unwrap(), 1);
        drop(conn);
        let mut other = dovetail::connect(&scratch.url).unwrap();
        let ids: Vec<i64> = other
            .query_sql("SELECT id FROM item ORDER BY id", &[])
            .unwrap()
            .iter()
            .map(|row| row.get(0).unwrap())
            .collect();
        assert!(
            ids.contains(&kept),
            "{opener}: the next borrower's write is kept: {ids:?}"
        );
        assert!(
            !ids.contains(&abandoned),
            "{opener}: the abandoned write is rolled back: {ids:?}"
        );
    }
}

/// MySQL with `autocommit` turned off opens a transaction with every statement: such a
/// connection is not handed out again.
fn connections_with_autocommit_off_are_not_reused(backend: Backend) {
    let Some(scratch) = scratch_url("pool_autocommit", backend) else {
        return;
    };
    let pool = pool(&scratch.url, 1, false);
    pool.get()
        .unwrap()
        .batch_execute("CREATE TABLE item (id INTEGER PRIMARY KEY)")
        .unwrap();
    let first = {
        let mut conn = pool.get().unwrap();
        conn.batch_execute("SET autocommit = 0").unwrap();
        conn.execute_sql("INSERT INTO item (id) VALUES (1)", &[])
            .unwrap();
        session_id(&mut *conn)
    };
    let mut conn = pool.get().unwrap();
    assert_ne!(session_id(&mut *conn), first, "a fresh connection");
    conn.execute_sql("INSERT INTO item (id) VALUES (2)", &[])
        .unwrap();
    drop(conn);
    let mut other = dovetail::connect(&scratch.url).unwrap();
    let rows = other.query_sql("SELECT id FROM item", &[]).unwrap();
    let ids: Vec<i64> = rows.iter().map(|row| row.get(0).unwrap()).collect();
    assert_eq!(ids, [2]);
}

macro_rules! pool_tests {
    ($($name:ident: [$($backend:ident),*];)*) => {$(
        mod $name {
            $(
                #[test]
                #[allow(non_snake_case)]
                fn $backend() {
                    super::$name(dovetail::Backend::$backend);
                }
            )*
        }
    )*};
}

pool_tests! {
    killed_idle_connections_are_replaced: [Postgres, MySql];
    without_the_check_the_caller_sees_one_retryable_error: [Postgres, MySql];
    concurrent_queries_all_answer_and_nothing_leaks: [Sqlite, Postgres, MySql];
    returned_transactions_are_rolled_back: [Sqlite, Postgres, MySql];
    transactions_the_user_opened_are_rolled_back_on_return: [Sqlite, Postgres, MySql];
    connections_with_autocommit_off_are_not_reused: [MySql];
}

#[test]
fn a_bad_url_or_unreachable_server_is_a_typed_error() {
    let bad = Pool::new("nonsense://x").unwrap_err();
    assert!(matches!(bad, Error::InvalidUrl { .. }), "{bad:?}");
    let unreachable = Pool::builder()
        .max_size(1)
        .connection_timeout(Duration::from_millis(500))
        .build("postgres://root@127.0.0.1:1/x")
        .unwrap_err();
    assert!(
        matches!(unreachable, Error::PoolTimeout { .. }),
        "{unreachable:?}"
    );
    assert!(
        unreachable
            .to_string()
            .contains("cannot connect to PostgreSQL"),
        "{unreachable}"
    );
}

/// A pooled connection runs typed queries as it is (`&mut pooled`), like any connection.
#[test]
fn pooled_connections_are_connections() {
    use dovetail::prelude::*;
    dovetail::table! { item { id: Integer } primary_key (id); }
    let pool = pool("sqlite::memory:", 1, true);
    let mut pooled = pool.get().unwrap();
    pooled
        .batch_execute("CREATE TABLE item (id INTEGER PRIMARY KEY); INSERT INTO item VALUES (7)")
        .unwrap();
    let ids: Vec<i32> = item::table.select(item::id).load(&mut pooled).unwrap();
    assert_eq!(ids, [7]);
}
