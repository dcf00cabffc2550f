//! Which Rust types stand for which SQL types: as bound values ([`AsExpr`]) and as decoded
//! results ([`FromSql`]).
//!
//! Binding is strict (one Rust type per SQL type, so literals infer) and never takes `Option`
//! in a comparison: `column.eq(None)` is a compile error, because `= NULL` is never true; use
//! `.is_null()`. Assignments (`.set(…)`) to nullable columns take `Option`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rust_decimal::Decimal;

use super::expression::{AsExpr, Bind, Expression};
use super::sql_types::*;
use crate::value::{FromValue, ToValue};

/// A Rust value (not an expression) of SQL type `T`: what IN lists and raw SQL bind.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Rust value of SQL type `{T}`",
    label = "expected a value for a `{T}` parameter",
    note = "each SQL type takes one Rust type (`Integer`: i32, `BigInt`: i64, `Text`: &str or String, …)"
)]
pub trait BindValue<T>: AsExpr<T, Expr = Bind<T>> {}

/// A Rust value with the one SQL type it binds as (`i32`: `Integer`, `&str`: `Text`…), for
/// [`constant`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no SQL type of its own",
    note = "constants are i32, i64, bool, f64, &str, String, Decimal, dates and times, Uuid or JSON"
)]
pub trait SqlValue: BindValue<Self::SqlType> {
    /// Its SQL type.
    type SqlType: SqlType;
}

/// A constant: `value` bound as a parameter of its own SQL type, to select, group or order by
/// (typed on every dialect: `CAST($1 AS INTEGER)` on PostgreSQL, which would take an untyped
/// `$1` for text).
///
/// ```
/// use dovetail::prelude::*;
/// use dovetail::dsl::constant;
/// # dovetail::table! { item { id: Integer, name: Text } }
/// let query = item::table.select((item::name, constant(7_i32)));
/// assert_eq!(
///     query.to_sql(&Postgres).unwrap().sql,
///     r#"SELECT "item"."name", CAST($1 AS INTEGER) FROM "item""#
/// );
/// ```
pub fn constant<V: SqlValue>(value: V) -> Bind<V::SqlType> {
    value.into_expr()
}

/// Whether a Rust value or typed expression may be `NULL`: [`MaybeNull`] for `Option` and for
/// expressions of a nullable SQL type, [`NotNull`] for the rest. A write checks it against the
/// column it sets.
pub trait Nullness {
    /// [`NotNull`] or [`MaybeNull`].
    type IsNull: NullFlag;
}

impl<R> Nullness for Option<R> {
    type IsNull = MaybeNull;
}

impl<E: Expression> Nullness for E {
    type IsNull = <E::SqlType as SqlType>::IsNull;
}

/// Rust values that are never `NULL` (`Vec<u8>` is one of the `Vec`s of [`super::array`]).
macro_rules! not_null_values {
    ($($ty:ty),* $(,)?) => {$(
        impl Nullness for $ty {
            type IsNull = NotNull;
        }
    )*};
}

not_null_values! {
    bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, Decimal, String, &str, &String,
    &[u8], NaiveDate, NaiveTime, NaiveDateTime, DateTime<Utc>, uuid::Uuid, serde_json::Value,
}

/// A Rust type that a result of SQL type `T` decodes into.
///
/// Nullable results (nullable columns, and every column of a left-joined table) decode only
/// into `Option<_>`.
#[diagnostic::on_unimplemented(
    message = "a `{T}` result cannot be read into `{Self}`",
    label = "the selection yields `{T}` here",
    note = "nullable columns, aggregates such as SUM/MAX and columns of left-joined tables read into `Option<_>`"
)]
pub trait FromSql<T>: FromValue {}

impl<T: SqlType<IsNull = NotNull>, R: FromSql<T>> FromSql<Nullable<T>> for Option<R> {}

/// `$ty` bound as a parameter of SQL type `$sql`, nullable or not.
macro_rules! bound_as {
    ($sql:ident => $ty:ty) => {
        #[diagnostic::do_not_recommend]
        impl AsExpr<$sql> for $ty {
            type Expr = Bind<$sql>;

            fn into_expr(self) -> Bind<$sql> {
                Bind::new(self.to_value())
            }
        }

        #[diagnostic::do_not_recommend]
        impl AsExpr<Nullable<$sql>> for $ty {
            type Expr = Bind<Nullable<$sql>>;

            fn into_expr(self) -> Bind<Nullable<$sql>> {
                Bind::new(self.to_value())
            }
        }
    };
}

macro_rules! rust_types {
    ($($sql:ident => bind $bind:ty $(, $also:ty)* ; reads $($read:ty),+;)*) => {$(
        rust_types!(@bind $sql $bind $(, $also)*);
        $(impl FromSql<$sql> for $read {})+
    )*};
    (@bind $sql:ident $($ty:ty),+) => {$(
        bound_as!($sql => $ty);

        #[diagnostic::do_not_recommend]
        impl BindValue<$sql> for $ty {}

        impl SqlValue for $ty {
            type SqlType = $sql;
        }

        impl super::case::BranchValue for $ty {
            type Expr = Bind<$sql>;

            fn into_branch(self) -> Bind<$sql> {
                Bind::new(self.to_value())
            }
        }

        #[diagnostic::do_not_recommend]
        impl BindValue<Nullable<$sql>> for $ty {}

        #[diagnostic::do_not_recommend]
        impl BindValue<Nullable<$sql>> for Option<$ty> {}

        #[diagnostic::do_not_recommend]
        impl AsExpr<Nullable<$sql>> for Option<$ty> {
            type Expr = Bind<Nullable<$sql>>;

            fn into_expr(self) -> Bind<Nullable<$sql>> {
                Bind::new(self.to_value())
            }
        }
    )+};
}

rust_types! {
    Bool => bind bool; reads bool;
    TinyInt => bind i8; reads i8, i16, i32, i64;
    SmallInt => bind i16; reads i16, i32, i64;
    Integer => bind i32; reads i32, i64;
    BigInt => bind i64; reads i64;
    UnsignedTinyInt => bind u8; reads u8, u16, u32, u64, i16, i32, i64;
    UnsignedSmallInt => bind u16; reads u16, u32, u64, i32, i64;
    UnsignedInt => bind u32; reads u32, u64, i64;
    UnsignedBigInt => bind u64; reads u64;
    Real => bind f32; reads f32, f64;
    Double => bind f64; reads f64;
    Numeric => bind Decimal; reads Decimal;
    Text => bind String, &str, &String; reads String;
    Blob => bind Vec<u8>, &[u8]; reads Vec<u8>;
    Date => bind NaiveDate; reads NaiveDate;
    Time => bind NaiveTime; reads NaiveTime;
    Timestamp => bind NaiveDateTime; reads NaiveDateTime;
    Timestamptz => bind DateTime<Utc>; reads DateTime<Utc>;
    Uuid => bind uuid::Uuid; reads uuid::Uuid;
    Json => bind serde_json::Value; reads serde_json::Value;
}

/// Integer literals where a number of a wider kind is expected (`price.gt(5)` on a `Numeric`,
/// `ratio * 2` on a `Double`): SQL promotes them, and they are bound exactly.
macro_rules! promoted_literals {
    ($($sql:ident => $($ty:ty),+;)*) => {$($(bound_as!($sql => $ty);)+)*};
}

promoted_literals! {
    Numeric => i32, i64;
    Double => i32;
}
