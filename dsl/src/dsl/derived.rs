//! Derived tables and common table expressions: a typed query read like a table.
//!
//! The table a query defines is declared like any other, with [`table!`](crate::table) (as a
//! `view`: it cannot be written), and the query is checked against that declaration where it is
//! used: as many columns, in order, each of a type its column holds, `NULL` only into a
//! nullable one ([`RowFits`]). Its columns are then ordinary columns — `spend::total`, named by
//! SQL name, typed, nullable as declared — so every check of the DSL applies to them, and one
//! used in a query that does not read the derived table is the usual "not in this query's FROM
//! clause" error. Declaring the columns, rather than addressing them through the selected
//! expression or by position, reads best where they are used and gives each a name an
//! aggregate would not have.
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! { customer { id: Integer, name: Text } primary_key (id); }
//! dovetail::table! { payment { id: Integer, customer_id: Integer, amount: Numeric } primary_key (id); }
//! dovetail::table! { view spend { customer_id: Integer, total: Nullable<Numeric> } }
//!
//! let totals = payment::table
//!     .group_by(payment::customer_id)
//!     .select((payment::customer_id, sum(payment::amount)));
//! // As a derived table …
//! let query = customer::table
//!     .join_on(totals.as_table(spend::table), spend::customer_id.eq(customer::id))
//!     .select((customer::name, spend::total));
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT "customer"."name", "spend"."total" FROM "customer" INNER JOIN (SELECT "payment"."customer_id" AS "customer_id", SUM("payment"."amount") AS "total" FROM "payment" GROUP BY "payment"."customer_id") AS "spend" ON "spend"."customer_id" = "customer"."id""#
//! );
//! assert_eq!(
//!     query.to_sql(&MySql::default()).unwrap().sql,
//!     "SELECT `customer`.`name`, `spend`.`total` FROM `customer` INNER JOIN (SELECT `payment`.`customer_id` AS `customer_id`, SUM(`payment`.`amount`) AS `total` FROM `payment` GROUP BY `payment`.`customer_id`) AS `spend` ON `spend`.`customer_id` = `customer`.`id`"
//! );
//! // … or as a common table expression.
//! let query = totals.as_cte(spend::table).query().select(spend::total);
//! assert_eq!(
//!     query.to_sql(&Sqlite::default()).unwrap().sql,
//!     r#"WITH "spend" ("customer_id", "total") AS (SELECT "payment"."customer_id", SUM("payment"."amount") FROM "payment" GROUP BY "payment"."customer_id") SELECT "spend"."total" FROM "spend""#
//! );
//! assert_eq!(
//!     query.to_sql(&MySql::default()).unwrap().sql,
//!     "WITH `spend` (`customer_id`, `total`) AS (SELECT `payment`.`customer_id`, SUM(`payment`.`amount`) FROM `payment` GROUP BY `payment`.`customer_id`) SELECT `spend`.`total` FROM `spend`"
//! );
//! ```

use std::marker::PhantomData;

use super::correlate::Standalone;
use super::insert_select::RowFits;
use super::query::SelectQuery;
use super::scope::{Cons, Nil};
use super::set_operation::SetQuery;
use super::table::{Column, Table};
use crate::ast;

/// Something a query reads rows from, whose columns are those of `Table`: a table (or view),
/// a [`Derived`] table or a [`Cte`].
pub trait Source {
    /// The table whose columns it has.
    type Table: Table;

    /// The FROM item.
    fn factor(&self) -> ast::TableFactor;

    /// Adds what the statement must define for it (a CTE) to `with`.
    fn define(&self, with: &mut Option<ast::With>) {
        let _ = with;
    }
}

impl<T: Table> Source for T {
    type Table = T;

    fn factor(&self) -> ast::TableFactor {
        ast::TableFactor::Table(T::table_ref())
    }
}

/// A [`Source`] that is whole in its FROM item, needing no WITH clause: a table or a derived
/// table, which an UPDATE may read ([`UpdateStatement::from`](super::write::UpdateStatement::from)).
#[diagnostic::on_unimplemented(
    message = "an UPDATE reads tables and derived tables, not the CTE `{Self}`",
    label = "a CTE needs a WITH clause, which an UPDATE does not have here",
    note = "read it through a derived table instead: `query.as_table(shape)`"
)]
pub trait Inline: Source {}

#[diagnostic::do_not_recommend]
impl<T: Table> Inline for T {}

#[diagnostic::do_not_recommend]
impl<T: Table> Inline for Derived<T> {}

/// The columns of a table declared to hold a query's rows (`T::AllColumns`, a tuple of at
/// most twelve columns).
pub trait ShapeColumns {
    /// Their SQL types, shaped like a selection of them.
    type SqlTypes;

    /// Their SQL names, in order.
    fn names() -> Vec<String>;
}

macro_rules! shape_columns {
    ($(($($name:ident),+))*) => {$(
        impl<$($name: Column),+> ShapeColumns for ($($name,)+) {
            type SqlTypes = shape_columns!(@types $($name)+);

            fn names() -> Vec<String> {
                vec![$($name::NAME.to_owned()),+]
            }
        }
    )*};
    // One column is selected as a bare type, several as a tuple.
    (@types $one:ident) => { $one::SqlType };
    (@types $($name:ident)+) => { ($($name::SqlType,)+) };
}

shape_columns! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, G)
    (A, B, C, D, E, G, H)
    (A, B, C, D, E, G, H, J)
    (A, B, C, D, E, G, H, J, K)
    (A, B, C, D, E, G, H, J, K, L)
    (A, B, C, D, E, G, H, J, K, L, M)
    (A, B, C, D, E, G, H, J, K, L, M, N)
}

/// The SQL types of the columns of table `T`.
pub type ShapeOf<T> = <<T as Table>::AllColumns as ShapeColumns>::SqlTypes;

