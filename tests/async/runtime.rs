//! The runtime never waits on the database: a current-thread runtime keeps firing its timers
//! while a long SQLite query runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use dovetail::connect_async;

#[tokio::test(flavor = "current_thread")]
async fn timers_fire_during_a_long_sqlite_query() {
    let conn = connect_async("sqlite::memory:").await.unwrap();
    let ticks = Arc::new(AtomicU32::new(0));
    let ticker = tokio::spawn({
        let ticks = Arc::clone(&ticks);
        async move {
            let mut interval = tokio::time::interval(Duration::from_millis(10));
            loop {
                interval.tick().await;
                ticks.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    let started = Instant::now();
    let rows = conn
        .query_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) \
             SELECT sum(i) FROM n",
            vec![],
        )
        .await
        .unwrap();
    let took = started.elapsed();
    ticker.abort();
    assert_eq!(rows[0].get::<i64>(0).unwrap(), 4_500_001_500_000);
    let ticks = ticks.load(Ordering::Relaxed);
    // One tick per 10 ms of the query, give or take a slow machine's scheduling.
    let expected = took.as_millis() as u32 / 10;
    println!("query took {took:?}; the timer fired {ticks} times meanwhile (about {expected} due)");
    assert!(
        took > Duration::from_millis(200),
        "the query was too short to tell: {took:?}"
    );
    assert!(
        ticks * 2 >= expected,
        "the timer fired {ticks} times in {took:?}: the runtime was blocked"
    );
}
