//! Which columns a write sets, as a type: each column set once, none that the database
//! computes, every NOT NULL column without a default set by an INSERT, and an upsert's
//! conflict target one of the table's keys.
//!
//! `table!` gives every table a list of slots, one per column in declaration order, each with
//! a flag saying what a write may do with it ([`Writable::Slots`](super::table::Writable::Slots)):
//! `Cons<Slot<id, Optional>, Cons<Slot<name, Required>, Nil>>`. Setting a column takes its slot
//! ([`Take`], found at a position the compiler infers, as [`InFrom`](super::scope::InFrom)
//! finds a table) and marks it [`Written`]; the flag it had says whether that was allowed
//! ([`Open`]). What is left is the statement's state: an UPDATE carries it from one `.set(…)`
//! to the next, an INSERT checks that it leaves out no [`Required`] column ([`Complete`]) and
//! that every row leaves the same list (so every row sets the same columns, in any order).
//! Each check walks one list once per column set: no impl names two columns, so the cost grows
//! with the statement, not with the square of the schema.
//!
//! ```compile_fail
//! use dovetail::prelude::*;
//! dovetail::table! { tag { id: Integer [identity], name: Text } primary_key (id); }
//! // `name` is set twice.
//! let _ = update(tag::table).set((tag::name.set("a"), tag::name.set("b")));
//! ```

use std::marker::PhantomData;

use super::column::Col;
use super::expression::{AsExpr, Expression};
use super::rust_types::Nullness;
use super::scope::{Cons, Here, Nil, There};
use super::sql_types::{Lossless, MaybeNull, NotNull, Nullable, SqlType};
use super::table::Column;

/// One column of a [`Writable::Slots`](super::table::Writable::Slots) list, with what a write may do with it.
#[derive(Debug)]
pub struct Slot<C, Flag>(PhantomData<(C, Flag)>);

/// Flag: `NOT NULL` without a default; an INSERT must set it.
#[derive(Debug)]
pub enum Required {}

/// Flag: nullable, or with a default (`[default]`, `[identity]`); an INSERT may leave it out.
#[derive(Debug)]
pub enum Optional {}

/// Flag: computed by the database (`[generated]`); no write may set it.
#[derive(Debug)]
pub enum Generated {}

/// Flag: `GENERATED ALWAYS AS IDENTITY` (`[identity always]`); no write may set it.
#[derive(Debug)]
pub enum AlwaysIdentity {}

/// Flag: set already by this statement.
#[derive(Debug)]
pub enum Written {}

/// Takes the slot of the column `M` declares ([`Column::Def`]) out of the list `Self` (at
/// position `I`, which the compiler infers), leaving it marked [`Written`] in [`Take::Rest`].
/// Keyed by the marker, as every check here, so that a message prints the column as
/// `table::columns::column`.
#[diagnostic::on_unimplemented(
    message = "`{M}` is not a column of `{T}`, the table this statement writes",
    label = "a column of another table",
    note = "an INSERT, UPDATE or upsert sets columns of the table it writes"
)]
pub trait Take<T, M, I> {
    /// The slot's flag before this statement took it.
    type Flag;
    /// The list with the slot marked [`Written`].
    type Rest;
}

#[diagnostic::do_not_recommend]
impl<T, M, F, Tail> Take<T, M, Here> for Cons<Slot<Col<M>, F>, Tail> {
    type Flag = F;
    type Rest = Cons<Slot<Col<M>, Written>, Tail>;
}

#[diagnostic::do_not_recommend]
impl<T, M, H, Tail, I> Take<T, M, There<I>> for Cons<H, Tail>
where
    Tail: Take<T, M, I>,
{
    type Flag = Tail::Flag;
    type Rest = Cons<H, Tail::Rest>;
}

/// A slot with this flag may be set to a value of the column `M` declares, in table `T`. Each
/// flag that may not says why through a trait of its own that `M` does not implement, so the
/// error names the column.
pub trait Open<T, M> {}

impl<T, M> Open<T, M> for Required {}
impl<T, M> Open<T, M> for Optional {}
impl<T, M: SetOnce<T>> Open<T, M> for Written {}
impl<T, M: NotGenerated<T>> Open<T, M> for Generated {}
impl<T, M: NotAlwaysIdentity<T>> Open<T, M> for AlwaysIdentity {}

