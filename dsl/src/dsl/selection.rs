//! What a query selects, and how result rows decode into Rust values.
//!
//! A selection is an expression or a (nested) tuple of them; in a query reading `F` it has
//! the SQL type [`Selection::Out`] — a tuple of column types, nullable where the query can
//! produce `NULL`. Rows decode into any Rust type that implements [`FromRow`] for that type:
//! tuples of the right arity and field types, and structs with `#[derive(Queryable)]`.

use super::grouping::{MixAll, Settle};
use super::reads::*;
use crate::ast;
use crate::connection::Connection;
use crate::error::Result;
use crate::value::Cells;
use crate::value::Value;

/// A selection valid in a query reading `F` with grouping `G`.
pub trait Selection<F, G, I> {
    /// The SQL types of the selected values, as the query sees them.
    type Out;
    /// [`Plain`](super::grouping::Plain), [`Aggregated`](super::grouping::Aggregated) or
    /// [`Constant`](super::grouping::Constant): a mix of plain and aggregated is rejected.
    type Kind;

    /// The projection items.
    fn lower(&self, items: &mut Vec<ast::SelectItem>);
}

/// A selection `Sel` and the grouping `G` of the query it is for, settled by its kind (see
/// [`Settle`]): one bound for `select`, so a selection that does not fit is one error.
pub trait SelectsQuery<F, G, I> {
    /// The SQL types of the selected values.
    type Out;
    /// The query's grouping after it.
    type Next;

    /// The projection items.
    fn lower_items(&self, items: &mut Vec<ast::SelectItem>);
}

impl<Sel, F, G, I> SelectsQuery<F, G, I> for Sel
where
    Sel: Selection<F, G, I>,
    G: Settle<Sel::Kind>,
{
    type Out = Sel::Out;
    type Next = G::Out;

    fn lower_items(&self, items: &mut Vec<ast::SelectItem>) {
        self.lower(items);
    }
}

/// Implements [`Selection`], [`OrderTerms`](super::order::OrderTerms),
/// [`SortsBySelected`](super::distinct::SortsBySelected) and
/// [`AsExpr`](super::AsExpr) for an expression
/// type (one with `InScope` and `Grouping`), with its generic parameters; and
/// [`Named`](super::operand::Named), as `NotAColumn` unless `; named Name` says otherwise.
///
/// These are per-type impls rather than one blanket impl so that, when a check fails, the
/// compiler has exactly one impl to look into and reports the real cause.
#[macro_export]
#[doc(hidden)]
macro_rules! expression_roles {
    // A column: messages name it by `$name`, its declaration, and it converts to a value of
    // another SQL type through its own `AsExpr` impl, which names it too.
    ($ty:ty $(, $param:ident)* ; named $name:ty) => {
        $crate::expression_roles!(@roles $ty $(, $param)*);

        impl<$($param),*> $crate::dsl::operand::Named for $ty {
            type Name = $name;
        }
    };
    ($ty:ty $(, $param:ident)*) => {
        $crate::expression_roles!(@roles $ty $(, $param)*);
        $crate::expression_roles!(@as_expr $ty $(, $param)*);

        impl<$($param),*> $crate::dsl::operand::Named for $ty {
            type Name = $crate::dsl::operand::NotAColumn;
        }
    };
    (@as_expr $ty:ty $(, $param:ident)*) => {
        #[diagnostic::do_not_recommend]
        impl<__T $(, $param)*> $crate::dsl::AsExpr<__T> for $ty
        where
            $ty: $crate::dsl::Expression,
            <$ty as $crate::dsl::Expression>::SqlType: $crate::dsl::sql_types::Compatible<__T>,
        {
            type Expr = $ty;

            fn into_expr(self) -> $ty {
                self
            }
        }
    };
    (@roles $ty:ty $(, $param:ident)*) => {
        impl<__F, __G, __IS, __IG $(, $param)*> $crate::dsl::Selection<__F, __G, (__IS, __IG)> for $ty
        where
            $ty: $crate::dsl::InScope<__F, __IS> + $crate::dsl::grouping::Grouping<__G, __IG>,
        {
            type Out = <$ty as $crate::dsl::InScope<__F, __IS>>::Out;
            type Kind = <$ty as $crate::dsl::grouping::Grouping<__G, __IG>>::Kind;

            fn lower(&self, __items: &mut ::std::vec::Vec<$crate::ast::SelectItem>) {
                __items.push($crate::dsl::Expression::lower(self).item());
            }
        }

        #[diagnostic::do_not_recommend]
        impl<__Sel, __I $(, $param)*> $crate::dsl::distinct::SortsBySelected<__Sel, __I> for $ty
        where
            __Sel: $crate::dsl::distinct::Selects<$ty, __I>,
        {
        }

        impl<__F, __G, __IS, __IG $(, $param)*> $crate::dsl::order::OrderTerms<__F, __G, (__IS, __IG)> for $ty
        where
            $ty: $crate::dsl::InScope<__F, __IS> + $crate::dsl::grouping::Grouping<__G, __IG>,
        {
            type Kind = <$ty as $crate::dsl::grouping::Grouping<__G, __IG>>::Kind;

            fn lower(&self) -> ::std::vec::Vec<$crate::ast::OrderBy> {
                ::std::vec![$crate::dsl::Expression::lower(self).asc()]
            }
        }
    };
}

