//! Joins along declared foreign keys: finding, in the FROM list, the table a new table links to.

use super::scope::{Cons, LeftJoined, There};
use super::table::{ChildOf, ForeignKey, Table};
use crate::ast;

/// Proof position: the FROM table at this place references the joined table.
#[derive(Debug)]
pub enum ReferencesJoined {}

/// Proof position: the joined table references the FROM table at this place.
#[derive(Debug)]
pub enum ReferencedByJoined {}

/// Proof position: as [`ReferencesJoined`], where the FROM table is left-joined.
#[derive(Debug)]
pub enum LeftReferencesJoined {}

/// Proof position: as [`ReferencedByJoined`], where the FROM table is left-joined.
#[derive(Debug)]
pub enum LeftReferencedByJoined {}

/// Finds the table of this FROM list that a foreign key links with `J` (at position `I`).
#[diagnostic::on_unimplemented(
    message = "no foreign key links `{J}` with a table of this query",
    label = "nothing to join `{J}` along",
    note = "declare the foreign key in `table!`, or join with an explicit condition: `.join_on(table, condition)`"
)]
pub trait FkLink<J, I> {
    /// The foreign key (or [`SeveralForeignKeys`](super::table::SeveralForeignKeys)).
    type Fk;
    /// Whether the joined table is the referencing side.
    const JOINED_IS_CHILD: bool;
    /// Alias or name of the FROM table the key links to.
    fn linked_qualifier() -> &'static str;
}

macro_rules! fk_links {
    ($($index:ident for $head:ty, child $child:ident of $parent:ident, joined_is_child $flag:literal;)*) => {$(
        impl<J: Table, H: Table, Tail> FkLink<J, $index> for Cons<$head, Tail>
        where
            $child::Base: ChildOf<$parent::Base>,
        {
            type Fk = <$child::Base as ChildOf<$parent::Base>>::Fk;
            const JOINED_IS_CHILD: bool = $flag;

            fn linked_qualifier() -> &'static str {
                H::qualifier()
            }
        }
    )*};
}

fk_links! {
    ReferencesJoined for H, child H of J, joined_is_child false;
    ReferencedByJoined for H, child J of H, joined_is_child true;
    LeftReferencesJoined for LeftJoined<H>, child H of J, joined_is_child false;
    LeftReferencedByJoined for LeftJoined<H>, child J of H, joined_is_child true;
}

#[diagnostic::do_not_recommend]
impl<J, H, Tail, I> FkLink<J, There<I>> for Cons<H, Tail>
where
    Tail: FkLink<J, I>,
{
    type Fk = Tail::Fk;
    const JOINED_IS_CHILD: bool = Tail::JOINED_IS_CHILD;

    fn linked_qualifier() -> &'static str {
        Tail::linked_qualifier()
    }
}

/// `child.c1 = parent.p1 AND child.c2 = parent.p2 …` for foreign key `K`.
pub(crate) fn fk_condition<K: ForeignKey>(child: &'static str, parent: &'static str) -> ast::Expr {
    K::COLUMNS
        .iter()
        .map(|(c, p)| ast::Expr::column(child, *c).eq(ast::Expr::column(parent, *p)))
        .reduce(ast::Expr::and)
        .unwrap_or(ast::Expr::Bool(true))
}
