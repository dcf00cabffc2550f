//! Correlated subqueries: a subquery that reads columns of the query around it.
//!
//! `payment::table.correlate(customer::table)` is a query over `payment` whose scope also holds
//! `customer`, a table of an *enclosing* query: its FROM list gets an [`Outer<customer>`]
//! entry, which [`InFrom`] finds like any table but which is not rendered in the subquery's
//! own FROM clause. Used as a subquery (`exists`, `in_query`, `single_value`), it becomes an
//! expression that reads the outer tables ([`Correlation::Outer`]), so the enclosing query must
//! have each of them in its FROM list ([`ReadsTables`]) — the usual "not in this query's FROM
//! clause" error otherwise. A correlated query cannot run on its own ([`Standalone`]).
//!
//! Declaring the outer tables, rather than inferring them from the columns the subquery reads,
//! keeps the rule a type can check: a column's table is either in the subquery's FROM list or
//! declared outer, never "anywhere".
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! { customer { id: Integer, name: Text } primary_key (id); }
//! dovetail::table! {
//!     payment { id: Integer, customer_id: Integer, amount: Numeric }
//!     primary_key (id);
//!     foreign_key customer (customer_id) references customer (id);
//! }
//! let paid = payment::table
//!     .correlate(customer::table)
//!     .filter(payment::customer_id.eq(customer::id));
//! let query = customer::table.filter(exists(&paid)).select(customer::name);
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT "customer"."name" FROM "customer" WHERE EXISTS (SELECT TRUE FROM "payment" WHERE "payment"."customer_id" = "customer"."id")"#
//! );
//! assert_eq!(
//!     query.to_sql(&MySql::default()).unwrap().sql,
//!     "SELECT `customer`.`name` FROM `customer` WHERE EXISTS (SELECT TRUE FROM `payment` WHERE `payment`.`customer_id` = `customer`.`id`)"
//! );
//! assert_eq!(
//!     query.to_sql(&Sqlite::default()).unwrap().sql,
//!     r#"SELECT "customer"."name" FROM "customer" WHERE EXISTS (SELECT 1 FROM "payment" WHERE "payment"."customer_id" = "customer"."id")"#
//! );
//! ```
//!
//! ```compile_fail
//! use dovetail::prelude::*;
//! dovetail::table! { customer { id: Integer, name: Text } primary_key (id); }
//! dovetail::table! { payment { id: Integer, customer_id: Integer } primary_key (id); }
//! // `customer` is neither in the subquery's FROM list nor declared outer.
//! let paid = payment::table.filter(payment::customer_id.eq(customer::id));
//! let _ = customer::table.filter(exists(&paid));
//! ```

use std::marker::PhantomData;

use super::grouping::{Constant, GroupByKey, NoGroup, Plain, Ungrouped};
use super::scope::{AllNullable, Cons, Differs, InFrom, LeftJoined, LockTargets, NamedApart, Nil};
use super::sql_types::NotNull;
use super::table::Table;

/// A table of an enclosing query in a correlated subquery's FROM list: in scope, not in the
/// subquery's FROM clause.
#[derive(Debug)]
pub struct Outer<T>(PhantomData<T>);

/// Proof position: the table is the head of the list, read from an enclosing query.
#[derive(Debug)]
pub enum HereOuter {}

/// An outer table's columns read as declared: whether the enclosing query outer-joins it is
/// not known where the subquery is built.
#[diagnostic::do_not_recommend]
impl<T, Tail> InFrom<T, HereOuter> for Cons<Outer<T>, Tail> {
    type IsNull = NotNull;
}

/// A table joined in the subquery must be named apart from the outer ones too, which it would
/// otherwise hide.
#[diagnostic::do_not_recommend]
impl<J, T, Tail> NamedApart<J> for Cons<Outer<T>, Tail>
where
    J: Table,
    T: Table,
    T::Qualifier: Differs<J::Qualifier>,
    Tail: NamedApart<J>,
{
}

