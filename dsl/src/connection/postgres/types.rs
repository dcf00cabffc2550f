//! [`Value`]s as PostgreSQL wire values, both ways.
//!
//! A parameter is converted to the type the server inferred for its placeholder; a value that
//! does not fit that type (out of range, inexact, another kind) is an error naming both.

use bytes::BytesMut;
use postgres::types::{Format, FromSql, IsNull, Kind, ToSql, Type};
use postgres_types::to_sql_checked;
use rust_decimal::Decimal;

use super::ranges;
use crate::error::{BoxError, DecodeError};
use crate::value::{Value, text_formats};

/// A parameter that fails to convert, with its 1-based position, for [`crate::Error::Encode`].
#[derive(Debug, thiserror::Error)]
#[error("parameter {index} ({kind}): {reason}")]
pub(super) struct ParamError {
    pub(super) index: usize,
    pub(super) kind: &'static str,
    pub(super) reason: String,
}

/// A [`Value`] that knows its position, so a conversion error can name it.
pub(super) struct Param<'a> {
    index: usize,
    value: &'a Value,
    /// Whether `Debug` shows the value: the driver logs every statement's parameters through
    /// `Debug` (at `DEBUG`, target `tokio_postgres::query`), and values may be personal data.
    reveal: bool,
}

/// The values of a statement, numbered from 1; `reveal` lets the driver's own log show them
/// ([`crate::Connection::log_values`]).
pub(super) fn params(values: &[Value], reveal: bool) -> Vec<Param<'_>> {
    values
        .iter()
        .enumerate()
        .map(|(i, value)| Param {
            index: i + 1,
            value,
            reveal,
        })
        .collect()
}

impl Param<'_> {
    /// The type this value is declared as when its statement is prepared unnamed (see
    /// `unnamed.rs`).
    pub(super) fn declared(&self) -> Type {
        super::unnamed::declared(self.value)
    }
}

/// `$1: text` — or, with values revealed, `$1: Text("…")`.
impl std::fmt::Debug for Param<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.reveal {
            true => write!(f, "${}: {:?}", self.index, self.value),
            false => write!(f, "${}: {}", self.index, self.value.kind()),
        }
    }
}

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        let written = match *ty {
            // Declared `unknown` (an unnamed statement's text, NULL or array): its text.
            Type::UNKNOWN => super::unnamed::text(self.value, out),
            _ => self.value.to_sql(ty, out),
        };
        written.map_err(|reason| {
            let error = ParamError {
                index: self.index,
                kind: self.value.kind(),
                reason: reason.to_string(),
            };
            Box::new(error) as BoxError
        })
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    fn encode_format(&self, ty: &Type) -> Format {
        super::unnamed::format(ty)
    }

    to_sql_checked!();
}

fn is_text(ty: &Type) -> bool {
    <&str as ToSql>::accepts(ty) || matches!(ty.kind(), Kind::Enum(_))
}

fn is_json(ty: &Type) -> bool {
    *ty == Type::JSON || *ty == Type::JSONB
}

fn mismatch(ty: &Type) -> BoxError {
    format!("the statement expects `{}` here", ty.name()).into()
}

