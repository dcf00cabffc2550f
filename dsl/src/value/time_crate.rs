//! The `time` crate's date and time types, through their chrono equivalents.
//!
//! Every `time` value lies inside chrono's range, so encoding cannot fail; should a conversion
//! ever miss, the value is sent as its ISO text rather than dropped.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use super::{FromValue, ToValue, Value};
use crate::error::DecodeError;

fn chrono_date(date: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        date.year(),
        u8::from(date.month()).into(),
        date.day().into(),
    )
}

fn chrono_time(time: Time) -> Option<NaiveTime> {
    NaiveTime::from_hms_nano_opt(
        time.hour().into(),
        time.minute().into(),
        time.second().into(),
        time.nanosecond(),
    )
}

fn chrono_timestamp(timestamp: OffsetDateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(timestamp.unix_timestamp(), timestamp.nanosecond())
}

impl ToValue for Date {
    fn to_value(&self) -> Value {
        chrono_date(*self).map_or_else(|| Value::Text(self.to_string()), Value::Date)
    }
}

impl ToValue for Time {
    fn to_value(&self) -> Value {
        chrono_time(*self).map_or_else(|| Value::Text(self.to_string()), Value::Time)
    }
}

impl ToValue for PrimitiveDateTime {
    fn to_value(&self) -> Value {
        match (chrono_date(self.date()), chrono_time(self.time())) {
            (Some(date), Some(time)) => Value::Timestamp(NaiveDateTime::new(date, time)),
            _ => Value::Text(self.to_string()),
        }
    }
}

impl ToValue for OffsetDateTime {
    fn to_value(&self) -> Value {
        chrono_timestamp(*self).map_or_else(|| Value::Text(self.to_string()), Value::TimestampTz)
    }
}

macro_rules! into_value {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Value {
            fn from(value: $ty) -> Value {
                value.to_value()
            }
        }
    )*};
}

into_value!(Date, Time, PrimitiveDateTime, OffsetDateTime);

fn out_of_range(expected: &'static str, found: &'static str, error: impl ToString) -> DecodeError {
    DecodeError::new(expected, found).because(error.to_string())
}

fn time_date(date: NaiveDate) -> Result<Date, DecodeError> {
    let month = u8::try_from(date.month())
        .ok()
        .and_then(|m| Month::try_from(m).ok());
    let month = month.ok_or_else(|| DecodeError::new("time::Date", "date"))?;
    let day = u8::try_from(date.day()).map_err(|e| out_of_range("time::Date", "date", e))?;
    Date::from_calendar_date(date.year(), month, day)
        .map_err(|e| out_of_range("time::Date", "date", e))
}

fn time_time(time: NaiveTime) -> Result<Time, DecodeError> {
    let [hour, minute, second] = [time.hour(), time.minute(), time.second()]
        .map(|part| u8::try_from(part).unwrap_or(u8::MAX));
    Time::from_hms_nano(hour, minute, second, time.nanosecond())
        .map_err(|e| out_of_range("time::Time", "time", e))
}

impl FromValue for Date {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        time_date(NaiveDate::from_value(value)?)
    }
}

impl FromValue for Time {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        time_time(NaiveTime::from_value(value)?)
    }
}

impl FromValue for PrimitiveDateTime {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        let timestamp = NaiveDateTime::from_value(value)?;
        Ok(PrimitiveDateTime::new(
            time_date(timestamp.date())?,
            time_time(timestamp.time())?,
        ))
    }
}

impl FromValue for OffsetDateTime {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        let timestamp = DateTime::<Utc>::from_value(value)?;
        let nanos = i128::from(timestamp.timestamp()) * 1_000_000_000
            + i128::from(timestamp.timestamp_subsec_nanos());
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map_err(|e| out_of_range("time::OffsetDateTime", "timestamp with time zone", e))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use time::macros::{date, datetime, time};

    use super::*;

    #[test]
    fn time_values_round_trip_through_value() {
        let day = date!(2024 - 02 - 29);
        assert_eq!(Date::from_value(day.to_value()).unwrap(), day);
        let moment = time!(23:59:59.123456789);
        assert_eq!(Time::from_value(moment.to_value()).unwrap(), moment);
        let local = datetime!(2024-02-29 23:59:59.5);
        assert_eq!(
            PrimitiveDateTime::from_value(local.to_value()).unwrap(),
            local
        );
        let zoned = datetime!(2024-02-29 23:59:59.5 +05:30);
        let back = OffsetDateTime::from_value(Value::from(zoned)).unwrap();
        assert_eq!(back, zoned);
        assert!(
            Value::from(zoned).eq(&Value::TimestampTz(
                DateTime::parse_from_rfc3339("2024-02-29T18:29:59.5Z")
                    .unwrap()
                    .to_utc()
            ))
        );
    }
}
