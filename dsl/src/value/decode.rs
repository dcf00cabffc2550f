//! [`Value`]s into Rust values: result cells. Conversions are exact or fail; nothing truncates.

use super::Cells;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use uuid::Uuid;

use super::{Value, text_formats};
use crate::error::DecodeError;

/// A Rust type a result cell can be decoded into.
///
/// Conversions never lose information: an integer that does not fit the target, a float that is
/// not exactly representable, or `NULL` decoded into a non-`Option` is a [`DecodeError`].
///
/// ```
/// use dovetail::value::{FromValue, Value};
///
/// assert_eq!(i32::from_value(Value::I64(7)).unwrap(), 7);
/// assert!(i32::from_value(Value::I64(1 << 40)).is_err());
/// assert_eq!(bool::from_value(Value::I8(1)).unwrap(), true);
/// assert_eq!(Option::<String>::from_value(Value::Null).unwrap(), None);
/// assert!(String::from_value(Value::Null).is_err());
/// ```
pub trait FromValue: Sized {
    /// Converts `value`, or explains why it does not fit.
    fn from_value(value: Value) -> Result<Self, DecodeError>;

    /// Reads cell `index` of a row. Text and integers come straight from the driver where it
    /// holds them so; everything else goes through [`Value`].
    fn from_cells(cells: &mut dyn Cells, index: usize) -> crate::Result<Self> {
        through_value(cells, index)
    }

    /// Reads cell `index` of a row as `Option<Self>`: `NULL` is `None`.
    fn option_from_cells(cells: &mut dyn Cells, index: usize) -> crate::Result<Option<Self>> {
        through_value(cells, index)
    }
}

/// Cell `index` taken as a [`Value`] and converted, the column named in any error.
fn through_value<T: FromValue>(cells: &mut dyn Cells, index: usize) -> crate::Result<T> {
    let value = cells.take(index)?;
    T::from_value(value).map_err(|e| e.in_column(index, cells.column_name(index)).into())
}

/// `from_cells` and `option_from_cells` through a driver's direct read (`$take`), falling back
/// to [`Value`] where the driver has none for the column (or for a NULL into a non-`Option`,
/// whose error the `Value` path words).
macro_rules! direct_from_cells {
    ($take:ident) => {
        fn from_cells(cells: &mut dyn Cells, index: usize) -> crate::Result<Self> {
            match cells.$take(index) {
                Some(Ok(Some(value))) => Ok(value),
                Some(Err(error)) => Err(error),
                Some(Ok(None)) | None => through_value(cells, index),
            }
        }

        fn option_from_cells(cells: &mut dyn Cells, index: usize) -> crate::Result<Option<Self>> {
            match cells.$take(index) {
                Some(read) => read,
                None => through_value(cells, index),
            }
        }
    };
}

impl Value {
    /// The value of any integer variant, widened losslessly.
    pub(crate) fn as_integer(&self) -> Option<i128> {
        Some(match *self {
            Value::I8(v) => v.into(),
            Value::I16(v) => v.into(),
            Value::I32(v) => v.into(),
            Value::I64(v) => v.into(),
            Value::U8(v) => v.into(),
            Value::U16(v) => v.into(),
            Value::U32(v) => v.into(),
            Value::U64(v) => v.into(),
            _ => return None,
        })
    }
}

/// The error for a value of the wrong kind, with a hint when it is `NULL`.
fn mismatch(expected: &'static str, value: &Value) -> DecodeError {
    let error = DecodeError::new(expected, value.kind());
    match value {
        Value::Null => error.because("use Option<T> for a nullable column"),
        _ => error,
    }
}

impl FromValue for Value {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        Ok(value)
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Null => Ok(None),
            value => T::from_value(value).map(Some),
        }
    }

    fn from_cells(cells: &mut dyn Cells, index: usize) -> crate::Result<Self> {
        T::option_from_cells(cells, index)
    }
}

/// Any integer variant, or an integral decimal (`SUM` and `NUMERIC` results), as an `i128`.
fn integer(expected: &'static str, value: &Value) -> Result<i128, DecodeError> {
    if let Some(n) = value.as_integer() {
        return Ok(n);
    }
    match value {
        Value::Decimal(d) if d.is_integer() => d
            .to_i128()
            .ok_or_else(|| mismatch(expected, value).because(format!("{d} is out of range"))),
        Value::Decimal(d) => {
            Err(mismatch(expected, value).because(format!("{d} has a fractional part")))
        }
        _ => Err(mismatch(expected, value)),
    }
}

