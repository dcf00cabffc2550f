//! Typed INSERT, UPDATE and DELETE.
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! {
//!     customer { id: Integer [identity], name: Text, email: Nullable<Text> }
//!     primary_key (id);
//! }
//! let insert = insert_into(customer::table)
//!     .values((customer::name.set("Ada"), customer::email.set(None::<&str>)));
//! assert_eq!(
//!     insert.to_sql(&Postgres).unwrap().sql,
//!     r#"INSERT INTO "customer" ("name", "email") VALUES ($1, $2)"#
//! );
//! let update = update(customer::table)
//!     .set(customer::name.set(customer::name.concat("!")))
//!     .filter(customer::id.eq(1));
//! assert_eq!(
//!     update.to_sql(&MySql::default()).unwrap().sql,
//!     "UPDATE `customer` SET `name` = CONCAT(`customer`.`name`, ?) WHERE `customer`.`id` = ?"
//! );
//! ```

use std::marker::PhantomData;

use super::condition::{Returning, WrittenValue};
use super::derived::{Cte, Inline, ShapeColumns, ShapeOf};
use super::expression::{Expression, InScope};
use super::grouping::{Grouping, NoGroup, RowLevel};
use super::insert_data::InsertData;
#[cfg(feature = "tokio")]
use super::insert_data::OneStatement;
use super::insert_select::RowFits;
use super::scope::{Cons, NamedApart, Nil};
use super::selection::{RowOf, load_rows};
use super::sql_types::Boolean;
use super::table::{Column, Table, Writable};
use super::written::{
    AcceptsRow, ColumnNull, Complete, JoinsRows, NoRows, NoSet, Rows, SetState, Sets, ValueFor,
    WritesColumns, WrittenNull,
};
use crate::ast;
use crate::connection::Connection;
use crate::error::Result;
use crate::render::{Dialect, Rendered, render, render_cached};

/// The type parameters a statement only carries for the compiler.
type Types<T> = PhantomData<fn() -> T>;

/// `column = value` in an INSERT or UPDATE.
#[derive(Debug, Clone, Copy)]
pub struct Assign<C, E> {
    value: E,
    column: PhantomData<C>,
}

/// `.set(value)` on every column.
pub trait ColumnMethods: Column {
    /// `column = value`: a Rust value of the column's type (`Option` for a nullable column)
    /// or an expression of a compatible SQL type, which may be `NULL` only when the column may.
    fn set<V, E>(self, value: V) -> Assign<Self, E>
    where
        V: ValueFor<Self::Def, Self::SqlType, Expr = E>,
        E: WrittenNull<ColumnNull<Self>, Self::Def, V>,
    {
        Assign {
            value: value.into_value(),
            column: PhantomData,
        }
    }
}

impl<C: Column> ColumnMethods for C {}

impl<C: Column, E: Expression> Assign<C, E> {
    /// The assignment as plain data.
    pub(super) fn lower_assignment(&self) -> ast::Assignment {
        ast::Assignment {
            column: ast::Name::Borrowed(C::NAME),
            value: self.value.lower(),
        }
    }
}

/// A value for column `C` in an INSERT, as plain data (used by `#[derive(Insertable)]`): of
/// the column's type, and `NULL` only when the column may be.
pub fn lower_value<C, V>(value: V) -> ast::Expr
where
    C: Column,
    V: ValueFor<C::Def, C::SqlType>,
    V::Expr: WrittenNull<ColumnNull<C>, C::Def, V>,
{
    value.into_value().into_lowered()
}

/// One row of an INSERT into `T`: a tuple of [`Assign`]s or an `#[derive(Insertable)]` struct.
///
/// `I` proves that the values read no table (an INSERT row cannot).
pub trait InsertValues<T, I = ()> {
    /// The columns it sets, as a type-level list (checked against `T` by
    /// [`TakeColumns`](super::written::TakeColumns)).
    type Columns;

    /// The SQL names of those columns, in order.
    fn column_names() -> Vec<&'static str>;

    /// Appends the values to `out`, in the same order.
    fn push_values(self, out: &mut Vec<ast::Expr>);
}

/// The bound of [`InsertStatement::values`]: one row of an INSERT into `T`
/// ([`InsertValues`]). One blanket impl, so that a broken rule is reported as itself rather
/// than beside the list of row types that implement `InsertValues`.
pub trait InsertRow<T, I>: InsertValues<T, I> {}

impl<V: InsertValues<T, I>, T, I> InsertRow<T, I> for V {}

/// The columns the row `V` of an INSERT into `T` sets.
type RowColumns<V, T, I> = <V as InsertValues<T, I>>::Columns;

/// The bound of [`UpdateStatement::set`]: a SET list of an UPDATE of the table in `F`
/// ([`Assignments`]), as one blanket impl for the same reason as [`InsertRow`].
pub trait SetList<F, I>: Assignments<F, I> {}

impl<V: Assignments<F, I>, F, I> SetList<F, I> for V {}

/// An INSERT value may not read any table.
fn insert_value<C, E, I>(assign: Assign<C, E>) -> ast::Expr
where
    E: WrittenValue<Nil, I>,
{
    assign.value.into_lowered()
}

macro_rules! assign_tuples {
    ($(($($col:ident $expr:ident $index:ident),+))*) => {$(
        impl<T, $($col, $expr, $index),+> InsertValues<T, ($($index,)+)> for ($(Assign<$col, $expr>,)+)
        where
            $($col: Column, $expr: WrittenValue<Nil, $index>),+
        {
            type Columns = assign_tuples!(@list $($col)+);

            fn column_names() -> Vec<&'static str> {
                vec![$($col::NAME),+]
            }

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn push_values(self, out: &mut Vec<ast::Expr>) {
                let ($($col,)+) = self;
                out.extend([$(insert_value::<$col, $expr, $index>($col)),+]);
            }
        }

        impl<F, $($col, $expr, $index),+> Assignments<F, ($($index,)+)> for ($(Assign<$col, $expr>,)+)
        where
            $(Assign<$col, $expr>: Assignments<F, $index>),+
        {
            type Columns = assign_tuples!(@list $($col)+);

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn lower(&self, out: &mut Vec<ast::Assignment>) {
                let ($($col,)+) = self;
                $($col.lower(out);)+
            }
        }
    )*};
    (@list $head:ident $($rest:ident)*) => { Cons<$head, assign_tuples!(@list $($rest)*)> };
    (@list) => { Nil };
}

