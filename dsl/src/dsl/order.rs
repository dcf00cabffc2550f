//! ORDER BY terms: an expression with a direction and a place for `NULL`s.

use super::expression::InScope;
use super::grouping::{Grouping, MixAll, Settle};
use crate::ast::{self, NullsOrder};

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// `expr ASC|DESC [NULLS FIRST|LAST]`.
#[derive(Debug, Clone, Copy)]
pub struct Ordered<E> {
    expr: E,
    direction: Direction,
    nulls: Option<NullsOrder>,
}

impl<E> Ordered<E> {
    pub(crate) fn new(expr: E, direction: Direction) -> Self {
        Ordered {
            expr,
            direction,
            nulls: None,
        }
    }

    /// `NULLS FIRST` (emulated where the dialect lacks it).
    pub fn nulls_first(mut self) -> Self {
        self.nulls = Some(NullsOrder::First);
        self
    }

    /// `NULLS LAST` (emulated where the dialect lacks it).
    pub fn nulls_last(mut self) -> Self {
        self.nulls = Some(NullsOrder::Last);
        self
    }
}

/// Something ORDER BY accepts in a query reading `F` grouped by `G`: an expression (ascending),
/// an [`Ordered`] term, or a tuple of them.
pub trait OrderTerms<F, G, I> {
    /// [`Plain`](super::grouping::Plain), [`Aggregated`](super::grouping::Aggregated) or
    /// [`Constant`](super::grouping::Constant), as for a selection.
    type Kind;

    /// The terms as plain data.
    fn lower(&self) -> Vec<ast::OrderBy>;
}

/// ORDER BY terms `O` and the grouping `G` of the query they order, settled by their kind
/// (see [`Settle`]): one bound for `order_by`, so a term that does not fit is one error.
pub trait OrdersQuery<F, G, I> {
    /// The query's grouping after them.
    type Next;

    /// The terms as plain data.
    fn lower_terms(&self) -> Vec<ast::OrderBy>;
}

impl<O, F, G, I> OrdersQuery<F, G, I> for O
where
    O: OrderTerms<F, G, I>,
    G: Settle<O::Kind>,
{
    type Next = G::Out;

    fn lower_terms(&self) -> Vec<ast::OrderBy> {
        self.lower()
    }
}

fn term(expr: ast::Expr, direction: Direction, nulls: Option<NullsOrder>) -> ast::OrderBy {
    ast::OrderBy {
        expr,
        descending: direction == Direction::Desc,
        nulls,
    }
}

impl<E, F, G, IS, IG> OrderTerms<F, G, (IS, IG)> for Ordered<E>
where
    E: InScope<F, IS> + Grouping<G, IG>,
{
    type Kind = E::Kind;

    fn lower(&self) -> Vec<ast::OrderBy> {
        vec![term(self.expr.lower(), self.direction, self.nulls)]
    }
}

macro_rules! order_tuples {
    ($(($($name:ident $index:ident),+))*) => {$(
        impl<F, G, $($name, $index),+> OrderTerms<F, G, ($($index,)+)> for ($($name,)+)
        where
            $($name: OrderTerms<F, G, $index>),+,
            order_tuples!(@kinds $($name $index),+): MixAll,
        {
            type Kind = <order_tuples!(@kinds $($name $index),+) as MixAll>::Out;

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn lower(&self) -> Vec<ast::OrderBy> {
                let ($($name,)+) = self;
                let mut terms = Vec::new();
                $(terms.extend($name.lower());)+
                terms
            }
        }
    )*};
    (@kinds $name:ident $index:ident $(, $rest:ident $rest_index:ident)*) => {
        (<$name as OrderTerms<F, G, $index>>::Kind, order_tuples!(@kinds $($rest $rest_index),*))
    };
    (@kinds) => { () };
}

order_tuples! {
    (A IA, B IB)
    (A IA, B IB, C IC)
    (A IA, B IB, C IC, D ID)
    (A IA, B IB, C IC, D ID, E IE)
    (A IA, B IB, C IC, D ID, E IE, H IH)
}