/// No column implements it: a column set a second time by one statement.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is set twice in this statement",
    label = "sets `{Self}` again",
    note = "set each column once: SQL takes one value per column and row"
)]
pub trait SetOnce<T> {}

/// No column implements it: a generated column was set.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a generated column of `{T}`: the database computes it, so no INSERT or UPDATE can set it",
    label = "sets a generated column",
    note = "leave the column out; read it back with `.returning(…)` or a query"
)]
pub trait NotGenerated<T> {}

/// No column implements it: a `GENERATED ALWAYS AS IDENTITY` column was set.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is `GENERATED ALWAYS AS IDENTITY` in `{T}`: the database numbers it, so no INSERT or UPDATE can set it",
    label = "sets an always-generated identity",
    note = "leave the column out; read the number back with `.returning(…)`, or declare it `GENERATED BY DEFAULT` (`[identity]`) to write your own"
)]
pub trait NotAlwaysIdentity<T> {}

/// Takes every column of the list `Self` out of the slot list `L`, each one [`Open`]:
/// the columns a statement sets.
pub trait TakeColumns<T, L, I> {
    /// `L` with those columns marked [`Written`].
    type Rest;
}

impl<T, L> TakeColumns<T, L, ()> for Nil {
    type Rest = L;
}

impl<T, L, M, Tail, I, J> TakeColumns<T, L, (I, J)> for Cons<Col<M>, Tail>
where
    L: Take<T, M, I>,
    <L as Take<T, M, I>>::Flag: Open<T, M>,
    Tail: TakeColumns<T, <L as Take<T, M, I>>::Rest, J>,
{
    type Rest = Tail::Rest;
}

/// The row or SET list `Self`, which sets the columns `Cs`, may set them in the slots `L`
/// ([`TakeColumns`]). A bound on the value the user wrote, so that an error points at it.
pub trait WritesColumns<T, L, Cs, I> {
    /// `L` with those columns marked [`Written`].
    type Rest;
}

impl<T, L, Cs, I, V> WritesColumns<T, L, Cs, I> for V
where
    Cs: TakeColumns<T, L, I>,
{
    type Rest = Cs::Rest;
}

/// The slots an INSERT into `T` left: none of them [`Required`].
pub trait Complete<T> {}

impl<T> Complete<T> for Nil {}

impl<T, M, F, Tail> Complete<T> for Cons<Slot<Col<M>, F>, Tail>
where
    F: LeftOut<T, M>,
    Tail: Complete<T>,
{
}

/// An INSERT into `T` may leave out the column `M` declares when its slot has this flag.
pub trait LeftOut<T, M> {}

impl<T, M: HasDefault<T>> LeftOut<T, M> for Required {}
impl<T, M> LeftOut<T, M> for Optional {}
impl<T, M> LeftOut<T, M> for Generated {}
impl<T, M> LeftOut<T, M> for AlwaysIdentity {}
impl<T, M> LeftOut<T, M> for Written {}

/// No column implements it: a NOT NULL column without a default that an INSERT left out.
#[diagnostic::on_unimplemented(
    message = "this INSERT into `{T}` does not set `{Self}`, which is NOT NULL and has no default",
    label = "`{Self}` is missing",
    note = "set the column (with `.set(…)`, or a field of the Insertable struct), or give it a default in the schema"
)]
pub trait HasDefault<T> {}

/// Removes column `C` from the list `Self` (at position `I`, which the compiler infers).
pub trait Remove<C, I> {
    /// The list without it.
    type Rest;
}

impl<C, Tail> Remove<C, Here> for Cons<C, Tail> {
    type Rest = Tail;
}

impl<C, H, Tail, I> Remove<C, There<I>> for Cons<H, Tail>
where
    Tail: Remove<C, I>,
{
    type Rest = Cons<H, Tail::Rest>;
}

/// Removes every column of the list `Self` from the list `L`, each once.
pub trait RemoveAll<L, I> {
    /// What is left of `L`.
    type Rest;
}