assign_tuples! {
    (A EA IA)
    (A EA IA, B EB IB)
    (A EA IA, B EB IB, C EC IC)
    (A EA IA, B EB IB, C EC IC, D ED ID)
    (A EA IA, B EB IB, C EC IC, D ED ID, E EE IE)
    (A EA IA, B EB IB, C EC IC, D ED ID, E EE IE, G EG IG)
    (A EA IA, B EB IB, C EC IC, D ED ID, E EE IE, G EG IG, H EH IH)
    (A EA IA, B EB IB, C EC IC, D ED ID, E EE IE, G EG IG, H EH IH, J EJ IJ)
    (A EA IA, B EB IB, C EC IC, D ED ID, E EE IE, G EG IG, H EH IH, J EJ IJ, K EK IK)
    (A EA IA, B EB IB, C EC IC, D ED ID, E EE IE, G EG IG, H EH IH, J EJ IJ, K EK IK, L EL IL)
    (A EA IA, B EB IB, C EC IC, D ED ID, E EE IE, G EG IG, H EH IH, J EJ IJ, K EK IK, L EL IL, M EM IM)
    (A EA IA, B EB IB, C EC IC, D ED ID, E EE IE, G EG IG, H EH IH, J EJ IJ, K EK IK, L EL IL, M EM IM, N EN IN)
}

impl<T, C, E, I> InsertValues<T, (I,)> for Assign<C, E>
where
    C: Column,
    E: WrittenValue<Nil, I>,
{
    type Columns = Cons<C, Nil>;

    fn column_names() -> Vec<&'static str> {
        vec![C::NAME]
    }

    fn push_values(self, out: &mut Vec<ast::Expr>) {
        out.push(insert_value::<C, E, I>(self));
    }
}

