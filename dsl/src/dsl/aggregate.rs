//! Aggregate functions: `COUNT`, `SUM`, `AVG`, `MIN`, `MAX`, `bool_and`, `bool_or`.
//!
//! ```
//! use dovetail::prelude::*;
//! # dovetail::table! { track { id: Integer, milliseconds: Integer } }
//! let query = track::table.select((count_star(), sum(track::milliseconds)));
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT COUNT(*), SUM("track"."milliseconds") FROM "track""#
//! );
//! ```

use std::marker::PhantomData;

use super::case::{PartKinds, PartsInScope};
use super::expression::{Expression, InScope};
use super::grouping::{Aggregated, Grouping, NoGroup, Unaggregated};
use super::sql_types::{
    BigInt, Bool, Boolean, Nullable, Orderable, SqlType, Summable, Text, Textual,
};
use crate::ast::{self, AggregateFunction};

/// An aggregate function: the SQL function it renders as.
pub trait AggregateOperator {
    /// The function.
    const FUNCTION: AggregateFunction;
    /// `COUNT(DISTINCT …)`.
    const DISTINCT: bool = false;
}

/// The SQL type an aggregate yields over an argument of SQL type `E`.
pub trait AggregateOf<E> {
    /// The result type.
    type Result: SqlType;
}

/// `function(expr)`, an aggregate over the rows of a group.
#[derive(Debug, Clone, Copy)]
pub struct Aggregate<Op, E> {
    expr: E,
    op: PhantomData<Op>,
}

impl<Op, E> Expression for Aggregate<Op, E>
where
    Op: AggregateOperator + AggregateOf<E::SqlType>,
    E: Expression,
{
    type SqlType = Op::Result;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Aggregate(ast::Aggregate {
            function: Op::FUNCTION,
            args: vec![self.expr.lower()],
            distinct: Op::DISTINCT,
            filter: None,
        })
    }
}

impl<Op, E, F, I> InScope<F, I> for Aggregate<Op, E>
where
    Op: AggregateOperator + AggregateOf<E::SqlType> + AggregateOf<E::Out>,
    E: InScope<F, I>,
{
    type Out = <Op as AggregateOf<E::Out>>::Result;
}

/// An aggregate reads any column of the rows it aggregates, grouped or not, but no aggregate.
impl<Op, E, G, I> Grouping<G, I> for Aggregate<Op, E>
where
    E: Grouping<NoGroup, I>,
    E::Kind: Unaggregated,
{
    type Kind = Aggregated;
}