/// Reads the cells of one row, left to right.
pub struct RowCursor<'r> {
    cells: &'r mut dyn Cells,
    next: usize,
}

impl<'r> RowCursor<'r> {
    /// A cursor at the first cell of `cells` (a [`crate::Row`], or a driver's row).
    pub fn new(cells: &'r mut dyn Cells) -> Self {
        RowCursor { cells, next: 0 }
    }

    /// Decodes the next cell, moving it out of the row.
    pub fn read<T: crate::value::FromValue>(&mut self) -> Result<T> {
        let index = self.next;
        self.next += 1;
        T::from_cells(self.cells, index)
    }
}

impl std::fmt::Debug for RowCursor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowCursor")
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

/// Runs `sql` and decodes each row into `R` as it arrives, each cell moved from the driver's
/// row into its field.
pub(crate) fn load_rows<S, R, C>(conn: &mut C, sql: &str, params: &[Value]) -> Result<Vec<R>>
where
    R: RowOf<S>,
    C: Connection + ?Sized,
{
    let mut out = Vec::new();
    crate::connection::collect_cells(conn, sql, params, &mut |cells| {
        if out.is_empty() {
            out.reserve_exact(cells.rows_after() + 1);
        }
        out.push(R::read_row(&mut RowCursor::new(cells))?);
        Ok(())
    })?;
    Ok(out)
}

/// A Rust type that rows of the selection `S` read into: the bound of `load`, `first` and
/// `for_each`. It holds exactly when `Self: FromRow<S>`, and reports a mismatch by the column
/// and the Rust type that would fit.
#[diagnostic::on_unimplemented(
    message = "the selection yields `{S}`, which cannot be read into `{Self}`",
    label = "the selected columns do not match this type",
    note = "read each selected column into a field of its type, in order and with the same count; nullable ones into `Option<_>`"
)]
pub trait RowOf<S>: Sized {
    /// Decodes the next cells of the row.
    fn read_row(cursor: &mut RowCursor<'_>) -> Result<Self>;
}

impl<S, R: FromRow<S>> RowOf<S> for R {
    fn read_row(cursor: &mut RowCursor<'_>) -> Result<Self> {
        R::from_row(cursor)
    }
}

/// A Rust type that rows of a selection with SQL types `T` decode into: tuples of as many
/// fields, structs with `#[derive(Queryable)]`.
///
/// Loading methods take the equivalent bound [`RowOf`]. A row type written by hand implements
/// [`Columns2`] (for two columns, [`Columns3`] for three…), which gives it `FromRow<(A, B)>`:
///
/// ```
/// use dovetail::prelude::*;
/// use dovetail::dsl::selection::Columns2;
/// use dovetail::dsl::{FromRow, RowCursor};
///
/// dovetail::table! { person { id: Integer, name: Nullable<Text> } primary_key (id); }
///
/// /// A person's name, or "#id" when it has none.
/// struct Label(String);
///
/// impl<A, B> Columns2<A, B> for Label
/// where
///     i32: FromRow<A>,
///     Option<String>: FromRow<B>,
/// {
///     fn read_columns(cursor: &mut RowCursor<'_>) -> dovetail::Result<Self> {
///         let id = i32::from_row(cursor)?;
///         let name = Option::<String>::from_row(cursor)?;
///         Ok(Label(name.unwrap_or_else(|| format!("#{id}"))))
///     }
/// }
///
/// let mut conn = dovetail::connect("sqlite::memory:")?;
/// conn.batch_execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);
///     INSERT INTO person VALUES (1, 'Ada'), (2, NULL)")?;
/// let labels: Vec<Label> = person::table
///     .select((person::id, person::name))
///     .order_by(person::id)
///     .load(&mut *conn)?;
/// let labels: Vec<String> = labels.into_iter().map(|l| l.0).collect();
/// assert_eq!(labels, ["Ada", "#2"]);
/// # Ok::<(), dovetail::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "the selection yields `{T}`, which cannot be read into `{Self}`",
    label = "the selected columns do not match this type",
    note = "read each selected column into a field of its type, in order and with the same count; nullable ones into `Option<_>`"
)]
pub trait FromRow<T>: Sized {
    /// Decodes the next cells of the row.
    fn from_row(cursor: &mut RowCursor<'_>) -> Result<Self>;
}

macro_rules! tuples {
    ($($columns:ident $message:literal ($($name:ident $sql:ident $index:ident $position:ident),+))*) => {$(
        impl<F, G, $($name, $index),+> Selection<F, G, ($($index,)+)> for ($($name,)+)
        where
            $($name: Selection<F, G, $index>),+,
            tuples!(@kinds $($name $index),+): MixAll,
        {
            type Out = ($($name::Out,)+);
            type Kind = <tuples!(@kinds $($name $index),+) as MixAll>::Out;

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn lower(&self, items: &mut Vec<ast::SelectItem>) {
                let ($($name,)+) = self;
                $($name.lower(items);)+
            }
        }

        /// A Rust type that reads a row of this many columns, each into its own field: the
        /// tuples of as many fields.
        #[diagnostic::on_unimplemented(
            message = $message,
            label = "the selected columns do not match this type",
            note = "read the columns into a tuple or a `#[derive(Queryable)]` struct with as many fields, in order"
        )]
        pub trait $columns<$($sql),+>: Sized {
            /// Decodes the next cells of the row.
            fn read_columns(cursor: &mut RowCursor<'_>) -> Result<Self>;
        }

        impl<$($name, $sql: RustType),+> $columns<$($sql),+> for ($($name,)+)
        where
            $($name: ColumnInto<$sql, $position, $sql::Rust>),+
        {
            fn read_columns(cursor: &mut RowCursor<'_>) -> Result<Self> {
                Ok(($($name::from_row(cursor)?,)+))
            }
        }

        impl<Row, $($sql),+> FromRow<($($sql,)+)> for Row
        where
            Row: $columns<$($sql),+>,
        {
            fn from_row(cursor: &mut RowCursor<'_>) -> Result<Self> {
                Row::read_columns(cursor)
            }
        }
    )*};
    (@kinds $name:ident $index:ident $(, $rest:ident $rest_index:ident)*) => {
        (<$name as Selection<F, G, $index>>::Kind, tuples!(@kinds $($rest $rest_index),*))
    };
    (@kinds) => { () };
}