/// The SET list of an UPDATE of the table in `F`: one [`Assign`] or a tuple of them, with
/// values that read only that table. Which columns it may set is
/// [`TakeColumns`](super::written::TakeColumns)' to say.
pub trait Assignments<F, I> {
    /// The columns it sets, as a type-level list.
    type Columns;

    /// The assignments as plain data.
    fn lower(&self, out: &mut Vec<ast::Assignment>);
}

impl<F, C, E, IE> Assignments<F, IE> for Assign<C, E>
where
    C: Column,
    E: WrittenValue<F, IE>,
{
    type Columns = Cons<C, Nil>;

    fn lower(&self, out: &mut Vec<ast::Assignment>) {
        out.push(self.lower_assignment());
    }
}

/// `INSERT INTO table …`: start an insert. Its rows ([`InsertStatement::values`]) refuse a
/// view, which is read-only.
pub fn insert_into<T: Table>(table: T) -> InsertStatement<T> {
    let _ = table;
    InsertStatement {
        data: InsertData::new(T::table_ref()),
        types: PhantomData,
    }
}

/// An INSERT into `T` whose RETURNING clause yields SQL types `S`. `R` is [`NoRows`] until its
/// first row, then [`Rows`] of the columns every row sets: it runs only with rows.
#[derive(Debug, Clone)]
pub struct InsertStatement<T, S = (), R = NoRows> {
    data: InsertData,
    types: Types<(T, S, R)>,
}

impl<T: Table, S, R> InsertStatement<T, S, R> {
    /// `VALUES (…)`: one row, setting each column once. Every NOT NULL column without a
    /// default must be set, no generated column may be, and every row of one INSERT sets the
    /// same columns (in any order).
    pub fn values<V, IV, IT, L, IR, N>(self, row: V) -> InsertStatement<T, S, N>
    where
        T: Writable,
        V: InsertRow<T, IV>,
        V: WritesColumns<T, T::Slots, RowColumns<V, T, IV>, IT, Rest = L>,
        L: Complete<T>,
        V: JoinsRows<T, R, RowColumns<V, T, IV>, IR, Next = N>,
    {
        let mut insert = self.into_state();
        insert
            .data
            .push_rows(V::column_names(), [row], V::push_values);
        insert
    }

    /// `DEFAULT VALUES`: one row of defaults, for a table whose every column has one.
    pub fn default_values<IR, N>(self) -> InsertStatement<T, S, N>
    where
        T: Writable,
        T::Slots: Complete<T>,
        R: AcceptsRow<T, Nil, IR, Next = N>,
    {
        let mut insert = self.into_state();
        insert.data.default_values = true;
        insert
    }

    /// `VALUES (…), (…)`: several rows, each like a row of [`values`](Self::values). No rows
    /// is an error when the statement runs, not an empty insert.
    pub fn values_many<V, It, IV, Cs, IT, L, IR, N>(self, rows: It) -> InsertStatement<T, S, N>
    where
        T: Writable,
        V: InsertValues<T, IV, Columns = Cs>,
        It: IntoIterator<Item = V>,
        It: WritesColumns<T, T::Slots, Cs, IT, Rest = L>,
        L: Complete<T>,
        It: JoinsRows<T, R, Cs, IR, Next = N>,
    {
        let mut insert = self.into_state();
        insert
            .data
            .push_rows(V::column_names(), rows, V::push_values);
        insert
    }
}

impl<T: Table, R> InsertStatement<T, (), R> {
    /// `RETURNING selection` (PostgreSQL, SQLite ≥ 3.35, MariaDB ≥ 10.5; a typed error
    /// elsewhere).
    pub fn returning<Sel, I>(self, selection: Sel) -> InsertStatement<T, Sel::Out, R>
    where
        Sel: Returning<Cons<T, Nil>, I>,
    {
        let mut insert = self.into_state();
        selection.lower_items(&mut insert.data.returning);
        insert
    }
}

