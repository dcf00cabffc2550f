//! PostgreSQL `numeric` cells read exactly: a value with more digits than `Decimal` holds (28
//! after the point, 96 bits in all) is an error, never rounded.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::error::DecodeError;
use crate::value::text_formats;

/// The sign word of a positive and a negative number; the others are NaN and the infinities.
const POSITIVE: u16 = 0x0000;
const NEGATIVE: u16 = 0x4000;

/// The binary `numeric` `raw` as a `Decimal`, if it holds every digit.
pub(super) fn decode(raw: &[u8]) -> Result<Decimal, DecodeError> {
    exact_text(raw)
        .map_err(str::to_owned)
        .and_then(|text| text_formats::parse_decimal(&text))
        .map_err(|reason| DecodeError::new("Decimal", "PostgreSQL numeric").because(reason))
}

/// The exact decimal text of a binary `numeric`: base-10000 digit groups, a weight (the power
/// of 10000 of the first group), a sign, and the display scale.
fn exact_text(raw: &[u8]) -> Result<String, &'static str> {
    let word = |i: usize| {
        raw.get(2 * i..2 * i + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or("a truncated numeric")
    };
    let groups = i64::from(word(0)?);
    let weight = i64::from(word(1)? as i16);
    let scale = usize::from(word(3)?);
    let group = |i: i64| match (0..groups).contains(&i) {
        true => word(4 + i as usize),
        false => Ok(0),
    };
    let mut text = String::new();
    match word(2)? {
        POSITIVE => {}
        NEGATIVE => text.push('-'),
        0xC000 => return Err("NaN has no Decimal"),
        0xD000 => return Err("Infinity has no Decimal"),
        0xF000 => return Err("-Infinity has no Decimal"),
        _ => return Err("an unknown special numeric"),
    }
    if weight < 0 {
        text.push('0');
    }
    for i in 0..=weight {
        let _ = match i {
            0 => write!(text, "{}", group(i)?),
            _ => write!(text, "{:04}", group(i)?),
        };
    }
    if scale > 0 {
        let mut fraction = String::new();
        for p in 1..=scale.div_ceil(4) as i64 {
            let _ = write!(fraction, "{:04}", group(weight + p)?);
        }
        fraction.truncate(scale);
        text.push('.');
        text.push_str(&fraction);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The binary form of `numeric` with these groups, weight, sign and scale.
    fn raw(groups: &[u16], weight: i16, sign: u16, scale: u16) -> Vec<u8> {
        let header = [groups.len() as u16, weight as u16, sign, scale];
        header
            .iter()
            .chain(groups)
            .flat_map(|w| w.to_be_bytes())
            .collect()
    }

    #[test]
    fn numerics_read_as_their_exact_text() {
        assert_eq!(
            exact_text(&raw(&[1, 2345], 1, POSITIVE, 2)).unwrap(),
            "12345.00"
        );
        assert_eq!(exact_text(&raw(&[1000], -1, NEGATIVE, 2)).unwrap(), "-0.10");
        assert_eq!(
            exact_text(&raw(&[5], -2, POSITIVE, 8)).unwrap(),
            "0.00000005"
        );
        assert_eq!(exact_text(&raw(&[], 0, POSITIVE, 0)).unwrap(), "0");
        assert_eq!(exact_text(&raw(&[1], 2, POSITIVE, 0)).unwrap(), "100000000");
    }

    #[test]
    fn digits_beyond_decimal_are_an_error_not_a_rounding() {
        // 0.1234 5678 9012 3456 7890 1234 5678 9012 3456 78 (38 digits)
        let long = raw(
            &[1234, 5678, 9012, 3456, 7890, 1234, 5678, 9012, 3456, 7800],
            -1,
            POSITIVE,
            38,
        );
        let error = decode(&long).unwrap_err().to_string();
        assert!(
            error.contains("0.12345678901234567890123456789012345678"),
            "{error}"
        );
        assert!(error.contains("does not fit in a Decimal"), "{error}");
        // Trailing zeros beyond 28 places lose nothing.
        let zeros = raw(&[5000], -1, POSITIVE, 40);
        assert_eq!(decode(&zeros).unwrap().to_string(), "0.5");
    }

    #[test]
    fn nan_and_infinities_are_errors() {
        assert!(decode(&raw(&[], 0, 0xC000, 0)).is_err());
        assert!(decode(&raw(&[], 0, 0xD000, 0)).is_err());
    }
}
