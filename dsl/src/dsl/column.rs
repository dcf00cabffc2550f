//! Column values: `album::title` is a `Col<album::columns::title>`.
//!
//! Every column is an instance of one generic type, so the expression machinery (scope,
//! grouping, selection, ordering, comparison, arithmetic) is implemented once here rather than
//! once per column in every generated schema: a schema's compile time is its column count
//! times one small impl, not times a dozen.

use std::fmt;
use std::marker::PhantomData;

use super::expression::{AsExpr, Expression, InScope};
use super::grouping::{
    Constant, GroupBy, GroupByKey, GroupContains, Grouping, KeyCovers, NoGroup, Plain, Ungrouped,
};
use super::scope::InFrom;
use super::sql_types::{Compatible, NullFlag, SqlType};
use super::table::{Column, Table};
use crate::ast;

/// What `table!` declares about one column, on the column's marker type.
pub trait ColumnDef: 'static {
    /// The table it belongs to.
    type Table: Table;
    /// What it holds; [`Nullable`](super::sql_types::Nullable) when it accepts `NULL`.
    type SqlType: SqlType;
    /// Its SQL name, exactly as the database spells it.
    const NAME: &'static str;
    /// The grouping `.group_by(column)` gives: [`GroupByKey`] of its table when it alone is the
    /// table's primary key, `GroupBy<Cons<Col<Self>, Nil>>` otherwise (what `table!` writes).
    type Grouped;
}

/// The column described by marker `M`.
pub struct Col<M>(PhantomData<fn() -> M>);

impl<M> Col<M> {
    /// The column (a zero-sized value).
    pub const fn new() -> Self {
        Col(PhantomData)
    }
}

impl<M> Clone for Col<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Col<M> {}

impl<M> Default for Col<M> {
    fn default() -> Self {
        Col::new()
    }
}

impl<M: ColumnDef> fmt::Debug for Col<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", <M::Table as Table>::NAME, M::NAME)
    }
}

impl<M: ColumnDef> Column for Col<M> {
    type Table = M::Table;
    type SqlType = M::SqlType;
    const NAME: &'static str = M::NAME;
    type Grouped = M::Grouped;
    type Def = M;
}

impl<M: ColumnDef> Expression for Col<M> {
    type SqlType = M::SqlType;

    fn lower(&self) -> ast::Expr {
        ast::Expr::column(M::Table::qualifier(), M::NAME)
    }
}

impl<M: ColumnDef, F, I> InScope<F, I> for Col<M>
where
    F: InFrom<M::Table, I>,
{
    type Out = <F::IsNull as NullFlag>::Apply<M::SqlType>;
}

impl<M> Grouping<NoGroup, ()> for Col<M> {
    type Kind = Plain;
}

impl<M> Grouping<Ungrouped, ()> for Col<M> {
    type Kind = Plain;
}

impl<M, L, I> Grouping<GroupBy<L>, I> for Col<M>
where
    L: GroupContains<M, I>,
{
    type Kind = Constant;
}

impl<M: ColumnDef, T, I> Grouping<GroupByKey<T>, I> for Col<M>
where
    T: KeyCovers<M, I>,
{
    type Kind = Constant;
}

/// A column where a value of SQL type `T` is expected: one of a compatible type. The message
/// names the column by its declaration.
impl<M: ColumnDef, T> AsExpr<T> for Col<M>
where
    M: ColumnOfType<T>,
{
    type Expr = Col<M>;

    fn into_expr(self) -> Col<M> {
        self
    }
}

/// The column `Self` declares holds values usable where SQL type `T` is expected.
#[diagnostic::on_unimplemented(
    message = "column `{Self}` cannot be used where SQL type `{T}` is expected",
    label = "a column of another SQL type",
    note = "compare and combine columns of one SQL type (numbers of any width and `Numeric` mix; text, dates and booleans do not), or convert one with `.cast::<…>()`"
)]
pub trait ColumnOfType<T> {}

#[diagnostic::do_not_recommend]
impl<M: ColumnDef, T> ColumnOfType<T> for M where M::SqlType: Compatible<T> {}

crate::expression_roles!(Col<M>, M; named M);
crate::column_operators!(Col<M>, M);
