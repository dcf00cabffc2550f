//! Tables, columns and foreign keys as types: what [`table!`](crate::table) declares.

use super::sql_types::SqlType;
use crate::ast;

/// A table (or view) a query can read: its SQL name and its columns.
///
/// Implemented by [`table!`](crate::table) for the `table` type of each table module, and by
/// [`alias!`](crate::alias) for a second name of a table.
pub trait Table: Copy + Default + 'static {
    /// The table's SQL name, exactly as the database spells it.
    const NAME: &'static str;
    /// The schema it lives in, when it is not the connection's default.
    const SCHEMA: Option<&'static str> = None;
    /// The alias the query gives it, if any.
    const ALIAS: Option<&'static str> = None;
    /// The declared table: `Self` for a table, the aliased table for an alias.
    type Base: Table;
    /// Every column, in declaration order: the selection of `.select(T::all_columns)`.
    type AllColumns: Copy + Default;
    /// The name a query gives it (its alias, or else its name) as a type, which `table!` and
    /// `alias!` write: two tables of one FROM clause must be named apart
    /// ([`NamedApart`](super::scope::NamedApart)).
    type Qualifier;

    /// The name columns are qualified with: the alias, or else the table's name.
    fn qualifier() -> &'static str {
        Self::ALIAS.unwrap_or(Self::NAME)
    }

    /// Column `column` of this table as the query names it: through the alias, for an alias.
    fn col<C>(self, column: C) -> super::alias::AliasedColumn<Self, C>
    where
        C: Column<Table = Self::Base>,
    {
        let _ = column;
        super::alias::AliasedColumn::new()
    }

    /// The FROM item: `"name"` or `"name" AS "alias"`.
    fn table_ref() -> ast::TableRef {
        let mut table = ast::TableRef::named(Self::NAME);
        table.schema = Self::SCHEMA.map(ast::Name::Borrowed);
        match Self::ALIAS {
            Some(alias) => table.aliased(alias),
            None => table,
        }
    }
}

/// A table rows can be written to (views are read-only and do not implement it).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is read-only: it is a view",
    label = "cannot insert into, update or delete from a view"
)]
pub trait Writable: Table {
    /// Every column, in declaration order, with what a write may do with it: the type-level
    /// list `Cons<Slot<column, flag>, …>` of [`written`](super::written).
    type Slots;
    /// The primary key and the unique keys, each as the list `Cons<column, …>` of its columns:
    /// what an upsert may conflict on.
    type Keys;
}

/// A column of a [`Table`].
pub trait Column: Copy + Default + 'static {
    /// The table the column belongs to.
    type Table: Table;
    /// What the column holds; [`Nullable`](super::sql_types::Nullable) when it accepts `NULL`.
    type SqlType: SqlType;
    /// The column's SQL name, exactly as the database spells it.
    const NAME: &'static str;
    /// The grouping `.group_by(column)` gives (see
    /// [`GroupList::Grouping`](super::grouping::GroupList::Grouping)).
    type Grouped;
    /// What `table!` declared about it: the marker type `table::columns::column`, which is
    /// what compile errors print to name the column.
    type Def;
}

/// A declared foreign key from `Child` to `Parent`.
#[diagnostic::on_unimplemented(
    message = "several foreign keys link these tables, so `join_fk` cannot choose",
    label = "ambiguous",
    note = "name the foreign key: `.join_via(child::the_fk, parent::table)`"
)]
pub trait ForeignKey: Copy + Default + 'static {
    /// The referencing table.
    type Child: Table;
    /// The referenced table.
    type Parent: Table;
    /// The referencing columns, as a tuple.
    type ChildColumns;
    /// The referenced columns, as a tuple in the same order.
    type ParentColumns;
    /// `(child column, parent column)` pairs, by SQL name.
    const COLUMNS: &'static [(&'static str, &'static str)];
}

/// `Self` has exactly one foreign key to `Parent` ([`SeveralForeignKeys`] when it has more).
#[diagnostic::on_unimplemented(
    message = "no foreign key links `{Self}` and `{Parent}`",
    label = "no foreign key to join along",
    note = "declare the foreign key in `table!`, or join with an explicit condition: `.join_on(table, condition)`"
)]
pub trait ChildOf<Parent> {
    /// That foreign key.
    type Fk;
}

/// The [`ChildOf::Fk`] of two tables linked by more than one foreign key.
#[derive(Debug, Clone, Copy, Default)]
pub struct SeveralForeignKeys;

/// A table's primary key.
pub trait HasPrimaryKey: Table {
    /// The key's columns, as a tuple.
    type PrimaryKey;
    /// The key's columns, by SQL name.
    const PRIMARY_KEY: &'static [&'static str];
}

/// A declared unique key.
pub trait UniqueKey: Copy + Default + 'static {
    /// The table it belongs to.
    type Table: Table;
    /// Its columns, by SQL name.
    const COLUMNS: &'static [&'static str];
}