impl<T: Table, S, L> InsertStatement<T, S, Rows<L>> {
    /// The statement as plain data.
    pub fn to_statement(&self) -> ast::Statement {
        self.statement()
    }
}

impl<T: Table, S, R> InsertStatement<T, S, R> {
    /// The same statement with other type parameters.
    fn into_state<S2, R2>(self) -> InsertStatement<T, S2, R2> {
        InsertStatement {
            data: self.data,
            types: PhantomData,
        }
    }

    /// The statement with an upsert clause (see [`InsertStatement::on_conflict`]).
    pub(super) fn with_on_conflict(mut self, on_conflict: ast::OnConflict) -> Self {
        self.data.on_conflict = Some(on_conflict);
        self
    }
}

/// `UPDATE table SET …`: start an update. Its [`set`](UpdateStatement::set) refuses a view,
/// which is read-only.
pub fn update<T: Table>(table: T) -> UpdateStatement<T> {
    let _ = table;
    UpdateStatement {
        assignments: Vec::new(),
        from: Vec::new(),
        selection: None,
        returning: Vec::new(),
        types: PhantomData,
    }
}

/// An UPDATE of `T` whose RETURNING clause yields SQL types `S`. `A` is [`NoSet`] until its
/// first `.set(…)`, then [`Sets`] of the columns not set yet: it runs only with a SET list.
/// `F` is the list of tables its values and conditions may read: `T`, then those of
/// [`from`](UpdateStatement::from).
#[derive(Debug, Clone)]
pub struct UpdateStatement<T, S = (), A = NoSet, F = Cons<T, Nil>> {
    assignments: Vec<ast::Assignment>,
    from: Vec<ast::TableWithJoins>,
    selection: Option<ast::Expr>,
    returning: Vec<ast::SelectItem>,
    types: Types<(T, S, A, F)>,
}

impl<T: Table, S, A, F> UpdateStatement<T, S, A, F> {
    /// `SET column = value, …`: an [`Assign`] or a tuple of them, to columns of `T` that this
    /// UPDATE has not set yet and the database does not generate.
    pub fn set<V, I, IT, L>(self, assignments: V) -> UpdateStatement<T, S, Sets<L>, F>
    where
        T: Writable,
        A: SetState<T>,
        V: SetList<F, I>,
        V: WritesColumns<T, A::Unset, <V as Assignments<F, I>>::Columns, IT, Rest = L>,
    {
        let mut update = self.into_state();
        assignments.lower(&mut update.assignments);
        update
    }
}

impl<T: Table, S, A, F> UpdateStatement<T, S, A, F> {
    /// `FROM table` (PostgreSQL, SQLite; `UPDATE t, table …` on MySQL and MariaDB): the SET
    /// values and the conditions may read `table` too, a table or a derived table; relate its
    /// rows to the updated ones with `.filter(…)`.
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// dovetail::table! { customer { id: Integer, name: Text } primary_key (id); }
    /// dovetail::table! { orders { id: Integer, customer_id: Integer, note: Nullable<Text> } primary_key (id); }
    /// let label = update(orders::table)
    ///     .from(customer::table)
    ///     .filter(orders::customer_id.eq(customer::id))
    ///     .set(orders::note.set(customer::name));
    /// assert_eq!(
    ///     label.to_sql(&Postgres).unwrap().sql,
    ///     r#"UPDATE "orders" SET "note" = "customer"."name" FROM "customer" WHERE "orders"."customer_id" = "customer"."id""#
    /// );
    /// assert_eq!(
    ///     label.to_sql(&MySql::default()).unwrap().sql,
    ///     "UPDATE `orders`, `customer` SET `orders`.`note` = `customer`.`name` WHERE `orders`.`customer_id` = `customer`.`id`"
    /// );
    /// ```
    pub fn from<J, U>(mut self, table: J) -> UpdateStatement<T, S, A, Cons<U, F>>
    where
        J: Inline<Table = U>,
        F: NamedApart<U>,
    {
        self.from.push(ast::TableWithJoins {
            relation: table.factor(),
            joins: Vec::new(),
        });
        self.into_state()
    }

