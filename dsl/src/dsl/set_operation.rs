//! `UNION [ALL]`, `INTERSECT` and `EXCEPT` between typed queries: the two sides select as many
//! columns, of the same SQL types (a column is nullable if it is on either side), and the
//! result is ordered by columns its first side selects, written as their positions.
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! { customer { id: Integer, name: Text } primary_key (id); }
//! dovetail::table! { supplier { id: Integer, name: Text } primary_key (id); }
//!
//! let names = customer::table
//!     .select(customer::name)
//!     .union(supplier::table.select(supplier::name))
//!     .order_by(customer::name)
//!     .limit(10);
//! assert_eq!(
//!     names.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT "customer"."name" FROM "customer" UNION SELECT "supplier"."name" FROM "supplier" ORDER BY 1 ASC LIMIT $1"#
//! );
//! assert_eq!(
//!     names.to_sql(&MySql::default()).unwrap().sql,
//!     "SELECT `customer`.`name` FROM `customer` UNION SELECT `supplier`.`name` FROM `supplier` ORDER BY 1 ASC LIMIT ?"
//! );
//! assert_eq!(
//!     names.to_sql(&Sqlite::default()).unwrap().sql,
//!     r#"SELECT "customer"."name" FROM "customer" UNION SELECT "supplier"."name" FROM "supplier" ORDER BY 1 ASC LIMIT ?"#
//! );
//! ```
//!
//! ```compile_fail
//! use dovetail::prelude::*;
//! dovetail::table! { customer { id: Integer, name: Text } primary_key (id); }
//! // An id beside a name.
//! let _ = customer::table.select(customer::id).union(customer::table.select(customer::name));
//! ```

use std::marker::PhantomData;

use super::correlate::Standalone;
use super::distinct::{Distinct, SortsBySelected, Unsorted};
use super::order::OrderTerms;
use super::query::{SelectQuery, count};
use super::selection::{RowOf, load_rows};
use super::sql_types::{NullFlag, SqlType};
use crate::ast;
use crate::connection::Connection;
use crate::error::Result;
use crate::render::{Dialect, Rendered, SharedRendered, render_query, render_query_cached};

/// One side of a set operation: a query that is not ordered itself, whose rows have SQL types
/// `Row`, the first side of which is `First` (its FROM list, grouping and selection, against
/// which the result's ORDER BY is checked).
pub trait SetOperand {
    /// The SQL types of its rows.
    type Row;
    /// The FROM list, grouping and selection of its first side.
    type First;

    /// The query as plain data.
    fn into_query(self) -> ast::Query;
}

impl<F: Standalone, G, S, D: UnorderedSide> SetOperand for SelectQuery<F, G, S, D> {
    type Row = S;
    type First = (F, G, D::Sel);

    fn into_query(self) -> ast::Query {
        self.to_query()
    }
}

/// A query that may be a side of a set operation: not ordered itself (DISTINCT or not), with
/// the selection `Sel` the result's ORDER BY is checked against.
#[diagnostic::on_unimplemented(
    message = "a side of a set operation is not ordered itself",
    label = "this query has an ORDER BY",
    note = "order the result instead: `a.union(b).order_by(…)`"
)]
pub trait UnorderedSide {
    /// Its selection.
    type Sel;
}

#[diagnostic::do_not_recommend]
impl<Sel> UnorderedSide for Unsorted<Sel> {
    type Sel = Sel;
}

#[diagnostic::do_not_recommend]
impl<Sel> UnorderedSide for Distinct<Sel> {
    type Sel = Sel;
}

impl<S, First> SetOperand for SetQuery<S, First> {
    type Row = S;
    type First = First;

    fn into_query(self) -> ast::Query {
        self.query
    }
}

/// Rows of SQL types `Self` and `R` combine in a set operation: as many columns, each of the
/// same SQL type on both sides. `Out` is the result's, nullable where either side is.
#[diagnostic::on_unimplemented(
    message = "the two sides of this set operation select `{Self}` and `{R}`",
    label = "expected the same number of columns, of the same SQL types",
    note = "UNION, INTERSECT and EXCEPT pair columns by position; cast a column (`.cast::<…>()`) to the other side's type"
)]
pub trait RowsMatch<R> {
    /// The result's SQL types.
    type Out;
}

#[diagnostic::do_not_recommend]
impl<A, B> RowsMatch<B> for A
where
    A: SqlType,
    B: SqlType<Base = A::Base>,
{
    type Out = <<A::IsNull as NullFlag>::Or<B::IsNull> as NullFlag>::Apply<A::Base>;
}

macro_rules! rows_match {
    ($(($($a:ident $b:ident),+))*) => {$(
        #[diagnostic::do_not_recommend]
        impl<$($a, $b),+> RowsMatch<($($b,)+)> for ($($a,)+)
        where
            $($a: RowsMatch<$b>),+
        {
            type Out = ($(<$a as RowsMatch<$b>>::Out,)+);
        }
    )*};
}

