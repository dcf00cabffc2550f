//! Async transactions on every backend: commit, rollback by dropping the guard, savepoints,
//! the closure form (commit on `Ok`; rollback on `Err`, panic or cancellation), options.

use std::time::Duration;

use dovetail::connection::TransactionOptions;
use dovetail::prelude::*;
use dovetail::{AsyncConnection, Backend, Error, connect_async};

use crate::{CatchUnwind, ITEM_DDL, item, on_every_backend};

fn row(id: i32) -> impl dovetail::asynchronous::Execute {
    insert_into(item::table).values((
        item::id.set(id),
        item::name.set(format!("item {id}")),
        item::qty.set(1),
    ))
}

async fn ids(conn: &AsyncConnection) -> Vec<i32> {
    conn.load(item::table.select(item::id).order_by(item::id))
        .await
        .unwrap()
}

#[test]
fn guards_savepoints_and_closures() {
    on_every_backend("async_tx", guards);
}

async fn guards(backend: Backend, url: String) {
    let mut conn = connect_async(&url).await.unwrap();
    let other = connect_async(&url).await.unwrap();
    conn.batch_execute(ITEM_DDL).await.unwrap();

    // A guard dropped uncommitted rolls back.
    let tx = conn.begin().await.unwrap();
    tx.execute(row(1)).await.unwrap();
    assert_eq!(tx.transaction_depth(), 1);
    drop(tx);
    assert_eq!(conn.transaction_depth(), 0);
    assert_eq!(ids(&conn).await, Vec::<i32>::new(), "{backend}");

    // Committed, it is seen by another connection; a savepoint rolled back is not.
    let mut tx = conn.begin().await.unwrap();
    tx.execute(row(2)).await.unwrap();
    {
        let savepoint = tx.begin().await.unwrap();
        assert_eq!(savepoint.transaction_depth(), 2);
        savepoint.execute(row(3)).await.unwrap();
        savepoint.rollback().await.unwrap();
    }
    let kept = tx.begin().await.unwrap();
    kept.execute(row(4)).await.unwrap();
    kept.commit().await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(ids(&other).await, [2, 4], "{backend}");

    // The closure form: committed on Ok, rolled back on Err.
    let five = conn
        .transaction(async |tx| {
            tx.execute(row(5)).await?;
            tx.count(item::table.query()).await
        })
        .await
        .unwrap();
    assert_eq!(five, 3);
    let failed = conn
        .transaction(async |tx| {
            tx.execute(row(6)).await?;
            tx.execute(row(2)).await // duplicate key
        })
        .await;
    assert!(
        matches!(failed, Err(Error::UniqueViolation(_))),
        "{failed:?}"
    );
    // Nested: the inner failure rolls back to its savepoint only.
    conn.transaction(async |tx| {
        tx.execute(row(7)).await?;
        let inner: dovetail::Result<u64> = tx
            .transaction(async |tx| {
                tx.execute(row(8)).await?;
                tx.execute(row(7)).await
            })
            .await;
        assert!(matches!(inner, Err(Error::UniqueViolation(_))), "{inner:?}");
        Ok::<_, Error>(())
    })
    .await
    .unwrap();
    assert_eq!(ids(&other).await, [2, 4, 5, 7], "{backend}");

    // Cancelled in the middle of its body (a timeout, a client gone): rolled back.
    let cancelled = tokio::time::timeout(
        Duration::from_millis(50),
        conn.transaction(async |tx| {
            tx.execute(row(9)).await?;
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok::<_, Error>(())
        }),
    )
    .await;
    assert!(cancelled.is_err(), "the body should have been cut off");
    assert_eq!(conn.transaction_depth(), 0);
    assert_eq!(ids(&other).await, [2, 4, 5, 7], "{backend}");
    let open = conn.run(|conn| Ok(conn.server_in_transaction())).await;
    assert!(
        !open.unwrap(),
        "{backend}: the server is still in a transaction"
    );
    conn.execute(row(10)).await.unwrap();
    assert_eq!(ids(&other).await, [2, 4, 5, 7, 10], "{backend}");

    // Options apply to the outermost transaction, as in the blocking API.
    match conn.begin_with(TransactionOptions::new().read_only()).await {
        Err(Error::Unsupported { .. }) if backend == Backend::Sqlite => {}
        Err(error) => panic!("{backend}: {error}"),
        Ok(tx) => {
            assert_ne!(backend, Backend::Sqlite);
            let refused = tx.execute(row(11)).await;
            assert!(refused.is_err(), "{backend}: a read-only transaction wrote");
            drop(tx);
        }
    }
    assert_eq!(conn.transaction_depth(), 0);
    assert_eq!(ids(&conn).await, [2, 4, 5, 7, 10], "{backend}");
}

#[test]
fn a_panicking_body_rolls_back() {
    on_every_backend("async_tx_panic", panicking_body);
}

async fn panicking_body(backend: Backend, url: String) {
    {
        let mut conn = connect_async(&url).await.unwrap();
        conn.batch_execute(ITEM_DDL).await.unwrap();
        let caught = CatchUnwind(Box::pin(conn.transaction(async |tx| {
            tx.execute(row(1)).await?;
            if tx.transaction_depth() == 1 {
                panic!("in the body");
            }
            Ok::<_, Error>(())
        })))
        .await;
        assert!(caught.is_err(), "{backend}: the panic was lost");
        assert_eq!(conn.transaction_depth(), 0);
        assert_eq!(ids(&conn).await, Vec::<i32>::new(), "{backend}");
        let open = conn.run(|conn| Ok(conn.server_in_transaction())).await;
        assert!(
            !open.unwrap(),
            "{backend}: the server is still in a transaction"
        );
    }
}
