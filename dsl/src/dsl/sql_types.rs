//! SQL types as Rust marker types: what a column holds, as the compiler sees it.
//!
//! Every typed expression has a [`SqlType`]. A nullable column's type is [`Nullable<T>`]; the
//! categories ([`Arithmetic`], [`Textual`], [`Boolean`], [`Summable`]) say which operators and
//! aggregates accept it.

use std::marker::PhantomData;

pub use super::array::Array;

/// A SQL type, nullable or not.
pub trait SqlType: 'static {
    /// Whether `NULL` is one of its values.
    type IsNull: NullFlag;
    /// The type without `NULL`.
    type Base: SqlType<IsNull = NotNull>;
    /// Whether it is an integer type, which `/` divides into an integer.
    const IS_INTEGER: bool = false;
}

/// Marks a type that cannot hold `NULL`.
#[derive(Debug)]
pub enum NotNull {}

/// Marks a type that can hold `NULL`.
#[derive(Debug)]
pub enum MaybeNull {}

/// Type-level nullability arithmetic.
pub trait NullFlag: 'static {
    /// `NULL` when either side may be `NULL` (what most operators do).
    type Or<Other: NullFlag>: NullFlag;
    /// `NULL` only when both sides may be (what `COALESCE` does).
    type And<Other: NullFlag>: NullFlag;
    /// `T` made nullable when this flag is [`MaybeNull`], `T` unchanged otherwise.
    type Apply<T: SqlType>: SqlType;
}

impl NullFlag for NotNull {
    type Or<Other: NullFlag> = Other;
    type And<Other: NullFlag> = NotNull;
    type Apply<T: SqlType> = T;
}

impl NullFlag for MaybeNull {
    type Or<Other: NullFlag> = MaybeNull;
    type And<Other: NullFlag> = Other;
    type Apply<T: SqlType> = Nullable<T::Base>;
}

/// `T` or `NULL`: the type of a nullable column.
#[derive(Debug)]
pub struct Nullable<T>(PhantomData<T>);

impl<T: SqlType<IsNull = NotNull>> SqlType for Nullable<T> {
    type IsNull = MaybeNull;
    type Base = T;
    const IS_INTEGER: bool = T::IS_INTEGER;
}

/// Two SQL types with the same base, whatever their nullability: they compare.
///
/// `Integer` compares with `Integer` and `Nullable<Integer>`, not with `Text`.
#[diagnostic::on_unimplemented(
    message = "SQL type `{Self}` cannot be compared with `{Other}`",
    label = "expected a `{Other}` value or expression"
)]
pub trait Compatible<Other> {}

impl<A, B> Compatible<B> for A
where
    A: SqlType,
    B: SqlType,
    A::Base: SameBase<B::Base>,
{
}

/// Base types that compare with each other: the same type, numbers of any width and kind
/// (SQL promotes them), a date with a timestamp. Spelled as a trait so that a mismatch reports
/// both names.
#[diagnostic::on_unimplemented(message = "SQL type `{Self}` is not comparable with `{Other}`")]
pub trait SameBase<Other> {}

/// The type of arithmetic between numbers of base types `Self` and `R`, as the servers
/// compute it: the wider integer, `Numeric` with any integer, `Double` with a float.
#[diagnostic::on_unimplemented(
    message = "`{Self}` and `{R}` do not combine in arithmetic",
    note = "cast one side (`.cast::<…>()`) to the type you mean"
)]
pub trait Promote<R> {
    /// The result's base type.
    type Out: SqlType<IsNull = NotNull>;
}

macro_rules! promote {
    ($($a:ident, $b:ident => $out:ident;)*) => {$(
        #[diagnostic::do_not_recommend]
        impl Promote<$b> for $a {
            type Out = $out;
        }
        #[diagnostic::do_not_recommend]
        impl Promote<$a> for $b {
            type Out = $out;
        }
        #[diagnostic::do_not_recommend]
        impl SameBase<$b> for $a {}
        #[diagnostic::do_not_recommend]
        impl SameBase<$a> for $b {}
    )*};
}

macro_rules! promote_same {
    ($($a:ident)*) => {$(
        #[diagnostic::do_not_recommend]
        impl Promote<$a> for $a {
            type Out = $a;
        }
    )*};
}

promote_same! {
    TinyInt SmallInt Integer BigInt UnsignedTinyInt UnsignedSmallInt UnsignedInt UnsignedBigInt
    Real Double Numeric
}

