//! PostgreSQL failover: a pool on a URL naming a primary and its synchronous replica
//! (`target_session_attrs=read-write`) goes on writing once the primary crashed and the
//! replica was promoted, and no acknowledged write is lost — blocking and async.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed unwrap is a failed test"
)]

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use dovetail::connection::TransactionExt;
use dovetail::dsl::raw_sql;
use dovetail::dsl::sql_types::BigInt;
use dovetail::pool::Pool;
use dovetail::{AsyncPool, Connection, Error};
use dovetail_tests::replica::Replicated;
use dovetail_tests::together::join_all;

/// The pause between two writes of a writer: 100 writes take a second or more, so the primary
/// crashes while they are under way.
const PACE: Duration = Duration::from_millis(10);

/// What the writers saw: acknowledged ids, writes after the crash, errors not retryable.
#[derive(Default)]
struct Ledger {
    acknowledged: Mutex<BTreeSet<i64>>,
    crashed: AtomicBool,
    after_crash: Mutex<u32>,
    unexpected: Mutex<Vec<String>>,
}

impl Ledger {
    /// Files the outcome of writing `id`; whether to try it again.
    fn file(&self, id: i64, outcome: Result<u64, Error>) -> bool {
        match outcome {
            // Found there: an earlier attempt committed without its answer arriving.
            Ok(_) | Err(Error::UniqueViolation(_)) => {
                self.acknowledged.lock().unwrap().insert(id);
                if self.crashed.load(Ordering::Relaxed) {
                    *self.after_crash.lock().unwrap() += 1;
                }
                false
            }
            Err(error) if error.is_retryable() => true,
            Err(error) => {
                self.unexpected.lock().unwrap().push(error.to_string());
                false
            }
        }
    }

    fn count(&self) -> usize {
        self.acknowledged.lock().unwrap().len()
    }

    /// Every acknowledged write is on the promoted replica, and writing went on after it.
    fn check(self, server: &Replicated) {
        let unexpected = self.unexpected.into_inner().unwrap();
        assert!(
            unexpected.is_empty(),
            "errors that are not retryable: {unexpected:?}"
        );
        let acknowledged = self.acknowledged.into_inner().unwrap();
        assert_eq!(
            acknowledged.len(),
            400,
            "every write got through in the end"
        );
        assert!(
            *self.after_crash.lock().unwrap() > 0,
            "writes went on after the crash"
        );
        let mut promoted = dovetail::connect(&server.replica).unwrap();
        let stored: BTreeSet<i64> = promoted
            .query_sql("SELECT id FROM ledger", &[])
            .unwrap()
            .iter()
            .map(|row| row.get(0).unwrap())
            .collect();
        assert_eq!(stored, acknowledged);
    }
}

/// Crashes the primary once `ledger` holds 150 writes, then promotes the replica.
fn fail_over(server: &Replicated, ledger: &Ledger) {
    while ledger.count() < 150 {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.crash_primary();
    ledger.crashed.store(true, Ordering::Relaxed);
    std::thread::sleep(Duration::from_millis(300));
    server.promote_replica();
}

fn create_ledger(server: &Replicated) {
    dovetail::connect(&server.primary)
        .unwrap()
        .batch_execute("CREATE TABLE ledger (id BIGINT PRIMARY KEY)")
        .unwrap();
}

#[test]
fn a_pool_follows_the_promoted_replica_and_loses_no_acknowledged_write() {
    let Some(server) = Replicated::start("failover") else {
        return;
    };
    create_ledger(&server);
    let pool = Pool::builder()
        .max_size(4)
        .connection_timeout(Duration::from_secs(5))
        .build(&server.writable_url())
        .unwrap();
    let ledger = Ledger::default();
    std::thread::scope(|scope| {
        for thread in 0..4_i64 {
            let (pool, ledger) = (&pool, &ledger);
            scope.spawn(move || {
                for id in (0..100).map(|n| thread * 1_000 + n) {
                    for _attempt in 0..100 {
                        let outcome = pool.get().and_then(|mut conn| {
                            conn.execute_sql("INSERT INTO ledger (id) VALUES ($1)", &[id.into()])
                        });
                        if !ledger.file(id, outcome) {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    // Paced, so that the crash comes while they are writing.
                    std::thread::sleep(PACE);
                }
            });
        }
        fail_over(&server, &ledger);
    });
    ledger.check(&server);
}

#[test]
fn an_async_pool_follows_the_promoted_replica_and_loses_no_acknowledged_write() {
    let Some(server) = Replicated::start("failover_async") else {
        return;
    };
    create_ledger(&server);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let ledger = Ledger::default();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            runtime.block_on(async {
                let pool = AsyncPool::builder()
                    .max_size(4)
                    .connection_timeout(Duration::from_secs(5))
                    .build(&server.writable_url())
                    .await
                    .unwrap();
                let writers = (0..4_i64).map(|thread| {
                    let (pool, ledger) = (&pool, &ledger);
                    async move {
                        for id in (0..100).map(|n| thread * 1_000 + n) {
                            for _attempt in 0..100 {
                                let outcome = match pool.get().await {
                                    Ok(conn) => {
                                        conn.execute_sql(
                                            "INSERT INTO ledger (id) VALUES ($1)",
                                            vec![id.into()],
                                        )
                                        .await
                                    }
                                    Err(error) => Err(error),
                                };
                                if !ledger.file(id, outcome) {
                                    break;
                                }
                                tokio::time::sleep(Duration::from_millis(20)).await;
                            }
                            tokio::time::sleep(PACE).await;
                        }
                    }
                });
                let writers: Vec<_> = writers.collect();
                join_all(writers).await;
            });
        });
        fail_over(&server, &ledger);
    });
    ledger.check(&server);
}

