//! `+ - * /` on typed expressions, through the standard operator traits.
//!
//! The operator impls themselves accept anything, so that each column costs the compiler four
//! trivial impls; the checks live on the [`Arith`] node they build. `title + 1` on a text
//! column therefore fails where the expression is used, naming the SQL type that is not
//! numeric.

use std::marker::PhantomData;

use super::aggregate::{Aggregate, CountStar};
use super::expression::{AsExpr, Bind, Expression, InScope};
use super::grouping::{Grouping, Mix};
use super::operators::EitherNull;
use super::operators::{Between, Binary, BinaryOperator, InList, Unary};
use super::sql_types::{Arithmetic, Promote, SqlType};
use crate::ast;

/// The SQL type the other operand of numeric `E` must have.
type OperandOf<E> = <<E as Expression>::SqlType as Arithmetic>::Operand;

/// `left op right` for an arithmetic operator; `right` is a Rust value or an expression, kept
/// as given until the node is lowered.
#[derive(Debug, Clone, Copy)]
pub struct Arith<Op, L, R> {
    left: L,
    right: R,
    op: PhantomData<Op>,
}

impl<Op, L, R> Arith<Op, L, R> {
    /// `left op right`.
    pub fn new(left: L, right: R) -> Self {
        Arith {
            left,
            right,
            op: PhantomData,
        }
    }
}

/// The type of arithmetic between SQL types `L` and `R`: their promoted base type, nullable
/// when either is.
type Promoted<L, R> = EitherNull<L, R, <<L as Arithmetic>::Operand as Promote<BaseOf<R>>>::Out>;

type BaseOf<T> = <T as SqlType>::Base;

impl<Op, L, R> Expression for Arith<Op, L, R>
where
    Op: BinaryOperator,
    L: Expression,
    L::SqlType: Arithmetic,
    R: AsExpr<OperandOf<L>> + Clone,
    OperandOf<L>: Promote<BaseOf<<R::Expr as Expression>::SqlType>>,
{
    type SqlType = Promoted<L::SqlType, <R::Expr as Expression>::SqlType>;

    fn lower(&self) -> ast::Expr {
        let right = self.right.clone().into_expr();
        Op::lower_typed::<L::SqlType, <R::Expr as Expression>::SqlType>(
            self.left.lower(),
            right.lower(),
        )
    }
}

impl<Op, L, R, F, IL, IR> InScope<F, (IL, IR)> for Arith<Op, L, R>
where
    Op: BinaryOperator,
    L: InScope<F, IL>,
    L::SqlType: Arithmetic,
    R: AsExpr<OperandOf<L>> + Clone,
    R::Expr: InScope<F, IR>,
    OperandOf<L>: Promote<BaseOf<<R::Expr as Expression>::SqlType>>,
    L::Out: Arithmetic,
    <L::Out as Arithmetic>::Operand: Promote<BaseOf<<R::Expr as InScope<F, IR>>::Out>>,
{
    type Out = Promoted<L::Out, <R::Expr as InScope<F, IR>>::Out>;
}

impl<Op, L, R, G, IL, IR> Grouping<G, (IL, IR)> for Arith<Op, L, R>
where
    L: Grouping<G, IL> + Expression,
    L::SqlType: Arithmetic,
    R: AsExpr<OperandOf<L>>,
    R::Expr: Grouping<G, IR>,
    L::Kind: Mix<<R::Expr as Grouping<G, IR>>::Kind>,
{
    type Kind = <L::Kind as Mix<<R::Expr as Grouping<G, IR>>::Kind>>::Out;
}

crate::expression_roles!(Arith<Op, L, R>, Op, L, R);

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
        impl<$($param,)* __Rhs> ::std::ops::$trait<__Rhs> for $ty {
            type Output = $crate::dsl::ops::Arith<$crate::dsl::operators::$trait, $ty, __Rhs>;

            fn $method(self, __rhs: __Rhs) -> Self::Output {
                $crate::dsl::ops::Arith::new(self, __rhs)
            }
        }
    };
}

crate::column_operators!(Arith<Op, L, R>, Op, L, R);
crate::column_operators!(Binary<Op, L, R>, Op, L, R);
crate::column_operators!(Unary<Op, E>, Op, E);
crate::column_operators!(Aggregate<Op, E>, Op, E);
crate::column_operators!(Between<E, Lo, Hi>, E, Lo, Hi);
crate::column_operators!(InList<E>, E);
crate::column_operators!(Bind<T>, T);
crate::column_operators!(CountStar);
