//! The limits of what a backend keeps: numbers with more digits than a `Decimal` holds, and
//! values as large as MySQL's `max_allowed_packet`.

use dovetail::value::Value;
use dovetail::{Backend, Error};
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::Decimal;

use super::{CASES, Column, strategies};
use crate::harness::{backend_test, pick};

/// The digits of a decimal number, without sign of zero, leading or trailing zeros.
fn normalized(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let (int, frac) = (int.trim_start_matches('0'), frac.trim_end_matches('0'));
    let number = match frac {
        "" => int.to_owned(),
        _ => format!("{int}.{frac}"),
    };
    match number.as_str() {
        "" => "0".into(),
        _ => format!("{sign}{number}"),
    }
}

/// Whether `d` is the number `text` says.
fn is_the_number(text: &str, d: &Decimal) -> bool {
    normalized(text) == normalized(&d.to_string())
}

backend_test! {
    /// A number with more digits than `Decimal` holds (more than 28 after the point, more than
    /// 96 bits), made in SQL from text, is a decode error — never a rounded `Decimal`. (SQLite
    /// keeps it as text, from which it is decoded.)
    fn decimals_beyond_rust_decimal_are_a_decode_error(conn, backend) {
        let (sql_type, cast) = pick(
            backend,
            ("TEXT", ""),
            ("NUMERIC", "CAST(CAST({} AS TEXT) AS NUMERIC)"),
            ("DECIMAL(65, 30)", "CAST({} AS DECIMAL(65, 30))"),
        );
        // MySQL's DECIMAL(65, 30) holds 35 digits before the point and rounds past 30 after
        // it: the numbers stay within those there.
        let (int, frac) = pick(backend, (38, 38), (38, 38), (35, 30));
        let column = Column::create_cast(conn, sql_type, cast);
        let too_wide = [
            "0.12345678901234567890123456789012345678",
            "0.123456789012345678901234567891",
            "-12345678901234567890123456789012345678",
            "-12345678901234567890123456789012345",
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
            "123456789012345678901234567890.12345678",
        ];
        let fits = |text: &&&str| {
            let (i, f) = text.trim_start_matches('-').split_once('.').unwrap_or((text, ""));
            i.trim_start_matches('-').len() <= int && f.len() <= frac
        };
        for text in too_wide.iter().filter(fits).copied() {
            let reads = column.write_and_read::<Decimal>(Value::Text(text.into())).unwrap();
            for read in reads {
                assert!(matches!(read, Err(Error::Decode(_))), "{text} read as {read:?}");
            }
        }
        let kept = ["0.10000000000000000000000000000000", "1.0000000000000000000000000001"];
        for text in kept {
            let reads = column.write_and_read::<Decimal>(Value::Text(text.into())).unwrap();
            for read in reads {
                assert!(is_the_number(text, &read.unwrap()), "{text}");
            }
        }
        let mut runner = TestRunner::new(Config { cases: CASES, failure_persistence: None, ..Config::default() });
        let texts = strategies::wide_decimal_texts(int, frac);
        if let Err(failure) = runner.run(&texts, |text| column.keeps(&text, |text: &String, d| is_the_number(text, d))) {
            panic!("{failure}");
        }
    }
}

/// `len` bytes of every value.
fn bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

backend_test! {
    /// 8 MiB of text or bytes are kept everywhere; 16 MiB too, except on MySQL, whose
    /// `max_allowed_packet` (16 MiB here) they exceed with the packet's header: refused with
    /// `PacketTooLarge`, nothing written.
    fn values_up_to_the_packet_limit_are_kept_and_beyond_it_refused(conn, backend) {
        let mib = 1 << 20;
        let text_type = pick(backend, "TEXT", "TEXT", "LONGTEXT");
        let bytes_type = pick(backend, "BLOB", "BYTEA", "LONGBLOB");
        for (sql_type, value) in [
            (text_type, Value::Text("x".repeat(8 * mib))),
            (text_type, Value::Text("y".repeat(16 * mib))),
            (bytes_type, Value::Bytes(bytes(8 * mib))),
            (bytes_type, Value::Bytes(bytes(16 * mib))),
        ] {
            let len = match &value {
                Value::Text(text) => text.len(),
                Value::Bytes(bytes) => bytes.len(),
                _ => unreachable!(),
            };
            let column = Column::create(conn, sql_type);
            let outcome = column.write_and_read::<Value>(value.clone());
            if backend == Backend::MySql && len == 16 * mib {
                let error = outcome.expect_err("refused");
                assert!(matches!(error, Error::PacketTooLarge { .. }), "{error:?}");
                assert!(column.nothing_written());
                continue;
            }
            let reads = outcome.unwrap_or_else(|e| panic!("{len} bytes in {sql_type}: {e}"));
            for read in reads {
                assert!(read.unwrap() == value, "{len} bytes in {sql_type} came back different");
            }
        }
        if backend == Backend::MySql {
            at_the_packet_limit(conn);
        }
    }
}

/// A value sent on its own goes in a packet behind a 7-byte header, and the server refuses a
/// packet of `max_allowed_packet` bytes or more (closing the connection): the largest value
/// it takes is 8 bytes short of the limit; one byte more is refused before it is sent.
fn at_the_packet_limit(conn: &mut dyn dovetail::Connection) {
    let limit: u64 = conn.query_sql("SELECT @@max_allowed_packet", &[]).unwrap()[0]
        .get(0)
        .unwrap();
    // Past 16 MiB the driver cuts a value into packets of 16 MiB.
    if limit > 16 << 20 {
        return;
    }
    let column = Column::create(conn, "LONGBLOB");
    let largest = Value::Bytes(bytes(limit as usize - 8));
    let reads = column.write_and_read::<Value>(largest.clone()).unwrap();
    assert!(reads.into_iter().all(|read| read.unwrap() == largest));
    let error = column
        .write_and_read::<Value>(Value::Bytes(bytes(limit as usize - 7)))
        .err();
    assert!(
        matches!(error, Some(Error::PacketTooLarge { size: Some(s), .. }) if s == limit),
        "{error:?}"
    );
    assert!(column.nothing_written());
}
