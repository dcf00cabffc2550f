//! A table altered while a connection holds prepared statements on it (a migration run while
//! the application does): the connection's next statements prepare again and succeed, or,
//! inside a transaction the server aborted, fail once with a retryable error.

use dovetail::connection::TransactionExt;
use dovetail::{Backend, Connection};
use dovetail_tests::live::reconnect;

use crate::harness::{backend_test, pick, placeholders};

/// Widens `item.v` to a 64-bit integer, from another connection where there is a server.
fn widen(conn: &mut dyn Connection, backend: Backend) {
    let sql = pick(
        backend,
        "ALTER TABLE item RENAME TO old_item; CREATE TABLE item (id INTEGER PRIMARY KEY, v BIGINT, w TEXT); \
         INSERT INTO item (id, v) SELECT id, v FROM old_item; DROP TABLE old_item",
        "ALTER TABLE item ALTER COLUMN v TYPE BIGINT, ADD COLUMN w TEXT",
        "ALTER TABLE item MODIFY v BIGINT, ADD COLUMN w TEXT",
    );
    match backend {
        Backend::Sqlite => conn.batch_execute(sql).unwrap(),
        _ => reconnect(conn).batch_execute(sql).unwrap(),
    }
}

fn ids_and_values<C: Connection + ?Sized>(conn: &mut C) -> dovetail::Result<Vec<(i64, i64)>> {
    let rows = conn.query_sql("SELECT * FROM item ORDER BY id", &[])?;
    Ok(rows
        .iter()
        .map(|row| (row.get(0).unwrap(), row.get(1).unwrap()))
        .collect())
}

backend_test! {
    /// Statements prepared before the table changed are prepared again, transparently.
    fn cached_statements_survive_a_change_of_their_table(conn, backend) {
        conn.batch_execute("CREATE TABLE item (id INTEGER PRIMARY KEY, v INTEGER)").unwrap();
        let [id, v] = <[String; 2]>::try_from(placeholders(conn, 2)).unwrap();
        let insert = format!("INSERT INTO item (id, v) VALUES ({id}, {v})");
        conn.execute_sql(&insert, &[1_i64.into(), 7_i64.into()]).unwrap();
        assert_eq!(ids_and_values(conn).unwrap(), [(1, 7)]);
        widen(conn, backend);
        // The insert's parameter was typed for the old column, the select's rows too.
        let wide = 1_i64 << 40;
        for id in [2_i64, 3] {
            conn.execute_sql(&insert, &[id.into(), wide.into()]).unwrap();
        }
        assert_eq!(ids_and_values(conn).unwrap(), [(1, 7), (2, wide), (3, wide)]);
        assert!(!conn.is_broken());
    }
}

backend_test! {
    /// Inside a transaction a refused plan aborts it: the error is retryable, and the retry
    /// succeeds.
    fn a_transaction_refused_for_a_changed_table_succeeds_on_retry(conn, backend) {
        conn.batch_execute("CREATE TABLE item (id INTEGER PRIMARY KEY, v INTEGER)").unwrap();
        conn.execute_sql("INSERT INTO item (id, v) VALUES (1, 7)", &[]).unwrap();
        assert_eq!(ids_and_values(conn).unwrap(), [(1, 7)]);
        widen(conn, backend);
        let mut attempts = 0;
        let read = loop {
            attempts += 1;
            match conn.transaction(ids_and_values) {
                Ok(read) => break read,
                Err(error) if error.is_retryable() && attempts < 2 => {
                    assert_eq!(backend, Backend::Postgres, "{error}");
                    assert!(matches!(error, dovetail::Error::StaleStatement { .. }), "{error:?}");
                }
                Err(error) => panic!("attempt {attempts}: {error}"),
            }
        };
        assert_eq!(read, [(1, 7)]);
    }
}
