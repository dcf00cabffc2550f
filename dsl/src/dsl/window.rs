//! Window functions: `row_number()`, `rank()`, `dense_rank()`, `ntile(n)`, `lag`/`lead`,
//! `first_value`/`last_value`, and every aggregate, computed `.over(window()…)`.
//!
//! A window function is computed after WHERE, GROUP BY and HAVING, so it may be selected and
//! ordered by, beside what its arguments, partition and ordering may stand beside (grouped
//! columns and aggregates in a grouped query), but not filtered on, aggregated or written: its
//! kind is [`Windowed`], which those clauses refuse, each with its own sentence. To filter on
//! one (top-N per group), select it in a derived table and filter outside.
//!
//! ```
//! use dovetail::prelude::*;
//! use dovetail::dsl::window::{rank, window};
//! dovetail::table! { film { id: Integer, rating: Text, length: Integer } primary_key (id); }
//! let longest = rank().over(window().partition_by(film::rating).order_by_desc(film::length));
//! let query = film::table.select((film::id, longest));
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT "film"."id", RANK() OVER (PARTITION BY "film"."rating" ORDER BY "film"."length" DESC) FROM "film""#
//! );
//! ```
//!
//! ```compile_fail
//! use dovetail::prelude::*;
//! use dovetail::dsl::window::{row_number, window};
//! dovetail::table! { film { id: Integer, length: Integer } primary_key (id); }
//! // A window function in WHERE.
//! let first = row_number().over(window().order_by(film::length));
//! let _ = film::table.filter(first.eq(1_i64)).select(film::id);
//! ```

use std::marker::PhantomData;

use super::aggregate::{Aggregate, AggregateOf, AggregateOperator, CountStar};
use super::case::{PartKinds, PartsInScope};
use super::expression::{Expression, InScope};
use super::functions::{NeverNull, call};
use super::grouping::{Constant, Grouping, Mix, Windowed};
use super::rust_types::BindValue;
use super::sql_types::{BigInt, Nullable, SqlType};
use crate::ast::{self, FrameBound, FrameUnits};

/// A window: `PARTITION BY`, `ORDER BY` and a frame. `P` and `O` are the types of the
/// partition and ordering expressions, as lists `(head, rest)`.
#[derive(Debug)]
pub struct Window<P, O> {
    partition_by: Vec<ast::Expr>,
    order_by: Vec<ast::OrderBy>,
    frame: Option<ast::WindowFrame>,
    types: PhantomData<fn() -> (P, O)>,
}

impl<P, O> Clone for Window<P, O> {
    fn clone(&self) -> Self {
        Window {
            partition_by: self.partition_by.clone(),
            order_by: self.order_by.clone(),
            frame: self.frame.clone(),
            types: PhantomData,
        }
    }
}

/// The whole result as one window, `OVER ()`, to narrow with its methods.
pub fn window() -> Window<(), ()> {
    Window {
        partition_by: Vec::new(),
        order_by: Vec::new(),
        frame: None,
        types: PhantomData,
    }
}

impl<P, O> Window<P, O> {
    fn retype<P2, O2>(self) -> Window<P2, O2> {
        Window {
            partition_by: self.partition_by,
            order_by: self.order_by,
            frame: self.frame,
            types: PhantomData,
        }
    }

    /// `PARTITION BY expr` (after any earlier ones): a window per value.
    pub fn partition_by<E: Expression>(mut self, expr: E) -> Window<(E, P), O> {
        self.partition_by.push(expr.lower());
        self.retype()
    }

    /// `ORDER BY expr ASC` (after any earlier terms).
    pub fn order_by<E: Expression>(mut self, expr: E) -> Window<P, (E, O)> {
        self.order_by.push(expr.lower().asc());
        self.retype()
    }

    /// `ORDER BY expr DESC` (after any earlier terms).
    pub fn order_by_desc<E: Expression>(mut self, expr: E) -> Window<P, (E, O)> {
        self.order_by.push(expr.lower().desc());
        self.retype()
    }

    /// `ROWS BETWEEN start AND end`: the frame counts rows.
    pub fn rows_between(mut self, start: FrameBound, end: FrameBound) -> Self {
        self.frame = Some(frame(FrameUnits::Rows, start, end));
        self
    }

    /// `RANGE BETWEEN start AND end`: the frame counts by the ordering's value (`n PRECEDING`
    /// and `n FOLLOWING` need a numeric ordering).
    pub fn range_between(mut self, start: FrameBound, end: FrameBound) -> Self {
        self.frame = Some(frame(FrameUnits::Range, start, end));
        self
    }
}

fn frame(units: FrameUnits, start: FrameBound, end: FrameBound) -> ast::WindowFrame {
    ast::WindowFrame {
        units,
        start,
        end: Some(end),
    }
}

/// A function computed over a window: a ranking or navigation function, or an aggregate.
pub trait WindowFunction {
    /// The SQL type of its result.
    type SqlType: SqlType;

    /// The call as plain data.
    fn lower_call(&self) -> ast::Expr;