macro_rules! aggregates {
    ($($(#[$doc:meta])* $name:ident $fn_name:ident => $function:ident $(distinct $distinct:literal)?, $result:ty $(where $bound:path)?;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub enum $name {}

        impl<E: SqlType $(+ $bound)?> AggregateOf<E> for $name {
            type Result = $result;
        }

        impl AggregateOperator for $name {
            const FUNCTION: AggregateFunction = AggregateFunction::$function;
            $(const DISTINCT: bool = $distinct;)?
        }

        $(#[$doc])*
        pub fn $fn_name<E: Expression>(expr: E) -> Aggregate<$name, E> {
            Aggregate { expr, op: PhantomData }
        }
    )*};
}

aggregates! {
    /// `COUNT(expr)`: the number of rows where `expr` is not `NULL`.
    Count count => Count, BigInt;
    /// `COUNT(DISTINCT expr)`: the number of distinct non-`NULL` values.
    CountDistinct count_distinct => Count distinct true, BigInt;
    /// `SUM(expr)`: `NULL` over no rows.
    Sum sum => Sum, Nullable<E::Sum> where Summable;
    /// `AVG(expr)`: `NULL` over no rows.
    Avg avg => Avg, Nullable<E::Avg> where Summable;
    /// `MIN(expr)`: `NULL` over no rows.
    Min min => Min, Nullable<E::Base> where Orderable;
    /// `MAX(expr)`: `NULL` over no rows.
    Max max => Max, Nullable<E::Base> where Orderable;
    /// `bool_and(expr)` (`MIN` where booleans are 0 and 1): whether every non-`NULL` value is
    /// true; `NULL` over no rows.
    BoolAnd bool_and => BoolAnd, Nullable<Bool> where Boolean;
    /// `bool_or(expr)` (`MAX` where booleans are 0 and 1): whether any non-`NULL` value is
    /// true; `NULL` over no rows.
    BoolOr bool_or => BoolOr, Nullable<Bool> where Boolean;
}

/// `COUNT(*)`: the number of rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct CountStar;

/// `COUNT(*)`: the number of rows.
pub fn count_star() -> CountStar {
    CountStar
}

impl Expression for CountStar {
    type SqlType = BigInt;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Aggregate(ast::Aggregate {
            function: AggregateFunction::Count,
            args: vec![ast::Expr::Wildcard { table: None }],
            distinct: false,
            filter: None,
        })
    }
}

impl<F> InScope<F, ()> for CountStar {
    type Out = BigInt;
}

impl<G> Grouping<G, ()> for CountStar {
    type Kind = Aggregated;
}

/// `aggregate FILTER (WHERE condition)`: the aggregate over the rows that meet `condition`
/// (`aggregate(CASE WHEN condition THEN x END)` where the dialect has no `FILTER`).
///
/// ```
/// use dovetail::prelude::*;
/// dovetail::table! { track { id: Integer, milliseconds: Integer } primary_key (id); }
/// let long = count_star().filter(track::milliseconds.gt(300_000));
/// let query = track::table.select((count_star(), long));
/// assert_eq!(
///     query.to_sql(&Postgres).unwrap().sql,
///     r#"SELECT COUNT(*), COUNT(*) FILTER (WHERE "track"."milliseconds" > $1) FROM "track""#
/// );
/// assert_eq!(
///     query.to_sql(&MySql::default()).unwrap().sql,
///     "SELECT COUNT(*), COUNT(CASE WHEN `track`.`milliseconds` > ? THEN 1 END) FROM `track`"
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Filtered<A, C> {
    aggregate: A,
    condition: C,
}

impl<A: Expression, C: Expression> Expression for Filtered<A, C> {
    type SqlType = A::SqlType;

    fn lower(&self) -> ast::Expr {
        match self.aggregate.lower() {
            ast::Expr::Aggregate(mut aggregate) => {
                let condition = self.condition.lower();
                aggregate.filter = Some(Box::new(match aggregate.filter.take() {
                    Some(earlier) => earlier.and(condition),
                    None => condition,
                }));
                ast::Expr::Aggregate(aggregate)
            }
            other => other,
        }
    }
}

impl<A, C, F, IA, IC> InScope<F, (IA, IC)> for Filtered<A, C>
where
    A: InScope<F, IA>,
    C: InScope<F, IC>,
{
    type Out = A::Out;
}

/// The condition reads the rows being aggregated: no aggregate in it.
impl<A, C, G, IA, IC> Grouping<G, (IA, IC)> for Filtered<A, C>
where
    A: Grouping<G, IA>,
    C: Grouping<NoGroup, IC>,
    C::Kind: Unaggregated,
{
    type Kind = A::Kind;
}

/// Aggregates that take a `FILTER (WHERE …)`.
pub trait FilterRows: Expression + Sized {
    /// The aggregate over the rows that meet `condition` only; filters add up with `AND`.
    fn filter<C>(self, condition: C) -> Filtered<Self, C>
    where
        C: Expression,
        C::SqlType: Boolean,
    {
        Filtered {
            aggregate: self,
            condition,
        }
    }
}

impl<Op, E> FilterRows for Aggregate<Op, E> where Self: Expression {}
impl FilterRows for CountStar {}
impl<A: FilterRows, C: Expression> FilterRows for Filtered<A, C> {}

crate::expression_roles!(Aggregate<Op, E>, Op, E);
crate::expression_roles!(CountStar);
crate::expression_roles!(Filtered<A, C>, A, C);

/// `string_agg(value, separator)`: the group's texts joined by `separator`, in the order of
/// `.order_by(key)` or `.order_by_desc(key)` if given (else as the server meets them); `NULL`
/// over no rows. `L` lists the types of the value and key. On MySQL, `GROUP_CONCAT` cuts its
/// result at the session's `group_concat_max_len`, which dovetail's connections raise to its
/// maximum.
///
/// ```
/// use dovetail::prelude::*;
/// use dovetail::dsl::aggregate::string_agg;
/// dovetail::table! { track { id: Integer, album_id: Integer, name: Text } primary_key (id); }
/// let names = string_agg(track::name, ", ").order_by(track::id);
/// let query = track::table.group_by(track::album_id).select((track::album_id, names));
/// assert_eq!(
///     query.to_sql(&Postgres).unwrap().sql,
///     r#"SELECT "track"."album_id", string_agg("track"."name", ', ' ORDER BY "track"."id" ASC) FROM "track" GROUP BY "track"."album_id""#
/// );
/// assert_eq!(
///     query.to_sql(&MySql::default()).unwrap().sql,
///     "SELECT `track`.`album_id`, GROUP_CONCAT(`track`.`name` ORDER BY `track`.`id` ASC SEPARATOR ', ') FROM `track` GROUP BY `track`.`album_id`"
/// );
/// ```
#[derive(Debug, Clone)]
pub struct StringAgg<L> {
    args: Vec<ast::Expr>,
    separator: &'static str,
    descending: bool,
    types: PhantomData<fn() -> L>,
}

/// `string_agg(value, separator)` of a text expression (see [`StringAgg`]).
pub fn string_agg<E>(value: E, separator: &'static str) -> StringAgg<(E, ())>
where
    E: Expression,
    E::SqlType: Textual,
{
    StringAgg {
        args: vec![value.lower()],
        separator,
        descending: false,
        types: PhantomData,
    }
}

impl<E> StringAgg<(E, ())> {
    /// Joins the texts in ascending order of `key`.
    pub fn order_by<K: Expression>(self, key: K) -> StringAgg<(E, (K, ()))> {
        self.ordered(key, false)
    }

    /// Joins the texts in descending order of `key`.
    pub fn order_by_desc<K: Expression>(self, key: K) -> StringAgg<(E, (K, ()))> {
        self.ordered(key, true)
    }

    fn ordered<K: Expression>(mut self, key: K, descending: bool) -> StringAgg<(E, (K, ()))> {
        self.args.push(key.lower());
        StringAgg {
            args: self.args,
            separator: self.separator,
            descending,
            types: PhantomData,
        }
    }
}

impl<L: 'static> Expression for StringAgg<L> {
    type SqlType = Nullable<Text>;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Builtin {
            function: ast::Builtin::StringAgg {
                separator: self.separator,
                descending: self.descending,
            },
            args: self.args.clone(),
        }
    }
}

impl<L: PartsInScope<F, I> + 'static, F, I> InScope<F, I> for StringAgg<L> {
    type Out = Nullable<Text>;
}

/// Its value and key are read row by row: no aggregate in them.
impl<L: PartKinds<NoGroup, I>, G, I> Grouping<G, I> for StringAgg<L>
where
    L::Kind: Unaggregated,
{
    type Kind = Aggregated;
}

crate::expression_roles!(StringAgg<L>, L);
