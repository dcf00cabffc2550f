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

/// A table on the nullable side of an outer join (the table of a `LEFT JOIN`, the tables before
/// a `RIGHT JOIN`, both sides of a `FULL JOIN`): its columns may be `NULL`.
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
    note = "join it first (`.join_fk(…)`, `.join_on(…)` or `.left_join_on(…)`); in a subquery, declare a table of the enclosing query with `.correlate(table)`; or use a column of a table the query reads"
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

/// The FROM list `Self` with every table on the nullable side of an outer join: what a RIGHT
/// or FULL JOIN makes of the tables joined before it.
pub trait AllNullable {
    /// That list.
    type Out;
}

impl AllNullable for Nil {
    type Out = Nil;
}

impl<T: super::table::Table, Tail: AllNullable> AllNullable for Cons<T, Tail> {
    type Out = Cons<LeftJoined<T>, Tail::Out>;
}

impl<T, Tail: AllNullable> AllNullable for Cons<LeftJoined<T>, Tail> {
    type Out = Cons<LeftJoined<T>, Tail::Out>;
}

/// Proves that no table of the FROM list `Self` is named like `J` (the same table without an
/// alias, or an alias of the same name): every server refuses such a FROM clause, and a column
/// of either would be ambiguous. Compares the tables' [`Table::Qualifier`]s.
///
/// [`Table::Qualifier`]: super::table::Table::Qualifier
#[diagnostic::on_unimplemented(
    message = "`{J}` is already in this query's FROM clause",
    label = "joins a second table named like one the query reads",
    note = "to read a table twice, join it the second time through an alias: `dovetail::alias!(Other = table as \"other\")`"
)]
pub trait NamedApart<J> {}

#[diagnostic::do_not_recommend]
impl<J> NamedApart<J> for Nil {}

#[diagnostic::do_not_recommend]
impl<J, T, Tail> NamedApart<J> for Cons<T, Tail>
where
    J: super::table::Table,
    T: super::table::Table,
    T::Qualifier: Differs<J::Qualifier>,
    Tail: NamedApart<J>,
{
}

#[diagnostic::do_not_recommend]
impl<J, T, Tail> NamedApart<J> for Cons<LeftJoined<T>, Tail>
where
    J: super::table::Table,
    T: super::table::Table,
    T::Qualifier: Differs<J::Qualifier>,
    Tail: NamedApart<J>,
{
}

/// A hex digit of a [`Table::Qualifier`](super::table::Table::Qualifier): the digit `Digit`,
/// then the rest.
#[derive(Debug)]
pub struct Hex<Digit, Rest>(PhantomData<(Digit, Rest)>);

/// The end of a [`Table::Qualifier`](super::table::Table::Qualifier).
#[derive(Debug)]
pub enum End {}

/// Two [`Hex`] numbers differ: in their first digit, or else in the rest. Not implemented for
/// equal ones.
pub trait Differs<Other> {}

macro_rules! hex_digits {
    ($($digit:ident)*) => {$(
        #[doc = concat!("The hex digit ", stringify!($digit), ".")]
        #[derive(Debug)]
        pub enum $digit {}
    )*};
}

hex_digits!(H0 H1 H2 H3 H4 H5 H6 H7 H8 H9 HA HB HC HD HE HF);

/// For each digit: equal first digits compare the rest, different ones differ.
macro_rules! differs {
    ($($before:ident)*; $digit:ident $($after:ident)*) => {
        #[diagnostic::do_not_recommend]
        impl<R1: Differs<R2>, R2> Differs<Hex<$digit, R2>> for Hex<$digit, R1> {}
        $(
            #[diagnostic::do_not_recommend]
            impl<R1, R2> Differs<Hex<$before, R2>> for Hex<$digit, R1> {}
        )*
        $(
            #[diagnostic::do_not_recommend]
            impl<R1, R2> Differs<Hex<$after, R2>> for Hex<$digit, R1> {}
        )*
        differs!($($before)* $digit; $($after)*);
    };
    ($($before:ident)*;) => {};
}

differs!(; H0 H1 H2 H3 H4 H5 H6 H7 H8 H9 HA HB HC HD HE HF);
