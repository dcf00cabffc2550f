//! Writes: `INSERT`, `UPDATE`, `DELETE`.

use super::expr::Expr;
use super::query::{Query, SelectItem, TableRef, TableWithJoins};

/// `INSERT INTO table (columns) source [ON CONFLICT …] [RETURNING …]`
#[derive(Debug, Clone, PartialEq)]
pub struct Insert {
    /// The target table (its alias is ignored).
    pub table: TableRef,
    /// The columns given values, in the order of each row.
    pub columns: Vec<super::Name>,
    /// Where the rows come from.
    pub source: InsertSource,
    /// What to do when a row collides with a unique key.
    pub on_conflict: Option<OnConflict>,
    /// `RETURNING …`
    pub returning: Vec<SelectItem>,
}

/// The rows an `INSERT` writes.
#[derive(Debug, Clone, PartialEq)]
pub enum InsertSource {
    /// `VALUES (…), (…)`: one or more rows, each as long as `columns`.
    Values(Vec<Vec<Expr>>),
    /// `DEFAULT VALUES`: one row of defaults (with no `columns`).
    DefaultValues,
    /// `INSERT … SELECT …`
    Query(Box<Query>),
}

/// The upsert clause.
#[derive(Debug, Clone, PartialEq)]
pub struct OnConflict {
    /// The unique key's columns (`ON CONFLICT (target)`); MySQL matches any unique key.
    pub target: Vec<super::Name>,
    /// What to do with a conflicting row.
    pub action: ConflictAction,
}

/// What an upsert does with a conflicting row.
#[derive(Debug, Clone, PartialEq)]
pub enum ConflictAction {
    /// Keep the existing row.
    DoNothing,
    /// Update the existing row; [`Expr::Excluded`] reads the proposed row.
    DoUpdate(Vec<Assignment>),
}

/// `column = value` in `SET`.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The assigned column (of the statement's target table).
    pub column: super::Name,
    /// Its new value.
    pub value: Expr,
}

/// `UPDATE table SET … [FROM …] [WHERE …] [RETURNING …]`
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The updated table.
    pub table: TableRef,
    /// `SET column = value, …`
    pub assignments: Vec<Assignment>,
    /// Other tables the `WHERE` and `SET` expressions read.
    pub from: Vec<TableWithJoins>,
    /// `WHERE …`
    pub selection: Option<Expr>,
    /// `RETURNING …`
    pub returning: Vec<SelectItem>,
}

/// `DELETE FROM table [WHERE …] [RETURNING …]`
#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    /// The table rows are deleted from.
    pub table: TableRef,
    /// Other tables the `WHERE` reads: a row is deleted when some combination of their rows
    /// meets it.
    pub using: Vec<TableWithJoins>,
    /// `WHERE …`
    pub selection: Option<Expr>,
    /// `RETURNING …`
    pub returning: Vec<SelectItem>,
}
