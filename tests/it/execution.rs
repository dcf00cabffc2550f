//! Row counts and parameter checks that behave alike on every backend.

use dovetail::value::Value;
use dovetail::{Backend, Error};

use crate::harness::{backend_test, fill, placeholders};

backend_test! {
    fn updates_count_matched_rows_even_when_unchanged(conn, backend) {
        let table = fill(conn, "INTEGER", &[Value::I32(5), Value::I32(5), Value::I32(6)]);
        let [p] = <[String; 1]>::try_from(placeholders(conn, 1)).unwrap();
        let same = conn.execute_sql(&format!("UPDATE {table} SET v = {p} WHERE v = 5"), &[5_i32.into()]);
        assert_eq!(same.unwrap(), 2);
        assert_eq!(conn.execute_sql(&format!("DELETE FROM {table} WHERE v = 6"), &[]).unwrap(), 1);
        assert_eq!(conn.execute_sql(&format!("SELECT * FROM {table}"), &[]).unwrap(), 2);
        assert!(conn.query_sql(&format!("SELECT v FROM {table} WHERE v > 100"), &[]).unwrap().is_empty());
    }
}

backend_test! {
    fn batches_run_several_statements(conn, backend) {
        conn.batch_execute("CREATE TABLE a (x INTEGER); INSERT INTO a (x) VALUES (1); INSERT INTO a (x) VALUES (2)")
            .unwrap();
        let total = conn.query_sql("SELECT SUM(x) AS total FROM a", &[]).unwrap();
        // SUM is BIGINT on PostgreSQL, DECIMAL on MySQL, INTEGER on SQLite: all decode as i64.
        assert_eq!(total[0].get::<i64>(0).unwrap(), 3);
    }
}

backend_test! {
    fn a_failing_statement_late_in_a_batch_is_reported(conn, backend) {
        let batch = "CREATE TABLE b (x INTEGER); INSERT INTO b (x) VALUES (1); INSERT INTO missing (x) VALUES (2)";
        let error = conn.batch_execute(batch).unwrap_err();
        assert!(matches!(error, Error::Driver { backend: b, .. } if b == backend), "{error}");
        assert!(error.to_string().contains("missing"), "{error}");
    }
}

#[test]
fn postgres_range_checks_parameters_against_the_column_type() {
    crate::harness::run_postgres("range_checks", |conn, _| {
        conn.batch_execute("CREATE TABLE small (v SMALLINT, f REAL)")
            .unwrap();
        if dovetail_tests::live::pg_pooled() {
            return server_checks_unnamed_parameters(conn);
        }
        match conn.execute_sql("INSERT INTO small (v) VALUES ($1)", &[Value::I64(70_000)]) {
            Err(Error::Encode {
                backend: Backend::Postgres,
                index: 1,
                kind: "i64",
                reason,
            }) => {
                assert_eq!(reason, "70000 does not fit in `int2`");
            }
            other => panic!("expected an encode error, got {other:?}"),
        }
        match conn.execute_sql(
            "INSERT INTO small (v, f) VALUES ($1, $2)",
            &[1_i8.into(), 0.1_f64.into()],
        ) {
            Err(Error::Encode {
                index: 2,
                kind: "f64",
                reason,
                ..
            }) => {
                assert_eq!(reason, "0.1 is not exactly representable as `float4`");
            }
            other => panic!("expected an encode error, got {other:?}"),
        }
        match conn.execute_sql("INSERT INTO small (v) VALUES ($1)", &["seven".into()]) {
            Err(Error::Encode {
                index: 1,
                kind: "text",
                reason,
                ..
            }) => {
                assert_eq!(reason, "the statement expects `int2` here");
            }
            other => panic!("expected an encode error, got {other:?}"),
        }
    });
}

/// Prepared unnamed (`statement_cache=unnamed`, behind a transaction pooler), parameters go as
/// their values' own types and the server checks them: a value out of the column's range is
/// its `OutOfRange` error, text that is no number its input error; a `float8` stored into a
/// `REAL` column is rounded by the server, as SQL's assignment rounds it.
fn server_checks_unnamed_parameters(conn: &mut dyn dovetail::Connection) {
    let wide = conn.execute_sql("INSERT INTO small (v) VALUES ($1)", &[Value::I64(70_000)]);
    assert!(
        matches!(
            &wide,
            Err(Error::OutOfRange {
                backend: Backend::Postgres,
                ..
            })
        ),
        "{wide:?}"
    );
    let text = conn.execute_sql("INSERT INTO small (v) VALUES ($1)", &["seven".into()]);
    assert!(
        matches!(&text, Err(error) if error.to_string().contains("invalid input syntax for type smallint")),
        "{text:?}"
    );
    conn.execute_sql(
        "INSERT INTO small (v, f) VALUES ($1, $2)",
        &[1_i8.into(), 0.1_f64.into()],
    )
    .unwrap();
    let stored: f32 = conn.query_sql("SELECT f FROM small", &[]).unwrap()[0]
        .get(0)
        .unwrap();
    assert_eq!(stored, 0.1_f32);
}
