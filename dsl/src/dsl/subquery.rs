//! Uncorrelated subqueries: `x IN (SELECT …)` and `EXISTS (SELECT …)`.
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
use super::sql_types::{Bool, Compatible, SqlType};
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
