//! Row values: `(a, b).gt((x, y))`, the comparison keyset pagination pages with. Rendered as
//! a row comparison, `("a", "b") > ($1, $2)`, which PostgreSQL, MySQL/MariaDB and SQLite all
//! evaluate field by field in order (`a > x`, or `a = x` and `b > y`).
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! { track { id: Integer, name: Text } primary_key (id); }
//! // The page after the row ("Hey Jude", 12).
//! let next = track::table
//!     .filter((track::name, track::id).gt(("Hey Jude", 12)))
//!     .select((track::name, track::id))
//!     .order_by((track::name, track::id))
//!     .limit(20);
//! assert_eq!(
//!     next.to_sql(&Sqlite::default()).unwrap().sql,
//!     r#"SELECT "track"."name", "track"."id" FROM "track" WHERE ("track"."name", "track"."id") > (?, ?) ORDER BY "track"."name" ASC, "track"."id" ASC LIMIT ?"#
//! );
//! assert!(next.to_sql(&Postgres).unwrap().sql.contains(r#"("track"."name", "track"."id") > ($1, $2)"#));
//! assert!(next.to_sql(&MySql::default()).unwrap().sql.contains("(`track`.`name`, `track`.`id`) > (?, ?)"));
//! ```

use super::expression::{AsExpr, Expression, InScope};
use super::grouping::{Grouping, Mix};
use super::sql_types::{Bool, NullFlag, SqlType};
use crate::ast;

/// The comparison of two rows of expressions, `(a, b) op (x, y)`.
#[derive(Debug, Clone, Copy)]
pub struct RowComparison<L, R> {
    op: ast::BinaryOp,
    left: L,
    right: R,
}

/// The values or expressions `Self` that a row of expressions `L` is compared with: as many,
/// each of the SQL type of its counterpart (one message for both, since a value of the wrong
/// type in a row reads as a row of the wrong shape).
#[diagnostic::on_unimplemented(
    message = "a row is compared with a row of as many values, each of its counterpart's SQL type: `{Self}`",
    label = "one value per expression of the row it is compared with, in order and of its type",
    note = "`(a, b).gt((x, y))` compares `a` with `x`, then `b` with `y`"
)]
pub trait RowOperand<L> {
    /// The typed expressions they become.
    type Exprs;

    /// Converts them.
    fn into_row(self) -> Self::Exprs;
}

/// Comparisons of a row of expressions (a tuple of two to four) with another row.
pub trait RowMethods: Sized {
    /// `(a, b) = (x, y)`.
    fn eq<R: RowOperand<Self>>(self, other: R) -> RowComparison<Self, R::Exprs> {
        compare(ast::BinaryOp::Eq, self, other)
    }

    /// `(a, b) > (x, y)`: `a > x`, or `a = x` and `b > y`.
    fn gt<R: RowOperand<Self>>(self, other: R) -> RowComparison<Self, R::Exprs> {
        compare(ast::BinaryOp::Gt, self, other)
    }

    /// `(a, b) >= (x, y)`.
    fn ge<R: RowOperand<Self>>(self, other: R) -> RowComparison<Self, R::Exprs> {
        compare(ast::BinaryOp::GtEq, self, other)
    }

    /// `(a, b) < (x, y)`: `a < x`, or `a = x` and `b < y`.
    fn lt<R: RowOperand<Self>>(self, other: R) -> RowComparison<Self, R::Exprs> {
        compare(ast::BinaryOp::Lt, self, other)
    }

    /// `(a, b) <= (x, y)`.
    fn le<R: RowOperand<Self>>(self, other: R) -> RowComparison<Self, R::Exprs> {
        compare(ast::BinaryOp::LtEq, self, other)
    }
}

fn compare<L, R: RowOperand<L>>(
    op: ast::BinaryOp,
    left: L,
    right: R,
) -> RowComparison<L, R::Exprs> {
    RowComparison {
        op,
        left,
        right: right.into_row(),
    }
}

