//! Aggregation as a type: which expressions may stand side by side in a selection.
//!
//! Each expression has a [`Grouping::Kind`]: [`Plain`] when it reads a column outside any
//! aggregate, [`Aggregated`] when it is an aggregate, [`Constant`] when it reads no column (or
//! only columns of the GROUP BY list). A selection whose parts [`Mix`] `Plain` with
//! `Aggregated` is rejected: that is the SQL rule "column must appear in GROUP BY or be used in
//! an aggregate function".

use std::marker::PhantomData;

use super::scope::{Cons, Here, Nil, There};
use super::table::Column;

/// The query has no GROUP BY.
#[derive(Debug)]
pub enum NoGroup {}

/// The query groups by the columns of the type-level list `L`.
#[derive(Debug)]
pub struct GroupBy<L>(PhantomData<L>);

/// Reads a column outside an aggregate, in a query without GROUP BY.
#[derive(Debug)]
pub enum Plain {}

/// An aggregate over the rows of a group.
#[derive(Debug)]
pub enum Aggregated {}

/// Reads no column, or only grouped columns: fits with either of the others.
#[derive(Debug)]
pub enum Constant {}

/// How an expression relates to the grouping `G` of the query.
pub trait Grouping<G, I> {
    /// [`Plain`], [`Aggregated`] or [`Constant`].
    type Kind;
}

/// Two parts of one selection (or one expression) that may stand together.
#[diagnostic::on_unimplemented(
    message = "aggregate functions are mixed with plain columns in a query without GROUP BY",
    label = "this mixes aggregated and non-aggregated expressions",
    note = "group by the plain columns (`.group_by(…)`), or wrap them in an aggregate such as `max(…)`"
)]
pub trait Mix<Other> {
    /// The kind of the combination.
    type Out;
}

impl<K> Mix<K> for Constant {
    type Out = K;
}
impl Mix<Constant> for Plain {
    type Out = Plain;
}
impl Mix<Plain> for Plain {
    type Out = Plain;
}
impl Mix<Constant> for Aggregated {
    type Out = Aggregated;
}
impl Mix<Aggregated> for Aggregated {
    type Out = Aggregated;
}

/// The combined kind of a type-level list of kinds `(K0, (K1, (…, ())))`.
pub trait MixAll {
    /// The kind of the whole.
    type Out;
}

impl MixAll for () {
    type Out = Constant;
}

impl<K, Rest: MixAll> MixAll for (K, Rest)
where
    K: Mix<Rest::Out>,
{
    type Out = <K as Mix<Rest::Out>>::Out;
}

/// Expressions allowed in `WHERE` and `ON`, which run before grouping.
#[diagnostic::on_unimplemented(
    message = "aggregate functions are not allowed in WHERE or ON",
    label = "this condition uses an aggregate",
    note = "filter groups with `.having(…)` instead"
)]
pub trait RowLevel {}

impl RowLevel for Plain {}
impl RowLevel for Constant {}

/// Expressions allowed in `HAVING`, which runs on groups.
#[diagnostic::on_unimplemented(
    message = "HAVING can only read grouped columns and aggregates",
    label = "this reads a column outside GROUP BY and outside any aggregate",
    note = "filter rows before grouping with `.filter(…)`, or group by the column"
)]
pub trait GroupLevel {}

impl GroupLevel for Aggregated {}
impl GroupLevel for Constant {}

/// Proves that column `C` is in the GROUP BY list.
#[diagnostic::on_unimplemented(
    message = "column `{C}` must appear in GROUP BY or be used inside an aggregate function",
    label = "not grouped",
    note = "add it to `.group_by(…)`, or aggregate it (`max(…)`, `count(…)`, …)"
)]
pub trait GroupContains<C, I> {}

#[diagnostic::do_not_recommend]
impl<C, Tail> GroupContains<C, Here> for Cons<C, Tail> {}

#[diagnostic::do_not_recommend]
impl<C, Head, Tail, I> GroupContains<C, There<I>> for Cons<Head, Tail> where
    Tail: GroupContains<C, I>
{
}

/// Columns a query can be grouped by: one column or a tuple of them.
pub trait GroupList {
    /// The columns as a type-level list.
    type List;

    /// The columns as GROUP BY expressions.
    fn lower(&self) -> Vec<crate::ast::Expr>;
}

impl<C: Column + super::expression::Expression> GroupList for C {
    type List = Cons<C, Nil>;

    fn lower(&self) -> Vec<crate::ast::Expr> {
        vec![super::expression::Expression::lower(self)]
    }
}

macro_rules! group_tuples {
    ($($name:ident)+) => {
        impl<$($name: Column + super::expression::Expression),+> GroupList for ($($name,)+) {
            type List = group_tuples!(@list $($name)+);

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn lower(&self) -> Vec<crate::ast::Expr> {
                let ($($name,)+) = self;
                vec![$(super::expression::Expression::lower($name)),+]
            }
        }
    };
    (@list $head:ident $($rest:ident)*) => { Cons<$head, group_tuples!(@list $($rest)*)> };
    (@list) => { Nil };
}

group_tuples!(A);
group_tuples!(A B);
group_tuples!(A B C);
group_tuples!(A B C D);
group_tuples!(A B C D E);
group_tuples!(A B C D E F);
group_tuples!(A B C D E F G);
group_tuples!(A B C D E F G H);
