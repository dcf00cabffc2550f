//! Typed upserts: `INSERT … ON CONFLICT (…) DO NOTHING | DO UPDATE SET …` and MySQL's
//! `ON DUPLICATE KEY UPDATE`.
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! {
//!     customer { id: Integer [identity], email: Text, name: Text, visits: Integer [default] }
//!     primary_key (id);
//!     unique email_key (email);
//! }
//! let upsert = insert_into(customer::table)
//!     .values((customer::email.set("ada@example.com"), customer::name.set("Ada")))
//!     .on_conflict(customer::email)
//!     .do_update((
//!         customer::name.set(excluded(customer::name)),
//!         customer::visits.set(customer::visits + 1),
//!     ));
//! assert_eq!(
//!     upsert.to_sql(&Postgres).unwrap().sql,
//!     r#"INSERT INTO "customer" ("email", "name") VALUES ($1, $2) ON CONFLICT ("email") DO UPDATE SET "name" = excluded."name", "visits" = "customer"."visits" + $3"#
//! );
//! assert_eq!(
//!     upsert.to_sql(&MySql::default()).unwrap().sql,
//!     "INSERT INTO `customer` (`email`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `visits` = `customer`.`visits` + ?"
//! );
//! ```

use std::marker::PhantomData;

use super::column::{Col, ColumnDef};
use super::condition::WrittenValue;
use super::expression::{Expression, InScope};
use super::grouping::{Constant, Grouping};
use super::scope::{Cons, InFrom, Nil};
use super::table::{Column, Table, Writable};
use super::write::{Assign, InsertStatement};
use super::written::{MatchesKey, NoRows, WritesColumns};
use crate::ast;
use crate::render::{Dialect, UpsertStyle};

/// The row an upsert proposed, as a pseudo-table of the DO UPDATE scope: [`excluded`] reads
/// it, and no other query has it in its FROM list.
#[derive(Debug)]
pub struct ProposedRow<T>(PhantomData<T>);

/// What the values of a `DO UPDATE SET` list may read: the existing row of `T` (through its
/// columns) and the proposed row (through [`excluded`]).
pub type UpsertScope<T> = Cons<T, Cons<ProposedRow<T>, Nil>>;

/// `excluded.column` (`VALUES(column)` on MySQL): the value the conflicting row proposed for
/// `column`, typed like the column. Only a `DO UPDATE SET` list can read it.
///
/// ```compile_fail
/// use dovetail::prelude::*;
/// dovetail::table! { tag { id: Integer [identity], name: Text } primary_key (id); }
/// // A SELECT has no proposed row.
/// let _ = tag::table.select(excluded(tag::name)).to_sql(&Postgres);
/// ```
pub fn excluded<C: Column>(column: C) -> Excluded<C> {
    let _ = column;
    Excluded(PhantomData)
}

/// The value a conflicting row proposed for column `C`: see [`excluded`].
pub struct Excluded<C>(PhantomData<fn() -> C>);

impl<C> Clone for Excluded<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Excluded<C> {}

impl<C: Column> std::fmt::Debug for Excluded<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "excluded.{}", C::NAME)
    }
}

impl<C: Column> Expression for Excluded<C> {
    type SqlType = C::SqlType;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Excluded(C::NAME.to_owned())
    }
}

impl<C: Column, F, I> InScope<F, I> for Excluded<C>
where
    F: ReadsProposedRow<C::Table, I>,
{
    type Out = C::SqlType;
}

/// Aggregation has no meaning in a `DO UPDATE SET` list; this keeps a misplaced
/// `excluded(…)` down to the one error that says where it belongs.
impl<C, G> Grouping<G, ()> for Excluded<C> {
    type Kind = Constant;
}

/// Proves that the scope `Self` can read the row proposed for table `T`: only the
/// `do_update` list of an upsert into `T` can.
#[diagnostic::on_unimplemented(
    message = "`excluded(…)` reads the row proposed for `{T}`, which only the `do_update` list of an upsert into `{T}` can read",
    label = "not the `do_update` list of an upsert into `{T}`",
    note = "read the existing row with the column itself (`table::column`), the proposed row with `excluded(table::column)`"
)]
pub trait ReadsProposedRow<T, I> {}