impl ToSql for Value {
    /// A domain (`CREATE DOMAIN posint AS integer …`) is sent as its base type, whose wire
    /// form it shares; the server checks the domain's constraints.
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        if let Kind::Domain(base) = ty.kind() {
            return self.to_sql(base, out);
        }
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Bool(b) if *ty == Type::BOOL => b.to_sql(ty, out),
            Value::F32(x) => float(f64::from(*x), ty, out),
            Value::F64(x) => float(*x, ty, out),
            Value::Decimal(d) if *ty == Type::NUMERIC => d.to_sql(ty, out),
            Value::Text(text) if is_text(ty) => {
                ranges::text(text)?;
                text.to_sql(ty, out)
            }
            Value::Text(text) if is_json(ty) => json(&text_formats::parse_json(text)?, ty, out),
            Value::Bytes(bytes) if *ty == Type::BYTEA => bytes.to_sql(ty, out),
            Value::Date(date) if *ty == Type::DATE => {
                ranges::date(*date)?;
                date.to_sql(ty, out)
            }
            Value::Time(time) if *ty == Type::TIME => {
                ranges::time(*time)?;
                time.to_sql(ty, out)
            }
            Value::Timestamp(at) if *ty == Type::TIMESTAMP => {
                ranges::timestamp(*at)?;
                at.to_sql(ty, out)
            }
            Value::TimestampTz(at) if *ty == Type::TIMESTAMPTZ => {
                ranges::timestamp(at.naive_utc())?;
                at.to_sql(ty, out)
            }
            Value::Uuid(uuid) if *ty == Type::UUID => uuid.to_sql(ty, out),
            Value::Json(value) if is_json(ty) => json(value, ty, out),
            Value::Array(items) if matches!(ty.kind(), Kind::Array(_)) => items.to_sql(ty, out),
            other => match other.as_integer() {
                Some(n) => integer(n, ty, out),
                None => Err(mismatch(ty)),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// JSON as `json` or `jsonb` (which cannot hold `\u0000`).
fn json(value: &serde_json::Value, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    if *ty == Type::JSONB {
        ranges::jsonb(value)?;
    }
    value.to_sql(ty, out)
}

/// An integer of any width as the integer, numeric or float type of the column, if it fits.
fn integer(n: i128, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    let out_of_range = || -> BoxError { format!("{n} does not fit in `{}`", ty.name()).into() };
    match *ty {
        Type::INT2 => i16::try_from(n)
            .map_err(|_| out_of_range())?
            .to_sql(ty, out),
        Type::INT4 => i32::try_from(n)
            .map_err(|_| out_of_range())?
            .to_sql(ty, out),
        Type::INT8 => i64::try_from(n)
            .map_err(|_| out_of_range())?
            .to_sql(ty, out),
        Type::OID => u32::try_from(n)
            .map_err(|_| out_of_range())?
            .to_sql(ty, out),
        Type::CHAR => i8::try_from(n).map_err(|_| out_of_range())?.to_sql(ty, out),
        Type::NUMERIC => Decimal::try_from_i128_with_scale(n, 0)?.to_sql(ty, out),
        // Only integers the float holds exactly; the round trip proves it.
        Type::FLOAT4 if f64::from(n as f32) as i128 == n => (n as f32).to_sql(ty, out),
        Type::FLOAT8 if (n as f64) as i128 == n => (n as f64).to_sql(ty, out),
        Type::FLOAT4 | Type::FLOAT8 => {
            Err(format!("{n} is not exactly representable as `{}`", ty.name()).into())
        }
        _ => Err(mismatch(ty)),
    }
}

/// A float as `float4` (only if exact), `float8` or `numeric` (finite values only).
fn float(x: f64, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    match *ty {
        Type::FLOAT8 => x.to_sql(ty, out),
        Type::FLOAT4 if x.is_nan() || f64::from(x as f32) == x => (x as f32).to_sql(ty, out),
        Type::FLOAT4 => Err(format!("{x} is not exactly representable as `float4`").into()),
        Type::NUMERIC => text_formats::parse_decimal(&x.to_string())?.to_sql(ty, out),
        _ => Err(mismatch(ty)),
    }
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Value, BoxError> {
        decode(ty, raw).map_err(|e| Box::new(e) as BoxError)
    }

    fn from_sql_null(_: &Type) -> Result<Value, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// One cell, by its column type (a domain's by its base type).
fn decode(ty: &Type, raw: &[u8]) -> Result<Value, DecodeError> {
    if let Kind::Domain(base) = ty.kind() {
        return decode(base, raw);
    }
    Ok(match *ty {
        Type::BOOL => Value::Bool(read(ty, raw)?),
        Type::CHAR => Value::I8(read(ty, raw)?),
        Type::INT2 => Value::I16(read(ty, raw)?),
        Type::INT4 => Value::I32(read(ty, raw)?),
        Type::INT8 => Value::I64(read(ty, raw)?),
        Type::OID => Value::U32(read(ty, raw)?),
        Type::FLOAT4 => Value::F32(read(ty, raw)?),
        Type::FLOAT8 => Value::F64(read(ty, raw)?),
        Type::NUMERIC => Value::Decimal(super::numeric::decode(raw)?),
        Type::BYTEA => Value::Bytes(read(ty, raw)?),
        Type::DATE => Value::Date(read(ty, raw)?),
        Type::TIME => Value::Time(read(ty, raw)?),
        Type::TIMESTAMP => Value::Timestamp(read(ty, raw)?),
        Type::TIMESTAMPTZ => Value::TimestampTz(read(ty, raw)?),
        Type::UUID => Value::Uuid(read(ty, raw)?),
        Type::JSON | Type::JSONB => Value::Json(read(ty, raw)?),
        _ if is_text(ty) => Value::Text(read(ty, raw)?),
        _ if matches!(ty.kind(), Kind::Array(_)) => Value::Array(read(ty, raw)?),
        _ => {
            return Err(
                DecodeError::new("dovetail::value::Value", "unsupported PostgreSQL type")
                    .because(format!("type `{}`", ty.name())),
            );
        }
    })
}

fn read<'a, T: FromSql<'a>>(ty: &Type, raw: &'a [u8]) -> Result<T, DecodeError> {
    T::from_sql(ty, raw).map_err(|e| {
        DecodeError::new(std::any::type_name::<T>(), "PostgreSQL value")
            .because(format!("`{}`: {e}", ty.name()))
    })
}