/// A query that can define a table: it runs by itself (no `.correlate(…)`), and its rows have
/// SQL types `Row`.
pub trait DefiningQuery {
    /// The SQL types of its rows.
    type Row;

    /// The query as plain data.
    fn defining_query(&self) -> ast::Query;

    /// The query as the derived table `table`, `(SELECT …) AS "table"`, to join or to read
    /// from (`.query()`); its rows must fit the columns `table` declares.
    fn as_table<T>(&self, table: T) -> Derived<T>
    where
        T: Table,
        T::AllColumns: ShapeColumns,
        Self::Row: RowFits<ShapeOf<T>>,
    {
        let _ = table;
        let mut query = self.defining_query();
        name_columns(&mut query, T::AllColumns::names());
        Derived {
            query,
            table: PhantomData,
        }
    }

    /// The query as the common table expression `table`, `WITH "table" (columns) AS (…)`,
    /// which a query reading it defines; its rows must fit the columns `table` declares.
    fn as_cte<T>(&self, table: T) -> Cte<T>
    where
        T: Table,
        T::AllColumns: ShapeColumns,
        Self::Row: RowFits<ShapeOf<T>>,
    {
        let _ = table;
        Cte::new(self.defining_query().into(), false)
    }

    /// The recursive common table expression `table`: the rows of this query (the seed) and
    /// then, repeatedly, of `step`, which reads `table` itself (`WITH RECURSIVE "table"
    /// (columns) AS (seed UNION ALL step)`). Both must fit the columns `table` declares.
    fn as_recursive_cte<T, Q>(&self, table: T, step: Q) -> Cte<T>
    where
        T: Table,
        T::AllColumns: ShapeColumns,
        Self::Row: RowFits<ShapeOf<T>>,
        Q: DefiningQuery,
        Q::Row: RowFits<ShapeOf<T>>,
    {
        let _ = table;
        let union = ast::Query::new(ast::QueryBody::SetOperation {
            op: ast::SetOperator::Union,
            all: true,
            left: Box::new(self.defining_query()),
            right: Box::new(step.defining_query()),
        });
        Cte::new(union.into(), true)
    }
}

impl<F: Standalone, G, S, D> DefiningQuery for SelectQuery<F, G, S, D> {
    type Row = S;

    fn defining_query(&self) -> ast::Query {
        self.to_query()
    }
}

impl<S, First> DefiningQuery for SetQuery<S, First> {
    type Row = S;

    fn defining_query(&self) -> ast::Query {
        self.to_query()
    }
}

/// Names the output columns of `query` (of its first arm, for a set operation).
fn name_columns(query: &mut ast::Query, names: Vec<String>) {
    match &mut query.body {
        ast::QueryBody::Select(select) => {
            for (item, name) in select.projection.iter_mut().zip(names) {
                item.alias = Some(name);
            }
        }
        ast::QueryBody::SetOperation { left, .. } => name_columns(left, names),
    }
}

/// A query in `FROM`, `(SELECT …) AS "name"`, with the columns of table `T`
/// ([`DefiningQuery::as_table`]).
#[derive(Debug)]
pub struct Derived<T> {
    query: ast::Query,
    table: PhantomData<fn() -> T>,
}

impl<T> Clone for Derived<T> {
    fn clone(&self) -> Self {
        Derived {
            query: self.query.clone(),
            table: PhantomData,
        }
    }
}

impl<T: Table> Source for Derived<T> {
    type Table = T;

    fn factor(&self) -> ast::TableFactor {
        ast::TableFactor::Derived {
            subquery: Box::new(self.query.clone()),
            alias: T::qualifier().to_owned(),
        }
    }
}

impl<T: Table> Derived<T> {
    /// `SELECT … FROM (SELECT …) AS "name"`, to build on.
    pub fn query(&self) -> SelectQuery<Cons<T, Nil>> {
        SelectQuery::from_source(self)
    }
}

/// A common table expression with the columns of table `T` ([`DefiningQuery::as_cte`]): read
/// by its name, and defined in the `WITH` clause of each statement that reads it.
#[derive(Debug)]
pub struct Cte<T> {
    query: ast::Statement,
    recursive: bool,
    table: PhantomData<fn() -> T>,
}

impl<T> Clone for Cte<T> {
    fn clone(&self) -> Self {
        Cte {
            query: self.query.clone(),
            recursive: self.recursive,
            table: PhantomData,
        }
    }
}

impl<T> Cte<T> {
    /// The CTE defined by `query`: a query, or a write with RETURNING.
    pub(crate) fn new(query: ast::Statement, recursive: bool) -> Self {
        Cte {
            query,
            recursive,
            table: PhantomData,
        }
    }
}

impl<T: Table> Source for Cte<T>
where
    T::AllColumns: ShapeColumns,
{
    type Table = T;

    fn factor(&self) -> ast::TableFactor {
        ast::TableFactor::Table(T::table_ref())
    }

    fn define(&self, with: &mut Option<ast::With>) {
        let with = with.get_or_insert_with(|| ast::With {
            recursive: false,
            ctes: Vec::new(),
        });
        if with.ctes.iter().any(|cte| cte.name == T::NAME) {
            return;
        }
        with.recursive |= self.recursive;
        with.ctes.push(ast::Cte {
            name: T::NAME.to_owned(),
            columns: T::AllColumns::names(),
            query: Box::new(self.query.clone()),
        });
    }
}

impl<T: Table> Cte<T>
where
    T::AllColumns: ShapeColumns,
{
    /// `WITH … SELECT … FROM "name"`, to build on.
    pub fn query(&self) -> SelectQuery<Cons<T, Nil>> {
        SelectQuery::from_source(self)
    }
}