/// With a read replica, a pooled connection reads on the replica outside transactions, and on
/// the primary inside one (reading its own writes) and for writes and row locks.
#[test]
fn reads_outside_a_transaction_go_to_the_replica() {
    let Some(server) = Replicated::start("read_routing") else {
        return;
    };
    create_ledger(&server);
    let pool = Pool::builder()
        .max_size(2)
        .read_replicas([server.replica.clone()])
        .build(&server.primary)
        .unwrap();
    let mut conn = pool.get().unwrap();
    let on_replica = |conn: &mut dyn Connection, sql: &str| -> bool {
        conn.query_sql(sql, &[]).unwrap()[0].get(0).unwrap()
    };
    assert!(on_replica(&mut *conn, "SELECT pg_is_in_recovery()"));
    // Writes go to the primary (the replica would refuse them).
    conn.execute_sql("INSERT INTO ledger (id) VALUES (1)", &[])
        .unwrap();
    // A row lock is taken on the primary.
    assert!(!on_replica(
        &mut *conn,
        "SELECT pg_is_in_recovery() FROM ledger FOR UPDATE"
    ));
    conn.transaction(|tx| {
        assert!(!on_replica(&mut **tx, "SELECT pg_is_in_recovery()"));
        tx.execute_sql("INSERT INTO ledger (id) VALUES (2)", &[])?;
        let own: i64 = tx.query_sql("SELECT COUNT(*) FROM ledger WHERE id = 2", &[])?[0].get(0)?;
        assert_eq!(own, 1, "the transaction reads its own write");
        Ok::<_, Error>(())
    })
    .unwrap();
    // After the transaction, reads are the replica's again; it catches up with the primary.
    assert!(on_replica(&mut *conn, "SELECT pg_is_in_recovery()"));
    let started = std::time::Instant::now();
    loop {
        let seen: i64 = conn.query_sql("SELECT COUNT(*) FROM ledger", &[]).unwrap()[0]
            .get(0)
            .unwrap();
        if seen == 2 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the replica never caught up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Typed and raw reads alike, by the statement's text.
    let counted: Vec<i64> = raw_sql::<BigInt>("SELECT COUNT(*) FROM ledger")
        .load(&mut *conn)
        .unwrap();
    assert_eq!(counted, [2]);
}

/// The async pool's connections read on the replica outside transactions too, and on the
/// primary inside one.
#[test]
fn async_reads_outside_a_transaction_go_to_the_replica() {
    let Some(server) = Replicated::start("read_routing_async") else {
        return;
    };
    create_ledger(&server);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let pool = AsyncPool::builder()
            .max_size(1)
            .read_replicas([server.replica.clone()])
            .build(&server.primary)
            .await
            .unwrap();
        let mut conn = pool.get().await.unwrap();
        let recovering = |rows: Vec<dovetail::Row>| -> bool { rows[0].get(0).unwrap() };
        let sql = "SELECT pg_is_in_recovery()";
        assert!(recovering(conn.query_sql(sql, vec![]).await.unwrap()));
        let typed: Vec<bool> = conn
            .load(raw_sql::<dovetail::dsl::sql_types::Bool>(sql))
            .await
            .unwrap();
        assert_eq!(typed, [true]);
        conn.execute_sql("INSERT INTO ledger (id) VALUES (1)", vec![])
            .await
            .unwrap();
        conn.transaction(async |tx| {
            assert!(!recovering(tx.query_sql(sql, vec![]).await?));
            tx.execute_sql("INSERT INTO ledger (id) VALUES (2)", vec![])
                .await?;
            let own = tx
                .query_sql("SELECT COUNT(*) FROM ledger WHERE id = 2", vec![])
                .await?;
            assert_eq!(
                own[0].get::<i64>(0)?,
                1,
                "the transaction reads its own write"
            );
            Ok::<_, Error>(())
        })
        .await
        .unwrap();
        assert!(recovering(conn.query_sql(sql, vec![]).await.unwrap()));
    });
}