#[diagnostic::do_not_recommend]
impl<F, T, I> ReadsProposedRow<T, I> for F where F: InFrom<ProposedRow<T>, I> {}

crate::expression_roles!(Excluded<C>, C);
crate::column_operators!(Excluded<C>, C);

/// The columns an upsert into `T` conflicts on: one column or a tuple of them. Which key they
/// must make up is [`MatchesKey`]'s to say.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the conflict target of an INSERT into `{T}`",
    label = "expected a column of `{T}` or a tuple of them",
    note = "name the columns of a unique key (or the primary key) of the inserted table"
)]
pub trait ConflictTarget<T> {
    /// The columns, as a type-level list.
    type Columns;
    /// The columns' [`Column::Def`]s (one, or a tuple): what a message prints to name them.
    type Named;

    /// The columns' SQL names, in order.
    fn column_names() -> Vec<ast::Name>;
}

impl<T, M: ColumnDef> ConflictTarget<T> for Col<M> {
    type Columns = Cons<Col<M>, Nil>;
    type Named = M;

    fn column_names() -> Vec<ast::Name> {
        vec![ast::Name::Borrowed(M::NAME)]
    }
}

macro_rules! target_tuples {
    ($(($($col:ident),+))*) => {$(
        impl<T, $($col: Column),+> ConflictTarget<T> for ($($col,)+) {
            type Columns = target_tuples!(@list $($col)+);
            type Named = ($($col::Def,)+);

            fn column_names() -> Vec<ast::Name> {
                vec![$(ast::Name::Borrowed($col::NAME)),+]
            }
        }
    )*};
    (@list $head:ident $($rest:ident)*) => { Cons<$head, target_tuples!(@list $($rest)*)> };
    (@list) => { Nil };
}

target_tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, G)
}

/// The `DO UPDATE SET` list of an upsert into `T`: one [`Assign`] or a tuple of them, with
/// values that read the existing row (`T`'s columns) or the proposed row ([`excluded`]).
/// Which columns it may set is [`TakeColumns`](super::written::TakeColumns)' to say.
pub trait UpsertAssignments<T, I> {
    /// The columns it sets, as a type-level list.
    type Columns;

    /// The assignments as plain data.
    fn lower(&self, out: &mut Vec<ast::Assignment>);
}

impl<T, C, E, IE> UpsertAssignments<T, IE> for Assign<C, E>
where
    C: Column,
    E: WrittenValue<UpsertScope<T>, IE>,
{
    type Columns = Cons<C, Nil>;

    fn lower(&self, out: &mut Vec<ast::Assignment>) {
        out.push(self.lower_assignment());
    }
}

/// The bound of [`OnConflict::do_update`]: a `DO UPDATE SET` list ([`UpsertAssignments`]), as
/// one blanket impl so that a broken rule is reported as itself rather than beside the list of
/// types that implement `UpsertAssignments`.
pub trait DoUpdateList<T, I>: UpsertAssignments<T, I> {}

impl<A: UpsertAssignments<T, I>, T, I> DoUpdateList<T, I> for A {}

macro_rules! assignment_tuples {
    ($(($($col:ident $expr:ident $i:ident),+))*) => {$(
        impl<T, $($col, $expr, $i),+> UpsertAssignments<T, ($($i,)+)> for ($(Assign<$col, $expr>,)+)
        where
            $(Assign<$col, $expr>: UpsertAssignments<T, $i>),+
        {
            type Columns = assignment_tuples!(@list $($col)+);

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn lower(&self, out: &mut Vec<ast::Assignment>) {
                let ($($col,)+) = self;
                $($col.lower(out);)+
            }
        }
    )*};
    (@list $head:ident $($rest:ident)*) => { Cons<$head, assignment_tuples!(@list $($rest)*)> };
    (@list) => { Nil };
}

