//! `CASE`: searched (`case_when(cond, value).when(…)`) and simple (`case(x).when(v, value)`),
//! with `.otherwise(…)` for `ELSE`.
//!
//! The first branch's value fixes the result's SQL type; every later value, and the `ELSE`,
//! must be of that type (a Rust value or an expression). The result is nullable when a value
//! is or when there is no `ELSE`. Conditions and values are checked like any expression: their
//! tables must be in the query, and aggregates and plain columns do not mix.
//!
//! ```
//! use dovetail::prelude::*;
//! use dovetail::dsl::case::case_when;
//! dovetail::table! { product { id: Integer, price: Numeric } primary_key (id); }
//! let band = case_when(product::price.lt(10), "cheap")
//!     .when(product::price.lt(30), "fair")
//!     .otherwise("dear");
//! let query = product::table.select((product::id, band));
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT "product"."id", CASE WHEN "product"."price" < $1 THEN $2 WHEN "product"."price" < $3 THEN $4 ELSE $5 END FROM "product""#
//! );
//! ```
//!
//! ```compile_fail
//! use dovetail::prelude::*;
//! use dovetail::dsl::case::case_when;
//! dovetail::table! { product { id: Integer, price: Numeric } primary_key (id); }
//! // A text branch after a number.
//! let _ = case_when(product::price.lt(10), product::id).otherwise("dear");
//! ```

use std::marker::PhantomData;

use super::expression::{AsExpr, Expression, InScope};
use super::grouping::{Constant, Grouping, Mix};
use super::sql_types::{Boolean, MaybeNull, NotNull, NullFlag, SqlType};
use crate::ast;

/// A first branch's value: an expression, or a Rust value of the SQL type it binds as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither an expression nor a Rust value with a SQL type of its own",
    note = "values are i32, i64, bool, f64, &str, String, Decimal, dates and times, Uuid or JSON"
)]
pub trait BranchValue {
    /// The typed expression it becomes.
    type Expr: Expression;

    /// Converts it.
    fn into_branch(self) -> Self::Expr;
}

impl<E: Expression> BranchValue for E {
    type Expr = E;

    fn into_branch(self) -> E {
        self
    }
}

/// `CASE … END` whose result has base SQL type `T`; `Cs` are the types of its conditions (and
/// operand), `Vs` of its values, each as a list `(head, rest)`; `N` is [`MaybeNull`] until an
/// `ELSE` makes it [`NotNull`].
#[derive(Debug)]
pub struct Case<T, Cs, Vs, N> {
    operand: Option<ast::Expr>,
    branches: Vec<(ast::Expr, ast::Expr)>,
    otherwise: Option<ast::Expr>,
    types: CaseTypes<T, Cs, Vs, N>,
}

/// The type parameters of a [`Case`], held without owning any value of them.
type CaseTypes<T, Cs, Vs, N> = PhantomData<fn() -> (T, Cs, Vs, N)>;

/// A searched CASE after its first branch, `WHEN c THEN v`.
type FirstWhen<C, V> = Case<BaseOf<V>, (C, ()), (V, ()), MaybeNull>;

/// A simple CASE on `X` after its first branch, `WHEN w THEN v`.
type FirstSimpleWhen<X, W, V> = Case<BaseOf<V>, (W, (X, ())), (V, ()), MaybeNull>;

/// A CASE after one more branch `WHEN c THEN v`.
type NextWhen<T, C, V, Cs, Vs> = Case<T, (C, Cs), (V, Vs), MaybeNull>;

impl<T, Cs, Vs, N> Clone for Case<T, Cs, Vs, N> {
    fn clone(&self) -> Self {
        Case {
            operand: self.operand.clone(),
            branches: self.branches.clone(),
            otherwise: self.otherwise.clone(),
            types: PhantomData,
        }
    }
}

/// The base SQL type of `V`'s expression.
type BaseOf<V> = <<V as Expression>::SqlType as SqlType>::Base;

