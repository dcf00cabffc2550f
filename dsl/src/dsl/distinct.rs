//! `SELECT DISTINCT` as a type. A DISTINCT query's rows are its distinct selections, so its
//! ORDER BY may only read selected expressions (PostgreSQL and MySQL refuse any other; SQLite
//! and MariaDB would sort by a value picked from one of the merged rows), and it cannot lock
//! rows (`FOR UPDATE`). A query carries its state as its last type parameter: whether it is
//! DISTINCT, whether it is ordered, and its selection's type, which an ORDER BY of a DISTINCT
//! query is checked against.
//!
//! ```compile_fail
//! use dovetail::prelude::*;
//! dovetail::table! { tag { id: Integer, name: Text } primary_key (id); }
//! // `id` is not selected.
//! let _ = tag::table.select(tag::name).distinct().order_by(tag::id);
//! ```

use std::marker::PhantomData;

use super::order::Ordered;

/// A query without DISTINCT, not ordered yet, selecting `Sel` (`()` before `.select(…)`):
/// `.distinct()` may still come.
#[derive(Debug)]
pub struct Unsorted<Sel = ()>(PhantomData<Sel>);

/// A query without DISTINCT, ordered.
#[derive(Debug)]
pub enum Sorted {}

/// A `SELECT DISTINCT` query selecting `Sel` (`()` before `.select(…)`).
#[derive(Debug)]
pub struct Distinct<Sel = ()>(PhantomData<Sel>);

/// The state after `.select(selection)`.
pub trait SelectInto<Sel> {
    /// That state.
    type Next;
}

impl<Sel> SelectInto<Sel> for Unsorted {
    type Next = Unsorted<Sel>;
}

impl<Sel> SelectInto<Sel> for Sorted {
    type Next = Sorted;
}

impl<Sel> SelectInto<Sel> for Distinct {
    type Next = Distinct<Sel>;
}

/// The state after `.order_by(terms)`: in a DISTINCT query every term reads a selected
/// expression (at positions `I`, which the compiler infers).
#[diagnostic::on_unimplemented(
    message = "the ORDER BY of a SELECT DISTINCT may only use selected expressions",
    label = "orders by an expression the query does not select",
    note = "select it too (`.select(…)` before `.order_by(…)`), or order by an expression the query selects"
)]
pub trait OrderInto<O, I> {
    /// That state.
    type Next;
}

#[diagnostic::do_not_recommend]
impl<O, Sel> OrderInto<O, ()> for Unsorted<Sel> {
    type Next = Sorted;
}

#[diagnostic::do_not_recommend]
impl<O> OrderInto<O, ()> for Sorted {
    type Next = Sorted;
}

#[diagnostic::do_not_recommend]
impl<O, Sel, I> OrderInto<O, I> for Distinct<Sel>
where
    O: SortsBySelected<Sel, I>,
{
    type Next = Distinct<Sel>;
}

/// The state after `.distinct()`.
#[diagnostic::on_unimplemented(
    message = "`.distinct()` must come before `.order_by(…)`",
    label = "the query is already ordered",
    note = "call `.distinct()` first: the ORDER BY of a DISTINCT query is checked against its selection"
)]
pub trait MakeDistinct {
    /// That state.
    type Next;
}

#[diagnostic::do_not_recommend]
impl<Sel> MakeDistinct for Unsorted<Sel> {
    type Next = Distinct<Sel>;
}

#[diagnostic::do_not_recommend]
impl<Sel> MakeDistinct for Distinct<Sel> {
    type Next = Distinct<Sel>;
}

/// A query in this state may lock its rows.
#[diagnostic::on_unimplemented(
    message = "FOR UPDATE cannot lock the rows of a DISTINCT query",
    label = "each row of a DISTINCT query may merge several rows of its tables",
    note = "lock the rows with a query without DISTINCT, and remove duplicates in Rust"
)]
pub trait LockableRows {}

#[diagnostic::do_not_recommend]
impl<Sel> LockableRows for Unsorted<Sel> {}
#[diagnostic::do_not_recommend]
impl LockableRows for Sorted {}

/// ORDER BY terms of a DISTINCT query or a set operation selecting `Sel`: each reads an
/// expression `Sel` selects.
#[diagnostic::on_unimplemented(
    message = "the ORDER BY of a SELECT DISTINCT or of a set operation may only use selected expressions",
    label = "not in the selection",
    note = "select it too (`.select(…)` before `.order_by(…)`), or order by an expression the query selects"
)]
pub trait SortsBySelected<Sel, I> {}

#[diagnostic::do_not_recommend]
impl<E, Sel, I> SortsBySelected<Sel, I> for Ordered<E> where Sel: Selects<E, I> {}

macro_rules! sorted_tuples {
    ($(($($name:ident $index:ident),+))*) => {$(
        #[diagnostic::do_not_recommend]
        impl<Sel, $($name, $index),+> SortsBySelected<Sel, ($($index,)+)> for ($($name,)+)
        where
            $($name: SortsBySelected<Sel, $index>),+
        {
        }
    )*};
}

sorted_tuples! {
    (A IA, B IB)
    (A IA, B IB, C IC)
    (A IA, B IB, C IC, D ID)
    (A IA, B IB, C IC, D ID, E IE)
    (A IA, B IB, C IC, D ID, E IE, H IH)
}

/// The selection `Self` selects expression `E` (at position `I`, which the compiler infers).
#[diagnostic::on_unimplemented(
    message = "the ORDER BY of a SELECT DISTINCT or of a set operation may only use selected expressions",
    label = "not in the selection",
    note = "select it too (`.select(…)` before `.order_by(…)`), or order by an expression the query selects"
)]
pub trait Selects<E, I> {}

/// Proof position: the selection is the one expression.
#[derive(Debug)]
pub enum Whole {}

/// Proof position: the `N`th element of a selected tuple (`P0` first).
#[derive(Debug)]
pub struct Element<N>(PhantomData<N>);

#[diagnostic::do_not_recommend]
impl<E> Selects<E, Whole> for E {}

macro_rules! positions {
    ($($position:ident)*) => {$(
        #[doc = concat!("Tuple position ", stringify!($position), ".")]
        #[derive(Debug)]
        pub enum $position {}
    )*};
}

positions!(P0 P1 P2 P3 P4 P5 P6 P7 P8 P9 P10 P11);

/// For a tuple of the given elements: `Selects` for each element, at its position.
macro_rules! selected_tuple {
    ($($all:ident)+) => {
        selected_tuple!(@each [$($all)+] [$($all)+] [P0 P1 P2 P3 P4 P5 P6 P7 P8 P9 P10 P11]);
    };
    (@each [$($all:ident)+] [$head:ident $($rest:ident)*] [$position:ident $($positions:ident)*]) => {
        #[diagnostic::do_not_recommend]
        impl<$($all),+> Selects<$head, Element<$position>> for ($($all,)+) {}
        selected_tuple!(@each [$($all)+] [$($rest)*] [$($positions)*]);
    };
    (@each [$($all:ident)+] [] [$($positions:ident)*]) => {};
}

selected_tuple!(A);
selected_tuple!(A B);
selected_tuple!(A B C);
selected_tuple!(A B C D);
selected_tuple!(A B C D E);
selected_tuple!(A B C D E G);
selected_tuple!(A B C D E G H);
selected_tuple!(A B C D E G H J);
selected_tuple!(A B C D E G H J K);
selected_tuple!(A B C D E G H J K L);
selected_tuple!(A B C D E G H J K L M);
selected_tuple!(A B C D E G H J K L M N);
