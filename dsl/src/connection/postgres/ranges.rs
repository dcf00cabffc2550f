//! What PostgreSQL can keep, checked before a value is sent: the server would refuse some of
//! these with an untyped error (NUL in text, dates before 4713 BC) and silently change others
//! (digits below the microsecond, leap seconds).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::error::BoxError;

/// The first day PostgreSQL's dates and timestamps hold: 24 November 4714 BC (proleptic
/// Gregorian, astronomical year -4713).
fn first_day() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(-4713, 11, 24)
}

/// Text without the NUL character, which PostgreSQL's text types cannot hold.
pub(super) fn text(text: &str) -> Result<(), BoxError> {
    match text.contains('\0') {
        true => Err("PostgreSQL text cannot hold the NUL character (\\0)".into()),
        false => Ok(()),
    }
}

/// JSON without `\u0000` in any string or key, which `jsonb` cannot hold.
pub(super) fn jsonb(json: &serde_json::Value) -> Result<(), BoxError> {
    match holds_nul(json) {
        true => Err("jsonb cannot hold the NUL character (\\u0000)".into()),
        false => Ok(()),
    }
}

fn holds_nul(json: &serde_json::Value) -> bool {
    match json {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(holds_nul),
        serde_json::Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

/// A date from 4713 BC on (the latest date chrono has is within PostgreSQL's range).
pub(super) fn date(date: NaiveDate) -> Result<(), BoxError> {
    match first_day().is_some_and(|first| date < first) {
        true => Err(format!("{date} is before 4713 BC, PostgreSQL's first date").into()),
        false => Ok(()),
    }
}

/// A time of day PostgreSQL keeps as it is: whole microseconds, no leap second.
pub(super) fn time(time: NaiveTime) -> Result<(), BoxError> {
    let nanos = time.nanosecond();
    if nanos >= 1_000_000_000 {
        return Err(format!("{time} is a leap second, which PostgreSQL does not have").into());
    }
    if !nanos.is_multiple_of(1_000) {
        return Err(
            format!("{time} has digits below the microsecond, PostgreSQL's precision").into(),
        );
    }
    Ok(())
}

/// A timestamp from 4713 BC on (chrono's last year is within PostgreSQL's range), at a time
/// PostgreSQL keeps.
pub(super) fn timestamp(at: NaiveDateTime) -> Result<(), BoxError> {
    date(at.date())?;
    time(at.time())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn values_postgresql_would_change_or_refuse_are_caught() {
        assert!(text("a\0b").is_err() && text("ab").is_ok());
        assert!(jsonb(&serde_json::json!({"k": ["x\u{0}"]})).is_err());
        assert!(jsonb(&serde_json::json!({"k": ["x"]})).is_ok());
        assert!(date(day(-4713, 11, 23)).is_err() && date(day(-4713, 11, 24)).is_ok());
        let noon = |nanos| NaiveTime::from_hms_nano_opt(12, 0, 0, nanos).unwrap_or_default();
        assert!(time(noon(123_456_000)).is_ok());
        assert!(time(noon(123_456_789)).is_err());
        assert!(
            time(NaiveTime::from_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap_or_default())
                .is_err()
        );
        assert!(timestamp(day(-4714, 1, 1).and_time(noon(0))).is_err());
        assert!(timestamp(day(2026, 1, 1).and_time(noon(1_000))).is_ok());
    }
}
