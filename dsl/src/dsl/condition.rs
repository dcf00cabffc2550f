//! Conditions as one bound each: a `WHERE`/`ON` condition and a `HAVING` condition. Each is
//! several checks (boolean, reading only tables of the query, aggregated or not as the clause
//! wants); gathered behind one trait, a condition that fails one of them is one error.

use super::expression::{Expression, InScope};
use super::grouping::{GroupLevel, Grouping, NoGroup, RowLevel};
use super::sql_types::Boolean;

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
