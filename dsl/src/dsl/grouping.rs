//! Aggregation as a type: which expressions may stand side by side in a selection.
//!
//! Each expression has a [`Grouping::Kind`]: [`Plain`] when it reads a column outside any
//! aggregate, [`Aggregated`] when it is an aggregate, [`Constant`] when it reads no column (or
//! only columns of the GROUP BY list). A selection whose parts [`Mix`] `Plain` with
//! `Aggregated` is rejected: that is the SQL rule "column must appear in GROUP BY or be used in
//! an aggregate function".
//!
//! A query's grouping is a type that its selection and ordering settle ([`Settle`]): it starts
//! as [`NoGroup`]; the first plain column selected or ordered by makes it [`Ungrouped`] (an
//! aggregate can no longer join), the first aggregate makes it `GroupBy<Nil>` (one group: a
//! plain column can no longer join), whichever clause comes first.

use std::marker::PhantomData;

use super::scope::{Cons, Here, Nil, There};
use super::table::Column;

/// The query has no GROUP BY.
#[derive(Debug)]
pub enum NoGroup {}

/// The query has no GROUP BY and reads rows one by one: its selection or ordering reads a
/// column outside any aggregate, so no aggregate may join them.
#[derive(Debug)]
pub enum Ungrouped {}

/// The query groups by the columns of the type-level list `L` (`Nil`: an aggregate query
/// without GROUP BY, one group of every row).
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

/// A window function's result, whose arguments, partition and ordering are of kind `K`: it
/// is computed after grouping, so it stands beside what `K` stands beside, but it may not be
/// filtered on (WHERE, HAVING), aggregated or written.
#[derive(Debug)]
pub struct Windowed<K>(PhantomData<K>);

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
impl<K: Mix<K2>, K2> Mix<Windowed<K2>> for Windowed<K> {
    type Out = Windowed<K::Out>;
}
impl<K> Mix<Windowed<K>> for Plain
where
    Plain: Mix<K>,
{
    type Out = Windowed<<Plain as Mix<K>>::Out>;
}
impl<K> Mix<Windowed<K>> for Aggregated
where
    Aggregated: Mix<K>,
{
    type Out = Windowed<<Aggregated as Mix<K>>::Out>;
}
impl<K: Mix<Constant>> Mix<Constant> for Windowed<K> {
    type Out = Windowed<K::Out>;
}
impl<K: Mix<Plain>> Mix<Plain> for Windowed<K> {
    type Out = Windowed<K::Out>;
}
impl<K: Mix<Aggregated>> Mix<Aggregated> for Windowed<K> {
    type Out = Windowed<K::Out>;
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

/// The query groups by the primary key of table `T`, a key of one column: every column of `T`
/// depends on it, so every column of `T` may be selected as if grouped (PostgreSQL, MySQL's
/// `ONLY_FULL_GROUP_BY` and SQLite agree).
#[derive(Debug)]
pub struct GroupByKey<T>(PhantomData<T>);

/// Proves that a query grouped by the primary key of `Self` may read the column `M` declares
/// ([`Column::Def`]): it is a column of the same table.
#[diagnostic::on_unimplemented(
    message = "column `{M}` must appear in GROUP BY or be used inside an aggregate function",
    label = "the query groups by the primary key of `{Self}`, which fixes only that table's columns",
    note = "add the column to `.group_by(…)`, or aggregate it (`max(…)`, `count(…)`, …)"
)]
pub trait KeyCovers<M, I> {}

#[diagnostic::do_not_recommend]
impl<T, M: super::column::ColumnDef<Table = T>> KeyCovers<M, Here> for T {}

/// The grouping of a query once a selection or ordering of kind `K` is added to it.
#[diagnostic::on_unimplemented(
    message = "aggregate functions are mixed with plain columns in a query without GROUP BY",
    label = "this is {K}, but the query already reads plain columns outside any aggregate",
    note = "group by the plain columns (`.group_by(…)`, before `.select(…)` and `.order_by(…)`), or wrap them in an aggregate such as `max(…)`"
)]
pub trait Settle<K> {
    /// The grouping after it.
    type Out;
}

