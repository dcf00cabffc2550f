//! Which Rust type reads which selected value, and what a mismatch says.
//!
//! A single SQL type reads into `R` when [`DecodesInto<R>`] holds for it (through
//! [`FromSql`]); a tuple reads column by column, each through [`ColumnInto`] so that a
//! mismatch names its position. Both name the Rust type that would fit ([`RustType`]):
//!
//! ```text
//! error[E0277]: Column2 of the selection is `Numeric`, which cannot be read into `f64`
//!   = note: a `Numeric` reads into `Decimal`
//! ```

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rust_decimal::Decimal;

use super::query::NothingSelected;
use super::rust_types::FromSql;
use super::selection::{FromRow, RowCursor};
use super::sql_types::*;
use crate::error::Result;

/// The Rust type that values of a SQL type (or a tuple of them) read into, as messages
/// suggest it: `Integer` reads into `i32`, `Nullable<Text>` into `Option<String>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a SQL type or a tuple of them",
    note = "a selection is a column, an expression or a tuple of them"
)]
pub trait RustType {
    /// That Rust type.
    type Rust;
}

/// A SQL type whose values decode into the Rust type `R`.
#[diagnostic::on_unimplemented(
    message = "a `{Self}` result cannot be read into `{R}`",
    label = "this reads a `{Self}`",
    note = "a `{Self}` reads into `{Fits}`; nullable columns, aggregates such as SUM/MAX and columns of left-joined tables read into `Option<_>`"
)]
pub trait DecodesInto<R, Fits = <Self as RustType>::Rust>: RustType {
    /// Decodes the next cell of the row.
    fn decode(cursor: &mut RowCursor<'_>) -> Result<R>;
}

#[diagnostic::do_not_recommend]
impl<T: SqlType + RustType, R: FromSql<T>> DecodesInto<R> for T {
    fn decode(cursor: &mut RowCursor<'_>) -> Result<R> {
        cursor.read()
    }
}

/// `R` reads the column of SQL type `T` at position `P` of a selected tuple.
#[diagnostic::on_unimplemented(
    message = "{P} of the selection is `{T}`, which cannot be read into `{Self}`",
    label = "the selected columns do not match this type",
    note = "a `{T}` reads into `{Fits}`; read each selected column into a field of its type, in order and with the same count"
)]
pub trait ColumnInto<T, P, Fits>: FromRow<T> {}

#[diagnostic::do_not_recommend]
impl<T, P, Fits, R: FromRow<T>> ColumnInto<T, P, Fits> for R {}

macro_rules! positions {
    ($($(#[$doc:meta])* $name:ident)*) => {$(
        $(#[$doc])*
        #[derive(Debug)]
        pub enum $name {}
    )*};
}

positions! {
    /// The first column of a selected tuple, as [`ColumnInto`] names it.
    Column1
    /// The second column of a selected tuple.
    Column2
    /// The third column of a selected tuple.
    Column3
    /// The fourth column of a selected tuple.
    Column4
    /// The fifth column of a selected tuple.
    Column5
    /// The sixth column of a selected tuple.
    Column6
    /// The seventh column of a selected tuple.
    Column7
    /// The eighth column of a selected tuple.
    Column8
    /// The ninth column of a selected tuple.
    Column9
    /// The tenth column of a selected tuple.
    Column10
    /// The eleventh column of a selected tuple.
    Column11
    /// The twelfth column of a selected tuple.
    Column12
    /// The thirteenth column of a selected tuple.
    Column13
    /// The fourteenth column of a selected tuple.
    Column14
    /// The fifteenth column of a selected tuple.
    Column15
    /// The sixteenth column of a selected tuple.
    Column16
}

/// Each base SQL type: the Rust type it reads into, and reading it (or its nullable form)
/// into any Rust type that decodes it.
macro_rules! scalars {
    ($($sql:ident => $rust:ty;)*) => {$(
        impl RustType for $sql {
            type Rust = $rust;
        }

        impl<R> FromRow<$sql> for R
        where
            $sql: DecodesInto<R>,
        {
            fn from_row(cursor: &mut RowCursor<'_>) -> Result<Self> {
                <$sql as DecodesInto<R>>::decode(cursor)
            }
        }
    )*};
}

scalars! {
    Bool => bool;
    TinyInt => i8;
    SmallInt => i16;
    Integer => i32;
    BigInt => i64;
    UnsignedTinyInt => u8;
    UnsignedSmallInt => u16;
    UnsignedInt => u32;
    UnsignedBigInt => u64;
    Real => f32;
    Double => f64;
    Numeric => Decimal;
    Text => String;
    Blob => Vec<u8>;
    Date => NaiveDate;
    Time => NaiveTime;
    Timestamp => NaiveDateTime;
    Timestamptz => DateTime<Utc>;
    Uuid => uuid::Uuid;
    Json => serde_json::Value;
}

impl<T: RustType> RustType for Nullable<T> {
    type Rust = Option<T::Rust>;
}

impl<T, R> FromRow<Nullable<T>> for R
where
    Nullable<T>: DecodesInto<R>,
{
    fn from_row(cursor: &mut RowCursor<'_>) -> Result<Self> {
        <Nullable<T> as DecodesInto<R>>::decode(cursor)
    }
}

/// What reading the rows of a query that has not selected would need: it has no impl, so
/// that loading before `.select(…)` says so.
#[diagnostic::on_unimplemented(
    message = "this query selects nothing yet, so its rows cannot be read into `{R}`",
    label = "nothing is selected to read here",
    note = "choose what the query returns with `.select(…)` before loading it"
)]
pub trait SelectedColumns<R> {
    /// Decodes the next cells of the row.
    fn decode(cursor: &mut RowCursor<'_>) -> Result<R>;
}

impl<R> FromRow<NothingSelected> for R
where
    NothingSelected: SelectedColumns<R>,
{
    fn from_row(cursor: &mut RowCursor<'_>) -> Result<Self> {
        NothingSelected::decode(cursor)
    }
}