    /// Adds a `WHERE` condition (ANDed with earlier ones).
    pub fn filter<P, IS, IG>(mut self, condition: P) -> Self
    where
        P: InScope<F, IS> + Grouping<NoGroup, IG>,
        P::SqlType: Boolean,
        P::Kind: RowLevel,
    {
        self.selection = Some(and_also(self.selection.take(), condition.lower()));
        self
    }

    /// The same statement with other type parameters.
    fn into_state<S2, A2, F2>(self) -> UpdateStatement<T, S2, A2, F2> {
        UpdateStatement {
            assignments: self.assignments,
            from: self.from,
            selection: self.selection,
            returning: self.returning,
            types: PhantomData,
        }
    }
}

impl<T: Table, S, L, F> UpdateStatement<T, S, Sets<L>, F> {
    /// The statement as plain data.
    pub fn to_statement(&self) -> ast::Statement {
        self.update_ast()
    }
}

impl<T: Table, S, A, F> UpdateStatement<T, S, A, F> {
    /// The statement as plain data, in any state (only a SET list makes it valid SQL).
    fn update_ast(&self) -> ast::Statement {
        ast::Statement::Update(ast::Update {
            table: T::table_ref(),
            assignments: self.assignments.clone(),
            from: self.from.clone(),
            selection: self.selection.clone(),
            returning: self.returning.clone(),
        })
    }
}

impl<T: Table, A, F> UpdateStatement<T, (), A, F> {
    /// `RETURNING selection` (PostgreSQL and SQLite ≥ 3.35; a typed error elsewhere): of the
    /// updated table's columns only, which is all SQLite returns after `FROM`.
    pub fn returning<Sel, I>(self, selection: Sel) -> UpdateStatement<T, Sel::Out, A, F>
    where
        Sel: Returning<Cons<T, Nil>, I>,
    {
        let mut returning = Vec::new();
        selection.lower_items(&mut returning);
        UpdateStatement {
            returning,
            ..self.into_state()
        }
    }
}

/// `DELETE FROM table`: start a delete.
pub fn delete<T: Writable>(table: T) -> DeleteStatement<T> {
    let _ = table;
    DeleteStatement {
        using: Vec::new(),
        selection: None,
        returning: Vec::new(),
        types: PhantomData,
    }
}

/// A DELETE from `T` whose RETURNING clause yields SQL types `S`, whose conditions may read
/// the tables `F`: `T`, then those of [`using`](DeleteStatement::using).
#[derive(Debug, Clone)]
pub struct DeleteStatement<T, S = (), F = Cons<T, Nil>> {
    using: Vec<ast::TableWithJoins>,
    selection: Option<ast::Expr>,
    returning: Vec<ast::SelectItem>,
    types: Types<(T, S, F)>,
}

impl<T: Table, F> DeleteStatement<T, (), F> {
    /// `USING table`: the conditions may read `table` too (a table or a derived table), and a
    /// row is deleted when some row of it meets them. Rendered `DELETE FROM t USING table` on
    /// PostgreSQL, `DELETE t FROM t, table` on MySQL and MariaDB, and `DELETE FROM t WHERE
    /// EXISTS (SELECT … FROM table WHERE …)` on SQLite, which has no join in a DELETE. Not
    /// with RETURNING, which MariaDB refuses on a multi-table DELETE.
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// dovetail::table! { customer { id: Integer, blocked: Bool } primary_key (id); }
    /// dovetail::table! { session { id: Integer, customer_id: Integer } primary_key (id); }
    /// let sign_out = delete(session::table)
    ///     .using(customer::table)
    ///     .filter(session::customer_id.eq(customer::id).and(customer::blocked));
    /// assert_eq!(
    ///     sign_out.to_sql(&Postgres).unwrap().sql,
    ///     r#"DELETE FROM "session" USING "customer" WHERE ("session"."customer_id" = "customer"."id") AND "customer"."blocked""#
    /// );
    /// assert_eq!(
    ///     sign_out.to_sql(&Sqlite::default()).unwrap().sql,
    ///     r#"DELETE FROM "session" WHERE EXISTS (SELECT 1 FROM "customer" WHERE ("session"."customer_id" = "customer"."id") AND "customer"."blocked")"#
    /// );
    /// ```
    pub fn using<J, U>(mut self, table: J) -> DeleteStatement<T, (), Cons<U, F>>
    where
        J: Inline<Table = U>,
        F: NamedApart<U>,
    {
        self.using.push(ast::TableWithJoins {
            relation: table.factor(),
            joins: Vec::new(),
        });
        DeleteStatement {
            using: self.using,
            selection: self.selection,
            returning: self.returning,
            types: PhantomData,
        }
    }
}

