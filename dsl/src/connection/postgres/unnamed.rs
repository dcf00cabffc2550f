//! Parameters of a statement prepared unnamed in the round trip that runs it
//! (`statement_cache=unnamed`, for transaction poolers): the server is not asked what each
//! placeholder takes, so each value is declared by its own type — or as `unknown`, which the
//! server settles by where the placeholder stands, as it does for a quoted literal, and then
//! reads the value's text with that type's input function.
//!
//! `unknown` carries text (so it fits `text`, `varchar`, enum and domain columns alike), NULL,
//! and arrays (whose binary form names its element type, which an enum array or an empty list
//! could not know; their text form, `{a,"b c",NULL}`, fits any array type). The other values
//! go as their own types in binary, which the server converts where the SQL allows it: an
//! `int8` compared with an `int4` column, or stored into one (range-checked by the server).

use std::fmt::Write as _;

use bytes::{BufMut, BytesMut};
use postgres::types::{Format, IsNull, Type};

use super::ranges;
use crate::error::BoxError;
use crate::value::{Value, text_formats};

/// The type `value` is declared as.
pub(super) fn declared(value: &Value) -> Type {
    match value {
        Value::Null | Value::Text(_) | Value::Array(_) => Type::UNKNOWN,
        Value::Bool(_) => Type::BOOL,
        Value::I8(_) | Value::I16(_) | Value::U8(_) => Type::INT2,
        Value::I32(_) | Value::U16(_) => Type::INT4,
        Value::I64(_) | Value::U32(_) => Type::INT8,
        Value::U64(_) | Value::Decimal(_) => Type::NUMERIC,
        Value::F32(_) => Type::FLOAT4,
        Value::F64(_) => Type::FLOAT8,
        Value::Bytes(_) => Type::BYTEA,
        Value::Date(_) => Type::DATE,
        Value::Time(_) => Type::TIME,
        Value::Timestamp(_) => Type::TIMESTAMP,
        Value::TimestampTz(_) => Type::TIMESTAMPTZ,
        Value::Uuid(_) => Type::UUID,
        Value::Json(_) => Type::JSONB,
    }
}

/// How a value of type `ty` is sent: `unknown` as text, everything else in binary.
pub(super) fn format(ty: &Type) -> Format {
    match *ty {
        Type::UNKNOWN => Format::Text,
        _ => Format::Binary,
    }
}

/// `value` as the text the server reads for an `unknown` placeholder.
pub(super) fn text(value: &Value, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    let text = match value {
        Value::Null => return Ok(IsNull::Yes),
        Value::Text(text) => {
            ranges::text(text)?;
            out.put_slice(text.as_bytes());
            return Ok(IsNull::No);
        }
        Value::Array(items) => {
            let mut literal = String::new();
            array(items, &mut literal)?;
            literal
        }
        other => {
            let mut literal = String::new();
            element(other, &mut literal)?;
            literal
        }
    };
    out.put_slice(text.as_bytes());
    Ok(IsNull::No)
}

/// An array literal: `{1,2,NULL}`, `{"a b","c\"d"}`, `{{1,2},{3,4}}`.
fn array(items: &[Value], out: &mut String) -> Result<(), BoxError> {
    out.push('{');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        match item {
            Value::Array(inner) => array(inner, out)?,
            Value::Null => out.push_str("NULL"),
            other => {
                let mut text = String::new();
                element(other, &mut text)?;
                quoted(&text, out);
            }
        }
    }
    out.push('}');
    Ok(())
}

/// One value's text, unquoted.
fn element(value: &Value, out: &mut String) -> Result<(), BoxError> {
    let _ = match value {
        Value::Null => write!(out, "NULL"),
        Value::Bool(b) => write!(out, "{}", if *b { "t" } else { "f" }),
        Value::F32(x) => float(f64::from(*x), out),
        Value::F64(x) => float(*x, out),
        Value::Decimal(d) => write!(out, "{}", text_formats::format_decimal(*d)),
        Value::Text(text) => {
            ranges::text(text)?;
            write!(out, "{text}")
        }
        Value::Bytes(bytes) => {
            out.push_str("\\x");
            for byte in bytes {
                let _ = write!(out, "{byte:02x}");
            }
            Ok(())
        }
        Value::Date(date) => write!(out, "{}", text_formats::format_date(*date)),
        Value::Time(time) => write!(out, "{}", text_formats::format_time(*time)),
        Value::Timestamp(at) => write!(out, "{}", text_formats::format_timestamp(*at)),
        Value::TimestampTz(at) => write!(out, "{}", text_formats::format_timestamptz(*at)),
        Value::Uuid(uuid) => write!(out, "{}", text_formats::format_uuid(*uuid)),
        Value::Json(json) => write!(out, "{}", text_formats::format_json(json)),
        Value::Array(items) => return array(items, out),
        other => match other.as_integer() {
            Some(n) => write!(out, "{n}"),
            None => return Err(format!("{} cannot be sent as text", other.kind()).into()),
        },
    };
    Ok(())
}

/// A float as PostgreSQL reads it back exactly (`NaN`, `Infinity` and `-Infinity` by name).
fn float(x: f64, out: &mut String) -> std::fmt::Result {
    match x {
        x if x.is_nan() => write!(out, "NaN"),
        f64::INFINITY => write!(out, "Infinity"),
        f64::NEG_INFINITY => write!(out, "-Infinity"),
        x => write!(out, "{x:?}"),
    }
}

/// `text` as an array element: in double quotes, with `"` and `\` escaped.
fn quoted(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn sent(value: Value) -> String {
        let mut out = BytesMut::new();
        text(&value, &mut out).unwrap();
        String::from_utf8(out.to_vec()).unwrap()
    }

    #[test]
    fn arrays_go_as_literals_any_array_type_reads() {
        let texts = Value::Array(vec!["a b".into(), Value::Null, "say \"hi\" \\ bye".into()]);
        assert_eq!(sent(texts), r#"{"a b",NULL,"say \"hi\" \\ bye"}"#);
        assert_eq!(sent(Value::Array(vec![])), "{}");
        let nested = Value::Array(vec![
            Value::Array(vec![Value::I64(1), Value::I64(2)]),
            Value::Array(vec![Value::I64(3), Value::Null]),
        ]);
        assert_eq!(sent(nested), "{{\"1\",\"2\"},{\"3\",NULL}}");
        let floats = Value::Array(vec![
            Value::F64(0.1),
            Value::F64(f64::NAN),
            Value::F64(-1e300),
        ]);
        assert_eq!(sent(floats), r#"{"0.1","NaN","-1e300"}"#);
        assert_eq!(
            sent(Value::Array(vec![Value::Bytes(vec![0, 255])])),
            r#"{"\\x00ff"}"#
        );
        assert_eq!(sent("plain".into()), "plain");
    }
}