    /// The value that stands for `NULL` in its result (a `LAG`/`LEAD` default), if any.
    fn fallback(&self) -> Option<ast::Expr> {
        None
    }
}

/// The tables a window function's arguments read are in `F`; its result's type there.
pub trait WindowFunctionIn<F, I>: WindowFunction {
    /// The result's SQL type in that query.
    type Out: SqlType;
}

/// How a window function's arguments relate to the grouping `G`.
pub trait WindowArguments<G, I> {
    /// Plain, aggregated or constant.
    type Kind;
}

/// `function OVER (window)`.
#[derive(Debug, Clone)]
pub struct Over<Fn, P, O> {
    function: Fn,
    window: Window<P, O>,
}

/// Window functions computed over a window.
pub trait OverWindow: WindowFunction + Sized {
    /// `self OVER (window)`.
    fn over<P, O>(self, window: Window<P, O>) -> Over<Self, P, O> {
        Over {
            function: self,
            window,
        }
    }
}

impl<Fn: WindowFunction> OverWindow for Fn {}

impl<Fn: WindowFunction, P, O> Expression for Over<Fn, P, O> {
    type SqlType = Fn::SqlType;

    fn lower(&self) -> ast::Expr {
        let over = ast::Expr::Window(Box::new(ast::WindowFunction {
            function: self.function.lower_call(),
            partition_by: self.window.partition_by.clone(),
            order_by: self.window.order_by.clone(),
            frame: self.window.frame.clone(),
        }));
        match self.function.fallback() {
            Some(fallback) => call("COALESCE", vec![over, fallback]),
            None => over,
        }
    }
}

impl<Fn, P, O, F, IF, IP, IO> InScope<F, (IF, IP, IO)> for Over<Fn, P, O>
where
    Fn: WindowFunctionIn<F, IF>,
    P: PartsInScope<F, IP>,
    O: PartsInScope<F, IO>,
{
    type Out = Fn::Out;
}

impl<Fn, P, O, G, IF, IP, IO> Grouping<G, (IF, IP, IO)> for Over<Fn, P, O>
where
    Fn: WindowArguments<G, IF>,
    P: PartKinds<G, IP>,
    O: PartKinds<G, IO>,
    P::Kind: Mix<O::Kind>,
    Fn::Kind: Mix<<P::Kind as Mix<O::Kind>>::Out>,
{
    type Kind = Windowed<<Fn::Kind as Mix<<P::Kind as Mix<O::Kind>>::Out>>::Out>;
}

crate::expression_roles!(Over<Fn, P, O>, Fn, P, O);

/// Every aggregate is a window function over its window's frame; its argument is read like a
/// selected expression of the query (grouped or aggregated in a grouped query).
impl<Op, E> WindowFunction for Aggregate<Op, E>
where
    Self: Expression,
{
    type SqlType = <Self as Expression>::SqlType;

    fn lower_call(&self) -> ast::Expr {
        Expression::lower(self)
    }
}

impl<Op, E, F, I> WindowFunctionIn<F, I> for Aggregate<Op, E>
where
    Self: Expression,
    Op: AggregateOperator + AggregateOf<E::SqlType> + AggregateOf<E::Out>,
    E: InScope<F, I>,
{
    type Out = <Op as AggregateOf<E::Out>>::Result;
}

impl<Op, E: Grouping<G, I>, G, I> WindowArguments<G, I> for Aggregate<Op, E> {
    type Kind = E::Kind;
}

impl WindowFunction for CountStar {
    type SqlType = BigInt;

    fn lower_call(&self) -> ast::Expr {
        Expression::lower(self)
    }
}

impl<F> WindowFunctionIn<F, ()> for CountStar {
    type Out = BigInt;
}

impl<G> WindowArguments<G, ()> for CountStar {
    type Kind = Constant;
}

/// A ranking function, of no argument.
#[derive(Debug, Clone, Copy)]
pub struct Ranking {
    name: &'static str,
}

impl WindowFunction for Ranking {
    type SqlType = BigInt;

    fn lower_call(&self) -> ast::Expr {
        call(self.name, Vec::new())
    }
}

impl<F> WindowFunctionIn<F, ()> for Ranking {
    type Out = BigInt;
}

impl<G> WindowArguments<G, ()> for Ranking {
    type Kind = Constant;
}

/// `ROW_NUMBER()`: 1, 2, 3… in the window's order.
pub fn row_number() -> Ranking {
    Ranking { name: "ROW_NUMBER" }
}

/// `RANK()`: the row's rank in the window's order, with gaps after ties.
pub fn rank() -> Ranking {
    Ranking { name: "RANK" }
}

/// `DENSE_RANK()`: the row's rank in the window's order, without gaps after ties.
pub fn dense_rank() -> Ranking {
    Ranking { name: "DENSE_RANK" }
}

/// `NTILE(n)`: which of `n` as-equal-as-possible buckets the row falls in, from 1.
#[derive(Debug, Clone, Copy)]
pub struct Ntile {
    buckets: u32,
}

