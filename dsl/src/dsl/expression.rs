//! Typed expressions: what every node knows about itself (SQL type, tables read, aggregation)
//! and how Rust values enter a query as bound parameters.

use std::marker::PhantomData;

use super::grouping::{Constant, Grouping};
use super::sql_types::SqlType;
use crate::ast;
use crate::value::Value;

/// A typed SQL expression: its [`SqlType`], and how it lowers to the untyped [`ast::Expr`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a SQL expression",
    label = "expected a column, a value or an expression of them",
    note = "an output name (`.alias(…)`) stands only in the selection and in ORDER BY: use the expression itself elsewhere"
)]
pub trait Expression {
    /// The SQL type of the value it yields.
    type SqlType: SqlType;

    /// The expression as plain data.
    fn lower(&self) -> ast::Expr;

    /// The expression as plain data, moving what it holds rather than copying it (a bound
    /// value's text, say).
    fn into_lowered(self) -> ast::Expr
    where
        Self: Sized,
    {
        self.lower()
    }
}

/// An expression that may be used in a query whose FROM list is `F`: every table it reads is
/// in `F`. `Out` is its SQL type there: nullable when it reads a left-joined table.
pub trait InScope<F, I>: Expression {
    /// The SQL type as the query sees it.
    type Out: SqlType;
}

/// A Rust value or typed expression usable where SQL type `T` is expected.
///
/// Values become bound parameters; expressions must have a compatible SQL type.
///
/// ```compile_fail
/// # use dovetail::dsl::{AsExpr, sql_types::Integer};
/// fn takes_integer(_: impl AsExpr<Integer>) {}
/// takes_integer("seven"); // `&str` is not an `Integer`
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used where SQL type `{T}` is expected",
    label = "expected a `{T}` value or expression",
    note = "each SQL type takes one Rust type (`Integer`: i32, `BigInt`: i64, `Text`: &str or String, …) or an expression of that SQL type; an `Option` only where NULL is (`None` equals nothing: test with `.is_null()`)"
)]
pub trait AsExpr<T> {
    /// The typed expression it becomes.
    type Expr: Expression;

    /// Converts it.
    fn into_expr(self) -> Self::Expr;
}

/// A Rust value bound as a parameter of SQL type `T`.
#[derive(Debug, Clone)]
pub struct Bind<T> {
    value: Value,
    sql_type: PhantomData<T>,
}

impl<T> Bind<T> {
    /// `value`, bound as a parameter of SQL type `T`.
    pub fn new(value: Value) -> Bind<T> {
        Bind {
            value,
            sql_type: PhantomData,
        }
    }

    /// The bound value.
    pub fn into_value(self) -> Value {
        self.value
    }
}

impl<T: SqlType> Expression for Bind<T> {
    type SqlType = T;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Param(self.value.clone())
    }

    fn into_lowered(self) -> ast::Expr {
        ast::Expr::Param(self.value)
    }
}

impl<T: SqlType, F> InScope<F, ()> for Bind<T> {
    type Out = T;
}

impl<T, G> Grouping<G, ()> for Bind<T> {
    type Kind = Constant;
}

crate::expression_roles!(Bind<T>, T);