impl<T: Table, S, F> DeleteStatement<T, S, F> {
    /// Adds a `WHERE` condition (ANDed with earlier ones).
    pub fn filter<P, IS, IG>(mut self, condition: P) -> Self
    where
        P: InScope<F, IS> + Grouping<NoGroup, IG>,
        P::SqlType: Boolean,
        P::Kind: RowLevel,
    {
        self.selection = Some(and_also(self.selection.take(), condition.lower()));
        self
    }

    /// The statement as plain data.
    pub fn to_statement(&self) -> ast::Statement {
        ast::Statement::Delete(ast::Delete {
            table: T::table_ref(),
            using: self.using.clone(),
            selection: self.selection.clone(),
            returning: self.returning.clone(),
        })
    }
}

impl<T: Table> DeleteStatement<T> {
    /// `RETURNING selection` (PostgreSQL, SQLite ≥ 3.35, MariaDB ≥ 10.0; a typed error
    /// elsewhere).
    pub fn returning<Sel, I>(self, selection: Sel) -> DeleteStatement<T, Sel::Out>
    where
        Sel: Returning<Cons<T, Nil>, I>,
    {
        let mut returning = Vec::new();
        selection.lower_items(&mut returning);
        DeleteStatement {
            using: self.using,
            selection: self.selection,
            returning,
            types: PhantomData,
        }
    }
}

fn and_also(existing: Option<ast::Expr>, condition: ast::Expr) -> ast::Expr {
    match existing {
        Some(existing) => existing.and(condition),
        None => condition,
    }
}

/// What every write statement can do: render, run, and read its RETURNING rows.
pub trait WriteStatement<S> {
    /// The statement as plain data.
    fn statement(&self) -> ast::Statement;

    /// The statement rendered for `dialect`.
    fn to_sql(&self, dialect: &dyn Dialect) -> Result<Rendered> {
        render(&self.statement(), dialect)
    }

    /// Runs it; returns the number of rows written.
    fn execute<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<u64> {
        conn.execute(&self.statement())
    }

    /// Runs it and decodes its RETURNING rows into `R`.
    fn load<R, C>(&self, conn: &mut C) -> Result<Vec<R>>
    where
        R: RowOf<S>,
        C: Connection + ?Sized,
    {
        let rendered = render_cached(&self.statement(), conn.dialect())?;
        load_rows(conn, &rendered.sql, &rendered.params)
    }

    /// The rows its RETURNING clause yields, as the common table expression `table` of the
    /// query that reads it, `WITH "table" (columns) AS (DELETE … RETURNING …) SELECT …`; they
    /// must fit the columns `table` declares. PostgreSQL only (a typed `Unsupported` error
    /// elsewhere), and only in the WITH of the statement run, not of a subquery.
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// dovetail::table! { job { id: Integer, done: Bool } primary_key (id); }
    /// dovetail::table! { view finished { id: Integer } }
    /// let purge = delete(job::table).filter(job::done).returning(job::id).as_cte(finished::table);
    /// let purged = purge.query().select(count_star());
    /// assert_eq!(
    ///     purged.to_sql(&Postgres).unwrap().sql,
    ///     r#"WITH "finished" ("id") AS (DELETE FROM "job" WHERE "job"."done" RETURNING "job"."id") SELECT COUNT(*) FROM "finished""#
    /// );
    /// assert!(matches!(purged.to_sql(&Sqlite::default()), Err(dovetail::Error::Unsupported { .. })));
    /// ```
    fn as_cte<T>(&self, table: T) -> Cte<T>
    where
        Self: Sized,
        T: Table,
        T::AllColumns: ShapeColumns,
        S: RowFits<ShapeOf<T>>,
    {
        let _ = table;
        Cte::new(self.statement(), false)
    }
}