impl<L> RemoveAll<L, ()> for Nil {
    type Rest = L;
}

impl<L, C, Tail, I, J> RemoveAll<L, (I, J)> for Cons<C, Tail>
where
    L: Remove<C, I>,
    Tail: RemoveAll<<L as Remove<C, I>>::Rest, J>,
{
    type Rest = Tail::Rest;
}

/// Proves that the columns `Cs` of a conflict target (named `N` in messages) are exactly one of
/// the keys in the list `Self` ([`Writable::Keys`](super::table::Writable::Keys)), in any
/// order: removing them from that key (at position `I`, which the compiler infers) leaves
/// nothing.
#[diagnostic::on_unimplemented(
    message = "`{N}` is not the primary key or a unique key of `{T}`",
    label = "not a key of `{T}`",
    note = "an upsert's conflict target is all the columns of the primary key or of one unique key declared in `table!` (in any order), and nothing else"
)]
pub trait MatchesKey<T, N, Cs, I> {}

#[diagnostic::do_not_recommend]
impl<T, N, Cs, Key, Keys, J> MatchesKey<T, N, Cs, (J,)> for Cons<Key, Keys> where
    Cs: RemoveAll<Key, J, Rest = Nil>
{
}

#[diagnostic::do_not_recommend]
impl<T, N, Cs, Key, Keys, I> MatchesKey<T, N, Cs, There<I>> for Cons<Key, Keys> where
    Keys: MatchesKey<T, N, Cs, I>
{
}

/// An INSERT into `T` before its first row.
#[derive(Debug, Clone, Copy)]
pub enum NoRows {}

/// An INSERT whose first row set the columns `Cs` (the type-level list `Cons<column, …>`, in
/// the order written): every later row sets the same ones.
#[derive(Debug)]
pub struct Rows<Cs>(PhantomData<Cs>);

/// An INSERT into `T` in this state takes a row that sets the columns `Cs`: its first row, or
/// one that sets the columns of the rows before it (in any order).
pub trait AcceptsRow<T, Cs, I> {
    /// The state after that row.
    type Next;
}

impl<T, Cs> AcceptsRow<T, Cs, ()> for NoRows {
    type Next = Rows<Cs>;
}

impl<T, Cs, Earlier, I> AcceptsRow<T, Cs, (I,)> for Rows<Earlier>
where
    Cs: SameColumns<T, Earlier, I>,
{
    type Next = Rows<Earlier>;
}

/// The row `Self`, which sets the columns `Cs`, may join an INSERT into `T` in state `R`
/// ([`AcceptsRow`]). A bound on the row the user wrote, so that an error points at it.
pub trait JoinsRows<T, R, Cs, I> {
    /// The INSERT's state after it.
    type Next;
}

impl<T, R, Cs, I, V> JoinsRows<T, R, Cs, I> for V
where
    R: AcceptsRow<T, Cs, I>,
{
    type Next = R::Next;
}

/// The columns `Self` are the columns `Earlier`, in any order: removing them from `Earlier`
/// (at positions `I`, which the compiler infers) leaves nothing.
#[diagnostic::on_unimplemented(
    message = "this row sets other columns than the earlier rows of this INSERT into `{T}`",
    label = "sets other columns",
    note = "every row of one INSERT sets the same columns (in any order); insert rows of another shape with a second INSERT"
)]
pub trait SameColumns<T, Earlier, I> {}

#[diagnostic::do_not_recommend]
impl<T, Cs, Earlier, I> SameColumns<T, Earlier, I> for Cs where Cs: RemoveAll<Earlier, I, Rest = Nil>
{}

/// An UPDATE of `T` before its first `.set(…)`.
#[derive(Debug, Clone, Copy)]
pub enum NoSet {}

/// An UPDATE of `T` that has set columns, leaving the slots `L`.
#[derive(Debug)]
pub struct Sets<L>(PhantomData<L>);

/// The states are markers: copies whatever they mark (which a derive would demand).
macro_rules! marker_copy {
    ($($name:ident),*) => {$(
        impl<L> Clone for $name<L> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<L> Copy for $name<L> {}
    )*};
}

marker_copy!(Rows, Sets);

