//! The text forms of values a backend has no native type for (SQLite keeps them as `TEXT`).
//!
//! Dates, times and timestamps are written so that text order is time order (fixed-width
//! fields, UTC for time-zone-aware timestamps), and read back leniently: a `T` or a space between
//! date and time, any number of fractional digits, any UTC offset or `Z`.

// The writers serve the SQLite driver (and a few the MySQL one); without them they idle.
#![cfg_attr(not(feature = "sqlite"), allow(dead_code))]

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

const DATE: &str = "%Y-%m-%d";
const TIME: &str = "%H:%M:%S";

/// `YYYY-MM-DD`.
pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format(DATE).to_string()
}

/// `HH:MM:SS`, then `.ffffff` when there are microseconds (nine digits if nanoseconds).
pub(crate) fn format_time(time: NaiveTime) -> String {
    format!("{}{}", time.format(TIME), fraction(time.nanosecond()))
}

/// `YYYY-MM-DD HH:MM:SS[.ffffff]`.
pub(crate) fn format_timestamp(timestamp: NaiveDateTime) -> String {
    format!(
        "{} {}",
        format_date(timestamp.date()),
        format_time(timestamp.time())
    )
}

/// `YYYY-MM-DD HH:MM:SS[.ffffff]+00:00`, always in UTC.
pub(crate) fn format_timestamptz(timestamp: DateTime<Utc>) -> String {
    format!("{}+00:00", format_timestamp(timestamp.naive_utc()))
}

/// The decimal's exact digits, scale included (`1.50` stays `1.50`).
pub(crate) fn format_decimal(decimal: Decimal) -> String {
    decimal.to_string()
}

/// Hyphenated lowercase.
pub(crate) fn format_uuid(uuid: Uuid) -> String {
    uuid.hyphenated().to_string()
}

/// Compact JSON text.
pub(crate) fn format_json(json: &serde_json::Value) -> String {
    json.to_string()
}

/// The shortest fractional-seconds suffix that keeps every digit: none, micro or nano. A leap
/// second's nanoseconds (chrono's 1_000_000_000 and up) are those of second 60, which `%S`
/// writes.
fn fraction(nanos: u32) -> String {
    match nanos % 1_000_000_000 {
        0 => String::new(),
        n if n % 1_000 == 0 => format!(".{:06}", n / 1_000),
        n => format!(".{n:09}"),
    }
}

/// Reads `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE).ok()
}

/// Reads `HH:MM:SS[.f…]`.
pub(crate) fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M:%S%.f").ok()
}

/// Reads `YYYY-MM-DD HH:MM:SS[.f…]`, with a space or a `T` between date and time.
pub(crate) fn parse_timestamp(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .ok()
}

/// Reads a timestamp with any UTC offset (`+05:30`, `-08:00`, `Z`) and normalises it to UTC;
/// also years beyond RFC 3339's four digits (`-0001`, `+10000`), as [`format_timestamptz`]
/// writes them.
pub(crate) fn parse_timestamptz(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%:z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Reads a decimal without rounding; trailing fractional zeros beyond what [`Decimal`] can hold
/// (MySQL pads `DECIMAL(65, 30)` to 30 places) are dropped, which keeps the value. A number
/// with more digits than a `Decimal` holds is an error quoting it.
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    Decimal::from_str_exact(text)
        .or_else(|error| {
            let trimmed = match text.contains('.') {
                true => text.trim_end_matches('0').trim_end_matches('.'),
                false => return Err(error),
            };
            Decimal::from_str_exact(trimmed).map_err(|_| error)
        })
        .map_err(|error| match error {
            rust_decimal::Error::Underflow
            | rust_decimal::Error::ExceedsMaximumPossibleValue
            | rust_decimal::Error::LessThanMinimumPossibleValue => format!(
                "{} does not fit in a Decimal (at most 28 digits after the point, 96 bits in all)",
                bounded(text)
            ),
            other => format!("`{}` is not a decimal number: {other}", bounded(text)),
        })
}

