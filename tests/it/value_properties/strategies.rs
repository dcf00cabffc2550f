//! The values each kind is tried with: its edges, every one of them every run, and a strategy
//! that mixes those edges with random values.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use dovetail::value::Value;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};
use uuid::Uuid;

/// A kind's edges and its random values.
pub struct Values<T: std::fmt::Debug + 'static> {
    /// Tried first, each once.
    pub edges: Vec<T>,
    /// Edges one time in four, random values otherwise.
    pub random: BoxedStrategy<T>,
}

impl<T: std::fmt::Debug + Clone + 'static> Values<T> {
    fn new(edges: Vec<T>, random: impl Strategy<Value = T> + 'static) -> Self {
        let random = prop_oneof![1 => select(edges.clone()), 3 => random].boxed();
        Values { edges, random }
    }
}

macro_rules! integers {
    ($($name:ident: $ty:ty),*) => {$(
        /// Every extreme of the width, and anything between.
        pub fn $name() -> Values<$ty> {
            let edges = vec![<$ty>::MIN, <$ty>::MIN + 1, 0, 1, <$ty>::MAX - 1, <$ty>::MAX];
            Values::new(edges, any::<$ty>())
        }
    )*};
}

integers!(i8s: i8, i16s: i16, i32s: i32, i64s: i64, u8s: u8, u16s: u16, u32s: u32);

/// Both booleans.
pub fn bools() -> Values<bool> {
    Values::new(vec![false, true], any::<bool>())
}

/// The extremes, and as many values above `i64::MAX` as below it.
pub fn u64s() -> Values<u64> {
    let above = i64::MAX as u64 + 1;
    let edges = vec![0, 1, above - 1, above, u64::MAX - 1, u64::MAX];
    Values::new(
        edges,
        prop_oneof![0..above, above..=u64::MAX, Just(u64::from(u32::MAX) + 1)],
    )
}

/// Zeros, infinities, NaNs with payloads, subnormals, the extremes, and every bit pattern.
pub fn f64s() -> Values<f64> {
    let edges = [
        0x0000_0000_0000_0000, // 0.0
        0x8000_0000_0000_0000, // -0.0
        0x0000_0000_0000_0001, // the least subnormal
        0x000F_FFFF_FFFF_FFFF, // the greatest subnormal
        0x8000_0000_0000_0001, // the least negative subnormal
        0x7FF8_0000_0000_0000, // NaN
        0xFFF8_0000_0000_0000, // NaN with the sign bit
        0x7FF0_0000_0000_0001, // a signalling NaN with a payload
        0x7FF0_0000_0000_0000, // infinity
        0xFFF0_0000_0000_0000, // -infinity
    ]
    .map(f64::from_bits);
    let mut edges = edges.to_vec();
    edges.extend([
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        0.1,
        1.0 / 3.0,
    ]);
    edges.extend([9_007_199_254_740_993.0, -1e300, 1e-300]);
    Values::new(
        edges,
        prop_oneof![any::<u64>().prop_map(f64::from_bits), any::<f64>()],
    )
}

/// As [`f64s`], in 32 bits.
pub fn f32s() -> Values<f32> {
    let edges = [
        0x0000_0000, // 0.0
        0x8000_0000, // -0.0
        0x0000_0001, // the least subnormal
        0x007F_FFFF, // the greatest subnormal
        0x7FC0_0000, // NaN
        0xFFC0_0000, // NaN with the sign bit
        0x7F80_0001, // a signalling NaN with a payload
        0x7F80_0000, // infinity
        0xFF80_0000, // -infinity
    ]
    .map(f32::from_bits);
    let mut edges = edges.to_vec();
    edges.extend([
        f32::MIN_POSITIVE,
        f32::MAX,
        f32::MIN,
        f32::EPSILON,
        0.1,
        1.0 / 3.0,
    ]);
    Values::new(
        edges,
        prop_oneof![any::<u32>().prop_map(f32::from_bits), any::<f32>()],
    )
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

/// The most and least, 28 fractional digits, trailing zeros, `i64` edges, and random mantissas
/// (96 bits) at random scales (0 to 28), besides short ones a float holds.
pub fn decimals() -> Values<Decimal> {
    let edges = [
        "0",
        "-0",
        "1.50",
        "100.000",
        "0.1",
        "0.0000000000000000000000000001",
        "-0.0000000000000000000000000001",
        "0.1234567890123456789012345678",
        "7.9228162514264337593543950335",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "12345678901234567.89",
        "18446744073709551615",
    ];
    let max = (1_i128 << 96) - 1;
    let wide = (-max..=max, 0..=28_u32).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s));
    let short = (-1_000_000_i64..=1_000_000, 0..=4_u32).prop_map(|(m, s)| Decimal::new(m, s));
    Values::new(edges.map(dec).to_vec(), prop_oneof![wide, short])
}

