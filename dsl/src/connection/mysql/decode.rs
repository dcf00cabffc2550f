//! MySQL cells as [`Value`]s, by column type, signedness and character set.
//!
//! The binary protocol (prepared statements) sends numbers and dates typed; the text protocol
//! sends everything as text. Both are read here.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use mysql::consts::{ColumnFlags, ColumnType};
use mysql::{Column, Value as My};

use crate::error::{DecodeError, Result};
use crate::value::Cells;
use crate::value::{Value, text_formats};

/// The character set number of binary strings (`BLOB`, `BINARY`, `VARBINARY`).
const BINARY_CHARSET: u16 = 63;

/// A row as the server sent it, its cells decoded one at a time.
pub(super) struct MySqlCells {
    pub(super) row: mysql::Row,
}

impl Cells for MySqlCells {
    fn len(&self) -> usize {
        self.row.len()
    }

    fn column_name(&self, index: usize) -> &str {
        self.row
            .columns_ref()
            .get(index)
            .and_then(|c| std::str::from_utf8(c.name_ref()).ok())
            .unwrap_or("?")
    }

    fn take(&mut self, index: usize) -> Result<Value> {
        if index >= self.row.len() {
            return Err(DecodeError::new("a value", "missing column")
                .because(format!("the row has {} columns", self.row.len()))
                .into());
        }
        // Taken already: the cell is gone, as with every `Cells`.
        let Some(cell) = self.row.take::<My, usize>(index) else {
            return Ok(Value::Null);
        };
        let column = &self.row.columns_ref()[index];
        Ok(cell_value(cell, column).map_err(|e| e.in_column(index, self.column_name(index)))?)
    }

    fn take_text(&mut self, index: usize) -> Option<Result<Option<String>>> {
        if !holds_text(self.row.columns_ref().get(index)?) {
            return None;
        }
        let read = match self.row.take::<My, usize>(index) {
            None | Some(My::NULL) => Ok(None),
            Some(cell) => text(cell).map(Some),
        };
        Some(read.map_err(|e| e.in_column(index, self.column_name(index)).into()))
    }

    fn take_i64(&mut self, index: usize) -> Option<Result<Option<i64>>> {
        self.take_integer(index)
    }

    fn take_i32(&mut self, index: usize) -> Option<Result<Option<i32>>> {
        self.take_integer(index)
    }
}

impl MySqlCells {
    /// Cell `index` as an integer of type `T`, when the column is an integer column and the
    /// value fits (taken then); `None`, nothing taken, otherwise (the [`Value`] path then says
    /// what is wrong).
    fn take_integer<T: TryFrom<i64> + TryFrom<u64>>(
        &mut self,
        index: usize,
    ) -> Option<Result<Option<T>>> {
        use ColumnType::*;
        let column = self.row.columns_ref().get(index)?;
        let integral = matches!(
            column.column_type(),
            MYSQL_TYPE_TINY
                | MYSQL_TYPE_SHORT
                | MYSQL_TYPE_YEAR
                | MYSQL_TYPE_INT24
                | MYSQL_TYPE_LONG
                | MYSQL_TYPE_LONGLONG
        );
        if !integral {
            return None;
        }
        let read = match self.row.as_ref(index)? {
            My::NULL => None,
            My::Int(n) => Some(T::try_from(*n).ok()?),
            My::UInt(n) => Some(T::try_from(*n).ok()?),
            _ => return None,
        };
        self.row.take::<My, usize>(index);
        Some(Ok(read))
    }
}

/// Whether `column` holds strings: text, or binary strings under the binary character set.
fn holds_strings(column: &Column) -> bool {
    use ColumnType::*;
    matches!(
        column.column_type(),
        MYSQL_TYPE_VARCHAR
            | MYSQL_TYPE_VAR_STRING
            | MYSQL_TYPE_STRING
            | MYSQL_TYPE_ENUM
            | MYSQL_TYPE_SET
            | MYSQL_TYPE_TINY_BLOB
            | MYSQL_TYPE_MEDIUM_BLOB
            | MYSQL_TYPE_LONG_BLOB
            | MYSQL_TYPE_BLOB
    )
}