promote! {
    TinyInt, SmallInt => SmallInt;
    TinyInt, Integer => Integer;
    TinyInt, BigInt => BigInt;
    SmallInt, Integer => Integer;
    SmallInt, BigInt => BigInt;
    Integer, BigInt => BigInt;
    UnsignedTinyInt, UnsignedSmallInt => UnsignedSmallInt;
    UnsignedTinyInt, UnsignedInt => UnsignedInt;
    UnsignedTinyInt, UnsignedBigInt => UnsignedBigInt;
    UnsignedSmallInt, UnsignedInt => UnsignedInt;
    UnsignedSmallInt, UnsignedBigInt => UnsignedBigInt;
    UnsignedInt, UnsignedBigInt => UnsignedBigInt;
    TinyInt, Numeric => Numeric;
    SmallInt, Numeric => Numeric;
    Integer, Numeric => Numeric;
    BigInt, Numeric => Numeric;
    UnsignedTinyInt, Numeric => Numeric;
    UnsignedSmallInt, Numeric => Numeric;
    UnsignedInt, Numeric => Numeric;
    UnsignedBigInt, Numeric => Numeric;
    TinyInt, Real => Double;
    SmallInt, Real => Double;
    Integer, Real => Double;
    BigInt, Real => Double;
    TinyInt, Double => Double;
    SmallInt, Double => Double;
    Integer, Double => Double;
    BigInt, Double => Double;
    UnsignedTinyInt, Double => Double;
    UnsignedSmallInt, Double => Double;
    UnsignedInt, Double => Double;
    UnsignedBigInt, Double => Double;
    Real, Double => Double;
    Numeric, Real => Double;
    Numeric, Double => Double;
}

/// Integers of either signedness compare with each other (every server compares their
/// values, whatever their widths); they do not combine in arithmetic, where MySQL computes an
/// unsigned result that fails when it would be negative.
macro_rules! compare_signs {
    ($($signed:ident)*; $unsigned:tt) => {$(compare_signs!(@one $signed $unsigned);)*};
    (@one $signed:ident [$($unsigned:ident)*]) => {$(
        #[diagnostic::do_not_recommend]
        impl SameBase<$unsigned> for $signed {}
        #[diagnostic::do_not_recommend]
        impl SameBase<$signed> for $unsigned {}
    )*};
}

compare_signs!(TinyInt SmallInt Integer BigInt; [UnsignedTinyInt UnsignedSmallInt UnsignedInt UnsignedBigInt]);

/// A date compares with a timestamp (as its midnight).
#[diagnostic::do_not_recommend]
impl SameBase<Timestamp> for Date {}
#[diagnostic::do_not_recommend]
impl SameBase<Date> for Timestamp {}

/// A value of base type `Self` fits a column of base type `T` without loss: the same type, or
/// a narrower number (an `Integer` into a `BigInt`, `Numeric` or `Double` column). What a
/// write checks, where a comparison only needs [`SameBase`].
pub trait Lossless<T> {}

impl<T> Lossless<T> for T {}

macro_rules! lossless {
    ($($from:ident => $($into:ident)+;)*) => {$($(
        impl Lossless<$into> for $from {}
    )+)*};
}

lossless! {
    TinyInt => SmallInt Integer BigInt Numeric Real Double;
    SmallInt => Integer BigInt Numeric Real Double;
    Integer => BigInt Numeric Double;
    BigInt => Numeric;
    UnsignedTinyInt => UnsignedSmallInt UnsignedInt UnsignedBigInt SmallInt Integer BigInt Numeric Real Double;
    UnsignedSmallInt => UnsignedInt UnsignedBigInt Integer BigInt Numeric Real Double;
    UnsignedInt => UnsignedBigInt BigInt Numeric Double;
    UnsignedBigInt => Numeric;
    Real => Double;
}

/// SQL types that `+ - * /` and `AVG` accept.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a numeric SQL type",
    label = "arithmetic needs numbers",
    note = "`+`, `-`, `*`, `/`, SUM and AVG take integer, floating-point or NUMERIC expressions"
)]
pub trait Arithmetic: SqlType {
    /// The type of the other operand: the same number, without `NULL`.
    type Operand: SqlType;
}

/// Numeric SQL types that `SUM` and `AVG` accept, with the types they return.
#[diagnostic::on_unimplemented(
    message = "SUM and AVG need a number, not `{Self}`",
    label = "not a numeric expression",
    note = "SUM and AVG take integer, floating-point or NUMERIC expressions"
)]
pub trait Summable: SqlType {
    /// The type of `SUM` over it (before `SUM` adds `NULL` for an empty set).
    type Sum: SqlType<IsNull = NotNull>;
    /// The type of `AVG` over it (before `AVG` adds `NULL` for an empty set).
    type Avg: SqlType<IsNull = NotNull>;
}

/// SQL types `MIN` and `MAX` take on every backend: numbers, text, dates and times, enums.
#[diagnostic::on_unimplemented(
    message = "MIN and MAX of `{Self}` are not portable",
    label = "PostgreSQL has no MIN or MAX of this type",
    note = "for booleans use `bool_and(…)` (every row true) or `bool_or(…)` (any row true)"
)]
pub trait Orderable: SqlType {}

#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull> + Orderable> Orderable for Nullable<T> {}

/// SQL types that `LIKE`, `ILIKE` and concatenation accept.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a text SQL type",
    label = "text functions, LIKE and concatenation need text",
    note = "cast the expression to `Text` first (`.cast::<Text>()`) if that is what you mean"
)]
pub trait Textual: SqlType {}

/// SQL types that `WHERE`, `ON`, `HAVING`, `AND`, `OR` and `NOT` accept.
#[diagnostic::on_unimplemented(
    message = "expected a boolean condition, found an expression of SQL type `{Self}`",
    label = "not a boolean",
    note = "compare it with something (`.eq(…)`, `.gt(…)`, `.is_null()`) to make a condition"
)]
pub trait Boolean: SqlType {}