macro_rules! integers {
    ($($ty:ty $(=> $take:ident)?),*) => {$(
        impl FromValue for $ty {
            fn from_value(value: Value) -> Result<Self, DecodeError> {
                let n = integer(stringify!($ty), &value)?;
                <$ty>::try_from(n).map_err(|_| {
                    mismatch(stringify!($ty), &value).because(format!(
                        "{n} is out of range {}..={}",
                        <$ty>::MIN,
                        <$ty>::MAX
                    ))
                })
            }

            $(direct_from_cells!($take);)?
        }
    )*};
}

integers!(i8, i16, i32 => take_i32, i64 => take_i64, u8, u16, u32, u64);

impl FromValue for bool {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        match (&value, value.as_integer()) {
            (Value::Bool(b), _) => Ok(*b),
            (_, Some(0)) => Ok(false),
            (_, Some(1)) => Ok(true),
            (_, Some(n)) => {
                Err(mismatch("bool", &value).because(format!("{n} is neither 0 nor 1")))
            }
            (_, None) => Err(mismatch("bool", &value)),
        }
    }
}

impl FromValue for f64 {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        match (&value, value.as_integer()) {
            (Value::F64(x), _) => Ok(*x),
            (Value::F32(x), _) => Ok(f64::from(*x)),
            // The cast is checked: the value must come back unchanged.
            (_, Some(n)) if (n as f64) as i128 == n => Ok(n as f64),
            (_, Some(n)) => {
                Err(mismatch("f64", &value).because(format!("{n} is not exactly representable")))
            }
            (_, None) => Err(mismatch("f64", &value)),
        }
    }
}

impl FromValue for f32 {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::F32(x) => Ok(x),
            Value::F64(x) if x.is_nan() || f64::from(x as f32) == x => Ok(x as f32),
            Value::F64(x) => {
                Err(mismatch("f32", &value).because(format!("{x} is not exactly representable")))
            }
            other => Err(mismatch("f32", &other)),
        }
    }
}

impl FromValue for Decimal {
    direct_from_cells!(take_decimal);

    fn from_value(value: Value) -> Result<Self, DecodeError> {
        let exact = match &value {
            Value::Decimal(d) => return Ok(*d),
            Value::Text(text) => text_formats::parse_decimal(text),
            // The shortest text that reads back as the same float: SQLite hands NUMERIC as REAL.
            Value::F64(x) => text_formats::parse_decimal(&x.to_string()),
            Value::F32(x) => text_formats::parse_decimal(&x.to_string()),
            other => match other.as_integer() {
                Some(n) => Decimal::try_from_i128_with_scale(n, 0).map_err(|e| e.to_string()),
                None => return Err(mismatch("Decimal", other)),
            },
        };
        exact.map_err(|reason| mismatch("Decimal", &value).because(reason))
    }
}

impl FromValue for String {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Text(text) => Ok(text),
            other => Err(mismatch("String", &other)),
        }
    }

    direct_from_cells!(take_text);
}

impl FromValue for Vec<u8> {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Bytes(bytes) => Ok(bytes),
            other => Err(mismatch("Vec<u8>", &other)),
        }
    }
}

/// Decodes a native variant, or its text form (see [`text_formats`]).
macro_rules! textual {
    ($ty:ty, $name:literal, $variant:ident, $parse:expr) => {
        impl FromValue for $ty {
            fn from_value(value: Value) -> Result<Self, DecodeError> {
                match value {
                    Value::$variant(v) => Ok(v),
                    Value::Text(ref text) => $parse(text.as_str()).ok_or_else(|| {
                        mismatch($name, &value).because(format!("`{text}` is not a {}", $name))
                    }),
                    other => Err(mismatch($name, &other)),
                }
            }
        }
    };
}

textual!(NaiveDate, "date", Date, text_formats::parse_date);
textual!(NaiveTime, "time", Time, text_formats::parse_time);
textual!(
    NaiveDateTime,
    "timestamp",
    Timestamp,
    text_formats::parse_timestamp
);

impl FromValue for DateTime<Utc> {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::TimestampTz(t) => Ok(t),
            // MySQL `DATETIME`/`TIMESTAMP` arrive without a zone; sessions run in UTC.
            Value::Timestamp(t) => Ok(t.and_utc()),
            Value::Text(ref text) => text_formats::parse_timestamptz(text)
                .or_else(|| text_formats::parse_timestamp(text).map(|t| t.and_utc()))
                .ok_or_else(|| {
                    mismatch("DateTime<Utc>", &value)
                        .because(format!("`{text}` is not a timestamp"))
                }),
            other => Err(mismatch("DateTime<Utc>", &other)),
        }
    }
}

impl FromValue for DateTime<FixedOffset> {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        DateTime::<Utc>::from_value(value).map(|t| t.fixed_offset())
    }
}

