//! The FROM clause as a type: which tables a query reads, and which of them may be `NULL`.
//!
//! A query's FROM set is a type-level list: `Cons<artist::table, Cons<album::table, Nil>>`
//! after `album::table.join_fk(artist::table)`. A left-joined table enters as
//! [`LeftJoined<T>`], so its columns read as nullable. A column may be used when its table is
//! in the list; [`InFrom`] proves it, and the compiler infers the proof's position `I`
//! ([`Here`], [`HereLeftJoined`] or [`There<I>`]) on its own. The list never needs declarations
//! of which tables "may appear together", so its cost grows with the query, not the schema.

use std::marker::PhantomData;

use super::sql_types::{MaybeNull, NotNull, NullFlag};

/// The empty FROM list.
#[derive(Debug)]
pub enum Nil {}

/// A FROM list: `Head` followed by `Tail`.
#[derive(Debug)]
pub struct Cons<Head, Tail>(PhantomData<(Head, Tail)>);

/// A table that entered the FROM list through a `LEFT JOIN`: its columns may be `NULL`.
#[derive(Debug)]
pub struct LeftJoined<T>(PhantomData<T>);

/// Proof position: the table is the head of the list.
#[derive(Debug)]
pub enum Here {}

/// Proof position: the table is the head of the list, left-joined.
#[derive(Debug)]
pub enum HereLeftJoined {}

/// Proof position: the table is somewhere in the tail, at `I`.
#[derive(Debug)]
pub struct There<I>(PhantomData<I>);

/// Proves that table `T` is in this FROM list (at position `I`, which the compiler infers).
#[diagnostic::on_unimplemented(
    message = "table `{T}` is not in this query's FROM clause",
    label = "this reads `{T}`",
    note = "join it first (`.join_fk(…)`, `.join_on(…)` or `.left_join_on(…)`), or use a column of a table the query reads"
)]
pub trait InFrom<T, I> {
    /// [`MaybeNull`] when the table is left-joined, so its columns read as `Option`.
    type IsNull: NullFlag;
}

#[diagnostic::do_not_recommend]
impl<T, Tail> InFrom<T, Here> for Cons<T, Tail> {
    type IsNull = NotNull;
}

#[diagnostic::do_not_recommend]
impl<T, Tail> InFrom<T, HereLeftJoined> for Cons<LeftJoined<T>, Tail> {
    type IsNull = MaybeNull;
}

#[diagnostic::do_not_recommend]
impl<T, Head, Tail, I> InFrom<T, There<I>> for Cons<Head, Tail>
where
    Tail: InFrom<T, I>,
{
    type IsNull = Tail::IsNull;
}

/// The tables of a FROM list whose rows a lock can hold: all but those on the nullable side of
/// an outer join, whose missing rows cannot be locked (PostgreSQL refuses `FOR UPDATE` there).
pub trait LockTargets {
    /// Whether some table of the list is left-joined.
    const OUTER_JOINED: bool;

    /// The qualifiers (names or aliases) of the tables that can be locked, first joined first.
    fn lockable(into: &mut Vec<crate::ast::Name>);
}

impl LockTargets for Nil {
    const OUTER_JOINED: bool = false;

    fn lockable(_: &mut Vec<crate::ast::Name>) {}
}

impl<T: super::table::Table, Tail: LockTargets> LockTargets for Cons<T, Tail> {
    const OUTER_JOINED: bool = Tail::OUTER_JOINED;

    fn lockable(into: &mut Vec<crate::ast::Name>) {
        Tail::lockable(into);
        into.push(crate::ast::Name::Borrowed(T::qualifier()));
    }
}

impl<T, Tail: LockTargets> LockTargets for Cons<LeftJoined<T>, Tail> {
    const OUTER_JOINED: bool = true;

    fn lockable(into: &mut Vec<crate::ast::Name>) {
        Tail::lockable(into);
    }
}