/// `CASE WHEN condition THEN value`: the first branch of a searched CASE.
pub fn case_when<C, V>(condition: C, value: V) -> FirstWhen<C, V::Expr>
where
    C: Expression,
    C::SqlType: Boolean,
    V: BranchValue,
{
    Case {
        operand: None,
        branches: vec![(condition.lower(), value.into_branch().lower())],
        otherwise: None,
        types: PhantomData,
    }
}

/// `CASE operand`: a simple CASE, whose branches compare `operand` with values.
pub fn case<X: Expression>(operand: X) -> CaseOf<X> {
    CaseOf { operand }
}

/// A simple CASE before its first branch.
#[derive(Debug, Clone)]
pub struct CaseOf<X> {
    operand: X,
}

impl<X: Expression> CaseOf<X> {
    /// `WHEN candidate THEN value`: `value` where the operand equals `candidate`.
    pub fn when<W, V>(self, candidate: W, value: V) -> FirstSimpleWhen<X, W::Expr, V::Expr>
    where
        W: AsExpr<BaseOf<X>>,
        V: BranchValue,
    {
        Case {
            operand: Some(self.operand.lower()),
            branches: vec![(candidate.into_expr().lower(), value.into_branch().lower())],
            otherwise: None,
            types: PhantomData,
        }
    }
}

impl<T: SqlType, Cs, Vs> Case<T, Cs, Vs, MaybeNull> {
    /// Another `WHEN … THEN value`: a condition for a searched CASE, a value to compare the
    /// operand with for a simple one; `value` of the first branch's type.
    pub fn when<C, V>(self, when: C, value: V) -> NextWhen<T, C::Expr, V::Expr, Cs, Vs>
    where
        C: BranchCondition<Cs>,
        V: AsExpr<T>,
    {
        let mut branches = self.branches;
        branches.push((when.into_condition().lower(), value.into_expr().lower()));
        Case {
            operand: self.operand,
            branches,
            otherwise: None,
            types: PhantomData,
        }
    }

    /// `ELSE value`, of the first branch's type: the result is then nullable only if a
    /// value is.
    pub fn otherwise<V: AsExpr<T>>(self, value: V) -> Case<T, Cs, (V::Expr, Vs), NotNull> {
        Case {
            operand: self.operand,
            branches: self.branches,
            otherwise: Some(value.into_expr().lower()),
            types: PhantomData,
        }
    }
}

/// What a later `WHEN` takes in a CASE whose conditions (and operand) so far are `Cs`: a
/// boolean condition in a searched CASE, a value of the operand's type in a simple one (whose
/// operand is the last entry of `Cs`).
pub trait BranchCondition<Cs> {
    /// The typed expression it becomes.
    type Expr: Expression;

    /// Converts it.
    fn into_condition(self) -> Self::Expr;
}

impl<W, Cs: CaseKind> BranchCondition<Cs> for W
where
    Cs::Kind: WhenTakes<W>,
{
    type Expr = <Cs::Kind as WhenTakes<W>>::Expr;

    fn into_condition(self) -> Self::Expr {
        <Cs::Kind as WhenTakes<W>>::convert(self)
    }
}

/// The kind of CASE a condition list `(head, rest)` belongs to: [`Searched`] when its last
/// entry is a boolean condition of the first branch, [`Simple<X>`] when it is the operand.
pub trait CaseKind {
    /// [`Searched`] or [`Simple<X>`].
    type Kind;
}

/// A searched CASE: `CASE WHEN condition …`.
#[derive(Debug)]
pub enum Searched {}

/// A simple CASE on an operand of type `X`: `CASE x WHEN value …`.
#[derive(Debug)]
pub struct Simple<X>(PhantomData<X>);

impl<C> CaseKind for (C, ()) {
    type Kind = Searched;
}

impl<W, X> CaseKind for (W, (X, ())) {
    type Kind = Simple<X>;
}

