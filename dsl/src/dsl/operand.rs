//! The right-hand side of a comparison: a Rust value or an expression of the left side's SQL
//! type. When the left side is a column, a value that does not fit is reported naming that
//! column (`` `&str` cannot be compared with `shop::product::columns::price` ``); otherwise as
//! [`AsExpr`] reports it.

use super::column::ColumnDef;
use super::expression::{AsExpr, Expression};

/// What a message about a value compared with `Self` names: a column its declaration
/// ([`Column::Def`](super::table::Column::Def)), any other expression [`NotAColumn`].
pub trait Named {
    /// That name.
    type Name;
}

/// The [`Named::Name`] of an expression that is not a column.
#[derive(Debug)]
pub enum NotAColumn {}

/// A value or expression that may be compared with an expression named `N` whose base SQL
/// type is `T`.
pub trait Operand<N, T> {
    /// The typed expression it becomes.
    type Expr: Expression;

    /// Converts it.
    fn into_operand(self) -> Self::Expr;
}

impl<R, N, T> Operand<N, T> for R
where
    N: Describes<R, T>,
{
    type Expr = N::Expr;

    fn into_operand(self) -> N::Expr {
        N::convert(self)
    }
}

/// The name `Self` of the left side chooses how a right side `R` that does not fit is
/// reported: naming the column ([`FitsColumn`]), or as [`AsExpr`] does.
#[diagnostic::on_unimplemented(
    message = "`{R}` cannot be used where SQL type `{T}` is expected",
    label = "expected a `{T}` value or expression",
    note = "each SQL type takes one Rust type (`Integer`: i32, `BigInt`: i64, `Text`: &str or String, …) or an expression of that SQL type; an `Option` only where NULL is (`None` equals nothing: test with `.is_null()`)"
)]
pub trait Describes<R, T> {
    /// The typed expression `R` becomes.
    type Expr: Expression;

    /// Converts `value`.
    fn convert(value: R) -> Self::Expr;
}

impl<R: AsExpr<T>, T> Describes<R, T> for NotAColumn {
    type Expr = R::Expr;

    fn convert(value: R) -> R::Expr {
        value.into_expr()
    }
}

impl<M: ColumnDef, R: FitsColumn<M, T>, T> Describes<R, T> for M {
    type Expr = R::Expr;

    fn convert(value: R) -> R::Expr {
        value.into_column_operand()
    }
}

/// A value or expression that may be compared with the column `M` declares, of base SQL type
/// `T`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with `{M}`, a column of SQL type `{T}`",
    label = "expected a `{T}` value or expression",
    note = "each SQL type takes one Rust type (`Integer`: i32, `BigInt`: i64, `Text`: &str or String, …) or an expression of that SQL type; an `Option` only where NULL is (`None` equals nothing: test with `.is_null()`)"
)]
pub trait FitsColumn<M, T> {
    /// The typed expression it becomes.
    type Expr: Expression;

    /// Converts it.
    fn into_column_operand(self) -> Self::Expr;
}

#[diagnostic::do_not_recommend]
impl<R: AsExpr<T>, M, T> FitsColumn<M, T> for R {
    type Expr = R::Expr;

    fn into_column_operand(self) -> R::Expr {
        self.into_expr()
    }
}
