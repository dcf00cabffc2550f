//! Output column names: `select((expr.alias("total"), …))`, then `ORDER BY "total"`.
//!
//! A name given to a selected expression is visible only to ORDER BY (SQL evaluates WHERE,
//! GROUP BY and HAVING before the selection), and PostgreSQL accepts it there only on its own,
//! not inside an expression. So an [`Aliased`] value is a selection item and an ordering term,
//! and nothing else: it is not an expression that could land in a condition.
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! { order_line { order_id: Integer, quantity: Integer } primary_key (order_id); }
//! let items = sum(order_line::quantity).alias("items");
//! let query = order_line::table
//!     .group_by(order_line::order_id)
//!     .select((order_line::order_id, items))
//!     .order_by(items.desc());
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT "order_line"."order_id", SUM("order_line"."quantity") AS "items" FROM "order_line" GROUP BY "order_line"."order_id" ORDER BY "items" DESC"#
//! );
//! ```

use super::distinct::{Selects, SortsBySelected};
use super::expression::{Bind, Expression, InScope};
use super::grouping::{Constant, Grouping};
use super::order::OrderTerms;
use super::selection::Selection;
use super::sql_types::Bool;
use crate::ast;

/// `expr AS "name"` in a selection; `"name"` in ORDER BY.
#[derive(Debug, Clone, Copy)]
pub struct Aliased<E> {
    expr: E,
    name: &'static str,
}

/// Gives expressions an output column name.
pub trait AliasMethods: Expression + Sized {
    /// `self AS "name"` where selected, `"name"` where ordered by: see [`output`](self).
    fn alias(self, name: &'static str) -> Aliased<Self> {
        Aliased { expr: self, name }
    }
}

impl<E: Expression> AliasMethods for E {}

impl<E> Aliased<E> {
    /// `ORDER BY "name" ASC`.
    pub fn asc(self) -> OutputOrder<E> {
        OutputOrder {
            aliased: self,
            descending: false,
        }
    }

    /// `ORDER BY "name" DESC`.
    pub fn desc(self) -> OutputOrder<E> {
        OutputOrder {
            aliased: self,
            descending: true,
        }
    }

    /// Refused: see [`ComparedOutputName`].
    pub fn eq<R>(self, _other: R) -> Bind<Bool>
    where
        Self: ComparedOutputName,
    {
        self.condition()
    }

    /// Refused: see [`ComparedOutputName`].
    pub fn ne<R>(self, _other: R) -> Bind<Bool>
    where
        Self: ComparedOutputName,
    {
        self.condition()
    }

    /// Refused: see [`ComparedOutputName`].
    pub fn gt<R>(self, _other: R) -> Bind<Bool>
    where
        Self: ComparedOutputName,
    {
        self.condition()
    }

    /// Refused: see [`ComparedOutputName`].
    pub fn ge<R>(self, _other: R) -> Bind<Bool>
    where
        Self: ComparedOutputName,
    {
        self.condition()
    }

    /// Refused: see [`ComparedOutputName`].
    pub fn lt<R>(self, _other: R) -> Bind<Bool>
    where
        Self: ComparedOutputName,
    {
        self.condition()
    }

    /// Refused: see [`ComparedOutputName`].
    pub fn le<R>(self, _other: R) -> Bind<Bool>
    where
        Self: ComparedOutputName,
    {
        self.condition()
    }

    fn term(&self, descending: bool) -> ast::OrderBy {
        ast::OrderBy {
            expr: ast::Expr::bare_column(self.name),
            descending,
            nulls: None,
        }
    }
}

impl<E, F, G, IS, IG> Selection<F, G, (IS, IG)> for Aliased<E>
where
    E: InScope<F, IS> + Grouping<G, IG>,
{
    type Out = E::Out;
    type Kind = E::Kind;

    fn lower(&self, items: &mut Vec<ast::SelectItem>) {
        items.push(self.expr.lower().alias(self.name));
    }
}

/// Never implemented: an output name compared in a condition. SQL evaluates WHERE, GROUP BY
/// and HAVING before the selection names its values, so the comparison methods of [`Aliased`]
/// exist only to say so; compare the expression itself.
#[diagnostic::on_unimplemented(
    message = "an output name (`.alias(…)`) can be selected and ordered by, not compared",
    label = "compare the expression itself, without `.alias(…)`",
    note = "SQL evaluates WHERE, GROUP BY and HAVING before the selection names its values"
)]
pub trait ComparedOutputName {
    /// The condition it would be.
    fn condition(self) -> Bind<Bool>;
}

/// An output name refers to a selected value, which the selection has checked.
impl<E, F, G> OrderTerms<F, G, ()> for Aliased<E> {
    type Kind = Constant;

    fn lower(&self) -> Vec<ast::OrderBy> {
        vec![self.term(false)]
    }
}

/// `ORDER BY "name" ASC|DESC`.
#[derive(Debug, Clone, Copy)]
pub struct OutputOrder<E> {
    aliased: Aliased<E>,
    descending: bool,
}

impl<E, F, G> OrderTerms<F, G, ()> for OutputOrder<E> {
    type Kind = Constant;

    fn lower(&self) -> Vec<ast::OrderBy> {
        vec![self.aliased.term(self.descending)]
    }
}

#[diagnostic::do_not_recommend]
impl<E, Sel, I> SortsBySelected<Sel, I> for Aliased<E> where Sel: Selects<Aliased<E>, I> {}

#[diagnostic::do_not_recommend]
impl<E, Sel, I> SortsBySelected<Sel, I> for OutputOrder<E> where Sel: Selects<Aliased<E>, I> {}
