//! ORDER BY terms: an expression with a direction and a place for `NULL`s.

use super::expression::InScope;
use super::grouping::Grouping;
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
    /// The terms as plain data.
    fn lower(&self) -> Vec<ast::OrderBy>;
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
    fn lower(&self) -> Vec<ast::OrderBy> {
        vec![term(self.expr.lower(), self.direction, self.nulls)]
    }
}

macro_rules! order_tuples {
    ($(($($name:ident $index:ident),+))*) => {$(
        impl<F, G, $($name, $index),+> OrderTerms<F, G, ($($index,)+)> for ($($name,)+)
        where
            $($name: OrderTerms<F, G, $index>),+
        {
            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn lower(&self) -> Vec<ast::OrderBy> {
                let ($($name,)+) = self;
                let mut terms = Vec::new();
                $(terms.extend($name.lower());)+
                terms
            }
        }
    )*};
}

order_tuples! {
    (A IA, B IB)
    (A IA, B IB, C IC)
    (A IA, B IB, C IC, D ID)
    (A IA, B IB, C IC, D ID, E IE)
    (A IA, B IB, C IC, D ID, E IE, H IH)
}