#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull> + Arithmetic> Arithmetic for Nullable<T> {
    type Operand = T::Operand;
}
#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull> + Textual> Textual for Nullable<T> {}
#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull> + Boolean> Boolean for Nullable<T> {}
#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull> + Summable> Summable for Nullable<T> {
    type Sum = T::Sum;
    type Avg = T::Avg;
}

macro_rules! sql_types {
    ($($(#[$doc:meta])* $name:ident $(= integer $integer:literal)?;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl SqlType for $name {
            type IsNull = NotNull;
            type Base = $name;
            $(const IS_INTEGER: bool = $integer;)?
        }

        impl SameBase<$name> for $name {}
    )*};
}

sql_types! {
    /// `BOOLEAN` (MySQL `TINYINT(1)`).
    Bool;
    /// `TINYINT` (MySQL).
    TinyInt = integer true;
    /// `SMALLINT`.
    SmallInt = integer true;
    /// `INTEGER`.
    Integer = integer true;
    /// `BIGINT`.
    BigInt = integer true;
    /// MySQL `TINYINT UNSIGNED`.
    UnsignedTinyInt = integer true;
    /// MySQL `SMALLINT UNSIGNED`.
    UnsignedSmallInt = integer true;
    /// MySQL `INT UNSIGNED`.
    UnsignedInt = integer true;
    /// MySQL `BIGINT UNSIGNED`.
    UnsignedBigInt = integer true;
    /// `REAL` / `FLOAT`.
    Real;
    /// `DOUBLE PRECISION`.
    Double;
    /// `NUMERIC` / `DECIMAL`.
    Numeric;
    /// `TEXT`, `VARCHAR`, `CHAR`.
    Text;
    /// `BYTEA` / `BLOB`.
    Blob;
    /// `DATE`.
    Date;
    /// `TIME`.
    Time;
    /// `TIMESTAMP` without time zone.
    Timestamp;
    /// `TIMESTAMP WITH TIME ZONE`.
    Timestamptz;
    /// `UUID`.
    Uuid;
    /// `JSON` / `JSONB`.
    Json;
}

#[diagnostic::do_not_recommend]
impl Boolean for Bool {}

macro_rules! orderable {
    ($($name:ident)*) => {$(
        #[diagnostic::do_not_recommend]
        impl Orderable for $name {}
    )*};
}

orderable! {
    TinyInt SmallInt Integer BigInt UnsignedTinyInt UnsignedSmallInt UnsignedInt UnsignedBigInt
    Real Double Numeric Text Date Time Timestamp Timestamptz
}
#[diagnostic::do_not_recommend]
impl Textual for Text {}

macro_rules! numeric {
    ($($name:ident => sum $sum:ident, avg $avg:ident;)*) => {$(
        #[diagnostic::do_not_recommend]
        impl Arithmetic for $name {
            type Operand = $name;
        }
        #[diagnostic::do_not_recommend]
        impl Summable for $name {
            type Sum = $sum;
            type Avg = $avg;
        }
    )*};
}

numeric! {
    TinyInt => sum BigInt, avg Numeric;
    SmallInt => sum BigInt, avg Numeric;
    Integer => sum BigInt, avg Numeric;
    BigInt => sum BigInt, avg Numeric;
    UnsignedTinyInt => sum BigInt, avg Numeric;
    UnsignedSmallInt => sum BigInt, avg Numeric;
    UnsignedInt => sum BigInt, avg Numeric;
    UnsignedBigInt => sum BigInt, avg Numeric;
    Real => sum Double, avg Double;
    Double => sum Double, avg Double;
    Numeric => sum Numeric, avg Numeric;
}

/// SQL types an expression can be `CAST` to.
#[diagnostic::on_unimplemented(message = "expressions cannot be cast to `{Self}` portably")]
pub trait CastTarget: SqlType {
    /// The type in the untyped tree.
    const AST_TYPE: crate::ast::SqlType;
}

macro_rules! cast_targets {
    ($($name:ident => $ast:expr;)*) => {$(
        impl CastTarget for $name {
            const AST_TYPE: crate::ast::SqlType = $ast;
        }
    )*};
}

cast_targets! {
    Bool => crate::ast::SqlType::Boolean;
    SmallInt => crate::ast::SqlType::SmallInt;
    Integer => crate::ast::SqlType::Integer;
    BigInt => crate::ast::SqlType::BigInt;
    Real => crate::ast::SqlType::Real;
    Double => crate::ast::SqlType::Double;
    Numeric => crate::ast::SqlType::Decimal(None);
    Text => crate::ast::SqlType::Text;
    Blob => crate::ast::SqlType::Bytes;
    Date => crate::ast::SqlType::Date;
    Time => crate::ast::SqlType::Time;
    Timestamp => crate::ast::SqlType::Timestamp;
    Timestamptz => crate::ast::SqlType::TimestampTz;
    Uuid => crate::ast::SqlType::Uuid;
    Json => crate::ast::SqlType::Json;
}
