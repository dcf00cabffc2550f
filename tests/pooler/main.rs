//! PostgreSQL behind pgbouncer in transaction mode, where each transaction — each statement,
//! outside one — may run on another server connection: with `statement_cache=unnamed`, typed
//! queries, writes, streams, transactions and a loaded pool work and give the right answers,
//! blocking and async.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed unwrap is a failed test"
)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use dovetail::connection::TransactionExt;
use dovetail::pool::Pool;
use dovetail::prelude::*;
use dovetail::{Backend, Connection};
use dovetail_tests::pgbouncer::PooledDatabase;

dovetail::sql_enum! {
    /// A ticket's mood: a PostgreSQL enum, bound as its label.
    pub enum Mood {
        Happy = "happy",
        Sad = "sad",
    }
}

dovetail::table! {
    ticket {
        id: Integer,
        title: Text,
        mood: Mood,
        points: Nullable<BigInt>,
    }
    primary_key (id);
}

const DDL: &str = "CREATE TYPE mood AS ENUM ('happy', 'sad');
    CREATE TABLE ticket (id INTEGER PRIMARY KEY, title VARCHAR(80) NOT NULL UNIQUE,
        mood mood NOT NULL, points BIGINT)";

/// A database of its own behind a pgbouncer, with the tickets' table.
struct Setup(PooledDatabase);

impl Setup {
    fn new(test: &str, server_connections: u32) -> Option<Setup> {
        let pooled = PooledDatabase::new(test, server_connections)?;
        let mut direct = dovetail::connect(&pooled.direct_url()).unwrap();
        direct.batch_execute(DDL).unwrap();
        Some(Setup(pooled))
    }

    /// The database's URL through pgbouncer, in pooler-safe mode.
    fn url(&self) -> String {
        self.0.url("statement_cache=unnamed")
    }
}

fn seed(conn: &mut dyn Connection, count: i32) {
    let rows = (1..=count).map(|i| {
        (
            ticket::id.set(i),
            ticket::title.set(format!("ticket {i}")),
            ticket::mood.set(if i % 2 == 0 { Mood::Happy } else { Mood::Sad }),
            ticket::points.set((i % 3 != 0).then_some(i64::from(i) * 10)),
        )
    });
    insert_into(ticket::table)
        .values_many(rows)
        .execute(conn)
        .unwrap();
}

