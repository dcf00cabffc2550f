//! Decimals on SQLite, which has no decimal type. A column declared `DECIMAL(10,2)` or
//! `NUMERIC` has NUMERIC affinity: text that reads as a number is stored as an INTEGER when it
//! is a whole number within 64 bits, and otherwise as a REAL, a 64-bit float that keeps 15 to
//! 17 significant digits. So a decimal is written only when it comes back unchanged:
//!
//! - a whole number within 64 bits is bound as an INTEGER;
//! - any other decimal is bound as text (kept as written in a TEXT column) when the float it
//!   turns into reads back as the same number, and refused with [`Error::Encode`] when it
//!   would not (`12345678901234567.89` would come back as `12345678901234568`).
//!
//! Reading a REAL (or INTEGER) into a `Decimal` gives the shortest decimal that reads back as
//! the same float, at the column's declared scale when the statement's result column is a
//! column declared with one (`DECIMAL(10,2)`: `0.1` reads as `0.10`) and the number has no
//! more digits than that scale — never rounded, so never a different number. SQLite computes
//! `SUM`/`AVG` of such columns in floating point: a sum of cents is exact only while it is
//! representable, and `0.10 + 0.20` reads back as `0.30000000000000004`.

use rusqlite::types::Value as Param;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::{Backend, Error, Result};
use crate::value::{Value, text_formats};

/// The parameter decimal `d` (parameter `index`) is bound as, or why it cannot be kept.
pub(super) fn encode(index: usize, d: Decimal) -> Result<Param> {
    let normalized = d.normalize();
    if let Some(n) = normalized.to_i64().filter(|_| normalized.is_integer()) {
        return Ok(Param::Integer(n));
    }
    let float: f64 = normalized.to_string().parse().unwrap_or(f64::NAN);
    match shortest(float) {
        Some(back) if back == normalized => Ok(Param::Text(text_formats::format_decimal(d))),
        _ => Err(Error::Encode {
            backend: Backend::Sqlite,
            index,
            kind: Value::Decimal(d).kind(),
            reason: format!(
                "SQLite keeps a NUMERIC value as a 64-bit float (15 to 17 significant digits): \
                 {d} would be stored as {float}; round it, or keep it in a TEXT column as Text"
            ),
        }),
    }
}

/// The shortest decimal that reads back as `x` (`None` for NaN, infinities and magnitudes
/// beyond `Decimal`).
pub(super) fn shortest(x: f64) -> Option<Decimal> {
    text_formats::parse_decimal(&x.to_string()).ok()
}

/// `d` at `scale` digits after the point, when it has no more than those (a trailing-zero
/// extension, never a rounding); unchanged otherwise.
pub(super) fn at_scale(mut d: Decimal, scale: u32) -> Decimal {
    if scale >= d.scale() && scale <= 28 {
        d.rescale(scale);
    }
    d
}

/// The scale of a declared column type such as `DECIMAL(10,2)` or `numeric(8)` (0); `None`
/// for other types or without a precision.
pub(super) fn declared_scale(declared: &str) -> Option<u32> {
    let upper = declared.to_ascii_uppercase();
    if !(upper.starts_with("DEC") || upper.starts_with("NUMERIC")) {
        return None;
    }
    let arguments = upper.split_once('(')?.1.split_once(')')?.0;
    match arguments.split_once(',') {
        Some((_, scale)) => scale.trim().parse().ok(),
        None => arguments.trim().parse::<u32>().ok().map(|_| 0),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::str::FromStr;

    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn whole_numbers_within_64_bits_are_integers() {
        assert_eq!(
            encode(1, dec("12345678901234567.00")).unwrap(),
            Param::Integer(12345678901234567)
        );
        assert_eq!(encode(1, dec("-5")).unwrap(), Param::Integer(-5));
    }

    #[test]
    fn decimals_a_float_keeps_are_text_as_written() {
        assert_eq!(encode(1, dec("0.10")).unwrap(), Param::Text("0.10".into()));
        let big = "100000000000000000000";
        assert_eq!(encode(1, dec(big)).unwrap(), Param::Text(big.into()));
    }

    #[test]
    fn decimals_a_float_would_change_are_refused() {
        let error = encode(3, dec("12345678901234567.89")).unwrap_err();
        assert!(error.to_string().contains("12345678901234568"), "{error}");
        assert!(encode(1, dec("0.1234567890123456789")).is_err());
        assert!(encode(1, dec("123456789012345678901")).is_err());
    }

    #[test]
    fn floats_read_at_the_declared_scale_without_rounding() {
        let at = |x: f64, scale| at_scale(shortest(x).unwrap(), scale).to_string();
        assert_eq!(at(0.1, 2), "0.10");
        assert_eq!(at(0.125, 2), "0.125");
        assert_eq!(at(0.1 + 0.2, 2), "0.30000000000000004");
        assert_eq!(at(3.0, 2), "3.00");
    }

    #[test]
    fn scales_come_from_decimal_and_numeric_declarations() {
        assert_eq!(declared_scale("DECIMAL(10,2)"), Some(2));
        assert_eq!(declared_scale("numeric( 8 , 3 )"), Some(3));
        assert_eq!(declared_scale("NUMERIC(8)"), Some(0));
        assert_eq!(declared_scale("NUMERIC"), None);
        assert_eq!(declared_scale("REAL"), None);
        assert_eq!(declared_scale("VARCHAR(20)"), None);
    }
}