impl FromValue for Uuid {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        let parsed = match &value {
            Value::Uuid(uuid) => return Ok(*uuid),
            Value::Text(text) => text_formats::parse_uuid(text),
            Value::Bytes(bytes) => Uuid::from_slice(bytes).map_err(|e| e.to_string()),
            other => return Err(mismatch("Uuid", other)),
        };
        parsed.map_err(|reason| mismatch("Uuid", &value).because(reason))
    }
}

impl FromValue for serde_json::Value {
    fn from_value(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Json(json) => Ok(json),
            Value::Text(ref text) => text_formats::parse_json(text)
                .map_err(|reason| mismatch("serde_json::Value", &value).because(reason)),
            other => Err(mismatch("serde_json::Value", &other)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn integers_convert_between_widths_only_when_they_fit() {
        assert_eq!(i8::from_value(Value::U64(127)).unwrap(), 127);
        let error = i32::from_value(Value::I64(i64::from(i32::MAX) + 1)).unwrap_err();
        assert_eq!(
            error.reason.as_deref(),
            Some("2147483648 is out of range -2147483648..=2147483647")
        );
        assert!(u32::from_value(Value::I32(-1)).is_err());
        assert_eq!(
            u64::from_value(Value::Decimal(Decimal::from(u64::MAX))).unwrap(),
            u64::MAX
        );
        assert!(u64::from_value(Value::Decimal(Decimal::new(15, 1))).is_err());
        assert!(i64::from_value(Value::Text("1".into())).is_err());
    }

    #[test]
    fn null_needs_an_option() {
        let error = i64::from_value(Value::Null).unwrap_err();
        assert_eq!(error.found, "null");
        assert_eq!(Option::<i64>::from_value(Value::I8(3)).unwrap(), Some(3));
    }

    #[test]
    fn booleans_accept_exactly_zero_and_one() {
        assert!(bool::from_value(Value::I64(1)).unwrap());
        assert!(!bool::from_value(Value::U8(0)).unwrap());
        assert!(bool::from_value(Value::I64(2)).is_err());
    }

    #[test]
    fn floats_are_exact() {
        assert_eq!(
            f64::from_value(Value::I64(1 << 53)).unwrap(),
            9_007_199_254_740_992.0
        );
        assert!(f64::from_value(Value::I64((1 << 53) + 1)).is_err());
        assert!(f64::from_value(Value::U64(u64::MAX)).is_err());
        assert_eq!(f32::from_value(Value::F64(0.5)).unwrap(), 0.5);
        assert!(f32::from_value(Value::F64(0.1)).is_err());
        assert!(f32::from_value(Value::F64(f64::NAN)).unwrap().is_nan());
        assert_eq!(
            f32::from_value(Value::F64(f64::INFINITY)).unwrap(),
            f32::INFINITY
        );
    }

    #[test]
    fn decimals_from_text_floats_and_integers() {
        assert_eq!(
            Decimal::from_value(Value::F64(0.1)).unwrap().to_string(),
            "0.1"
        );
        assert_eq!(
            Decimal::from_value(Value::F32(0.1)).unwrap().to_string(),
            "0.1"
        );
        assert_eq!(
            Decimal::from_value(Value::Text("-1.50".into()))
                .unwrap()
                .to_string(),
            "-1.50"
        );
        assert_eq!(
            Decimal::from_value(Value::U64(u64::MAX)).unwrap(),
            Decimal::from(u64::MAX)
        );
        assert!(Decimal::from_value(Value::F64(f64::NAN)).is_err());
        assert!(Decimal::from_value(Value::F64(1e300)).is_err());
    }

    #[test]
    fn text_forms_of_dates_uuids_and_json() {
        let text = |s: &str| Value::Text(s.into());
        let at = NaiveDate::from_ymd_opt(2024, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap();
        assert_eq!(
            NaiveDateTime::from_value(text("2024-01-02 03:04:05")).unwrap(),
            at
        );
        assert_eq!(
            DateTime::<Utc>::from_value(text("2024-01-02 04:04:05+01:00")).unwrap(),
            at.and_utc()
        );
        assert_eq!(
            DateTime::<Utc>::from_value(Value::Timestamp(at)).unwrap(),
            at.and_utc()
        );
        assert!(NaiveDate::from_value(text("yesterday")).is_err());
        let uuid = Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(
            Uuid::from_value(text("01234567-89ab-cdef-0123-456789abcdef")).unwrap(),
            uuid
        );
        assert_eq!(
            Uuid::from_value(Value::Bytes(uuid.as_bytes().to_vec())).unwrap(),
            uuid
        );
        assert_eq!(
            serde_json::Value::from_value(text("[1]")).unwrap(),
            serde_json::json!([1])
        );
        assert!(String::from_value(Value::Bytes(b"a".to_vec())).is_err());
    }
}