#[test]
fn typed_work_runs_through_a_transaction_pooler() {
    let Some(setup) = Setup::new("pooler_typed", 2) else {
        return;
    };
    let mut conn = dovetail::connect(&setup.url()).unwrap();
    seed(&mut *conn, 200);
    assert_eq!(conn.cached_statements(), 0);

    // Enum, text, integer and NULL values bound by their own types; an IN list as an array.
    let happy: Vec<(i32, Mood)> = ticket::table
        .filter(ticket::mood.eq(Mood::Happy).and(ticket::id.le(6)))
        .select((ticket::id, ticket::mood))
        .order_by(ticket::id)
        .load(&mut *conn)
        .unwrap();
    assert_eq!(
        happy,
        [(2, Mood::Happy), (4, Mood::Happy), (6, Mood::Happy)]
    );
    let titles: Vec<String> = ticket::table
        .filter(ticket::id.in_list([3, 7, 11]))
        .select(ticket::title)
        .order_by(ticket::id)
        .load(&mut *conn)
        .unwrap();
    assert_eq!(titles, ["ticket 3", "ticket 7", "ticket 11"]);
    let unscored = ticket::table
        .filter(ticket::points.is_null())
        .count(&mut *conn)
        .unwrap();
    assert_eq!(unscored, 66);

    // Writes count their rows; RETURNING reads them back.
    let changed = update(ticket::table)
        .set(ticket::points.set(Some(7_i64)))
        .filter(ticket::id.le(10))
        .execute(&mut *conn)
        .unwrap();
    assert_eq!(changed, 10);
    let gone: Vec<i32> = delete(ticket::table)
        .filter(ticket::id.gt(195))
        .returning(ticket::id)
        .load(&mut *conn)
        .unwrap();
    assert_eq!(gone.len(), 5);

    // A stream of every row, and a transaction with a savepoint rolled back.
    let mut streamed = 0;
    ticket::table
        .select(ticket::id)
        .for_each(&mut *conn, |_: i32| {
            streamed += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(streamed, 195);
    conn.transaction(|tx| {
        insert_into(ticket::table)
            .values((
                ticket::id.set(500),
                ticket::title.set("kept"),
                ticket::mood.set(Mood::Sad),
                ticket::points.set(None::<i64>),
            ))
            .execute(&mut *tx)?;
        let inner = tx.transaction(|tx| {
            insert_into(ticket::table)
                .values((
                    ticket::id.set(501),
                    ticket::title.set("kept"),
                    ticket::mood.set(Mood::Sad),
                    ticket::points.set(None::<i64>),
                ))
                .execute(&mut *tx)
        });
        assert!(matches!(inner, Err(dovetail::Error::UniqueViolation(_))));
        Ok::<_, dovetail::Error>(())
    })
    .unwrap();
    let kept = ticket::table
        .filter(ticket::id.ge(500))
        .select(ticket::title)
        .load::<String, _>(&mut *conn)
        .unwrap();
    assert_eq!(kept, ["kept"]);
    assert_eq!(conn.cached_statements(), 0);
}

/// 8 threads on a pool of 8 connections through a pgbouncer holding 4 server connections:
/// every answer checked. With named statements (the default) the same load fails; the
/// figures of both are printed.
#[test]
fn a_loaded_pool_through_a_transaction_pooler_answers_every_query_right() {
    let Some(setup) = Setup::new("pooler_load", 4) else {
        return;
    };
    seed(&mut *dovetail::connect(&setup.url()).unwrap(), 100);
    let named = setup.0.url("");
    let (errors, wrong) = load(&named);
    eprintln!(
        "4,000 queries through pgbouncer, named statements: {errors} errors, {wrong} wrong answers"
    );
    let (errors, wrong) = load(&setup.url());
    eprintln!(
        "4,000 queries through pgbouncer, statement_cache=unnamed: {errors} errors, {wrong} wrong answers"
    );
    assert_eq!((errors, wrong), (0, 0));
}

/// Runs 4,000 queries by key on 8 threads sharing a pool of 8 connections to `url`: how many
/// failed, and how many answered wrong.
fn load(url: &str) -> (usize, usize) {
    let pool = Pool::builder().max_size(8).build(url).unwrap();
    let (errors, wrong) = (AtomicUsize::new(0), AtomicUsize::new(0));
    thread::scope(|scope| {
        for worker in 0..8 {
            let (pool, errors, wrong) = (&pool, &errors, &wrong);
            scope.spawn(move || {
                for n in 0..500 {
                    let id = (worker * 500 + n) % 100 + 1;
                    let Ok(mut conn) = pool.get() else {
                        errors.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    let answer = ticket::table
                        .filter(ticket::id.eq(id))
                        .select((ticket::title, ticket::points))
                        .one::<(String, Option<i64>), _>(&mut *conn);
                    match answer {
                        Ok((title, points)) => {
                            let expected_points = (id % 3 != 0).then_some(i64::from(id) * 10);
                            if title != format!("ticket {id}") || points != expected_points {
                                wrong.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        Err(_) => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    (errors.into_inner(), wrong.into_inner())
}

#[test]
fn async_work_runs_through_a_transaction_pooler() {
    let Some(setup) = Setup::new("pooler_async", 2) else {
        return;
    };
    seed(&mut *dovetail::connect(&setup.url()).unwrap(), 20);
    let url = setup.url();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = dovetail::connect_async(&url).await.unwrap();
        assert_eq!(conn.backend(), Backend::Postgres);
        let sad: u64 = conn
            .count(ticket::table.filter(ticket::mood.eq(Mood::Sad)))
            .await
            .unwrap();
        assert_eq!(sad, 10);
        let (a, b) = tokio::join!(
            conn.one(ticket::table.filter(ticket::id.eq(1)).select(ticket::title)),
            conn.one(ticket::table.filter(ticket::id.eq(2)).select(ticket::title)),
        );
        assert_eq!(
            (a.unwrap(), b.unwrap()),
            ("ticket 1".to_owned(), "ticket 2".to_owned())
        );
        conn.transaction(async |tx| {
            tx.execute(update(ticket::table).set(ticket::points.set(None::<i64>)))
                .await?;
            tx.execute(delete(ticket::table).filter(ticket::id.gt(10)))
                .await
        })
        .await
        .unwrap();
        let left: Vec<Option<i64>> = conn
            .load(ticket::table.select(ticket::points))
            .await
            .unwrap();
        assert_eq!(left, vec![None; 10]);
    });
}