/// `text` cut to a length an error message can carry.
pub(crate) fn bounded(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Reads a UUID in any of the forms the `uuid` crate accepts.
pub(crate) fn parse_uuid(text: &str) -> Result<Uuid, String> {
    Uuid::from_str(text).map_err(|e| e.to_string())
}

/// Reads JSON text.
pub(crate) fn parse_json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn timestamp(micros: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 2, 29)
            .unwrap()
            .and_hms_micro_opt(13, 14, 15, micros)
            .unwrap()
    }

    #[test]
    fn timestamps_keep_their_microseconds_and_read_back() {
        let text = format_timestamp(timestamp(7));
        assert_eq!(text, "2024-02-29 13:14:15.000007");
        assert_eq!(parse_timestamp(&text), Some(timestamp(7)));
        assert_eq!(format_timestamp(timestamp(0)), "2024-02-29 13:14:15");
        assert_eq!(
            parse_timestamp("2024-02-29T13:14:15.000007"),
            Some(timestamp(7))
        );
    }

    #[test]
    fn timestamptz_is_written_in_utc_and_read_from_any_offset() {
        let utc = timestamp(500_000).and_utc();
        assert_eq!(format_timestamptz(utc), "2024-02-29 13:14:15.500000+00:00");
        assert_eq!(parse_timestamptz("2024-02-29 18:44:15.5+05:30"), Some(utc));
        assert_eq!(parse_timestamptz("2024-02-29T13:14:15.5Z"), Some(utc));
    }

    #[test]
    fn timestamptz_of_any_year_chrono_holds_reads_back() {
        let years = [-262_143, -1, 0, 1, 9999, 10_000, 262_142];
        for year in years {
            let date = NaiveDate::from_ymd_opt(year, 6, 30).unwrap();
            let at = date.and_time(timestamp(123_456).time()).and_utc();
            assert_eq!(parse_timestamptz(&format_timestamptz(at)), Some(at), "{at}");
        }
        let far = "+10000-01-02T03:04:05.5-01:00";
        let expected = NaiveDate::from_ymd_opt(10_000, 1, 2)
            .unwrap()
            .and_hms_milli_opt(4, 4, 5, 500)
            .unwrap();
        assert_eq!(parse_timestamptz(far), Some(expected.and_utc()));
    }

    #[test]
    fn times_and_dates() {
        let time = NaiveTime::from_hms_nano_opt(1, 2, 3, 4).unwrap();
        assert_eq!(format_time(time), "01:02:03.000000004");
        assert_eq!(parse_time("01:02:03.000000004"), Some(time));
        assert_eq!(parse_date("2024-13-01"), None);
        let date = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        assert_eq!(parse_date(&format_date(date)), Some(date));
    }

    #[test]
    fn leap_seconds_are_second_60_with_their_fraction() {
        let leap = |nanos| NaiveTime::from_hms_nano_opt(23, 59, 59, nanos).unwrap();
        assert_eq!(format_time(leap(1_500_000_000)), "23:59:60.500000");
        assert_eq!(format_time(leap(1_000_000_000)), "23:59:60");
        assert_eq!(format_time(leap(1_000_000_001)), "23:59:60.000000001");
        for nanos in [1_000_000_000, 1_500_000_000, 1_000_000_001, 1_999_999_999] {
            assert_eq!(parse_time(&format_time(leap(nanos))), Some(leap(nanos)));
            let at = timestamp(0).date().and_time(leap(nanos));
            assert_eq!(parse_timestamp(&format_timestamp(at)), Some(at));
        }
    }

    #[test]
    fn json_floats_read_back_as_the_same_float() {
        for x in [
            -6.900943177600427e251,
            1.777137072051845e106,
            -4.021178669474959e-308,
        ] {
            let json = serde_json::json!([x]);
            assert_eq!(parse_json(&format_json(&json)).unwrap(), json, "{x:e}");
        }
    }

    #[test]
    fn decimals_keep_their_scale_and_drop_only_padding() {
        assert_eq!(format_decimal(parse_decimal("1.50").unwrap()), "1.50");
        let padded = "12345678.123456789012345678900000000000";
        assert_eq!(
            parse_decimal(padded).unwrap().to_string(),
            "12345678.1234567890123456789"
        );
        assert!(parse_decimal("123456789012345678901234567890").is_err());
        assert!(parse_decimal("0.12345678901234567890123456789012").is_err());
    }
}