/// An outer table is not the subquery's to lock.
impl<T, Tail: LockTargets> LockTargets for Cons<Outer<T>, Tail> {
    const OUTER_JOINED: bool = Tail::OUTER_JOINED;

    fn lockable(into: &mut Vec<crate::ast::Name>) {
        Tail::lockable(into);
    }
}

/// A RIGHT or FULL JOIN in the subquery leaves the outer tables as they are.
impl<T, Tail: AllNullable> AllNullable for Cons<Outer<T>, Tail> {
    type Out = Cons<Outer<T>, Tail::Out>;
}

/// The tables of enclosing queries that a FROM list reads (its [`Outer`] entries).
pub trait Correlation {
    /// Those tables, as the type-level list `Cons<table, …>` (`Nil` when uncorrelated).
    type Outer;
}

impl Correlation for Nil {
    type Outer = Nil;
}

impl<T: Table, Tail: Correlation> Correlation for Cons<T, Tail> {
    type Outer = Tail::Outer;
}

impl<T, Tail: Correlation> Correlation for Cons<LeftJoined<T>, Tail> {
    type Outer = Tail::Outer;
}

impl<T, Tail: Correlation> Correlation for Cons<Outer<T>, Tail> {
    type Outer = Cons<T, Tail::Outer>;
}

/// A FROM list that reads no table of an enclosing query: a query that can run by itself.
#[diagnostic::on_unimplemented(
    message = "this query reads a table of an enclosing query, so it cannot run by itself",
    label = "declared with `.correlate(…)`",
    note = "use it inside another query that reads that table: `exists(&q)`, `x.in_query(q)` or `q.single_value()`"
)]
pub trait Standalone {}

#[diagnostic::do_not_recommend]
impl Standalone for Nil {}

#[diagnostic::do_not_recommend]
impl<T: Table, Tail: Standalone> Standalone for Cons<T, Tail> {}

#[diagnostic::do_not_recommend]
impl<T, Tail: Standalone> Standalone for Cons<LeftJoined<T>, Tail> {}

/// Proves that the FROM list `Self` holds every table of the list `L` (at positions `I`):
/// the enclosing query of a correlated subquery reads the tables it correlates with.
pub trait ReadsTables<L, I> {}

impl<F> ReadsTables<Nil, ()> for F {}

impl<F, T, Rest, I, IRest> ReadsTables<Cons<T, Rest>, (I, IRest)> for F where
    F: InFrom<T, I> + ReadsTables<Rest, IRest>
{
}

/// How a subquery reading the outer tables `Self` relates to the grouping `G` of the query
/// around it: an uncorrelated one is a constant; a correlated one reads the outer rows, so it
/// is plain in a query without GROUP BY, and fits a grouped query only when that query groups
/// by the primary key of the one table it correlates with (which outer columns the subquery
/// reads is not in its type, so no other GROUP BY can be checked).
#[diagnostic::on_unimplemented(
    message = "a correlated subquery reads rows of the enclosing query, which its GROUP BY merges",
    label = "this subquery reads the enclosing query's rows",
    note = "group the enclosing query by the primary key of the one table the subquery correlates with, or aggregate in the subquery and join its result"
)]
pub trait CorrelatedGrouping<G> {
    /// [`Constant`] or [`Plain`].
    type Kind;
}

#[diagnostic::do_not_recommend]
impl<G> CorrelatedGrouping<G> for Nil {
    type Kind = Constant;
}

#[diagnostic::do_not_recommend]
impl<T, Rest> CorrelatedGrouping<NoGroup> for Cons<T, Rest> {
    type Kind = Plain;
}

#[diagnostic::do_not_recommend]
impl<T, Rest> CorrelatedGrouping<Ungrouped> for Cons<T, Rest> {
    type Kind = Plain;
}

#[diagnostic::do_not_recommend]
impl<T> CorrelatedGrouping<GroupByKey<T>> for Cons<T, Nil> {
    type Kind = Constant;
}