impl<H, A, B, C> CaseKind for (H, (A, (B, C)))
where
    (A, (B, C)): CaseKind,
{
    type Kind = <(A, (B, C)) as CaseKind>::Kind;
}

/// What a `WHEN` of this kind of CASE takes.
pub trait WhenTakes<W> {
    /// The typed expression `W` becomes.
    type Expr: Expression;

    /// Converts it.
    fn convert(when: W) -> Self::Expr;
}

impl<W: Expression> WhenTakes<W> for Searched
where
    W::SqlType: Boolean,
{
    type Expr = W;

    fn convert(when: W) -> W {
        when
    }
}

impl<W, X: Expression> WhenTakes<W> for Simple<X>
where
    W: AsExpr<BaseOf<X>>,
{
    type Expr = W::Expr;

    fn convert(when: W) -> W::Expr {
        when.into_expr()
    }
}

/// The nullability of a list of values (as its expressions' SQL types say).
pub trait ValueNulls {
    /// [`MaybeNull`] if any value may be `NULL`.
    type IsNull: NullFlag;
}

impl ValueNulls for () {
    type IsNull = NotNull;
}

impl<H: Expression, R: ValueNulls> ValueNulls for (H, R) {
    type IsNull = <<H::SqlType as SqlType>::IsNull as NullFlag>::Or<R::IsNull>;
}

/// A list of expressions that may be used in a query reading `F`, with the nullability of
/// their values there.
pub trait PartsInScope<F, I> {
    /// [`MaybeNull`] if any may be `NULL` in that query.
    type IsNull: NullFlag;
}

impl<F> PartsInScope<F, ()> for () {
    type IsNull = NotNull;
}

impl<F, H, R, IH, IR> PartsInScope<F, (IH, IR)> for (H, R)
where
    H: InScope<F, IH>,
    R: PartsInScope<F, IR>,
{
    type IsNull = <<H::Out as SqlType>::IsNull as NullFlag>::Or<R::IsNull>;
}

/// The combined grouping kind of a list of expressions.
pub trait PartKinds<G, I> {
    /// Plain, aggregated or constant.
    type Kind;
}

impl<G> PartKinds<G, ()> for () {
    type Kind = Constant;
}

impl<G, H, R, IH, IR> PartKinds<G, (IH, IR)> for (H, R)
where
    H: Grouping<G, IH>,
    R: PartKinds<G, IR>,
    H::Kind: Mix<R::Kind>,
{
    type Kind = <H::Kind as Mix<R::Kind>>::Out;
}

impl<T: SqlType, Cs, Vs: ValueNulls, N: NullFlag> Expression for Case<T, Cs, Vs, N> {
    type SqlType = <<Vs::IsNull as NullFlag>::Or<N> as NullFlag>::Apply<T>;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Case {
            operand: self.operand.clone().map(Box::new),
            branches: self.branches.clone(),
            otherwise: self.otherwise.clone().map(Box::new),
        }
    }
}

impl<T, Cs, Vs, N, F, IC, IV> InScope<F, (IC, IV)> for Case<T, Cs, Vs, N>
where
    T: SqlType,
    Vs: ValueNulls + PartsInScope<F, IV>,
    Cs: PartsInScope<F, IC>,
    N: NullFlag,
{
    type Out = <<<Vs as PartsInScope<F, IV>>::IsNull as NullFlag>::Or<N> as NullFlag>::Apply<T>;
}

impl<T, Cs, Vs, N, G, IC, IV> Grouping<G, (IC, IV)> for Case<T, Cs, Vs, N>
where
    Cs: PartKinds<G, IC>,
    Vs: PartKinds<G, IV>,
    Cs::Kind: Mix<Vs::Kind>,
{
    type Kind = <Cs::Kind as Mix<Vs::Kind>>::Out;
}

crate::expression_roles!(Case<T, Cs, Vs, N>, T, Cs, Vs, N);