assignment_tuples! {
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

impl<T: Table, S, R> InsertStatement<T, S, R> {
    /// Turns the INSERT into an upsert: what to do when a row collides with the unique key
    /// made of `target` (one column of `T` or a tuple of them). Finish it with
    /// [`do_nothing`](OnConflict::do_nothing) or [`do_update`](OnConflict::do_update).
    ///
    /// # Dialects
    ///
    /// - **Conflict target.** PostgreSQL and SQLite write `ON CONFLICT (target)`: only a
    ///   collision on that unique key (or primary key) is resolved, and the key must exist.
    ///   MySQL and MariaDB write `ON DUPLICATE KEY UPDATE`, which fires on a collision with
    ///   *any* unique key of the table; the target is not written there.
    /// - **Reading the proposed row.** [`excluded`]`(column)` is `excluded."column"` on
    ///   PostgreSQL and SQLite and ``VALUES(`column`)`` on MySQL and MariaDB (MySQL 8.0.20
    ///   deprecates `VALUES(…)` there with a warning, but still runs it; MariaDB has no other
    ///   spelling).
    /// - **Reading the existing row.** A column of `T` reads the row as it was before the
    ///   update on PostgreSQL and SQLite. MySQL and MariaDB apply the assignments left to
    ///   right, so a column assigned earlier in the list reads its *new* value: with
    ///   `(a.set(excluded(a)), b.set(a))`, `b` gets the old `a` on PostgreSQL and SQLite and
    ///   the proposed one on MySQL. Read each column before it is assigned, or only through
    ///   [`excluded`], to mean the same everywhere.
    /// - **Do nothing on MySQL** is `ON DUPLICATE KEY UPDATE <first target column> = <that
    ///   column>`: a no-op update of the existing row. `INSERT IGNORE` would also turn
    ///   unrelated errors (a NOT NULL or foreign key violation, a value out of range) into
    ///   warnings, so it is not used.
    /// - **`RETURNING`** yields the inserted and the updated rows on PostgreSQL, SQLite and
    ///   MariaDB ≥ 10.5, and never the rows a do-nothing upsert skipped. MariaDB would return
    ///   those too, so there `RETURNING` with [`do_nothing`](OnConflict::do_nothing) is
    ///   [`Error::Unsupported`](crate::Error::Unsupported), as is every `RETURNING` on MySQL.
    /// - **`DEFAULT VALUES`** cannot take an upsert clause on SQLite
    ///   ([`Error::Unsupported`](crate::Error::Unsupported)).
    ///
    /// # Rows affected
    ///
    /// [`execute`](super::WriteStatement::execute) returns the number of rows inserted or
    /// updated, the same on every backend: with `do_update`, every proposed row, whether it was
    /// inserted or updated (even when the update left its values unchanged). MySQL's own count
    /// is 1 per inserted row, 2 per changed row and 0 per unchanged row, so there the count is
    /// the number of proposed rows, which is what the statement wrote when it succeeded.
    ///
    /// With `do_nothing`, every backend counts only the inserted rows: skipped conflicts
    /// count 0 (on MySQL and MariaDB the no-op update changes nothing, and dovetail's
    /// connections count changed rows there, reading an `UPDATE`'s matched rows from the
    /// server's message instead).
    ///
    /// A row that collides with another row of the same statement is an error on PostgreSQL
    /// with `do_update` (it would update one row twice); SQLite and MySQL apply the rows in
    /// order, so the later one updates the row the earlier one inserted.
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// dovetail::table! {
    ///     order_line { order_id: Integer, product_id: Integer, quantity: Integer }
    ///     primary_key (order_id, product_id);
    /// }
    /// let add_one = insert_into(order_line::table)
    ///     .values((
    ///         order_line::order_id.set(7),
    ///         order_line::product_id.set(3),
    ///         order_line::quantity.set(1),
    ///     ))
    ///     .on_conflict((order_line::order_id, order_line::product_id));
    /// let keep = add_one.clone().do_nothing();
    /// assert_eq!(
    ///     keep.to_sql(&Sqlite::default()).unwrap().sql,
    ///     r#"INSERT INTO "order_line" ("order_id", "product_id", "quantity") VALUES (?, ?, ?) ON CONFLICT ("order_id", "product_id") DO NOTHING"#
    /// );
    /// assert_eq!(
    ///     keep.to_sql(&MySql::default()).unwrap().sql,
    ///     "INSERT INTO `order_line` (`order_id`, `product_id`, `quantity`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `order_id` = `order_id`"
    /// );
    /// let add = add_one.do_update(
    ///     order_line::quantity.set(order_line::quantity + excluded(order_line::quantity)),
    /// );
    /// assert_eq!(
    ///     add.to_sql(&Postgres).unwrap().sql,
    ///     r#"INSERT INTO "order_line" ("order_id", "product_id", "quantity") VALUES ($1, $2, $3) ON CONFLICT ("order_id", "product_id") DO UPDATE SET "quantity" = "order_line"."quantity" + excluded."quantity""#
    /// );
    /// ```
    pub fn on_conflict<K, I>(self, target: K) -> OnConflict<T, S, R>
    where
        T: Writable,
        K: ConflictTarget<T>,
        T::Keys: MatchesKey<T, K::Named, K::Columns, I>,
    {
        let _ = target;
        OnConflict {
            insert: self,
            target: K::column_names(),
        }
    }
}

/// An INSERT into `T` with a conflict target, waiting for its action: see
/// [`InsertStatement::on_conflict`].
#[derive(Debug, Clone)]
#[must_use = "an upsert needs `.do_nothing()` or `.do_update(…)`"]
pub struct OnConflict<T, S = (), R = NoRows> {
    insert: InsertStatement<T, S, R>,
    target: Vec<ast::Name>,
}

impl<T: Writable, S, R> OnConflict<T, S, R> {
    /// `DO NOTHING`: a conflicting row keeps its existing values and the proposed row is
    /// dropped (on MySQL, a no-op `ON DUPLICATE KEY UPDATE`; see
    /// [`InsertStatement::on_conflict`]).
    pub fn do_nothing(self) -> InsertStatement<T, S, R> {
        self.finish(ast::ConflictAction::DoNothing)
    }

    /// `DO UPDATE SET …`: a conflicting row is updated by `set`, an [`Assign`] or a tuple of
    /// them to columns of `T` (each once, none that the database generates), whose values may
    /// read the existing row (`T`'s columns) and the proposed one ([`excluded`]).
    pub fn do_update<A, I, Cs, IT, L>(self, set: A) -> InsertStatement<T, S, R>
    where
        A: DoUpdateList<T, I, Columns = Cs>,
        A: WritesColumns<T, T::Slots, Cs, IT, Rest = L>,
    {
        let mut assignments = Vec::new();
        set.lower(&mut assignments);
        self.finish(ast::ConflictAction::DoUpdate(assignments))
    }

    fn finish(self, action: ast::ConflictAction) -> InsertStatement<T, S, R> {
        self.insert.with_on_conflict(ast::OnConflict {
            target: self.target,
            action,
        })
    }
}

/// The rows an upsert wrote, the same on every backend, from what the server reported.
///
/// `ON DUPLICATE KEY UPDATE` counts a changed row twice; when every proposed row is either
/// inserted or updated, the rows written are the rows proposed.
pub(super) fn rows_written(
    on_conflict: Option<&ast::OnConflict>,
    dialect: &dyn Dialect,
    proposed: usize,
    reported: u64,
) -> u64 {
    match counts_proposed(on_conflict, dialect) {
        true => proposed as u64,
        false => reported,
    }
}

/// Whether the rows an upsert wrote are the rows it proposed rather than what the server
/// reports (see [`rows_written`]).
pub(super) fn counts_proposed(
    on_conflict: Option<&ast::OnConflict>,
    dialect: &dyn Dialect,
) -> bool {
    matches!(
        on_conflict,
        Some(ast::OnConflict {
            action: ast::ConflictAction::DoUpdate(_),
            ..
        })
    ) && dialect.upsert_style() == UpsertStyle::OnDuplicateKey
}