/// Numbers as text, with more digits than a `Decimal` holds (up to 38), for a `CAST` in SQL:
/// `int_digits` before the point at most, `frac_digits` after it at most.
pub fn wide_decimal_texts(int_digits: usize, frac_digits: usize) -> BoxedStrategy<String> {
    let digits = |n: usize| proptest::collection::vec(0..=9_u8, 0..=n);
    (any::<bool>(), digits(int_digits), digits(frac_digits))
        .prop_map(|(negative, int, frac)| {
            let show = |d: &[u8]| d.iter().map(|d| char::from(b'0' + d)).collect::<String>();
            let int = if int.is_empty() {
                "0".into()
            } else {
                show(&int)
            };
            let sign = if negative { "-" } else { "" };
            match frac.is_empty() {
                true => format!("{sign}{int}"),
                false => format!("{sign}{int}.{}", show(&frac)),
            }
        })
        .boxed()
}

/// Empty, NUL, quotes, every plane of Unicode, and random strings (NUL among their characters).
pub fn texts() -> Values<String> {
    let edges = [
        "",
        "\0",
        "a\0b",
        "'; DROP TABLE t; --",
        r#"\ \\ \' \" %_"#,
        "\r\n\t",
        "\u{FEFF}bom",
        "😀 𝄞 \u{10FFFF} \u{FFFF} \u{FFFD}",
        "e\u{301} ﷽ עברית",
    ];
    let mut edges: Vec<String> = edges.map(String::from).to_vec();
    edges.push("ab".repeat(40_000));
    Values::new(edges, texts_random())
}

/// Random strings, NUL among their characters now and then.
fn texts_random() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(prop_oneof![Just('\0'), any::<char>()], 0..64)
            .prop_map(|chars| chars.into_iter().collect()),
    ]
}

