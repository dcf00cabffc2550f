//! Cancellation at random points: 1,000 operations per backend — queries, streams read
//! halfway, transactions in both forms, slow statements — each cut off by a random timeout
//! (from before its first step to after its COMMIT). Afterwards every pooled connection
//! answers correctly, none is inside a transaction on the server, no row of a transaction
//! that never reached COMMIT is visible, every row whose COMMIT returned is, and the pool holds
//! its full size.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use dovetail::prelude::*;
use dovetail::{AsyncPool, Backend, Error};
use dovetail_tests::live::{mysql_url, pg_url, reach};

use crate::{answers_correctly, create_items, item, off_runtime, on_every_backend, session_id};

const OPERATIONS: u64 = 1_000;
const POOL_SIZE: u32 = 4;
const TASKS: u64 = 8;

dovetail::table! { mark { op: BigInt } primary_key (op); }

/// What became of a transaction's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// COMMIT returned `Ok`: the row must be there.
    Committed,
    /// Cancelled or failed before COMMIT was sent: the row must not be there.
    NeverCommitted,
    /// Cancelled while COMMIT ran: either.
    Unknown,
}

/// splitmix64: a reproducible stream of numbers from one seed.
struct Random(u64);

impl Random {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % below
    }
}

/// A statement that keeps the server busy for a few milliseconds.
fn slow_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => "SELECT 1 FROM pg_sleep(0.003)",
        Backend::MySql => "SELECT SLEEP(0.003)",
        Backend::Sqlite => {
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) \
             SELECT count(*) FROM n"
        }
    }
}