#[diagnostic::do_not_recommend]
impl Settle<Constant> for NoGroup {
    type Out = NoGroup;
}
#[diagnostic::do_not_recommend]
impl Settle<Plain> for NoGroup {
    type Out = Ungrouped;
}
#[diagnostic::do_not_recommend]
impl Settle<Aggregated> for NoGroup {
    type Out = GroupBy<Nil>;
}
#[diagnostic::do_not_recommend]
impl Settle<Constant> for Ungrouped {
    type Out = Ungrouped;
}
#[diagnostic::do_not_recommend]
impl Settle<Plain> for Ungrouped {
    type Out = Ungrouped;
}
#[diagnostic::do_not_recommend]
impl<L> Settle<Constant> for GroupBy<L> {
    type Out = GroupBy<L>;
}
#[diagnostic::do_not_recommend]
impl<L> Settle<Aggregated> for GroupBy<L> {
    type Out = GroupBy<L>;
}
#[diagnostic::do_not_recommend]
impl<T> Settle<Constant> for GroupByKey<T> {
    type Out = GroupByKey<T>;
}
#[diagnostic::do_not_recommend]
impl<T> Settle<Aggregated> for GroupByKey<T> {
    type Out = GroupByKey<T>;
}

/// A window function settles the grouping as its parts do.
#[diagnostic::do_not_recommend]
impl<G: Settle<K>, K> Settle<Windowed<K>> for G {
    type Out = G::Out;
}

/// The grouping and selection `(G, S)` of a query `.group_by(…)` may group: one with no
/// selection or ordering yet.
#[diagnostic::on_unimplemented(
    message = "`.group_by(…)` must come before `.select(…)` and `.order_by(…)`",
    label = "the query's selection or ordering was already checked without this grouping",
    note = "call `.group_by(…)` right after the joins and filters"
)]
pub trait Groupable {}

#[diagnostic::do_not_recommend]
impl Groupable for (NoGroup, super::query::NothingSelected) {}

/// Groupings whose rows `FOR UPDATE` can lock: not a grouped or aggregated query.
#[diagnostic::on_unimplemented(
    message = "FOR UPDATE cannot lock the rows of a grouped or aggregated query",
    label = "this query groups its rows",
    note = "lock the rows in a query without GROUP BY and aggregates, then aggregate them"
)]
pub trait Lockable {}

#[diagnostic::do_not_recommend]
impl Lockable for NoGroup {}
#[diagnostic::do_not_recommend]
impl Lockable for Ungrouped {}

/// Groupings of a query with GROUP BY, which `.having(…)` filters.
#[diagnostic::on_unimplemented(
    message = "HAVING filters the groups of a query with GROUP BY",
    label = "this query is not grouped",
    note = "call `.group_by(…)` first, or filter rows with `.filter(…)`"
)]
pub trait Grouped {}

#[diagnostic::do_not_recommend]
impl<L> Grouped for GroupBy<L> {}
#[diagnostic::do_not_recommend]
impl<T> Grouped for GroupByKey<T> {}

/// The argument of an aggregate: not itself an aggregate.
#[diagnostic::on_unimplemented(
    message = "aggregate functions cannot be nested",
    label = "this aggregate's argument is itself an aggregate",
    note = "aggregate the rows once here; to aggregate the results of aggregates, aggregate over a subquery"
)]
pub trait Unaggregated {}

#[diagnostic::do_not_recommend]
impl Unaggregated for Plain {}
#[diagnostic::do_not_recommend]
impl Unaggregated for Constant {}
impl<K> Unaggregated for Windowed<K> where Windowed<K>: NoWindowInAggregate {}

/// Never implemented: a window function inside an aggregate.
#[diagnostic::on_unimplemented(
    message = "window functions cannot be used inside aggregate functions",
    label = "this aggregate's argument is a window function",
    note = "compute the window function in a derived table (`query.as_table(…)`) and aggregate its column outside"
)]
pub trait NoWindowInAggregate {}

/// Expressions allowed in `WHERE` and `ON`, which run before grouping.
#[diagnostic::on_unimplemented(
    message = "aggregate functions are not allowed in WHERE or ON",
    label = "this condition uses an aggregate",
    note = "filter groups with `.having(…)` instead"
)]
pub trait RowLevel {}

#[diagnostic::do_not_recommend]
impl RowLevel for Plain {}
#[diagnostic::do_not_recommend]
impl RowLevel for Constant {}
impl<K> RowLevel for Windowed<K> where Windowed<K>: NoWindowInWhere {}