/// Empty, NUL, invalid UTF-8, every byte, and random bytes.
pub fn byte_strings() -> Values<Vec<u8>> {
    let edges = vec![
        vec![],
        vec![0],
        vec![0xFF, 0xFE, 0xC0, 0x80],
        (0..=255).collect(),
        vec![0; 100_000],
    ];
    Values::new(edges, proptest::collection::vec(any::<u8>(), 0..2048))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Days from 0001-01-01 (day 1) of common era.
fn days(range: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = NaiveDate> {
    range.prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

/// 0001-01-01 and 9999-12-31, MySQL's 1000-01-01, year 0 and before, past 9999, chrono's
/// extremes; random dates of years 1 to 9999 mostly, of chrono's whole range sometimes.
pub fn dates() -> Values<NaiveDate> {
    let edges = vec![
        date(1, 1, 1),
        date(9999, 12, 31),
        date(1000, 1, 1),
        date(999, 12, 31),
        date(1970, 1, 1),
        date(2000, 2, 29),
        date(0, 1, 1),
        date(-1, 12, 31),
        date(10_000, 1, 1),
        NaiveDate::MIN,
        NaiveDate::MAX,
    ];
    let ce = date(1, 1, 1).num_days_from_ce()..=date(9999, 12, 31).num_days_from_ce();
    let all = NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce();
    Values::new(edges, prop_oneof![4 => days(ce), 1 => days(all)])
}

/// Times of day: whole microseconds mostly; sub-microsecond digits and leap seconds
/// (chrono's nanoseconds past 1 000 000 000) sometimes.
pub fn times() -> Values<NaiveTime> {
    let time = |s: u32, nanos: u32| NaiveTime::from_num_seconds_from_midnight_opt(s, nanos);
    let edges = vec![
        NaiveTime::MIN,
        time(86_399, 999_999_000).unwrap(),
        time(86_399, 999_999_999).unwrap(),
        time(43_200, 1).unwrap(),
        time(43_200, 123_456_789).unwrap(),
        time(86_399, 1_500_000_000).unwrap(),
        time(86_399, 1_000_000_000).unwrap(),
    ];
    let micros = (0..86_400_u32, 0..1_000_000_u32).prop_map(move |(s, us)| (s, us * 1000));
    let nanos = (0..86_400_u32, 0..1_000_000_000_u32);
    let leap = (0..1_000_000_000_u32).prop_map(|n| (86_399, 1_000_000_000 + n));
    let random = prop_oneof![6 => micros, 1 => nanos, 1 => leap]
        .prop_filter_map("a time chrono holds", move |(s, n)| time(s, n));
    Values::new(edges, random)
}

/// Dates and times together.
pub fn timestamps() -> Values<NaiveDateTime> {
    let dates = dates();
    let times = times();
    let mut edges: Vec<NaiveDateTime> = dates
        .edges
        .iter()
        .flat_map(|d| [times.edges[0], times.edges[1]].map(|t| d.and_time(t)))
        .collect();
    edges.extend(times.edges.iter().map(|t| date(2024, 2, 29).and_time(*t)));
    edges.push(date(1970, 1, 1).and_hms_opt(0, 0, 1).unwrap());
    edges.push(
        date(2038, 1, 19)
            .and_hms_micro_opt(3, 14, 7, 999_999)
            .unwrap(),
    );
    let random = (dates.random, times.random).prop_map(|(d, t)| d.and_time(t));
    Values::new(edges, random)
}

/// Timestamps in UTC.
pub fn utc_timestamps() -> Values<DateTime<Utc>> {
    let naive = timestamps();
    let edges = naive.edges.iter().map(NaiveDateTime::and_utc).collect();
    Values::new(edges, naive.random.prop_map(|t| t.and_utc()))
}

/// Nil, max, and random UUIDs.
pub fn uuids() -> Values<Uuid> {
    let edges = vec![
        Uuid::nil(),
        Uuid::max(),
        Uuid::from_u128(0x0123_4567_89ab_cdef),
    ];
    Values::new(edges, any::<u128>().prop_map(Uuid::from_u128))
}

/// Documents: objects, arrays, unicode, NUL, numbers at the edges of `i64`, `u64` and `f64`,
/// and random nests of them.
pub fn documents() -> Values<Json> {
    let edges = vec![
        json!({}),
        json!([]),
        json!(null),
        json!(""),
        json!("\u{0}"),
        json!({"😀": "𝄞", "key with \"quotes\"": ["\\", "\n"]}),
        json!([u64::MAX, i64::MIN, i64::MAX, 0, -0.0]),
        json!([f64::MAX, f64::MIN_POSITIVE, 5e-324, 0.1, 1e19, 1.5e300]),
        json!({"a": {"b": {"c": [1, 2.5, true, null]}}}),
    ];
    let number = prop_oneof![
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        any::<f64>()
            .prop_filter("JSON has finite numbers only", |x| x.is_finite())
            .prop_map(Json::from),
    ];
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number,
        texts_random().prop_map(Json::String),
    ];
    let random = leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            proptest::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|map| Json::Object(map.into_iter().collect())),
        ]
    });
    Values::new(edges, random)
}

/// Arrays of `BIGINT`s and `NULL`s: empty, extremes, and random.
pub fn integer_arrays() -> Values<Value> {
    let edges = vec![
        Value::Array(vec![]),
        Value::Array(vec![Value::Null]),
        Value::Array(vec![
            Value::I64(i64::MIN),
            Value::Null,
            Value::I64(i64::MAX),
        ]),
    ];
    let element = prop_oneof![1 => Just(Value::Null), 4 => any::<i64>().prop_map(Value::I64)];
    Values::new(
        edges,
        proptest::collection::vec(element, 0..16).prop_map(Value::Array),
    )
}

/// Arrays of texts and `NULL`s: the words of array syntax, NUL, and random texts.
pub fn text_arrays() -> Values<Value> {
    let texts = |t: &[&str]| t.iter().map(|t| Value::Text((*t).into())).collect();
    let edges = vec![
        Value::Array(texts(&["", "NULL", "{}", "a,b", "\"q\"", "\\", " padded "])),
        Value::Array(vec![Value::Null, Value::Text("😀".into())]),
        Value::Array(texts(&["a\0b"])),
    ];
    let element = prop_oneof![
        1 => Just(Value::Null),
        4 => texts_random().prop_map(Value::Text),
    ];
    Values::new(
        edges,
        proptest::collection::vec(element, 0..8).prop_map(Value::Array),
    )
}
