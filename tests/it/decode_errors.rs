//! Cells that do not fit the requested Rust type are errors naming the column, never truncated.

use dovetail::value::Value;
use dovetail::{DecodeError, Error, Row};

use crate::harness::{backend_test, fill};

/// The one row `(id, v)` holding `value` in a column of `sql_type`.
fn row_with(conn: &mut dyn dovetail::Connection, sql_type: &str, value: Value) -> Row {
    let table = fill(conn, sql_type, &[value]);
    conn.query_sql(&format!("SELECT id, v FROM {table}"), &[])
        .unwrap()
        .remove(0)
}

fn decode_error<T: dovetail::value::FromValue + std::fmt::Debug>(
    row: &Row,
    index: usize,
) -> DecodeError {
    match row.get::<T>(index) {
        Err(Error::Decode(error)) => error,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

backend_test! {
    fn an_i64_too_large_for_i32_is_an_error_naming_the_column(conn, backend) {
        let row = row_with(conn, "BIGINT", Value::I64(1 << 40));
        assert_eq!(row.get::<i64>(1).unwrap(), 1 << 40);
        let error = decode_error::<i32>(&row, 1);
        assert_eq!(error.column.as_deref(), Some("1 (`v`)"));
        assert_eq!(error.expected, "i32");
        assert_eq!(error.reason.as_deref(), Some("1099511627776 is out of range -2147483648..=2147483647"));
        assert_eq!(
            Error::Decode(error).to_string(),
            "cannot decode column 1 (`v`): i64 as i32 (1099511627776 is out of range -2147483648..=2147483647)"
        );
    }
}

backend_test! {
    fn a_negative_number_is_not_a_u32(conn, backend) {
        let row = row_with(conn, "INTEGER", Value::I32(-1));
        let error = decode_error::<u32>(&row, 1);
        assert_eq!(error.column.as_deref(), Some("1 (`v`)"));
        assert_eq!(error.reason.as_deref(), Some("-1 is out of range 0..=4294967295"));
        assert_eq!(row.get::<i8>(1).unwrap(), -1);
    }
}

backend_test! {
    fn null_needs_an_option(conn, backend) {
        let row = row_with(conn, "TEXT", Value::Null);
        let error = decode_error::<String>(&row, 1);
        assert_eq!((error.column.as_deref(), error.found), (Some("1 (`v`)"), "null"));
        assert_eq!(row.get::<Option<String>>(1).unwrap(), None);
        assert_eq!(row.get_by_name::<Option<i64>>("v").unwrap(), None);
    }
}

backend_test! {
    fn text_is_not_bytes_nor_a_number(conn, backend) {
        let row = row_with(conn, "TEXT", Value::Text("12".into()));
        assert_eq!(decode_error::<Vec<u8>>(&row, 1).found, "text");
        assert_eq!(decode_error::<i64>(&row, 1).found, "text");
        assert_eq!(row.get::<String>(1).unwrap(), "12");
    }
}

#[test]
fn an_unsupported_postgres_type_names_the_column_and_the_type() {
    crate::harness::run_postgres("unsupported_type", |conn, _| {
        let result = conn.query_sql("SELECT 1 AS one, interval '1 day' AS span", &[]);
        match result {
            Err(Error::Decode(error)) => {
                assert_eq!(error.column.as_deref(), Some("1 (`span`)"));
                assert_eq!(error.reason.as_deref(), Some("type `interval`"));
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
        match conn.query_sql("SELECT 'NaN'::numeric AS n", &[]) {
            Err(Error::Decode(error)) => assert_eq!(error.column.as_deref(), Some("0 (`n`)")),
            other => panic!("expected a decode error, got {other:?}"),
        }
    });
}

#[test]
fn a_mysql_duration_is_not_a_time_of_day() {
    crate::harness::run_mysql("duration", |conn, _| {
        let rows = conn.query_sql("SELECT CAST('-01:30:00' AS TIME) AS d", &[]);
        match rows {
            Err(Error::Decode(error)) => {
                assert_eq!(error.column.as_deref(), Some("0 (`d`)"));
                assert_eq!(
                    error.reason.as_deref(),
                    Some("-01:30:00 is not a time of day")
                );
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    });
}