/// Whether `column` holds text (not binary strings).
fn holds_text(column: &Column) -> bool {
    holds_strings(column) && column.character_set() != BINARY_CHARSET
}

fn cell_value(cell: My, column: &Column) -> Result<Value, DecodeError> {
    use ColumnType::*;
    if cell == My::NULL {
        return Ok(Value::Null);
    }
    let unsigned = column.flags().contains(ColumnFlags::UNSIGNED_FLAG);
    Ok(match column.column_type() {
        MYSQL_TYPE_TINY if unsigned => Value::U8(int(&cell, "u8")?),
        MYSQL_TYPE_TINY => Value::I8(int(&cell, "i8")?),
        MYSQL_TYPE_SHORT | MYSQL_TYPE_YEAR if unsigned => Value::U16(int(&cell, "u16")?),
        MYSQL_TYPE_SHORT | MYSQL_TYPE_YEAR => Value::I16(int(&cell, "i16")?),
        MYSQL_TYPE_INT24 | MYSQL_TYPE_LONG if unsigned => Value::U32(int(&cell, "u32")?),
        MYSQL_TYPE_INT24 | MYSQL_TYPE_LONG => Value::I32(int(&cell, "i32")?),
        MYSQL_TYPE_LONGLONG if unsigned => Value::U64(int(&cell, "u64")?),
        MYSQL_TYPE_LONGLONG => Value::I64(int(&cell, "i64")?),
        MYSQL_TYPE_FLOAT => Value::F32(float32(&cell)?),
        MYSQL_TYPE_DOUBLE => Value::F64(float64(&cell)?),
        MYSQL_TYPE_DECIMAL | MYSQL_TYPE_NEWDECIMAL => {
            Value::Decimal(parsed(&cell, "Decimal", text_formats::parse_decimal)?)
        }
        MYSQL_TYPE_JSON => Value::Json(parsed(
            &cell,
            "serde_json::Value",
            text_formats::parse_json,
        )?),
        MYSQL_TYPE_DATE | MYSQL_TYPE_NEWDATE => Value::Date(date(&cell)?),
        MYSQL_TYPE_DATETIME
        | MYSQL_TYPE_DATETIME2
        | MYSQL_TYPE_TIMESTAMP
        | MYSQL_TYPE_TIMESTAMP2 => Value::Timestamp(timestamp(&cell)?),
        MYSQL_TYPE_TIME | MYSQL_TYPE_TIME2 => Value::Time(time(&cell)?),
        MYSQL_TYPE_BIT => Value::Bytes(bytes(cell)?),
        _ if holds_text(column) => Value::Text(text(cell)?),
        _ if holds_strings(column) => Value::Bytes(bytes(cell)?),
        other => {
            return Err(
                DecodeError::new("dovetail::value::Value", "unsupported MySQL type")
                    .because(format!("column type {other:?}")),
            );
        }
    })
}

/// What a cell holds, for error messages.
fn kind(cell: &My) -> &'static str {
    match cell {
        My::NULL => "null",
        My::Bytes(_) => "MySQL text",
        My::Int(_) => "MySQL signed integer",
        My::UInt(_) => "MySQL unsigned integer",
        My::Float(_) => "MySQL float",
        My::Double(_) => "MySQL double",
        My::Date(..) => "MySQL datetime",
        My::Time(..) => "MySQL time",
    }
}

/// The cell's text (text protocol, decimals, JSON), read by `parse`.
fn parsed<T>(
    cell: &My,
    expected: &'static str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, DecodeError> {
    let My::Bytes(bytes) = cell else {
        return Err(DecodeError::new(expected, kind(cell)));
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| DecodeError::new(expected, "invalid UTF-8").because(e.to_string()))?;
    parse(text).map_err(|reason| DecodeError::new(expected, kind(cell)).because(reason))
}

fn number<T: FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a number of that type"))
}

