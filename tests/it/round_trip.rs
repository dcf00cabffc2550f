//! Every kind of value, through a real column of its natural type, and back.

use std::fmt::Debug;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};
use dovetail::value::{FromValue, ToValue, Value};
use dovetail::{Backend, Connection, Error};
use rust_decimal::Decimal;
use serde_json::json;
use uuid::Uuid;

use crate::harness::{backend_test, pick, placeholders, store};

/// Stores `values` in a fresh column of `sql_type`, then checks each cell both as the raw
/// [`Value`] the backend returns (`stored`) and decoded back into `T`.
fn check<T>(conn: &mut dyn Connection, sql_type: &str, values: &[T], stored: impl Fn(&T) -> Value)
where
    T: ToValue + FromValue + PartialEq + Debug,
{
    let cells = store(
        conn,
        sql_type,
        &values.iter().map(ToValue::to_value).collect::<Vec<_>>(),
    );
    for (value, cell) in values.iter().zip(cells) {
        assert_eq!(cell, stored(value), "{value:?} as stored in {sql_type}");
        assert_eq!(
            T::from_value(cell).unwrap(),
            *value,
            "{value:?} decoded from {sql_type}"
        );
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32, s: u32, micro: u32) -> NaiveTime {
    NaiveTime::from_hms_micro_opt(h, m, s, micro).unwrap()
}

/// The text SQLite keeps a time in: microseconds only when there are some.
fn time_text(t: &NaiveTime) -> String {
    match t.nanosecond() {
        0 => t.format("%H:%M:%S").to_string(),
        _ => t.format("%H:%M:%S%.6f").to_string(),
    }
}

backend_test! {
    fn signed_integers_keep_their_extremes(conn, backend) {
        check(conn, pick(backend, "INTEGER", "SMALLINT", "TINYINT"), &[i8::MIN, -1, 0, 1, i8::MAX], |n| {
            pick(backend, Value::I64((*n).into()), Value::I16((*n).into()), Value::I8(*n))
        });
        check(conn, pick(backend, "INTEGER", "SMALLINT", "SMALLINT"), &[i16::MIN, -1, 0, i16::MAX], |n| {
            pick(backend, Value::I64((*n).into()), Value::I16(*n), Value::I16(*n))
        });
        check(conn, pick(backend, "INTEGER", "INTEGER", "INT"), &[i32::MIN, 0, i32::MAX], |n| {
            pick(backend, Value::I64((*n).into()), Value::I32(*n), Value::I32(*n))
        });
        check(conn, "BIGINT", &[i64::MIN, -1, 0, i64::MAX], |n| Value::I64(*n));
    }
}

backend_test! {
    fn unsigned_integers_keep_their_extremes(conn, backend) {
        match backend {
            Backend::MySql => {
                check(conn, "TINYINT UNSIGNED", &[0, u8::MAX], |n| Value::U8(*n));
                check(conn, "SMALLINT UNSIGNED", &[0, u16::MAX], |n| Value::U16(*n));
                check(conn, "INT UNSIGNED", &[0, u32::MAX], |n| Value::U32(*n));
                check(conn, "BIGINT UNSIGNED", &[0, u64::MAX], |n| Value::U64(*n));
            }
            Backend::Postgres => {
                check(conn, "SMALLINT", &[u8::MAX], |n| Value::I16((*n).into()));
                check(conn, "INTEGER", &[u16::MAX], |n| Value::I32((*n).into()));
                check(conn, "BIGINT", &[u32::MAX], |n| Value::I64((*n).into()));
                // No unsigned 64-bit type: NUMERIC holds every u64.
                check(conn, "NUMERIC", &[0, u64::MAX], |n| Value::Decimal((*n).into()));
            }
            Backend::Sqlite => {
                check(conn, "INTEGER", &[u32::MAX], |n| Value::I64((*n).into()));
                check(conn, "INTEGER", &[0, i64::MAX as u64], |n| Value::I64(*n as i64));
                let [a, b] = <[String; 2]>::try_from(placeholders(conn, 2)).unwrap();
                conn.batch_execute("CREATE TABLE big (id INTEGER PRIMARY KEY, v INTEGER)").unwrap();
                let sql = format!("INSERT INTO big (id, v) VALUES ({a}, {b})");
                match conn.execute_sql(&sql, &[7_i64.into(), u64::MAX.into()]) {
                    Err(Error::Encode { backend: Backend::Sqlite, index: 2, kind: "u64", reason }) => {
                        assert_eq!(reason, "18446744073709551615 does not fit in SQLite's 64-bit signed INTEGER");
                    }
                    other => panic!("expected an encode error, got {other:?}"),
                }
            }
        }
    }
}

backend_test! {
    fn booleans(conn, backend) {
        check(conn, "BOOLEAN", &[true, false], |b| {
            pick(backend, Value::I64((*b).into()), Value::Bool(*b), Value::I8((*b).into()))
        });
    }
}

backend_test! {
    fn floats_keep_every_bit(conn, backend) {
        let f32s = [0.0, -1.5, 0.1, f32::MAX, f32::MIN_POSITIVE, f32::EPSILON];
        check(conn, pick(backend, "REAL", "REAL", "FLOAT"), &f32s, |x| {
            pick(backend, Value::F64((*x).into()), Value::F32(*x), Value::F32(*x))
        });
        let f64s = [0.1, -1e300, 1.0 / 3.0, f64::MAX, f64::MIN_POSITIVE, 2.5];
        check(conn, pick(backend, "REAL", "DOUBLE PRECISION", "DOUBLE"), &f64s, |x| Value::F64(*x));
    }
}

backend_test! {
    /// NaN and the infinities are stored where the backend keeps them, and refused with a
    /// typed error before anything is written where it does not (SQLite would store NaN as
    /// NULL; MySQL has neither).
    fn nan_and_infinities_follow_each_backend(conn, backend) {
        let specials = [f64::INFINITY, f64::NEG_INFINITY, f64::NAN].map(Value::F64);
        if backend == Backend::MySql {
            conn.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v DOUBLE)").unwrap();
            for value in specials {
                match conn.execute_sql("INSERT INTO t (id, v) VALUES (?, ?)", &[1_i64.into(), value]) {
                    Err(Error::Encode { backend: Backend::MySql, index: 2, kind: "f64", reason }) => {
                        assert_eq!(reason, "MySQL cannot store NaN or infinity");
                    }
                    other => panic!("expected an encode error, got {other:?}"),
                }
            }
            return;
        }
        if backend == Backend::Sqlite {
            // SQLite would store a NaN as NULL: refused before anything is written.
            conn.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v REAL)").unwrap();
            for nan in [Value::F64(f64::NAN), Value::F32(f32::NAN)] {
                match conn.execute_sql("INSERT INTO t (id, v) VALUES (?, ?)", &[1_i64.into(), nan]) {
                    Err(Error::Encode { backend: Backend::Sqlite, index: 2, reason, .. }) => {
                        assert!(reason.contains("NaN"), "{reason}");
                    }
                    other => panic!("expected an encode error, got {other:?}"),
                }
            }
            assert!(conn.query_sql("SELECT v FROM t", &[]).unwrap().is_empty());
        }
        let stored = pick(backend, &specials[..2], &specials[..], &[]);
        let cells = store(conn, pick(backend, "REAL", "DOUBLE PRECISION", ""), stored);
        assert_eq!(cells[0], Value::F64(f64::INFINITY));
        assert_eq!(cells[1], Value::F64(f64::NEG_INFINITY));
        if backend == Backend::Postgres {
            assert!(f64::from_value(cells[2].clone()).unwrap().is_nan());
        }
        if backend == Backend::Postgres {
            let cells = store(conn, "REAL", &[Value::F32(f32::NAN), Value::F32(f32::NEG_INFINITY)]);
            assert!(matches!(cells[0], Value::F32(x) if x.is_nan()), "{:?}", cells[0]);
            assert_eq!(cells[1], Value::F32(f32::NEG_INFINITY));
        }
    }
}

