//! Subqueries: `x IN (SELECT …)`, `EXISTS (SELECT …)`, and `(SELECT …)` as a value
//! ([`SelectQuery::single_value`]). Each carries the list `O` of the enclosing query's tables
//! it reads ([`correlate`](super::correlate); `Nil` when uncorrelated), which the query it is
//! used in must read.
//!
//! ```
//! use dovetail::prelude::*;
//! # dovetail::table! { customer { id: Integer, name: Text } }
//! # dovetail::table! { orders { id: Integer, customer_id: Integer } }
//! let buyers = orders::table.select(orders::customer_id);
//! let query = customer::table.filter(customer::id.in_query(buyers)).select(customer::name);
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT "customer"."name" FROM "customer" WHERE "customer"."id" IN (SELECT "orders"."customer_id" FROM "orders")"#
//! );
//! ```

use std::marker::PhantomData;

use super::correlate::{CorrelatedGrouping, Correlation, ReadsTables};
use super::expression::{Expression, InScope};
use super::grouping::{Grouping, Mix};
use super::operators::LikeNull;
use super::query::SelectQuery;
use super::sql_types::{Bool, Compatible, Nullable, SqlType};
use crate::ast;

/// `expr [NOT] IN (subquery)`, where the subquery reads the outer tables `O`.
#[derive(Debug)]
pub struct InQuery<E, O> {
    expr: E,
    query: ast::Query,
    negated: bool,
    outer: PhantomData<fn() -> O>,
}

impl<E: Clone, O> Clone for InQuery<E, O> {
    fn clone(&self) -> Self {
        InQuery {
            expr: self.expr.clone(),
            query: self.query.clone(),
            negated: self.negated,
            outer: PhantomData,
        }
    }
}

impl<E, O> InQuery<E, O> {
    pub(crate) fn new<F, G, S, D>(expr: E, query: &SelectQuery<F, G, S, D>, negated: bool) -> Self
    where
        E: Expression,
        S: Compatible<<E::SqlType as SqlType>::Base>,
        F: Correlation<Outer = O>,
    {
        InQuery {
            expr,
            query: query.to_query(),
            negated,
            outer: PhantomData,
        }
    }
}

impl<E: Expression, O> Expression for InQuery<E, O> {
    type SqlType = LikeNull<E::SqlType, Bool>;

    fn lower(&self) -> ast::Expr {
        ast::Expr::InSubquery {
            expr: Box::new(self.expr.lower()),
            subquery: Box::new(self.query.clone()),
            negated: self.negated,
        }
    }
}

impl<E, O, F, I, IO> InScope<F, (I, IO)> for InQuery<E, O>
where
    E: InScope<F, I>,
    F: ReadsTables<O, IO>,
{
    type Out = LikeNull<E::Out, Bool>;
}

impl<E, O, G, I> Grouping<G, I> for InQuery<E, O>
where
    E: Grouping<G, I>,
    O: CorrelatedGrouping<G>,
    E::Kind: Mix<O::Kind>,
{
    type Kind = <E::Kind as Mix<O::Kind>>::Out;
}

crate::expression_roles!(InQuery<E, O>, E, O);

/// `[NOT] EXISTS (subquery)`, where the subquery reads the outer tables `O`.
#[derive(Debug)]
pub struct Exists<O> {
    query: ast::Query,
    negated: bool,
    outer: PhantomData<fn() -> O>,
}

impl<O> Clone for Exists<O> {
    fn clone(&self) -> Self {
        Exists {
            query: self.query.clone(),
            negated: self.negated,
            outer: PhantomData,
        }
    }
}

/// `EXISTS (subquery)`: whether the subquery returns any row. A subquery that selects
/// nothing selects `TRUE`.
pub fn exists<F: Correlation, G, S, D>(query: &SelectQuery<F, G, S, D>) -> Exists<F::Outer> {
    Exists {
        query: probe(query),
        negated: false,
        outer: PhantomData,
    }
}