/// The slots an UPDATE in this state has not set yet.
pub trait SetState<T> {
    /// Those slots.
    type Unset;
}

impl<T: super::table::Writable> SetState<T> for NoSet {
    type Unset = T::Slots;
}

impl<T, L> SetState<T> for Sets<L> {
    type Unset = L;
}

/// A Rust value or typed expression that `.set(…)` can write to the column `M` declares, of
/// SQL type `T`: one of the column's type, leaving nullability to [`NullInto`].
#[diagnostic::on_unimplemented(
    message = "the value written to `{M}` is not of its SQL type `{T}`",
    label = "`{Self}` is not a `{T}` value or expression",
    note = "each SQL type takes one Rust type (`Integer`: i32, `BigInt`: i64, `Text`: &str or String, …) or an expression of that SQL type"
)]
pub trait ValueFor<M, T> {
    /// The typed expression it becomes.
    type Expr;
    /// [`MaybeNull`] for `Option` and nullable expressions.
    type IsNull;

    /// Converts it.
    fn into_value(self) -> Self::Expr;
}

/// Checked against `Nullable<…>` so that `Option` values and nullable expressions pass and
/// reach [`NullInto`], whose message names the column; converted as the column's own type when
/// the value cannot be `NULL`, so a NOT NULL column's value keeps its NOT NULL type.
#[diagnostic::do_not_recommend]
impl<M, T, V> ValueFor<M, T> for V
where
    T: SqlType,
    V: AsExpr<Nullable<T::Base>> + Nullness,
    <<V::Expr as Expression>::SqlType as SqlType>::Base: Lossless<T::Base>,
    <V as Nullness>::IsNull: Convert<T, V>,
{
    type Expr = <<V as Nullness>::IsNull as Convert<T, V>>::Expr;
    type IsNull = <V as Nullness>::IsNull;

    fn into_value(self) -> Self::Expr {
        <<V as Nullness>::IsNull as Convert<T, V>>::convert(self)
    }
}

/// Converts a value of this nullability for a column of SQL type `T`.
pub trait Convert<T, V> {
    /// The typed expression.
    type Expr;

    /// Converts `value`.
    fn convert(value: V) -> Self::Expr;
}

#[diagnostic::do_not_recommend]
impl<T, V: AsExpr<T>> Convert<T, V> for NotNull {
    type Expr = V::Expr;

    fn convert(value: V) -> V::Expr {
        value.into_expr()
    }
}

#[diagnostic::do_not_recommend]
impl<T: SqlType, V: AsExpr<Nullable<T::Base>>> Convert<T, V> for MaybeNull {
    type Expr = V::Expr;

    fn convert(value: V) -> V::Expr {
        value.into_expr()
    }
}

/// The expression `Self` that a value `V` became may be written to the column `M` declares,
/// whose nullability is `ColumnNull` ([`NullInto`]). Asked of the expression, not the value,
/// so that a value of the wrong type, which becomes no expression, is one error, not two.
pub trait WrittenNull<ColumnNull, M, V>: super::expression::Expression {}

impl<E, ColumnNull, M, V> WrittenNull<ColumnNull, M, V> for E
where
    E: super::expression::Expression,
    <E::SqlType as SqlType>::IsNull: NullInto<ColumnNull, M, V>,
{
}

/// A value `V` of this nullability (`Self`, [`NotNull`] or [`MaybeNull`]) fits the column `M`
/// declares, whose own is `ColumnNull`: anything fits a nullable column, only a NOT NULL value
/// a NOT NULL one.
#[diagnostic::on_unimplemented(
    message = "`{M}` is NOT NULL, but the value written to it may be NULL",
    label = "`{V}` may be NULL",
    note = "write a value that cannot be NULL: unwrap the `Option` in Rust, or give the expression a fallback with `.coalesce(…)`"
)]
pub trait NullInto<ColumnNull, M, V> {}

impl<F, M, V> NullInto<F, M, V> for NotNull {}

#[diagnostic::do_not_recommend]
impl<M, V> NullInto<MaybeNull, M, V> for MaybeNull {}

/// The nullability of column `C`.
pub type ColumnNull<C> = <<C as Column>::SqlType as SqlType>::IsNull;