/// Whether `T` may be `NULL`.
type NullOf<T> = <T as SqlType>::IsNull;

macro_rules! rows {
    ($(($($l:ident $r:ident $il:ident $ir:ident $gl:ident $gr:ident),+))*) => {$(
        impl<$($l: Expression),+> RowMethods for ($($l,)+) {}

        #[diagnostic::do_not_recommend]
        impl<$($l: Expression, $r: AsExpr<<$l::SqlType as SqlType>::Base>),+> RowOperand<($($l,)+)> for ($($r,)+) {
            type Exprs = ($($r::Expr,)+);

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn into_row(self) -> Self::Exprs {
                let ($($r,)+) = self;
                ($($r.into_expr(),)+)
            }
        }

        impl<$($l: Expression, $r: Expression),+> Expression for RowComparison<($($l,)+), ($($r,)+)> {
            type SqlType = <rows!(@null $($l::SqlType, $r::SqlType),+) as NullFlag>::Apply<Bool>;

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn lower(&self) -> ast::Expr {
                let ($($l,)+) = &self.left;
                let ($($r,)+) = &self.right;
                ast::Expr::Binary {
                    left: Box::new(ast::Expr::Row(vec![$($l.lower()),+])),
                    op: self.op,
                    right: Box::new(ast::Expr::Row(vec![$($r.lower()),+])),
                }
            }
        }

        impl<F, $($l, $r, $il, $ir),+> InScope<F, ($(($il, $ir),)+)> for RowComparison<($($l,)+), ($($r,)+)>
        where
            $($l: InScope<F, $il>, $r: InScope<F, $ir>),+
        {
            type Out = <rows!(@null $(<$l as InScope<F, $il>>::Out, <$r as InScope<F, $ir>>::Out),+) as NullFlag>::Apply<Bool>;
        }

        impl<G, $($l, $r, $gl, $gr),+> Grouping<G, ($(($gl, $gr),)+)> for RowComparison<($($l,)+), ($($r,)+)>
        where
            $($l: Grouping<G, $gl>, $r: Grouping<G, $gr>, $l::Kind: Mix<$r::Kind>),+,
            rows!(@kinds G; $($l $r $gl $gr),+): super::grouping::MixAll,
        {
            type Kind = <rows!(@kinds G; $($l $r $gl $gr),+) as super::grouping::MixAll>::Out;
        }

        crate::expression_roles!(RowComparison<($($l,)+), ($($r,)+)>, $($l, $r),+);
    )*};
    (@null $a:ty, $b:ty $(, $rest_a:ty, $rest_b:ty)*) => {
        <NullOf<$a> as NullFlag>::Or<<NullOf<$b> as NullFlag>::Or<rows!(@null_rest $($rest_a, $rest_b),*)>>
    };
    (@null_rest) => { super::sql_types::NotNull };
    (@null_rest $a:ty, $b:ty $(, $rest_a:ty, $rest_b:ty)*) => {
        <NullOf<$a> as NullFlag>::Or<<NullOf<$b> as NullFlag>::Or<rows!(@null_rest $($rest_a, $rest_b),*)>>
    };
    (@kinds $g:ident; $l:ident $r:ident $gl:ident $gr:ident $(, $rl:ident $rr:ident $rgl:ident $rgr:ident)*) => {
        (<<$l as Grouping<$g, $gl>>::Kind as Mix<<$r as Grouping<$g, $gr>>::Kind>>::Out, rows!(@kinds $g; $($rl $rr $rgl $rgr),*))
    };
    (@kinds $g:ident;) => { () };
}

rows! {
    (A X IA IX GA GX, B Y IB IY GB GY)
    (A X IA IX GA GX, B Y IB IY GB GY, C Z IC IZ GC GZ)
    (A X IA IX GA GX, B Y IB IY GB GY, C Z IC IZ GC GZ, D W ID IW GD GW)
}