/// `NTILE(buckets)`; the count is written into the SQL (MariaDB takes no parameter there).
pub fn ntile(buckets: u32) -> Ntile {
    Ntile { buckets }
}

impl WindowFunction for Ntile {
    type SqlType = BigInt;

    fn lower_call(&self) -> ast::Expr {
        call("NTILE", vec![ast::Expr::Number(self.buckets.into())])
    }
}

impl<F> WindowFunctionIn<F, ()> for Ntile {
    type Out = BigInt;
}

impl<G> WindowArguments<G, ()> for Ntile {
    type Kind = Constant;
}

/// `LAG` / `LEAD` / `FIRST_VALUE` / `LAST_VALUE` of `E`, with an optional default `D` for a
/// row that has none; its type is `E`'s, nullable unless a non-null default fills the gap.
#[derive(Debug, Clone, Copy)]
pub struct Navigation<E, D> {
    name: &'static str,
    value: E,
    offset: Option<u32>,
    default: D,
}

/// No default: a row outside the partition reads as `NULL`.
#[derive(Debug, Clone, Copy)]
pub struct NoDefault;

/// `LAG(value, offset)`: `value` of the row `offset` rows before in the window's order;
/// `NULL` for the first ones. The offset is written into the SQL (MariaDB takes no parameter
/// there).
pub fn lag<E: Expression>(value: E, offset: u32) -> Navigation<E, NoDefault> {
    navigate("LAG", value, Some(offset))
}

/// `LEAD(value, offset)`: `value` of the row `offset` rows after; `NULL` for the last ones.
pub fn lead<E: Expression>(value: E, offset: u32) -> Navigation<E, NoDefault> {
    navigate("LEAD", value, Some(offset))
}

/// `FIRST_VALUE(value)`: `value` of the first row of the frame.
pub fn first_value<E: Expression>(value: E) -> Navigation<E, NoDefault> {
    navigate("FIRST_VALUE", value, None)
}

/// `LAST_VALUE(value)`: `value` of the last row of the frame (by default the current row's
/// last peer: give the window a frame that reaches the end to read the partition's last).
pub fn last_value<E: Expression>(value: E) -> Navigation<E, NoDefault> {
    navigate("LAST_VALUE", value, None)
}

fn navigate<E>(name: &'static str, value: E, offset: Option<u32>) -> Navigation<E, NoDefault> {
    Navigation {
        name,
        value,
        offset,
        default: NoDefault,
    }
}

impl<E: Expression> Navigation<E, NoDefault> {
    /// The value, a Rust value of `value`'s type, for a row that has no row at the offset
    /// (`LAG`/`LEAD`), of a value that is never `NULL`: the result is then not `NULL` either.
    /// Written `COALESCE(LAG(…) OVER (…), default)`, which MariaDB, lacking `LAG`'s third
    /// argument, runs too.
    pub fn or_default<D>(self, default: D) -> Navigation<E, D::Expr>
    where
        E::SqlType: NeverNull,
        D: BindValue<<E::SqlType as SqlType>::Base>,
    {
        Navigation {
            name: self.name,
            value: self.value,
            offset: self.offset.or(Some(1)),
            default: default.into_expr(),
        }
    }
}

/// What a [`Navigation`] reads besides its value: nothing, or a default.
pub trait NavigationDefault {
    /// The default's expression, if any.
    fn lower_default(&self) -> Option<ast::Expr>;
}

impl NavigationDefault for NoDefault {
    fn lower_default(&self) -> Option<ast::Expr> {
        None
    }
}

impl<D: Expression> NavigationDefault for D {
    fn lower_default(&self) -> Option<ast::Expr> {
        Some(self.lower())
    }
}

/// The result type of a navigation function over `E` with default `D`.
pub trait NavigationResult<E> {
    /// The SQL type.
    type SqlType: SqlType;
}

impl<E: SqlType> NavigationResult<E> for NoDefault {
    type SqlType = Nullable<E::Base>;
}

impl<E: SqlType, D: Expression> NavigationResult<E> for D {
    type SqlType = super::operators::EitherNull<E, D::SqlType, E::Base>;
}

impl<E: Expression, D: NavigationDefault + NavigationResult<E::SqlType>> WindowFunction
    for Navigation<E, D>
{
    type SqlType = D::SqlType;

    fn lower_call(&self) -> ast::Expr {
        let mut args = vec![self.value.lower()];
        if let Some(offset) = self.offset {
            args.push(ast::Expr::Number(offset.into()));
        }
        call(self.name, args)
    }

    fn fallback(&self) -> Option<ast::Expr> {
        self.default.lower_default()
    }
}

impl<E, D, F, I> WindowFunctionIn<F, I> for Navigation<E, D>
where
    E: InScope<F, I>,
    D: NavigationDefault + NavigationResult<E::SqlType> + NavigationResult<E::Out>,
{
    type Out = <D as NavigationResult<E::Out>>::SqlType;
}

impl<E: Grouping<G, I>, D, G, I> WindowArguments<G, I> for Navigation<E, D> {
    type Kind = E::Kind;
}
