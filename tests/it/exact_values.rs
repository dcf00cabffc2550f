//! A value comes back as it was written, or the statement fails with a typed error: never a
//! different value.

use dovetail::dsl::raw_sql;
use dovetail::prelude::*;
use dovetail::value::Value;
use dovetail::{Backend, Error};
use rust_decimal::Decimal;

use crate::harness::{backend_test, pick, placeholders};

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Inserts `value` as `v` of row `id` in `table`.
fn insert(conn: &mut dyn Connection, table: &str, id: i64, value: Value) -> dovetail::Result<u64> {
    let [a, b] = <[String; 2]>::try_from(placeholders(conn, 2)).unwrap();
    conn.execute_sql(
        &format!("INSERT INTO {table} (id, v) VALUES ({a}, {b})"),
        &[id.into(), value],
    )
}

backend_test! {
    /// Decimals in a `DECIMAL(20,2)` column read back with every digit and their scale; on
    /// SQLite, whose NUMERIC affinity keeps a 64-bit float, one a float would change is refused.
    fn decimals_read_back_exactly_or_their_write_fails(conn, backend) {
        conn.batch_execute("CREATE TABLE money (id INTEGER PRIMARY KEY, v DECIMAL(20,2))").unwrap();
        let kept = ["0.10", "0.20", "-3.00", "99999999.99", "12345678901234.50"];
        for (id, text) in kept.iter().enumerate() {
            insert(conn, "money", id as i64, Value::Decimal(dec(text))).unwrap();
        }
        let wide = insert(conn, "money", 10, Value::Decimal(dec("12345678901234567.89")));
        match backend {
            Backend::Sqlite => {
                let error = wide.unwrap_err();
                assert!(matches!(error, Error::Encode { .. }), "{error:?}");
                assert!(error.to_string().contains("12345678901234568"), "{error}");
            }
            _ => assert_eq!(wide.unwrap(), 1),
        }
        let read: Vec<(i32, Decimal)> = raw_sql::<(Integer, Numeric)>("SELECT id, v FROM money ORDER BY id")
            .load(conn)
            .unwrap();
        let texts: Vec<String> = read.iter().map(|(_, d)| d.to_string()).collect();
        let mut expected: Vec<&str> = kept.to_vec();
        if backend != Backend::Sqlite {
            expected.push("12345678901234567.89");
        }
        assert_eq!(texts, expected);
        // SQLite adds REALs: the sum is the float's shortest decimal, not rounded to the scale.
        let sum: Vec<(Option<Decimal>,)> =
            raw_sql::<(Nullable<Numeric>,)>("SELECT SUM(v) FROM money WHERE id < 2").load(conn).unwrap();
        let expected = pick(backend, "0.30000000000000004", "0.30", "0.30");
        assert_eq!(sum[0].0.unwrap().to_string(), expected);
    }
}

backend_test! {
    /// A number with more digits than `Decimal` holds is a decode error naming the column,
    /// never a rounded value.
    fn numerics_beyond_decimal_are_a_decode_error_naming_the_column(conn, backend) {
        let sql = pick(
            backend,
            "SELECT '0.12345678901234567890123456789012345678' AS wide",
            "SELECT 0.12345678901234567890123456789012345678::numeric AS wide",
            "SELECT CAST('0.123456789012345678901234567890123' AS DECIMAL(65, 33)) AS wide",
        );
        let error = raw_sql::<(Numeric,)>(sql).load::<(Decimal,), _>(conn).unwrap_err();
        assert!(matches!(error, Error::Decode(_)), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("wide"), "{message}");
        assert!(message.contains("0.1234567890123456789012345678901"), "{message}");
    }
}

backend_test! {
    /// A value its column cannot hold (too long for a `VARCHAR(3)`, a MySQL `TIMESTAMP` before
    /// 1970) is the typed `OutOfRange` error, naming the column where the server does; SQLite
    /// keeps any length.
    fn values_a_column_cannot_hold_are_out_of_range(conn, backend) {
        conn.batch_execute("CREATE TABLE code (id INTEGER PRIMARY KEY, v VARCHAR(3))").unwrap();
        let long = insert(conn, "code", 1, "abcd".into());
        match backend {
            Backend::Sqlite => assert_eq!(long.unwrap(), 1),
            _ => {
                let error = long.unwrap_err();
                assert!(matches!(error, Error::OutOfRange { .. }), "{error:?}");
                assert!(!error.is_retryable());
                if backend == Backend::MySql {
                    assert!(matches!(&error, Error::OutOfRange { column: Some(c), .. } if c == "v"), "{error:?}");
                }
            }
        }
        if backend == Backend::MySql {
            conn.batch_execute("CREATE TABLE stamp (id INTEGER PRIMARY KEY, v TIMESTAMP(6) NULL)").unwrap();
            let early = chrono::DateTime::<chrono::Utc>::from_timestamp(-86_400, 0).unwrap();
            let error = insert(conn, "stamp", 1, early.into()).unwrap_err();
            assert!(matches!(error, Error::OutOfRange { .. }), "{error:?}");
        }
    }
}