/// Never implemented: a window function in WHERE or ON, which run before it is computed.
#[diagnostic::on_unimplemented(
    message = "window functions are not allowed in WHERE or ON",
    label = "this condition uses a window function",
    note = "compute it in a derived table (`query.as_table(…)`) and filter on its column in the query around it"
)]
pub trait NoWindowInWhere {}

/// Expressions allowed in `HAVING`, which runs on groups.
#[diagnostic::on_unimplemented(
    message = "HAVING can only read grouped columns and aggregates",
    label = "this reads a column outside GROUP BY and outside any aggregate",
    note = "filter rows before grouping with `.filter(…)`, or group by the column"
)]
pub trait GroupLevel {}

#[diagnostic::do_not_recommend]
impl GroupLevel for Aggregated {}
#[diagnostic::do_not_recommend]
impl GroupLevel for Constant {}
impl<K> GroupLevel for Windowed<K> where Windowed<K>: NoWindowInHaving {}

/// Never implemented: a window function in HAVING, which runs before it is computed.
#[diagnostic::on_unimplemented(
    message = "window functions are not allowed in HAVING",
    label = "this condition uses a window function",
    note = "compute it in a derived table (`query.as_table(…)`) and filter on its column in the query around it"
)]
pub trait NoWindowInHaving {}

/// Proves that the column declared by `M` (its [`Column::Def`],
/// which the message prints as `table::columns::column`) is in the GROUP BY list.
#[diagnostic::on_unimplemented(
    message = "column `{M}` must appear in GROUP BY or be used inside an aggregate function",
    label = "not grouped",
    note = "add it to `.group_by(…)`, or aggregate it (`max(…)`, `count(…)`, …); to group by an expression, group by `group_key(expr)` and select that same key"
)]
pub trait GroupContains<M, I> {}

#[diagnostic::do_not_recommend]
impl<M, Tail> GroupContains<M, Here> for Cons<super::column::Col<M>, Tail> {}

#[diagnostic::do_not_recommend]
impl<M, Head, Tail, I> GroupContains<M, There<I>> for Cons<Head, Tail> where
    Tail: GroupContains<M, I>
{
}

/// Proves that the column declared by `M`, read through the alias `A`, is in the GROUP BY
/// list (as `A.col(…)`: the same column of another alias, or of the table itself, is not).
#[diagnostic::on_unimplemented(
    message = "column `{M}` of `{A}` must appear in GROUP BY or be used inside an aggregate function",
    label = "not grouped",
    note = "add `{A}`'s column to `.group_by(…)`, or aggregate it (`max(…)`, `count(…)`, …): grouping by the table's own column does not group its alias"
)]
pub trait AliasGroupContains<A, M, I> {}

#[diagnostic::do_not_recommend]
impl<A, M, Tail> AliasGroupContains<A, M, Here>
    for Cons<super::alias::AliasedColumn<A, super::column::Col<M>>, Tail>
{
}

#[diagnostic::do_not_recommend]
impl<A, M, Head, Tail, I> AliasGroupContains<A, M, There<I>> for Cons<Head, Tail> where
    Tail: AliasGroupContains<A, M, I>
{
}

/// Never implemented: a query grouped by the primary key of a table selects a column of an
/// alias, which that key does not fix.
#[diagnostic::on_unimplemented(
    message = "column `{M}` of `{A}` must appear in GROUP BY or be used inside an aggregate function",
    label = "the query groups by the primary key of `{Self}`, which fixes that table's columns, not those of an alias",
    note = "add `{A}`'s column to `.group_by(…)`, or aggregate it (`max(…)`, `count(…)`, …)"
)]
pub trait KeyCoversAlias<A, M> {}

/// Columns a query can be grouped by: one column or a tuple of them.
pub trait GroupList {
    /// The columns as a type-level list.
    type List;
    /// The query's grouping after `.group_by(self)`: by its columns, or by a table's primary
    /// key when `self` is that key's one column.
    type Grouping;

    /// The columns as GROUP BY expressions.
    fn lower(&self) -> Vec<crate::ast::Expr>;
}

/// A column a query can be grouped by: a table's column, or one read through an alias.
pub trait GroupColumn: super::expression::Expression {}

