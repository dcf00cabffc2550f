//! Conditions as one bound each: a `WHERE`/`ON` condition, a `HAVING` condition, a value a
//! write sets, and a write's `RETURNING` list. Each is several checks (boolean, reading only tables of the
//! query, aggregated or not as the clause wants); gathered behind one trait, a condition that
//! fails one of them is one error.

use super::expression::{Expression, InScope};
use super::grouping::{Constant, GroupLevel, Grouping, NoGroup, Plain, RowLevel, Windowed};
use super::selection::Selection;
use super::sql_types::Boolean;
use crate::ast;

/// A condition of `WHERE` or `ON` in a query reading `F`: boolean, reading only tables of the
/// query, and using no aggregate (which `WHERE` and `ON` run before).
pub trait RowCondition<F, I>: Expression {}

impl<P, F, IS, IG> RowCondition<F, (IS, IG)> for P
where
    P: InScope<F, IS> + Grouping<NoGroup, IG>,
    P::SqlType: Boolean,
    P::Kind: RowLevel,
{
}

/// A condition of `HAVING` in a query reading `F` grouped by `G`: boolean, reading only
/// tables of the query, and only grouped columns and aggregates.
pub trait GroupCondition<F, G, I>: Expression {}

impl<P, F, G, IS, IG> GroupCondition<F, G, (IS, IG)> for P
where
    P: InScope<F, IS> + Grouping<G, IG>,
    P::SqlType: Boolean,
    P::Kind: GroupLevel,
{
}

/// A `RETURNING` list of a write to the table list `F`: the written rows' values, so no
/// aggregate.
pub trait Returning<F, I> {
    /// The SQL types of the returned values.
    type Out;

    /// The returned items.
    fn lower_items(&self, items: &mut Vec<ast::SelectItem>);
}

impl<Sel, F, I> Returning<F, I> for Sel
where
    Sel: Selection<F, NoGroup, I>,
    Sel::Kind: PerRow,
{
    type Out = Sel::Out;

    fn lower_items(&self, items: &mut Vec<ast::SelectItem>) {
        self.lower(items);
    }
}

/// What `RETURNING` reads: each written row, never an aggregate over them.
#[diagnostic::on_unimplemented(
    message = "aggregate functions are not allowed in RETURNING",
    label = "RETURNING reads each written row",
    note = "return the columns, and aggregate them in a query of their own"
)]
pub trait PerRow {}

#[diagnostic::do_not_recommend]
impl PerRow for Plain {}
#[diagnostic::do_not_recommend]
impl PerRow for Constant {}

/// A value an INSERT or UPDATE writes, in a statement that reads `F`: it reads only those
/// tables, and one row (no aggregate, which SQL refuses in `VALUES` and `SET`).
pub trait WrittenValue<F, I>: Expression {}

impl<E, F, IS, IG> WrittenValue<F, (IS, IG)> for E
where
    E: InScope<F, IS> + Grouping<NoGroup, IG>,
    E::Kind: OneRow,
{
}

/// What a written value reads: one row, never an aggregate over rows.
#[diagnostic::on_unimplemented(
    message = "aggregate functions are not allowed in the values an INSERT or UPDATE writes",
    label = "this value aggregates rows",
    note = "a write sets each row from that row's values: compute the aggregate in a query of its own and write its result"
)]
pub trait OneRow {}

#[diagnostic::do_not_recommend]
impl OneRow for Plain {}
#[diagnostic::do_not_recommend]
impl OneRow for Constant {}
impl<K> OneRow for Windowed<K> where Windowed<K>: NoWindowInWrite {}
impl<K> PerRow for Windowed<K> where Windowed<K>: NoWindowInWrite {}

/// Never implemented: a window function in a write's values or RETURNING list.
#[diagnostic::on_unimplemented(
    message = "window functions are not allowed in INSERT, UPDATE or RETURNING",
    label = "this value uses a window function",
    note = "compute it in a query of its own (`insert_into(t).from_query(…)` writes a query's rows)"
)]
pub trait NoWindowInWrite {}