/// `NOT EXISTS (subquery)`: whether the subquery returns no row.
pub fn not_exists<F: Correlation, G, S, D>(query: &SelectQuery<F, G, S, D>) -> Exists<F::Outer> {
    Exists {
        query: probe(query),
        negated: true,
        outer: PhantomData,
    }
}

/// The query `EXISTS` runs: as written, selecting `TRUE` if it selects nothing.
fn probe<F, G, S, D>(query: &SelectQuery<F, G, S, D>) -> ast::Query {
    let mut query = query.to_query();
    if let ast::QueryBody::Select(select) = &mut query.body
        && select.projection.is_empty()
    {
        select.projection.push(ast::Expr::Bool(true).item());
    }
    query
}

impl<O> Expression for Exists<O> {
    type SqlType = Bool;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Exists {
            subquery: Box::new(self.query.clone()),
            negated: self.negated,
        }
    }
}

impl<O, F: ReadsTables<O, I>, I> InScope<F, I> for Exists<O> {
    type Out = Bool;
}

impl<O: CorrelatedGrouping<G>, G> Grouping<G, ()> for Exists<O> {
    type Kind = O::Kind;
}

crate::expression_roles!(Exists<O>, O);

/// `(SELECT …)` as a value: a subquery that selects one column, typed as that column made
/// nullable (it may return no row). See [`SelectQuery::single_value`].
/// It reads the outer tables `O`.
#[derive(Debug)]
pub struct Scalar<T, O> {
    query: ast::Query,
    types: PhantomData<fn() -> (T, O)>,
}

impl<T, O> Clone for Scalar<T, O> {
    fn clone(&self) -> Self {
        Scalar {
            query: self.query.clone(),
            types: PhantomData,
        }
    }
}

/// The SQL types `Self` a subquery selects are one column, which a scalar subquery reads.
#[diagnostic::on_unimplemented(
    message = "a subquery used as a value selects one column, not `{Self}`",
    label = "selects more than one column",
    note = "select the one value the subquery stands for; compare rows with `exists(…)` or `.in_query(…)`"
)]
pub trait OneColumn {
    /// The value's SQL type: the column's, nullable.
    type Value: SqlType;
}

#[diagnostic::do_not_recommend]
impl<T: SqlType> OneColumn for T {
    type Value = Nullable<T::Base>;
}

impl<F, G, S, D> SelectQuery<F, G, S, D> {
    /// The query as a value, `(SELECT …)`: it selects one column, and reads as that column's
    /// SQL type made nullable, since it may return no row (a server refuses it at run time if
    /// it returns several).
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// dovetail::table! { product { id: Integer, price: Numeric } primary_key (id); }
    /// let average = product::table.select(avg(product::price)).single_value();
    /// let dear = product::table.filter(product::price.gt(average)).select(product::id);
    /// assert_eq!(
    ///     dear.to_sql(&Postgres).unwrap().sql,
    ///     r#"SELECT "product"."id" FROM "product" WHERE "product"."price" > (SELECT AVG("product"."price") FROM "product")"#
    /// );
    /// ```
    pub fn single_value<V>(&self) -> Scalar<V, F::Outer>
    where
        S: OneColumn<Value = V>,
        F: Correlation,
    {
        Scalar {
            query: self.to_query(),
            types: PhantomData,
        }
    }
}

impl<T: SqlType, O> Expression for Scalar<T, O> {
    type SqlType = T;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Subquery(Box::new(self.query.clone()))
    }
}

impl<T: SqlType, O, F: ReadsTables<O, I>, I> InScope<F, I> for Scalar<T, O> {
    type Out = T;
}

impl<T, O: CorrelatedGrouping<G>, G> Grouping<G, ()> for Scalar<T, O> {
    type Kind = O::Kind;
}

crate::expression_roles!(Scalar<T, O>, T, O);
