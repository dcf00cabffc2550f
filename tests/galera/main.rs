//! MySQL/MariaDB on a Galera cluster of three nodes (`scripts/galera`): a pool on a URL that
//! names several nodes moves to a live one when its node dies, losing no acknowledged write,
//! and two nodes writing one row conflict with a retryable error.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed unwrap is a failed test"
)]

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use dovetail::pool::Pool;
use dovetail::{Connection, Error};
use dovetail_tests::galera::{ClusterDatabase, kill_node, start_node};

/// Writes from four threads through a pool on `node 3, node 1, node 2`; node 3 is killed
/// halfway. Every write the server acknowledged is there afterwards, on every live node; the
/// errors in between are all retryable; writes go on after the crash.
#[test]
fn a_pool_moves_to_a_live_node_and_loses_no_acknowledged_write() {
    let Some(cluster) = ClusterDatabase::new("galera_failover") else {
        return;
    };
    let mut setup = dovetail::connect(&cluster.urls[0]).unwrap();
    setup
        .batch_execute("CREATE TABLE ledger (id BIGINT PRIMARY KEY, thread INT NOT NULL)")
        .unwrap();
    let pool = Pool::builder()
        .max_size(4)
        .connection_timeout(Duration::from_secs(20))
        .build(&cluster.url_of(&[3, 1, 2]))
        .unwrap();
    let acknowledged = Mutex::new(BTreeSet::new());
    let (killed, after_kill) = (AtomicBool::new(false), Mutex::new(0_u32));
    let unexpected = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for thread in 0..4_i64 {
            let (pool, acknowledged, killed, after_kill, unexpected) =
                (&pool, &acknowledged, &killed, &after_kill, &unexpected);
            scope.spawn(move || {
                for n in 0..150_i64 {
                    let id = thread * 1_000 + n;
                    // Each write is tried until it is known to be in: written, or found there.
                    for _attempt in 0..50 {
                        let outcome = pool.get().and_then(|mut conn| {
                            conn.execute_sql(
                                "INSERT INTO ledger (id, thread) VALUES (?, ?)",
                                &[id.into(), thread.into()],
                            )
                        });
                        match outcome {
                            Ok(_) | Err(Error::UniqueViolation(_)) => {
                                acknowledged.lock().unwrap().insert(id);
                                if killed.load(Ordering::Relaxed) {
                                    *after_kill.lock().unwrap() += 1;
                                }
                                break;
                            }
                            Err(error) if error.is_retryable() => {
                                std::thread::sleep(Duration::from_millis(20));
                            }
                            Err(error) => {
                                unexpected.lock().unwrap().push(error.to_string());
                                break;
                            }
                        }
                    }
                    // Paced, so that the crash comes while they are writing.
                    std::thread::sleep(Duration::from_millis(5));
                }
            });
        }
        // Halfway through, node 3 — the one the pool connected to — crashes.
        while acknowledged.lock().unwrap().len() < 300 {
            std::thread::sleep(Duration::from_millis(5));
        }
        kill_node(3);
        killed.store(true, Ordering::Relaxed);
    });
    start_node(3);
    let unexpected = unexpected.into_inner().unwrap();
    assert!(
        unexpected.is_empty(),
        "errors that are not retryable: {unexpected:?}"
    );
    let acknowledged = acknowledged.into_inner().unwrap();
    assert_eq!(
        acknowledged.len(),
        600,
        "every write got through in the end"
    );
    assert!(
        *after_kill.lock().unwrap() > 0,
        "writes went on after the crash"
    );
    for url in &cluster.urls {
        let mut conn = dovetail::connect(url).unwrap();
        // Reads that wait for every write the cluster has certified.
        conn.batch_execute("SET SESSION wsrep_sync_wait = 1")
            .unwrap();
        let stored: BTreeSet<i64> = conn
            .query_sql("SELECT id FROM ledger", &[])
            .unwrap()
            .iter()
            .map(|row| row.get(0).unwrap())
            .collect();
        assert_eq!(stored, acknowledged, "on {url}");
    }
}

/// Two nodes updating one row in transactions: the cluster certifies one, and the other's
/// COMMIT fails with a retryable `SerializationFailure`.
#[test]
fn conflicting_writes_on_two_nodes_are_a_retryable_serialization_failure() {
    let Some(cluster) = ClusterDatabase::new("galera_conflict") else {
        return;
    };
    let mut first = dovetail::connect(&cluster.urls[0]).unwrap();
    first
        .batch_execute("CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL); INSERT INTO counter VALUES (1, 0)")
        .unwrap();
    let mut second = dovetail::connect(&cluster.urls[1]).unwrap();
    second
        .batch_execute("SET SESSION wsrep_sync_wait = 1")
        .unwrap();
    let mut conflicts = 0;
    for _ in 0..10 {
        first.batch_execute("BEGIN").unwrap();
        second.batch_execute("BEGIN").unwrap();
        first
            .execute_sql("UPDATE counter SET n = n + 1 WHERE id = 1", &[])
            .unwrap();
        second
            .execute_sql("UPDATE counter SET n = n + 10 WHERE id = 1", &[])
            .unwrap();
        first.batch_execute("COMMIT").unwrap();
        match second.batch_execute("COMMIT") {
            Ok(()) => {}
            Err(error @ Error::SerializationFailure { .. }) => {
                assert!(error.is_retryable());
                conflicts += 1;
            }
            Err(other) => panic!("expected a serialization failure, got {other}"),
        }
        let _ = second.batch_execute("ROLLBACK");
    }
    assert!(conflicts > 0, "the second node's COMMIT never conflicted");
    let count = |conn: &mut Box<dyn Connection>| -> i64 {
        conn.query_sql("SELECT n FROM counter", &[]).unwrap()[0]
            .get(0)
            .unwrap()
    };
    assert_eq!(count(&mut second), 10 + (10 - conflicts) * 10);
}
