//! `+ - * /` on typed expressions, through the standard operator traits.
//!
//! The operands must be numeric ([`Arithmetic`]); `title + 1` on a text column is a compile
//! error naming the SQL type.

use super::aggregate::{Aggregate, CountStar};
use super::expression::{AsExpr, Bind, Expression};
use super::operators::{Between, Binary, InList, Unary};
use super::sql_types::{Arithmetic, SqlType};

/// `Self op R` for an arithmetic operator: `Self` numeric, `R` a value or expression of the
/// same base type.
pub trait Arith<R>: Expression {
    /// The right operand as a typed expression.
    type Rhs: Expression;

    /// Converts the right operand.
    fn rhs(rhs: R) -> Self::Rhs;
}

impl<L, R> Arith<R> for L
where
    L: Expression,
    L::SqlType: Arithmetic,
    R: AsExpr<<L::SqlType as SqlType>::Base>,
{
    type Rhs = R::Expr;

    fn rhs(rhs: R) -> R::Expr {
        rhs.into_expr()
    }
}

/// Implements `+ - * /` for a typed expression type (used by `table!` for each column).
#[macro_export]
#[doc(hidden)]
macro_rules! column_operators {
    ($ty:ty $(, $param:ident)*) => {
        $crate::column_operators!(@op $ty, [$($param),*], Add add);
        $crate::column_operators!(@op $ty, [$($param),*], Sub sub);
        $crate::column_operators!(@op $ty, [$($param),*], Mul mul);
        $crate::column_operators!(@op $ty, [$($param),*], Div div);
    };
    (@op $ty:ty, [$($param:ident),*], $trait:ident $method:ident) => {
        impl<$($param,)* __Rhs> ::std::ops::$trait<__Rhs> for $ty
        where
            $ty: $crate::dsl::ops::Arith<__Rhs>,
        {
            type Output = $crate::dsl::operators::Binary<
                $crate::dsl::operators::$trait,
                $ty,
                <$ty as $crate::dsl::ops::Arith<__Rhs>>::Rhs,
            >;

            fn $method(self, __rhs: __Rhs) -> Self::Output {
                $crate::dsl::operators::Binary::new(self, <$ty as $crate::dsl::ops::Arith<__Rhs>>::rhs(__rhs))
            }
        }
    };
}

crate::column_operators!(Binary<Op, L, R>, Op, L, R);
crate::column_operators!(Unary<Op, E>, Op, E);
crate::column_operators!(Aggregate<Op, E>, Op, E);
crate::column_operators!(Between<E, Lo, Hi>, E, Lo, Hi);
crate::column_operators!(InList<E>, E);
crate::column_operators!(Bind<T>, T);
crate::column_operators!(CountStar);