impl<C: Column + super::expression::Expression> GroupColumn for C {}

impl<A, C> GroupColumn for super::alias::AliasedColumn<A, C> where
    super::alias::AliasedColumn<A, C>: super::expression::Expression
{
}

/// Grouping by a column read through an alias groups by that column of the alias only: never
/// by a primary key that fixes a whole table, since the alias is another row of it.
impl<A, C> GroupList for super::alias::AliasedColumn<A, C>
where
    Self: super::expression::Expression,
{
    type List = Cons<Self, Nil>;
    type Grouping = GroupBy<Self::List>;

    fn lower(&self) -> Vec<crate::ast::Expr> {
        vec![super::expression::Expression::lower(self)]
    }
}

impl<C: Column + super::expression::Expression> GroupList for C {
    type List = Cons<C, Nil>;
    type Grouping = C::Grouped;

    fn lower(&self) -> Vec<crate::ast::Expr> {
        vec![super::expression::Expression::lower(self)]
    }
}

macro_rules! group_tuples {
    ($($name:ident)+) => {
        impl<$($name: GroupColumn),+> GroupList for ($($name,)+) {
            type List = group_tuples!(@list $($name)+);
            type Grouping = GroupBy<Self::List>;

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

/// An expression a query is grouped by (`GROUP BY year(placed_on)`): give it to `.group_by(…)`
/// and use the same value in the selection, ordering and HAVING, where it then reads as
/// grouped. See [`group_key`].
#[derive(Debug, Clone, Copy)]
pub struct GroupKey<E>(E);

/// `expr` as a grouping key: the same key in `.group_by(…)` and in the selection stands for
/// one grouped value (an expression is matched by its type, so use the value it gives in both).
///
/// ```
/// use dovetail::prelude::*;
/// use dovetail::dsl::grouping::group_key;
/// dovetail::table! { orders { id: Integer, placed_on: Date } primary_key (id); }
/// let year = group_key(orders::placed_on.year());
/// let per_year = orders::table.group_by(year).select((year, count_star())).order_by(year);
/// assert_eq!(
///     per_year.to_sql(&MySql::default()).unwrap().sql,
///     "SELECT EXTRACT(YEAR FROM `orders`.`placed_on`), COUNT(*) FROM `orders` \
///      GROUP BY EXTRACT(YEAR FROM `orders`.`placed_on`) ORDER BY EXTRACT(YEAR FROM `orders`.`placed_on`) ASC"
/// );
/// ```
pub fn group_key<E: super::expression::Expression>(expr: E) -> GroupKey<E> {
    GroupKey(expr)
}

impl<E: super::expression::Expression> super::expression::Expression for GroupKey<E> {
    type SqlType = E::SqlType;

    fn lower(&self) -> crate::ast::Expr {
        self.0.lower()
    }
}

impl<E: super::expression::InScope<F, I>, F, I> super::expression::InScope<F, I> for GroupKey<E> {
    type Out = E::Out;
}

impl<E: Grouping<NoGroup, I>, I> Grouping<NoGroup, I> for GroupKey<E> {
    type Kind = E::Kind;
}

impl<E: Grouping<Ungrouped, I>, I> Grouping<Ungrouped, I> for GroupKey<E> {
    type Kind = E::Kind;
}

impl<E, L, I> Grouping<GroupBy<L>, I> for GroupKey<E>
where
    L: GroupContains<GroupKey<E>, I>,
{
    type Kind = Constant;
}

impl<E: Grouping<GroupByKey<T>, I>, T, I> Grouping<GroupByKey<T>, I> for GroupKey<E> {
    type Kind = E::Kind;
}

#[diagnostic::do_not_recommend]
impl<E, Tail> GroupContains<GroupKey<E>, Here> for Cons<GroupKey<E>, Tail> {}

impl<E: super::expression::Expression> GroupColumn for GroupKey<E> {}

impl<E: super::expression::Expression> GroupList for GroupKey<E> {
    type List = Cons<Self, Nil>;
    type Grouping = GroupBy<Self::List>;

    fn lower(&self) -> Vec<crate::ast::Expr> {
        vec![self.0.lower()]
    }
}

crate::expression_roles!(GroupKey<E>, E);
