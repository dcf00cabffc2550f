//! Uncorrelated subqueries: `x IN (SELECT …)`, `EXISTS (SELECT …)`, and `(SELECT …)` as a
//! value ([`SelectQuery::single_value`]).
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

use super::expression::{Expression, InScope};
use super::grouping::{Constant, Grouping};
use super::operators::LikeNull;
use super::query::SelectQuery;
use super::sql_types::{Bool, Compatible, Nullable, SqlType};
use crate::ast;

/// `expr [NOT] IN (subquery)`.
#[derive(Debug, Clone)]
pub struct InQuery<E> {
    expr: E,
    query: ast::Query,
    negated: bool,
}

impl<E> InQuery<E> {
    pub(crate) fn new<F, G, S, D>(expr: E, query: &SelectQuery<F, G, S, D>, negated: bool) -> Self
    where
        E: Expression,
        S: Compatible<<E::SqlType as SqlType>::Base>,
    {
        InQuery {
            expr,
            query: query.to_query(),
            negated,
        }
    }
}

impl<E: Expression> Expression for InQuery<E> {
    type SqlType = LikeNull<E::SqlType, Bool>;

    fn lower(&self) -> ast::Expr {
        ast::Expr::InSubquery {
            expr: Box::new(self.expr.lower()),
            subquery: Box::new(self.query.clone()),
            negated: self.negated,
        }
    }
}

impl<E: InScope<F, I>, F, I> InScope<F, I> for InQuery<E> {
    type Out = LikeNull<E::Out, Bool>;
}

impl<E: Grouping<G, I>, G, I> Grouping<G, I> for InQuery<E> {
    type Kind = E::Kind;
}

crate::expression_roles!(InQuery<E>, E);

/// `[NOT] EXISTS (subquery)`.
#[derive(Debug, Clone)]
pub struct Exists {
    query: ast::Query,
    negated: bool,
}

/// `EXISTS (subquery)`: whether the subquery returns any row.
pub fn exists<F, G, S, D>(query: &SelectQuery<F, G, S, D>) -> Exists {
    Exists {
        query: query.to_query(),
        negated: false,
    }
}

/// `NOT EXISTS (subquery)`: whether the subquery returns no row.
pub fn not_exists<F, G, S, D>(query: &SelectQuery<F, G, S, D>) -> Exists {
    Exists {
        query: query.to_query(),
        negated: true,
    }
}

impl Expression for Exists {
    type SqlType = Bool;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Exists {
            subquery: Box::new(self.query.clone()),
            negated: self.negated,
        }
    }
}

impl<F> InScope<F, ()> for Exists {
    type Out = Bool;
}

impl<G> Grouping<G, ()> for Exists {
    type Kind = Constant;
}

crate::expression_roles!(Exists);

/// `(SELECT …)` as a value: a subquery that selects one column, typed as that column made
/// nullable (it may return no row). See [`SelectQuery::single_value`].
#[derive(Debug)]
pub struct Scalar<T> {
    query: ast::Query,
    sql_type: std::marker::PhantomData<fn() -> T>,
}

impl<T> Clone for Scalar<T> {
    fn clone(&self) -> Self {
        Scalar {
            query: self.query.clone(),
            sql_type: std::marker::PhantomData,
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
    pub fn single_value<V>(&self) -> Scalar<V>
    where
        S: OneColumn<Value = V>,
    {
        Scalar {
            query: self.to_query(),
            sql_type: std::marker::PhantomData,
        }
    }
}

impl<T: SqlType> Expression for Scalar<T> {
    type SqlType = T;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Subquery(Box::new(self.query.clone()))
    }
}

impl<T: SqlType, F> InScope<F, ()> for Scalar<T> {
    type Out = T;
}

impl<T, G> Grouping<G, ()> for Scalar<T> {
    type Kind = Constant;
}

crate::expression_roles!(Scalar<T>, T);