rows_match! {
    (A1 B1)
    (A1 B1, A2 B2)
    (A1 B1, A2 B2, A3 B3)
    (A1 B1, A2 B2, A3 B3, A4 B4)
    (A1 B1, A2 B2, A3 B3, A4 B4, A5 B5)
    (A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6)
    (A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6, A7 B7)
    (A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6, A7 B7, A8 B8)
    (A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6, A7 B7, A8 B8, A9 B9)
    (A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6, A7 B7, A8 B8, A9 B9, A10 B10)
    (A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6, A7 B7, A8 B8, A9 B9, A10 B10, A11 B11)
    (A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6, A7 B7, A8 B8, A9 B9, A10 B10, A11 B11, A12 B12)
}

/// A set operation's result: rows of SQL types `S`, `First` the FROM list, grouping and
/// selection of its first side.
#[derive(Debug)]
pub struct SetQuery<S, First> {
    query: ast::Query,
    types: PhantomData<fn() -> (S, First)>,
}

impl<S, First> Clone for SetQuery<S, First> {
    fn clone(&self) -> Self {
        SetQuery {
            query: self.query.clone(),
            types: PhantomData,
        }
    }
}

/// `UNION`, `UNION ALL`, `INTERSECT` and `EXCEPT`, on typed queries and on their results.
pub trait SetOperations: Sized {
    /// `self UNION other`: the rows of either, without duplicates.
    fn union<Q>(self, other: Q) -> SetQuery<<Self::Row as RowsMatch<Q::Row>>::Out, Self::First>
    where
        Self: SetOperand,
        Q: SetOperand,
        Self::Row: RowsMatch<Q::Row>,
    {
        combine(ast::SetOperator::Union, false, self, other)
    }

    /// `self UNION ALL other`: the rows of both, duplicates kept.
    fn union_all<Q>(self, other: Q) -> SetQuery<<Self::Row as RowsMatch<Q::Row>>::Out, Self::First>
    where
        Self: SetOperand,
        Q: SetOperand,
        Self::Row: RowsMatch<Q::Row>,
    {
        combine(ast::SetOperator::Union, true, self, other)
    }

    /// `self INTERSECT other`: the rows of both (MySQL ≥ 8.0.31, MariaDB, PostgreSQL, SQLite;
    /// a typed `Unsupported` error elsewhere).
    fn intersect<Q>(self, other: Q) -> SetQuery<<Self::Row as RowsMatch<Q::Row>>::Out, Self::First>
    where
        Self: SetOperand,
        Q: SetOperand,
        Self::Row: RowsMatch<Q::Row>,
    {
        combine(ast::SetOperator::Intersect, false, self, other)
    }

    /// `self EXCEPT other`: the rows of `self` that are not rows of `other` (where
    /// `INTERSECT` is).
    fn except<Q>(self, other: Q) -> SetQuery<<Self::Row as RowsMatch<Q::Row>>::Out, Self::First>
    where
        Self: SetOperand,
        Q: SetOperand,
        Self::Row: RowsMatch<Q::Row>,
    {
        combine(ast::SetOperator::Except, false, self, other)
    }
}

impl<F, G, S, D> SetOperations for SelectQuery<F, G, S, D> {}

impl<S, First> SetOperations for SetQuery<S, First> {}

fn combine<L: SetOperand, R: SetOperand, S>(
    op: ast::SetOperator,
    all: bool,
    left: L,
    right: R,
) -> SetQuery<S, L::First> {
    SetQuery {
        query: ast::Query {
            with: None,
            body: ast::QueryBody::SetOperation {
                op,
                all,
                left: Box::new(left.into_query()),
                right: Box::new(right.into_query()),
            },
            order_by: Vec::new(),
            limit: None,
            offset: None,
            lock: None,
        },
        types: PhantomData,
    }
}

impl<S, F, G, Sel> SetQuery<S, (F, G, Sel)> {
    /// `ORDER BY` columns of the result, named by the expressions its first side selects
    /// (written as their positions).
    pub fn order_by<O, I, J>(mut self, terms: O) -> Self
    where
        O: OrderTerms<F, G, I> + SortsBySelected<Sel, J>,
    {
        self.query.order_by.extend(terms.lower());
        self
    }
}

impl<S, First> SetQuery<S, First> {
    /// `LIMIT n` on the result.
    pub fn limit(mut self, n: u64) -> Self {
        self.query.limit = Some(count(n));
        self
    }

    /// `OFFSET n` on the result.
    pub fn offset(mut self, n: u64) -> Self {
        self.query.offset = Some(count(n));
        self
    }

    /// The query as plain data.
    pub fn to_query(&self) -> ast::Query {
        self.query.clone()
    }

    /// The query rendered for `dialect`.
    pub fn to_sql(&self, dialect: &dyn Dialect) -> Result<Rendered> {
        render_query(&self.query, dialect)
    }

    /// Runs it and decodes every row into `R`.
    pub fn load<R: RowOf<S>, C: Connection + ?Sized>(&self, conn: &mut C) -> Result<Vec<R>> {
        let rendered = self.rendered(conn.dialect())?;
        load_rows(conn, &rendered.sql, &rendered.params)
    }

    /// The query rendered for `dialect`, its SQL shared by every query of its shape.
    pub(crate) fn rendered(&self, dialect: &dyn Dialect) -> Result<SharedRendered> {
        render_query_cached(&self.query, dialect)
    }
}