#[test]
fn cancelled_at_random_points_every_connection_stays_clean() {
    let seed = std::env::var("DOVETAIL_CANCEL_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("seed {seed} (DOVETAIL_CANCEL_SEED repeats a run)");
    on_every_backend("async_cancel", move |backend, url| {
        cancel_everywhere(backend, url, seed)
    });
}

async fn cancel_everywhere(backend: Backend, url: String, seed: u64) {
    let pool = AsyncPool::builder()
        .max_size(POOL_SIZE)
        .min_idle(Some(POOL_SIZE))
        .connection_timeout(Duration::from_secs(20))
        .build(&url)
        .await
        .unwrap();
    {
        let conn = pool.get().await.unwrap();
        create_items(&conn, 300).await;
        conn.batch_execute("CREATE TABLE mark (op BIGINT PRIMARY KEY)")
            .await
            .unwrap();
    }
    let fates = Arc::new(Mutex::new(Vec::new()));
    let cancelled = Arc::new(Mutex::new(0_u64));
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let (pool, fates, cancelled) =
                (pool.clone(), Arc::clone(&fates), Arc::clone(&cancelled));
            tokio::spawn(async move {
                for op in (task..OPERATIONS).step_by(TASKS as usize) {
                    let mut random = Random(seed ^ (op << 20) ^ backend as u64);
                    let limit = Duration::from_micros(random.next(20_000));
                    let kind = random.next(5);
                    let reached_commit = Arc::new(AtomicBool::new(false));
                    let work = operation(backend, &pool, op, kind, &mut random, &reached_commit);
                    let outcome = tokio::time::timeout(limit, work).await;
                    match &outcome {
                        Err(_) => *cancelled.lock().unwrap() += 1,
                        // Waiting for another connection's lock is expected; anything else
                        // (a lost connection, a transaction out of step) is a bug.
                        Ok(Err(error)) => assert!(
                            matches!(
                                error,
                                Error::LockTimeout { .. } | Error::SerializationFailure { .. }
                            ),
                            "{backend}: operation {op} failed: {error}"
                        ),
                        Ok(Ok(())) => {}
                    }
                    if (2..=3).contains(&kind) {
                        let fate = match outcome {
                            Ok(Ok(())) => Fate::Committed,
                            _ if reached_commit.load(Ordering::SeqCst) => Fate::Unknown,
                            _ => Fate::NeverCommitted,
                        };
                        fates.lock().unwrap().push((op, fate));
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }

    // Every row whose COMMIT returned is there; none of a transaction that never got to it.
    let conn = pool.get().await.unwrap();
    let present: HashSet<i64> = conn
        .load::<_, i64>(mark::table.select(mark::op))
        .await
        .unwrap()
        .into_iter()
        .collect();
    drop(conn);
    let fates = fates.lock().unwrap().clone();
    for (op, fate) in &fates {
        match fate {
            Fate::Committed => assert!(
                present.contains(&(*op as i64)),
                "{backend}: op {op} committed but missing"
            ),
            Fate::NeverCommitted => assert!(
                !present.contains(&(*op as i64)),
                "{backend}: op {op} never committed but visible"
            ),
            Fate::Unknown => {}
        }
    }
    let count = |fate| fates.iter().filter(|(_, f)| *f == fate).count();
    println!(
        "{backend}: {OPERATIONS} operations, {} cut off by their timeout; transactions: {} committed, {} never committed, {} cancelled during COMMIT ({} of those committed)",
        cancelled.lock().unwrap(),
        count(Fate::Committed),
        count(Fate::NeverCommitted),
        count(Fate::Unknown),
        fates
            .iter()
            .filter(|(op, f)| *f == Fate::Unknown && present.contains(&(*op as i64)))
            .count(),
    );

    // The pool holds its full size again, and every connection in it is clean.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while pool.state().connections < POOL_SIZE && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(pool.state().connections, POOL_SIZE, "{backend}");
    let mut held = Vec::new();
    for _ in 0..POOL_SIZE {
        held.push(pool.get().await.unwrap());
    }
    let mut sessions = Vec::new();
    for (index, conn) in held.iter().enumerate() {
        answers_correctly(conn, index as i64).await;
        assert_eq!(conn.transaction_depth(), 0, "{backend}");
        let open = conn
            .run(|conn| Ok(conn.server_in_transaction()))
            .await
            .unwrap();
        assert!(
            !open,
            "{backend}: a pooled connection is inside a transaction"
        );
        if backend != Backend::Sqlite {
            sessions.push(session_id(conn).await);
        }
    }
    off_runtime(move || no_open_server_transactions(backend, &sessions)).await;
    drop(held);
    if backend == Backend::Sqlite {
        // No pooled connection holds SQLite's write lock.
        let conn = pool.get().await.unwrap();
        let other = dovetail::connect_async(&url).await.unwrap();
        other
            .batch_execute("BEGIN IMMEDIATE; ROLLBACK")
            .await
            .unwrap();
        drop(conn);
    }
}

/// One operation of kind `kind`; `reached_commit` is set just before a COMMIT is sent.
async fn operation(
    backend: Backend,
    pool: &AsyncPool,
    op: u64,
    kind: u64,
    random: &mut Random,
    reached_commit: &AtomicBool,
) -> Result<(), Error> {
    let mut conn = pool.get().await?;
    let pause = Duration::from_micros(random.next(3_000));
    let slow = random.next(2) == 0;
    match kind {
        0 => {
            let count = conn.count(item::table.query()).await?;
            assert_eq!(count, 300, "{backend}");
        }
        1 => {
            let take = random.next(300) as usize;
            let mut rows =
                conn.stream::<_, _, _, _, i32>(item::table.select(item::id).order_by(item::id));
            let mut expected = 1;
            while expected <= take as i32 {
                match rows.next().await {
                    Some(id) => assert_eq!(id?, expected, "{backend}"),
                    None => break,
                }
                expected += 1;
            }
        }
        2 => {
            let tx = conn.begin().await?;
            tx.execute(insert_into(mark::table).values(mark::op.set(op as i64)))
                .await?;
            if slow {
                tx.execute_sql(slow_sql(backend), vec![]).await?;
            }
            tokio::time::sleep(pause).await;
            reached_commit.store(true, Ordering::SeqCst);
            tx.commit().await?;
        }
        3 => {
            conn.transaction(async |tx| {
                tx.execute(insert_into(mark::table).values(mark::op.set(op as i64)))
                    .await?;
                tokio::time::sleep(pause).await;
                if slow {
                    tx.execute_sql(slow_sql(backend), vec![]).await?;
                }
                reached_commit.store(true, Ordering::SeqCst);
                Ok::<_, Error>(())
            })
            .await?;
        }
        _ => {
            conn.query_sql(slow_sql(backend), vec![]).await?;
        }
    }
    Ok(())
}

/// Asks the server, from a connection of its own, whether any of `sessions` is inside a
/// transaction.
fn no_open_server_transactions(backend: Backend, sessions: &[i64]) {
    let (url, server, sql) = match backend {
        Backend::Sqlite => return,
        Backend::Postgres => (
            pg_url(),
            "PostgreSQL",
            "SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int4 AND xact_start IS NOT NULL",
        ),
        Backend::MySql => (
            mysql_url(),
            "MySQL",
            "SELECT count(*) FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = ?",
        ),
    };
    let mut admin = reach(&url, server).unwrap();
    for session in sessions {
        let open: i64 = admin.query_sql(sql, &[(*session).into()]).unwrap()[0]
            .get(0)
            .unwrap();
        assert_eq!(
            open, 0,
            "{backend}: session {session} is inside a transaction"
        );
    }
}
