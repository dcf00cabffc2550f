//! Streams on every backend: dropped halfway, failing halfway, or panicking in a row type's
//! decoding, the connection goes on.

use dovetail::dsl::{FromRow, RowCursor};
use dovetail::prelude::*;
use dovetail::{Backend, Error, connect_async};

use crate::{CatchUnwind, answers_correctly, create_items, item, on_every_backend};

/// An item id that refuses to decode 150, as a buggy hand-written row type might.
#[derive(Debug)]
struct Touchy(i32);

impl FromRow<Integer> for Touchy {
    fn from_row(cursor: &mut RowCursor<'_>) -> dovetail::Result<Touchy> {
        let id: i32 = cursor.read()?;
        assert_ne!(id, 150, "cannot read 150");
        Ok(Touchy(id))
    }
}

#[test]
fn streams_stop_fail_and_panic_cleanly() {
    on_every_backend("async_streams", streams);
}

async fn streams(backend: Backend, url: String) {
    let mut conn = connect_async(&url).await.unwrap();
    create_items(&conn, 1000).await;

    // Read 10 of 1,000 rows, then drop the stream.
    {
        let mut ids =
            conn.stream::<_, _, _, _, i32>(item::table.select(item::id).order_by(item::id));
        for expected in 1..=10 {
            assert_eq!(ids.next().await.unwrap().unwrap(), expected);
        }
    }
    answers_correctly(&conn, 7).await;

    // A statement that fails after some rows: the rows, then the error, then the end.
    let failing = match backend {
        Backend::Postgres => Some("SELECT 10 / (500 - i) FROM generate_series(1, 1000) AS i"),
        Backend::Sqlite => Some(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) \
             SELECT CASE WHEN i < 500 THEN i ELSE abs(-9223372036854775807 - (i - 499)) END FROM n",
        ),
        // MySQL reports such failures as warnings and NULLs, not errors.
        Backend::MySql => None,
    };
    if let Some(sql) = failing {
        let mut rows = conn.stream_sql(sql, vec![]);
        let (mut read, mut failure) = (0, None);
        while let Some(row) = rows.next().await {
            match row {
                Ok(_) => read += 1,
                Err(error) => failure = Some(error),
            }
        }
        drop(rows);
        assert!(read > 0 && read < 500, "{backend}: {read} rows");
        assert!(
            matches!(
                failure,
                Some(Error::OutOfRange { .. } | Error::InvalidStatement(_) | Error::Driver { .. })
            ),
            "{backend}: {failure:?}"
        );
        answers_correctly(&conn, 7).await;
    }

    // A panic while decoding a row reaches the reader.
    let mut rows =
        conn.stream::<_, _, _, _, Touchy>(item::table.select(item::id).order_by(item::id));
    let mut read = 0;
    let panicked = loop {
        match CatchUnwind(Box::pin(rows.next())).await {
            Ok(Some(Ok(Touchy(id)))) => {
                read += 1;
                assert_eq!(id, read);
            }
            Ok(Some(Err(error))) => panic!("{backend}: {error}"),
            Ok(None) => break false,
            Err(_) => break true,
        }
    };
    drop(rows);
    assert!(panicked, "{backend}: the decoding panic was lost");
    assert_eq!(read, 149, "{backend}");
    answers_correctly(&conn, 7).await;
}
