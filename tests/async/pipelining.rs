//! Several futures of one connection awaited together: their statements run in the order the
//! futures were first polled, on every backend; on PostgreSQL they are pipelined — sent
//! without waiting for the answers before them — which a line with latency makes visible.

use std::pin::Pin;
use std::time::{Duration, Instant};

use dovetail::prelude::*;
use dovetail::{AsyncConnection, Backend};
use dovetail_tests::live::scratch_url;
use dovetail_tests::proxy;
use dovetail_tests::together::join_all;

use super::{create_items, item, on_every_backend};

/// The names of items 1..=n, each read by a future of its own, awaited together.
async fn names_together(conn: &AsyncConnection, n: i32) -> Vec<String> {
    let reads = (1..=n)
        .map(|id| {
            Box::pin(conn.one(item::table.filter(item::id.eq(id)).select(item::name)))
                as Pin<Box<dyn Future<Output = dovetail::Result<String>> + Send>>
        })
        .collect();
    join_all(reads)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn futures_awaited_together_run_in_the_order_they_were_first_polled() {
    on_every_backend("async_pipeline_order", |_, url| async move {
        let conn = dovetail::connect_async(&url).await.unwrap();
        create_items(&conn, 3).await;
        // Doubling then adding one gives 2q + 1; the other order 2q + 2. The first write's
        // statement is new to the connection (prepared first), the second's is not.
        conn.execute(update(item::table).set(item::qty.set(item::qty + 1)))
            .await
            .unwrap();
        for _ in 0..5 {
            let before: Vec<i32> = conn
                .load(item::table.select(item::qty).order_by(item::id))
                .await
                .unwrap();
            let writes: Vec<Pin<Box<dyn Future<Output = dovetail::Result<u64>> + Send>>> = vec![
                Box::pin(conn.execute(update(item::table).set(item::qty.set(item::qty * 2)))),
                Box::pin(conn.execute(update(item::table).set(item::qty.set(item::qty + 1)))),
            ];
            assert_eq!(
                join_all(writes)
                    .await
                    .into_iter()
                    .map(Result::unwrap)
                    .collect::<Vec<_>>(),
                [3, 3]
            );
            let after: Vec<i32> = conn
                .load(item::table.select(item::qty).order_by(item::id))
                .await
                .unwrap();
            let expected: Vec<i32> = before.iter().map(|q| q * 2 + 1).collect();
            assert_eq!(after, expected);
            conn.execute(update(item::table).set(item::qty.set(item::id)))
                .await
                .unwrap();
        }
        let names = names_together(&conn, 3).await;
        assert_eq!(names, ["item 1", "item 2", "item 3"]);
    });
}

#[test]
fn postgres_pipelines_queries_awaited_together() {
    let Some(scratch) = scratch_url("async_pipelining", Backend::Postgres) else {
        return;
    };
    const LATENCY: Duration = Duration::from_millis(40);
    const QUERIES: i32 = 10;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let url = proxy::through(&scratch.url, proxy::delaying(&scratch.url, LATENCY));
        let conn = dovetail::connect_async(&url).await.unwrap();
        create_items(&conn, QUERIES).await;
        // Prepared once, so that every read below is one message to the server.
        names_together(&conn, 1).await;

        let started = Instant::now();
        for id in 1..=QUERIES {
            let name: String = conn
                .one(item::table.filter(item::id.eq(id)).select(item::name))
                .await
                .unwrap();
            assert_eq!(name, format!("item {id}"));
        }
        let one_by_one = started.elapsed();

        let started = Instant::now();
        let names = names_together(&conn, QUERIES).await;
        let together = started.elapsed();

        let expected: Vec<String> = (1..=QUERIES).map(|id| format!("item {id}")).collect();
        assert_eq!(names, expected);
        // One by one, each query waits out the line; together, they cross it at once.
        assert!(one_by_one >= LATENCY * QUERIES as u32, "{one_by_one:?}");
        assert!(
            together * 3 < one_by_one,
            "{QUERIES} queries awaited together took {together:?} ({one_by_one:?} one by one)"
        );
        eprintln!("{QUERIES} queries over a {LATENCY:?} line: {one_by_one:?} one by one, {together:?} pipelined");
    });
}