/// A tuple of SQL types reads into the tuple of their Rust types.
macro_rules! rust_tuples {
    ($(($($sql:ident),+))*) => {$(
        impl<$($sql: RustType),+> RustType for ($($sql,)+) {
            type Rust = ($($sql::Rust,)+);
        }
    )*};
}

rust_tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, H)
    (A, B, C, D, E, H, J)
    (A, B, C, D, E, H, J, K)
    (A, B, C, D, E, H, J, K, L)
    (A, B, C, D, E, H, J, K, L, M)
    (A, B, C, D, E, H, J, K, L, M, N)
    (A, B, C, D, E, H, J, K, L, M, N, O)
    (A, B, C, D, E, H, J, K, L, M, N, O, P)
    (A, B, C, D, E, H, J, K, L, M, N, O, P, Q)
    (A, B, C, D, E, H, J, K, L, M, N, O, P, Q, R)
    (A, B, C, D, E, H, J, K, L, M, N, O, P, Q, R, T)
}

tuples! {
    Columns1 "the selection yields 1 column, which cannot be read into `{Self}`"
    (A SA IA Column1)
    Columns2 "the selection yields 2 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2)
    Columns3 "the selection yields 3 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3)
    Columns4 "the selection yields 4 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4)
    Columns5 "the selection yields 5 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5)
    Columns6 "the selection yields 6 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6)
    Columns7 "the selection yields 7 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7)
    Columns8 "the selection yields 8 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8)
    Columns9 "the selection yields 9 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8, L SL IL Column9)
    Columns10 "the selection yields 10 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8, L SL IL Column9, M SM IM Column10)
    Columns11 "the selection yields 11 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8, L SL IL Column9, M SM IM Column10, N SN IN Column11)
    Columns12 "the selection yields 12 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8, L SL IL Column9, M SM IM Column10, N SN IN Column11, O SO IO Column12)
    Columns13 "the selection yields 13 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8, L SL IL Column9, M SM IM Column10, N SN IN Column11, O SO IO Column12, P SP IP Column13)
    Columns14 "the selection yields 14 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8, L SL IL Column9, M SM IM Column10, N SN IN Column11, O SO IO Column12, P SP IP Column13, Q SQ IQ Column14)
    Columns15 "the selection yields 15 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8, L SL IL Column9, M SM IM Column10, N SN IN Column11, O SO IO Column12, P SP IP Column13, Q SQ IQ Column14, R SR IR Column15)
    Columns16 "the selection yields 16 columns, which cannot be read into `{Self}`"
    (A SA IA Column1, B SB IB Column2, C SC IC Column3, D SD ID Column4, E SE IE Column5, H SH IH Column6, J SJ IJ Column7, K SK IK Column8, L SL IL Column9, M SM IM Column10, N SN IN Column11, O SO IO Column12, P SP IP Column13, Q SQ IQ Column14, R SR IR Column15, T ST IT Column16)
}
