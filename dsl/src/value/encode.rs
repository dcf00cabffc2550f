//! Rust values into [`Value`]s: bind parameters.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Value;

/// A Rust value that can be bound as a statement parameter.
///
/// Every integer keeps its width and signedness, so the driver can range-check it against the
/// column type; `None` becomes SQL `NULL`; time-zone-aware timestamps are normalised to UTC.
///
/// ```
/// use chrono::{DateTime, FixedOffset, TimeZone, Utc};
/// use dovetail::value::{ToValue, Value};
///
/// assert_eq!(7_u8.to_value(), Value::U8(7));
/// assert_eq!("ada".to_value(), Value::Text("ada".into()));
/// assert_eq!(None::<i64>.to_value(), Value::Null);
///
/// let paris = FixedOffset::east_opt(3600).unwrap();
/// let noon: DateTime<FixedOffset> = paris.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
/// let eleven = Utc.with_ymd_and_hms(2024, 5, 1, 11, 0, 0).unwrap();
/// assert_eq!(noon.to_value(), Value::TimestampTz(eleven));
/// ```
pub trait ToValue {
    /// This value as a [`Value`].
    fn to_value(&self) -> Value;
}

/// `ToValue` and `From<T> for Value` for types that map onto one variant unchanged.
macro_rules! plain {
    ($($ty:ty => $variant:ident),* $(,)?) => {$(
        impl ToValue for $ty {
            fn to_value(&self) -> Value {
                Value::$variant(self.clone())
            }
        }

        impl From<$ty> for Value {
            fn from(value: $ty) -> Value {
                Value::$variant(value)
            }
        }
    )*};
}

plain! {
    bool => Bool,
    i8 => I8, i16 => I16, i32 => I32, i64 => I64,
    u8 => U8, u16 => U16, u32 => U32, u64 => U64,
    f32 => F32, f64 => F64,
    Decimal => Decimal,
    String => Text,
    Vec<u8> => Bytes,
    NaiveDate => Date,
    NaiveTime => Time,
    NaiveDateTime => Timestamp,
    DateTime<Utc> => TimestampTz,
    Uuid => Uuid,
    serde_json::Value => Json,
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Value {
        Value::Text(value.to_owned())
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Bytes(self.to_vec())
    }
}

impl From<&[u8]> for Value {
    fn from(value: &[u8]) -> Value {
        Value::Bytes(value.to_vec())
    }
}

impl ToValue for DateTime<FixedOffset> {
    fn to_value(&self) -> Value {
        Value::TimestampTz(self.to_utc())
    }
}

impl From<DateTime<FixedOffset>> for Value {
    fn from(value: DateTime<FixedOffset>) -> Value {
        Value::TimestampTz(value.to_utc())
    }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::to_value)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_options_and_slices() {
        fn generic<T: ToValue>(value: T) -> Value {
            value.to_value()
        }
        let name = String::from("ada");
        assert_eq!(generic(&name), Value::Text("ada".into()));
        assert_eq!(generic(Some("x")), Value::Text("x".into()));
        assert_eq!(
            Some(&b"\x00\xff"[..]).to_value(),
            Value::Bytes(vec![0, 255])
        );
        assert_eq!(Value::from(Some(3_i16)), Value::I16(3));
        assert_eq!(Value::from(None::<&str>), Value::Null);
        assert_eq!(Value::from(u64::MAX), Value::U64(u64::MAX));
    }
}
