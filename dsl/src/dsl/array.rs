//! PostgreSQL arrays: the SQL type [`Array<T>`], bound from and decoded into `Vec`s.
//!
//! ```
//! use dovetail::prelude::*;
//! mod schema {
//!     dovetail::table! { post { id: Integer, tags: Array<Text>, scores: Nullable<Array<Integer>> } }
//! }
//! use schema::post;
//! let query = post::table.filter(post::tags.eq(vec!["rust", "sql"])).select(post::scores);
//! let rendered = query.to_sql(&Postgres).unwrap();
//! assert_eq!(rendered.sql, r#"SELECT "post"."scores" FROM "post" WHERE "post"."tags" = $1"#);
//! ```
//!
//! Elements decode into the element's Rust type, so an array holding `NULL` elements is a
//! decode error naming the column; SQLite and MySQL have no arrays and refuse them as
//! parameters.

use std::marker::PhantomData;

use super::expression::{AsExpr, Bind};
use super::reads::{DecodesInto, RustType};
use super::rust_types::{BindValue, FromSql, Nullness};
use super::selection::{FromRow, RowCursor};
use super::sql_types::{NotNull, Nullable, SameBase, SqlType};
use crate::error::{DecodeError, Result};
use crate::value::{FromValue, Value};

/// `T[]`: a PostgreSQL array of `T`.
#[derive(Debug)]
pub struct Array<T>(PhantomData<T>);

impl<T: SqlType<IsNull = NotNull>> SqlType for Array<T> {
    type IsNull = NotNull;
    type Base = Array<T>;
}

impl<T> SameBase<Array<T>> for Array<T> {}

fn array<R: BindValue<T>, T>(items: Vec<R>) -> Value {
    Value::Array(
        items
            .into_iter()
            .map(|r| r.into_expr().into_value())
            .collect(),
    )
}

/// A `Vec` is never `NULL` (an `Option<Vec<_>>` may be).
impl<R> Nullness for Vec<R> {
    type IsNull = NotNull;
}

#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull>, R: BindValue<T>> AsExpr<Array<T>> for Vec<R> {
    type Expr = Bind<Array<T>>;

    fn into_expr(self) -> Self::Expr {
        Bind::new(array(self))
    }
}

#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull>, R: BindValue<T>> AsExpr<Nullable<Array<T>>> for Vec<R> {
    type Expr = Bind<Nullable<Array<T>>>;

    fn into_expr(self) -> Self::Expr {
        Bind::new(array(self))
    }
}

#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull>, R: BindValue<T>> AsExpr<Nullable<Array<T>>> for Option<Vec<R>> {
    type Expr = Bind<Nullable<Array<T>>>;

    fn into_expr(self) -> Self::Expr {
        Bind::new(self.map_or(Value::Null, array))
    }
}

fn elements<R: FromValue>(value: Value) -> std::result::Result<Vec<R>, DecodeError> {
    match value {
        Value::Array(items) => items.into_iter().map(R::from_value).collect(),
        other => Err(DecodeError::new("Vec<_>", other.kind()).because("expected an array")),
    }
}

impl<T: RustType> RustType for Array<T> {
    type Rust = Vec<T::Rust>;
}

#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull> + RustType, R: FromSql<T>> DecodesInto<Vec<R>> for Array<T> {
    fn decode(cursor: &mut RowCursor<'_>) -> Result<Vec<R>> {
        Ok(elements(cursor.read::<Value>()?)?)
    }
}

#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull> + RustType, R: FromSql<T>> DecodesInto<Option<Vec<R>>>
    for Nullable<Array<T>>
{
    fn decode(cursor: &mut RowCursor<'_>) -> Result<Option<Vec<R>>> {
        match cursor.read::<Value>()? {
            Value::Null => Ok(None),
            value => Ok(Some(elements(value)?)),
        }
    }
}

impl<T, R> FromRow<Array<T>> for R
where
    Array<T>: DecodesInto<R>,
{
    fn from_row(cursor: &mut RowCursor<'_>) -> Result<Self> {
        <Array<T> as DecodesInto<R>>::decode(cursor)
    }
}
