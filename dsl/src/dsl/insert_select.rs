//! `INSERT INTO table (columns…) SELECT …`: the rows of a typed query written to columns of a
//! table, checked like a row of values (each column once, none generated, every NOT NULL column
//! without a default set) and, position by position, for a value each column holds without
//! loss (never a nullable one into a NOT NULL column).
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! { customer { id: Integer [identity], name: Text } primary_key (id); }
//! dovetail::table! { lead { id: Integer, name: Text } primary_key (id); }
//! let promote = insert_into(customer::table)
//!     .from_query(customer::name, lead::table.filter(lead::id.gt(10)).select(lead::name));
//! assert_eq!(
//!     promote.to_sql(&Postgres).unwrap().sql,
//!     r#"INSERT INTO "customer" ("name") SELECT "lead"."name" FROM "lead" WHERE "lead"."id" > $1"#
//! );
//! ```

use std::marker::PhantomData;

use super::correlate::Standalone;
use super::query::SelectQuery;
use super::scope::{Cons, Nil};
use super::sql_types::{Lossless, MaybeNull, NotNull, NullFlag, SqlType};
use super::table::{Column, Writable};
use super::write::{InsertStatement, WriteStatement};
use super::written::{Complete, NoRows, TakeColumns};
use crate::ast;

/// The columns an `INSERT … SELECT` writes: one column of `T`, or a tuple of them.
pub trait InsertColumns<T> {
    /// The columns, as a type-level list (checked by [`TakeColumns`]).
    type List;
    /// Their SQL types, shaped like a selection of them.
    type SqlTypes;

    /// Their SQL names, in order.
    fn names() -> Vec<ast::Name>;
}

impl<T, C: Column<Table = T>> InsertColumns<T> for C {
    type List = Cons<C, Nil>;
    type SqlTypes = C::SqlType;

    fn names() -> Vec<ast::Name> {
        vec![ast::Name::Borrowed(C::NAME)]
    }
}

macro_rules! insert_columns {
    ($(($($name:ident),+))*) => {$(
        impl<T, $($name: Column<Table = T>),+> InsertColumns<T> for ($($name,)+) {
            type List = insert_columns!(@list $($name)+);
            type SqlTypes = ($($name::SqlType,)+);

            fn names() -> Vec<ast::Name> {
                vec![$(ast::Name::Borrowed($name::NAME)),+]
            }
        }
    )*};
    (@list $head:ident $($rest:ident)*) => { Cons<$head, insert_columns!(@list $($rest)*)> };
    (@list) => { Nil };
}

insert_columns! {
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, G)
    (A, B, C, D, E, G, H)
    (A, B, C, D, E, G, H, J)
}

/// A query's rows, of SQL types `Self`, fit columns of SQL types `C` (to be written to them,
/// or read through them as a derived table or CTE): as many,
/// each value held by its column without loss, and `NULL` only where the column takes it.
#[diagnostic::on_unimplemented(
    message = "the query selects `{Self}`, which does not fit columns of `{C}`",
    label = "expected one value per column, of the column's type",
    note = "select as many values as there are columns, in order, each of a type its column holds (nullable only into nullable columns)"
)]
pub trait RowFits<C> {}

#[diagnostic::do_not_recommend]
impl<A, C> RowFits<C> for A
where
    A: SqlType,
    C: SqlType,
    A::Base: Lossless<C::Base>,
    A::IsNull: NullTaken<C::IsNull>,
{
}

/// A value of this nullability fits a column of nullability `C`.
pub trait NullTaken<C> {}

impl<C: NullFlag> NullTaken<C> for NotNull {}
impl NullTaken<MaybeNull> for MaybeNull {}

macro_rules! rows_fit {
    ($(($($a:ident $c:ident),+))*) => {$(
        #[diagnostic::do_not_recommend]
        impl<$($a, $c),+> RowFits<($($c,)+)> for ($($a,)+) where $($a: RowFits<$c>),+ {}
    )*};
}

rows_fit! {
    (A1 C1, A2 C2)
    (A1 C1, A2 C2, A3 C3)
    (A1 C1, A2 C2, A3 C3, A4 C4)
    (A1 C1, A2 C2, A3 C3, A4 C4, A5 C5)
    (A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6)
    (A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6, A7 C7)
    (A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6, A7 C7, A8 C8)
    (A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6, A7 C7, A8 C8, A9 C9)
    (A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6, A7 C7, A8 C8, A9 C9, A10 C10)
    (A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6, A7 C7, A8 C8, A9 C9, A10 C10, A11 C11)
    (A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6, A7 C7, A8 C8, A9 C9, A10 C10, A11 C11, A12 C12)
}

/// `INSERT INTO table (columns…) SELECT …` (see [`InsertStatement::from_query`]).
#[derive(Debug, Clone)]
pub struct InsertSelect<T> {
    insert: ast::Insert,
    table: PhantomData<fn() -> T>,
}

impl<T: Writable> InsertStatement<T, (), NoRows> {
    /// `INSERT INTO table (columns) SELECT …`: writes the rows of `query` to `columns` (one
    /// column of the table or a tuple of them), each column once, none the database generates,
    /// every NOT NULL column without a default among them, and each selected value of a type
    /// its column holds.
    pub fn from_query<Cs, IT, L, F, G, S, D>(
        self,
        columns: Cs,
        query: SelectQuery<F, G, S, D>,
    ) -> InsertSelect<T>
    where
        Cs: InsertColumns<T>,
        Cs::List: TakeColumns<T, T::Slots, IT, Rest = L>,
        L: Complete<T>,
        S: RowFits<Cs::SqlTypes>,
        F: Standalone,
    {
        let _ = columns;
        InsertSelect {
            insert: ast::Insert {
                table: T::table_ref(),
                columns: Cs::names(),
                source: ast::InsertSource::Query(Box::new(query.to_query())),
                on_conflict: None,
                returning: Vec::new(),
            },
            table: PhantomData,
        }
    }
}

impl<T> WriteStatement<()> for InsertSelect<T> {
    fn statement(&self) -> ast::Statement {
        ast::Statement::Insert(self.insert.clone())
    }
}