fn int<T: TryFrom<i128>>(cell: &My, expected: &'static str) -> Result<T, DecodeError> {
    let n = match cell {
        My::Int(n) => i128::from(*n),
        My::UInt(n) => i128::from(*n),
        _ => parsed(cell, expected, number::<i128>)?,
    };
    T::try_from(n)
        .map_err(|_| DecodeError::new(expected, kind(cell)).because(format!("{n} is out of range")))
}

fn float32(cell: &My) -> Result<f32, DecodeError> {
    match cell {
        My::Float(x) => Ok(*x),
        _ => parsed(cell, "f32", number),
    }
}

fn float64(cell: &My) -> Result<f64, DecodeError> {
    match cell {
        My::Double(x) => Ok(*x),
        My::Float(x) => Ok(f64::from(*x)),
        _ => parsed(cell, "f64", number),
    }
}

fn invalid(expected: &'static str, cell: &My, shown: String) -> DecodeError {
    DecodeError::new(expected, kind(cell)).because(format!("`{shown}` is not a valid {expected}"))
}

fn date(cell: &My) -> Result<NaiveDate, DecodeError> {
    match *cell {
        My::Date(y, m, d, ..) => NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
            .ok_or_else(|| invalid("date", cell, format!("{y:04}-{m:02}-{d:02}"))),
        _ => parsed(cell, "date", |t| {
            text_formats::parse_date(t).ok_or(format!("`{t}` is not a date"))
        }),
    }
}

fn timestamp(cell: &My) -> Result<NaiveDateTime, DecodeError> {
    match *cell {
        My::Date(y, mo, d, h, mi, s, us) => NaiveDate::from_ymd_opt(y.into(), mo.into(), d.into())
            .and_then(|date| date.and_hms_micro_opt(h.into(), mi.into(), s.into(), us))
            .ok_or_else(|| {
                let shown = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{us:06}");
                invalid("timestamp", cell, shown)
            }),
        _ => parsed(cell, "timestamp", |t| {
            text_formats::parse_timestamp(t).ok_or(format!("`{t}` is not a timestamp"))
        }),
    }
}

/// A time of day; MySQL `TIME` also holds negative and multi-day durations, which are refused.
fn time(cell: &My) -> Result<NaiveTime, DecodeError> {
    match *cell {
        My::Time(negative, days, h, m, s, us) => (!negative && days == 0)
            .then(|| NaiveTime::from_hms_micro_opt(h.into(), m.into(), s.into(), us))
            .flatten()
            .ok_or_else(|| {
                let sign = if negative { "-" } else { "" };
                let hours = days * 24 + u32::from(h);
                DecodeError::new("time", kind(cell)).because(format!(
                    "{sign}{hours:02}:{m:02}:{s:02} is not a time of day"
                ))
            }),
        _ => parsed(cell, "time", |t| {
            text_formats::parse_time(t).ok_or(format!("`{t}` is not a time of day"))
        }),
    }
}

fn text(cell: My) -> Result<String, DecodeError> {
    match cell {
        My::Bytes(bytes) => String::from_utf8(bytes)
            .map_err(|e| DecodeError::new("String", "invalid UTF-8").because(e.to_string())),
        other => Err(DecodeError::new("String", kind(&other))),
    }
}

fn bytes(cell: My) -> Result<Vec<u8>, DecodeError> {
    match cell {
        My::Bytes(bytes) => Ok(bytes),
        other => Err(DecodeError::new("Vec<u8>", kind(&other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_protocol_cells_are_parsed() {
        let text = |s: &str| My::Bytes(s.as_bytes().to_vec());
        assert_eq!(int::<i8>(&text("-128"), "i8"), Ok(-128));
        assert!(int::<i8>(&text("128"), "i8").is_err());
        assert_eq!(float64(&text("1.5")), Ok(1.5));
        assert!(time(&text("-01:00:00")).is_err());
        assert!(time(&text("838:59:59")).is_err());
        assert!(date(&My::Date(0, 0, 0, 0, 0, 0, 0)).is_err());
    }

    #[test]
    fn durations_are_not_times_of_day() {
        let error = time(&My::Time(true, 1, 2, 3, 4, 0)).err();
        assert_eq!(
            error.and_then(|e| e.reason),
            Some("-26:03:04 is not a time of day".into())
        );
    }
}