backend_test! {
    fn text_keeps_quotes_backslashes_and_emoji(conn, backend) {
        let texts = [
            String::new(),
            "plain".into(),
            "emoji 😀 and 𝄞 clef".into(),
            r#"it's "quoted" \ back\\slash \' \""#.into(),
            "line\nbreak\ttab\r".into(),
        ];
        check(conn, "TEXT", &texts, |s| Value::Text(s.clone()));
    }
}

backend_test! {
    fn bytes_keep_every_byte(conn, backend) {
        let blobs = [vec![], vec![0, 1, 255, 0], b"\\'\"".to_vec(), (0..=255).collect()];
        check(conn, pick(backend, "BLOB", "BYTEA", "LONGBLOB"), &blobs, |b| Value::Bytes(b.clone()));
    }
}

backend_test! {
    fn decimals_keep_every_digit(conn, backend) {
        let decimals: Vec<Decimal> = [
            "1234567890.123456789012345678",
            "-0.000000000000000000000000001",
            "0",
            "1.50",
            "79228162514264337593543950335",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        if backend == Backend::Sqlite {
            // SQLite has no exact decimal type: a decimal bound as such is kept as a float (see
            // exact_values.rs), so one with more digits than a float keeps is stored as text.
            let texts: Vec<String> = decimals.iter().map(Decimal::to_string).collect();
            check(conn, "TEXT", &texts, |t| Value::Text(t.clone()));
            for (text, d) in texts.iter().zip(&decimals) {
                assert_eq!(Decimal::from_value(Value::Text(text.clone())).unwrap(), *d);
            }
        } else {
            check(conn, pick(backend, "", "NUMERIC", "DECIMAL(65, 30)"), &decimals, |d| Value::Decimal(*d));
        }
        // MySQL pads to the column's scale; the others keep the scale they were given.
        let scale = store(conn, pick(backend, "TEXT", "NUMERIC", "DECIMAL(65, 30)"), &[Value::Decimal(decimals[3])]);
        let expected = pick(backend, "1.50", "1.50", "1.5");
        assert_eq!(Decimal::from_value(scale[0].clone()).unwrap().to_string(), expected);
    }
}

backend_test! {
    fn dates_and_times_keep_their_microseconds(conn, backend) {
        let dates = [date(2024, 2, 29), date(1970, 1, 1), date(1000, 1, 1), date(9999, 12, 31)];
        check(conn, pick(backend, "TEXT", "DATE", "DATE"), &dates, |d| {
            pick(backend, Value::Text(d.format("%Y-%m-%d").to_string()), Value::Date(*d), Value::Date(*d))
        });
        let times = [time(0, 0, 0, 0), time(23, 59, 59, 999_999), time(12, 34, 56, 1)];
        check(conn, pick(backend, "TEXT", "TIME", "TIME(6)"), &times, |t| {
            pick(backend, Value::Text(time_text(t)), Value::Time(*t), Value::Time(*t))
        });
        let stamps = [
            date(2024, 2, 29).and_time(time(13, 14, 15, 123_456)),
            date(9999, 12, 31).and_time(time(23, 59, 59, 999_999)),
            date(1970, 1, 1).and_time(time(0, 0, 0, 0)),
        ];
        check(conn, pick(backend, "TEXT", "TIMESTAMP", "DATETIME(6)"), &stamps, |t| {
            let text = format!("{} {}", t.date().format("%Y-%m-%d"), time_text(&t.time()));
            pick(backend, Value::Text(text), Value::Timestamp(*t), Value::Timestamp(*t))
        });
    }
}

backend_test! {
    fn timestamps_with_time_zone_are_normalised_to_utc(conn, backend) {
        let kolkata: DateTime<FixedOffset> = "2024-02-29T18:44:15.123456+05:30".parse().unwrap();
        let utc: DateTime<Utc> = "2024-02-29T13:14:15.123456Z".parse().unwrap();
        assert_eq!(kolkata.to_value(), Value::TimestampTz(utc));
        let latest: DateTime<Utc> = "2038-01-19T03:14:07.999999Z".parse().unwrap();
        // MySQL's zone-aware TIMESTAMP ends in 2038; sessions run in UTC.
        let sql_type = pick(backend, "TEXT", "TIMESTAMPTZ", "TIMESTAMP(6) NULL");
        check(conn, sql_type, &[utc, latest], |t| match backend {
            Backend::Sqlite => Value::Text(t.format("%Y-%m-%d %H:%M:%S%.6f+00:00").to_string()),
            Backend::Postgres => Value::TimestampTz(*t),
            Backend::MySql => Value::Timestamp(t.naive_utc()),
        });
        let cells = store(conn, sql_type, &[kolkata.to_value()]);
        assert_eq!(DateTime::<FixedOffset>::from_value(cells[0].clone()).unwrap(), kolkata);
    }
}

backend_test! {
    fn uuids_and_json(conn, backend) {
        let ids = [Uuid::nil(), Uuid::from_u128(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210), Uuid::max()];
        check(conn, pick(backend, "TEXT", "UUID", "CHAR(36)"), &ids, |u| {
            pick(backend, Value::Text(u.to_string()), Value::Uuid(*u), Value::Text(u.to_string()))
        });
        let documents = [
            json!({"name": "Ada 😀", "tags": ["a", "b"], "n": 1.5, "nested": {"ok": true, "none": null}}),
            json!([1, "two", "it's \"q\""]),
            json!("just a string"),
        ];
        let mariadb = conn.dialect().name() == "MariaDB";
        check(conn, pick(backend, "TEXT", "JSONB", "JSON"), &documents, |j| match backend {
            // MariaDB's JSON is LONGTEXT with a validity check, and keeps the text it is given.
            Backend::MySql if mariadb => Value::Text(j.to_string()),
            Backend::Sqlite => Value::Text(j.to_string()),
            _ => Value::Json(j.clone()),
        });
    }
}

backend_test! {
    fn nulls_decode_into_options(conn, backend) {
        check(conn, "BIGINT", &[Some(7_i64), None], |n| n.map_or(Value::Null, Value::I64));
        check(conn, "TEXT", &[None, Some(String::from("x"))], |s| s.clone().map_or(Value::Null, Value::Text));
    }
}

/// PostgreSQL domains are written and read as their base types; their checks still apply.
#[test]
fn postgres_domains_bind_as_their_base_types() {
    dovetail_tests::live::run_postgres("domains", |conn, _| {
        conn.batch_execute(
            "CREATE DOMAIN posint AS INTEGER CHECK (VALUE > 0); \
             CREATE DOMAIN label AS TEXT CHECK (VALUE <> ''); \
             CREATE DOMAIN money2 AS NUMERIC(10, 2); \
             CREATE TABLE tagged (id posint PRIMARY KEY, name label NOT NULL, price money2, \
             ids posint[])",
        )
        .unwrap();
        let price = Decimal::new(1999, 2);
        let insert = "INSERT INTO tagged (id, name, price, ids) VALUES ($1, $2, $3, $4)";
        let ids = Value::Array(vec![Value::I64(1), Value::I32(2)]);
        let params = [Value::I64(7), "seven".into(), price.into(), ids.clone()];
        assert_eq!(conn.execute_sql(insert, &params).unwrap(), 1);
        assert_eq!(
            conn.execute_sql(
                "UPDATE tagged SET id = $1 WHERE name = $2",
                &[8_i32.into(), "seven".into()]
            )
            .unwrap(),
            1
        );
        let rows = conn
            .query_sql(
                "SELECT id, name, price, ids FROM tagged WHERE id = $1",
                &[8_i64.into()],
            )
            .unwrap();
        assert_eq!(rows[0].get::<i32>(0).unwrap(), 8);
        assert_eq!(rows[0].get::<String>(1).unwrap(), "seven");
        assert_eq!(rows[0].get::<Decimal>(2).unwrap(), price);
        assert_eq!(
            rows[0].values()[3],
            Value::Array(vec![Value::I32(1), Value::I32(2)])
        );
        let refused = conn.execute_sql(
            insert,
            &[Value::I64(-1), "neg".into(), price.into(), Value::Null],
        );
        assert!(
            matches!(refused, Err(Error::CheckViolation(_))),
            "{refused:?}"
        );
    });
}
