//! Typed queries and writes through an `AsyncConnection`: the blocking path's SQL, decoding
//! and errors, from futures that can be spawned on a multi-threaded runtime.

use dovetail::dsl::raw_sql;
use dovetail::prelude::*;
use dovetail::{Backend, Error, connect_async};

use crate::{ITEM_DDL, item, on_every_backend};

#[test]
fn typed_queries_and_writes_run_async() {
    on_every_backend("async_typed", typed_queries);
}

async fn typed_queries(backend: Backend, url: String) {
    let conn = connect_async(&url).await.unwrap();
    assert_eq!(conn.backend(), backend);
    conn.batch_execute(ITEM_DDL).await.unwrap();
    let rows = (1..=50).map(|i| {
        (
            item::id.set(i),
            item::name.set(format!("item {i:02}")),
            item::qty.set(i % 7),
        )
    });
    let written = conn
        .execute(insert_into(item::table).values_many(rows))
        .await
        .unwrap();
    assert_eq!(written, 50, "{backend}");

    let sevens: Vec<String> = conn
        .load(
            item::table
                .filter(item::qty.eq(0))
                .select(item::name)
                .order_by(item::id),
        )
        .await
        .unwrap();
    assert_eq!(
        sevens,
        [
            "item 07", "item 14", "item 21", "item 28", "item 35", "item 42", "item 49"
        ],
        "{backend}"
    );
    let first: Option<(i32, String)> = conn
        .first(
            item::table
                .filter(item::qty.gt(5))
                .select((item::id, item::name))
                .order_by(item::id),
        )
        .await
        .unwrap();
    assert_eq!(first, Some((6, "item 06".to_string())), "{backend}");
    let one: i32 = conn
        .one(
            item::table
                .filter(item::name.eq("item 33"))
                .select(item::qty),
        )
        .await
        .unwrap();
    assert_eq!(one, 5);
    let missing = conn
        .one::<_, _, _, _, i32>(item::table.filter(item::id.eq(99)).select(item::qty))
        .await;
    assert!(matches!(missing, Err(Error::NotFound)), "{missing:?}");
    let several = conn
        .optional::<_, _, _, _, i32>(item::table.filter(item::qty.eq(1)).select(item::id))
        .await;
    assert!(matches!(several, Err(Error::TooManyRows)), "{several:?}");
    assert_eq!(
        conn.count(item::table.filter(item::qty.lt(3)))
            .await
            .unwrap(),
        22
    );
    assert!(
        !conn
            .exists(item::table.filter(item::qty.gt(6)))
            .await
            .unwrap()
    );

    // Several futures on one connection at once: queued, answered in order.
    let (low, high) = tokio::join!(
        conn.count(item::table.filter(item::id.le(10))),
        conn.count(item::table.filter(item::id.gt(10))),
    );
    assert_eq!((low.unwrap(), high.unwrap()), (10, 40));

    let updated = conn
        .execute(
            update(item::table)
                .set(item::qty.set(item::qty + 100))
                .filter(item::qty.eq(6)),
        )
        .await
        .unwrap();
    assert_eq!(updated, 7, "{backend}");
    let deleted: Vec<i32> = conn
        .load(
            delete(item::table)
                .filter(item::qty.gt(100))
                .returning(item::id),
        )
        .await
        .unwrap();
    let mut deleted = deleted;
    deleted.sort_unstable();
    assert_eq!(deleted, [6, 13, 20, 27, 34, 41, 48], "{backend}");

    // The same errors as the blocking path, constraint names included.
    let duplicate = conn
        .execute(insert_into(item::table).values((
            item::id.set(100),
            item::name.set("item 01"),
            item::qty.set(0),
        )))
        .await;
    match duplicate {
        Err(Error::UniqueViolation(violation)) => {
            assert_eq!(violation.constraint(), Some("item_name_key"), "{backend}");
        }
        other => panic!("{backend}: expected a unique violation, got {other:?}"),
    }

    // Raw SQL, a set operation and a plain closure over the blocking API.
    let placeholder = match backend {
        Backend::Postgres => "$1",
        _ => "?",
    };
    let doubled: Vec<(i64,)> = conn
        .load(raw_sql::<(BigInt,)>(format!("SELECT 2 * {placeholder}")).bind::<BigInt, _>(21_i64))
        .await
        .unwrap();
    assert_eq!(doubled, [(42,)]);
    let ends: Vec<i32> = conn
        .load(
            item::table
                .filter(item::id.eq(1))
                .select(item::id)
                .union(item::table.filter(item::id.eq(50)).select(item::id))
                .order_by(item::id),
        )
        .await
        .unwrap();
    assert_eq!(ends, [1, 50]);
    let total = conn
        .run(|conn| {
            item::table
                .select(sum(item::qty))
                .one::<Option<i64>, _>(conn)
        })
        .await
        .unwrap();
    assert_eq!(total, Some(106), "{backend}");
}

#[tokio::test]
async fn a_bad_url_and_an_unreachable_server_are_typed_errors() {
    let bad = connect_async("postgress://localhost/x").await.unwrap_err();
    assert!(matches!(bad, Error::InvalidUrl { .. }), "{bad:?}");
    let unreachable = connect_async("postgres://root@127.0.0.1:1/test")
        .await
        .unwrap_err();
    assert!(
        matches!(unreachable, Error::Connect { .. }),
        "{unreachable:?}"
    );
}

#[tokio::test]
async fn a_panic_in_run_reaches_the_caller_and_the_connection_goes_on() {
    let conn = std::sync::Arc::new(connect_async("sqlite::memory:").await.unwrap());
    let shared = std::sync::Arc::clone(&conn);
    let caller = tokio::spawn(async move {
        shared
            .run(|_| -> dovetail::Result<()> { panic!("in the closure") })
            .await
    });
    let failure = caller.await.unwrap_err();
    assert!(failure.is_panic());
    let rows = conn.query_sql("SELECT 1", vec![]).await.unwrap();
    assert_eq!(rows[0].get::<i64>(0).unwrap(), 1);
}