/// An INSERT with rows, which it needs to run.
#[diagnostic::on_unimplemented(
    message = "this INSERT into `{T}` has no rows",
    label = "nothing to insert",
    note = "add rows with `.values(…)` or `.values_many(…)`, or `.default_values()` for a row of defaults"
)]
pub trait HasRows<T> {}

impl<T, S, L> HasRows<T> for InsertStatement<T, S, Rows<L>> {}

/// An UPDATE with a SET list, which it needs to run.
#[diagnostic::on_unimplemented(
    message = "this UPDATE of `{T}` sets no column",
    label = "nothing to update",
    note = "add the SET list with `.set(…)`"
)]
pub trait HasAssignments<T> {}

impl<T, S, L, F> HasAssignments<T> for UpdateStatement<T, S, Sets<L>, F> {}

impl<T: Table, S, A, F> WriteStatement<S> for UpdateStatement<T, S, A, F>
where
    Self: HasAssignments<T>,
{
    fn statement(&self) -> ast::Statement {
        self.update_ast()
    }
}

impl<T: Table, S, F> WriteStatement<S> for DeleteStatement<T, S, F> {
    fn statement(&self) -> ast::Statement {
        self.to_statement()
    }
}

impl<T: Table, S, Rs> WriteStatement<S> for InsertStatement<T, S, Rs>
where
    Self: HasRows<T>,
{
    fn statement(&self) -> ast::Statement {
        self.data.statement()
    }

    /// Runs it; returns the number of rows inserted, or inserted or updated by an upsert (see
    /// [`InsertStatement::on_conflict`] for how that count is made the same on every backend).
    ///
    /// Rows beyond the dialect's bound-parameter limit ([`Dialect::max_params`]) go in several
    /// statements, inside one transaction (a savepoint when one is open): all rows or none.
    fn execute<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<u64> {
        self.data.execute(conn)
    }

    /// Runs it and decodes its RETURNING rows into `R`, in the order of the inserted rows,
    /// batch after batch (see [`WriteStatement::execute`] on batches).
    fn load<R, C>(&self, conn: &mut C) -> Result<Vec<R>>
    where
        R: RowOf<S>,
        C: Connection + ?Sized,
    {
        self.data.load::<S, R, C>(conn)
    }
}

#[cfg(feature = "tokio")]
impl<T: Table, S, Rs> InsertStatement<T, S, Rs> {
    /// The statement when it fits in one (see [`InsertData::single`]).
    pub(crate) fn single_statement(
        &self,
        dialect: &dyn Dialect,
    ) -> Result<Option<OneStatement<'_>>> {
        self.data.single(dialect)
    }
}

impl<T: Table, S, L> InsertStatement<T, S, Rows<L>> {
    /// The statement split into INSERTs of consecutive rows that each carry at most
    /// `dialect.max_params()` bound parameters; one statement when it fits already.
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// use dovetail::render::Sqlite;
    ///
    /// dovetail::table! { tag { id: Integer, label: Text } primary_key (id); }
    ///
    /// let rows = (0..40_000).map(|i| (tag::id.set(i), tag::label.set(format!("tag {i}"))));
    /// let insert = insert_into(tag::table).values_many(rows);
    /// // 80,000 parameters; SQLite takes 32,766 per statement.
    /// let batches = insert.batches(&Sqlite::default())?;
    /// assert_eq!(batches.len(), 3);
    /// assert!(batches.iter().all(|batch| batch.params.len() <= 32_766));
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    pub fn batches(&self, dialect: &dyn Dialect) -> Result<Vec<Rendered>> {
        self.data.batches(dialect)
    }
}
