//! Values that travel between Rust and the database: bind parameters and row cells.
//!
//! [`Value`] is the one currency of the execution layer. Rust types enter it through
//! [`ToValue`] and leave it through [`FromValue`]; each driver module converts `Value`
//! to and from its own parameter and row types.

mod cells;
mod decode;
mod encode;
pub(crate) mod text_formats;
#[cfg(feature = "time")]
mod time_crate;

pub use cells::Cells;
pub use decode::FromValue;
pub use encode::ToValue;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

/// One SQL value: a bind parameter on its way in, a result cell on its way out.
///
/// ```
/// use dovetail::value::{FromValue, ToValue, Value};
///
/// let v = 42_i32.to_value();
/// assert_eq!(v, Value::I32(42));
/// assert_eq!(i64::from_value(v).unwrap(), 42);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// `BOOLEAN` (MySQL `TINYINT(1)`, SQLite `INTEGER` 0/1).
    Bool(bool),
    /// `TINYINT`.
    I8(i8),
    /// `SMALLINT`.
    I16(i16),
    /// `INTEGER`.
    I32(i32),
    /// `BIGINT`.
    I64(i64),
    /// MySQL `TINYINT UNSIGNED`.
    U8(u8),
    /// MySQL `SMALLINT UNSIGNED`.
    U16(u16),
    /// MySQL `INT UNSIGNED`.
    U32(u32),
    /// MySQL `BIGINT UNSIGNED`.
    U64(u64),
    /// `REAL` / `FLOAT`.
    F32(f32),
    /// `DOUBLE PRECISION`.
    F64(f64),
    /// `NUMERIC` / `DECIMAL`.
    Decimal(Decimal),
    /// `TEXT`, `VARCHAR`, `CHAR`, enum labels.
    Text(String),
    /// `BYTEA` / `BLOB`.
    Bytes(Vec<u8>),
    /// `DATE`.
    Date(NaiveDate),
    /// `TIME` (without time zone).
    Time(NaiveTime),
    /// `TIMESTAMP` / `DATETIME` (without time zone).
    Timestamp(NaiveDateTime),
    /// `TIMESTAMP WITH TIME ZONE`, normalised to UTC.
    TimestampTz(DateTime<Utc>),
    /// `UUID`.
    Uuid(Uuid),
    /// `JSON` / `JSONB`.
    Json(serde_json::Value),
    /// A PostgreSQL array; its elements are values (or `Null`) of one type.
    Array(Vec<Value>),
}

impl Value {
    /// The name of this value's kind, as used in error messages (`"i64"`, `"text"`, ...).
    ///
    /// ```
    /// assert_eq!(dovetail::value::Value::Text("a".into()).kind(), "text");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::I8(_) => "i8",
            Value::I16(_) => "i16",
            Value::I32(_) => "i32",
            Value::I64(_) => "i64",
            Value::U8(_) => "u8",
            Value::U16(_) => "u16",
            Value::U32(_) => "u32",
            Value::U64(_) => "u64",
            Value::F32(_) => "f32",
            Value::F64(_) => "f64",
            Value::Decimal(_) => "decimal",
            Value::Text(_) => "text",
            Value::Bytes(_) => "bytes",
            Value::Date(_) => "date",
            Value::Time(_) => "time",
            Value::Timestamp(_) => "timestamp",
            Value::TimestampTz(_) => "timestamp with time zone",
            Value::Uuid(_) => "uuid",
            Value::Json(_) => "json",
            Value::Array(_) => "array",
        }
    }

    /// Whether this is SQL `NULL`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}
