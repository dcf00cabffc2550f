//! The async pool on every backend: connections returned inside a transaction are rolled back
//! before the next borrower, lost ones are replaced, old ones retired.

use std::time::Duration;

use dovetail::{AsyncPool, Backend};
use dovetail_tests::live::{mysql_url, pg_url, reach};

use crate::{ITEM_DDL, off_runtime, on_every_backend, session_id};

fn pool_builder(size: u32) -> dovetail::asynchronous::AsyncPoolBuilder {
    AsyncPool::builder()
        .max_size(size)
        .min_idle(Some(size))
        .connection_timeout(Duration::from_secs(10))
}

#[test]
fn a_connection_returned_inside_a_transaction_is_rolled_back() {
    on_every_backend("async_pool_tx", returned_inside_a_transaction);
}

async fn returned_inside_a_transaction(backend: Backend, url: String) {
    {
        let pool = pool_builder(1).build(&url).await.unwrap();
        let mut conn = pool.get().await.unwrap();
        conn.batch_execute(ITEM_DDL).await.unwrap();
        // A guard leaked past its connection: the pool rolls back what it left open.
        let tx = conn.begin().await.unwrap();
        tx.execute_sql("INSERT INTO item VALUES (1, 'leaked', 1)", vec![])
            .await
            .unwrap();
        std::mem::forget(tx);
        drop(conn);
        // The user's own BEGIN, unknown to dovetail.
        let conn = pool.get().await.unwrap();
        let begin = match backend {
            Backend::MySql => "START TRANSACTION",
            _ => "BEGIN",
        };
        conn.batch_execute(begin).await.unwrap();
        conn.execute_sql("INSERT INTO item VALUES (2, 'own begin', 1)", vec![])
            .await
            .unwrap();
        drop(conn);
        let conn = pool.get().await.unwrap();
        assert_eq!(conn.transaction_depth(), 0);
        let rows = conn.query_sql("SELECT id FROM item", vec![]).await.unwrap();
        assert!(rows.is_empty(), "{backend}: {rows:?}");
        let open = conn.run(|conn| Ok(conn.server_in_transaction())).await;
        assert!(!open.unwrap(), "{backend}");
        assert_eq!(pool.state().connections, 1);
    }
}

#[test]
fn killed_connections_are_replaced_on_check_out() {
    on_every_backend("async_pool_kill", killed_connections);
}

async fn killed_connections(backend: Backend, url: String) {
    if backend != Backend::Sqlite {
        let pool = pool_builder(2).build(&url).await.unwrap();
        let (a, b) = (pool.get().await.unwrap(), pool.get().await.unwrap());
        let before = [session_id(&a).await, session_id(&b).await];
        drop((a, b));
        off_runtime(move || {
            let (url, server) = match backend {
                Backend::Postgres => (pg_url(), "PostgreSQL"),
                _ => (mysql_url(), "MySQL"),
            };
            let mut admin = reach(&url, server).unwrap();
            for id in before {
                match backend {
                    Backend::Postgres => {
                        admin
                            .execute_sql("SELECT pg_terminate_backend($1::int4)", &[id.into()])
                            .unwrap();
                    }
                    _ => admin.batch_execute(&format!("KILL {id}")).unwrap(),
                }
            }
        })
        .await;
        let (a, b) = (pool.get().await.unwrap(), pool.get().await.unwrap());
        let after = [session_id(&a).await, session_id(&b).await];
        assert!(
            after.iter().all(|id| !before.contains(id)),
            "{backend}: {before:?} then {after:?}"
        );
    }
}

#[test]
fn connections_past_their_lifetime_are_retired() {
    on_every_backend("async_pool_life", retired);
}

async fn retired(backend: Backend, url: String) {
    if backend != Backend::Sqlite {
        let pool = pool_builder(1)
            .max_lifetime(Some(Duration::from_millis(300)))
            .build(&url)
            .await
            .unwrap();
        let first = session_id(&pool.get().await.unwrap()).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        let later = session_id(&pool.get().await.unwrap()).await;
        assert_ne!(
            first, later,
            "{backend}: the old connection was handed out again"
        );
    }
}

#[tokio::test]
async fn a_timeout_names_the_last_connection_error() {
    let pool = AsyncPool::builder()
        .connection_timeout(Duration::from_millis(500))
        .build("postgres://root@127.0.0.1:1/test")
        .await
        .unwrap();
    match pool.get().await {
        Err(dovetail::Error::PoolTimeout { message, .. }) => {
            assert!(
                message.contains("cannot connect to PostgreSQL"),
                "{message}"
            );
        }
        other => panic!("expected a pool timeout, got {other:?}"),
    }
}
