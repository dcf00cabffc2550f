//! Rendering: one walk over the [`ast`](crate::ast) that writes SQL text and collects the bound
//! parameters in order, asking a [`Dialect`] wherever the servers differ.
//!
//! The same statement, three dialects, no database:
//!
//! ```
//! use dovetail::ast::*;
//! use dovetail::render::{render, MySql, Postgres, Sqlite};
//!
//! let statement = Statement::from(Delete {
//!     table: TableRef::named("session"),
//!     using: vec![],
//!     selection: Some(Expr::bare_column("user").eq(Expr::param("ada"))),
//!     returning: vec![],
//! });
//! assert_eq!(render(&statement, &Postgres).unwrap().sql, r#"DELETE FROM "session" WHERE "user" = $1"#);
//! assert_eq!(render(&statement, &Sqlite::default()).unwrap().sql, r#"DELETE FROM "session" WHERE "user" = ?"#);
//! assert_eq!(render(&statement, &MySql::default()).unwrap().sql, "DELETE FROM `session` WHERE `user` = ?");
//! ```

mod dialect;
mod dialects;
mod expr;
mod functions;
mod query;
mod shapes;
mod write;
mod writer;

pub use dialect::{
    ConcatStyle, DeleteUsingStyle, Dialect, DistinctFromStyle, FunctionStyle, IdentifierLimit,
    SetOperandStyle, UpdateFromStyle, UpsertStyle, Version, WriteKind,
};
pub use dialects::mysql::{MySql, MySqlFlavor};
pub use dialects::postgres::Postgres;
pub use dialects::sqlite::Sqlite;
pub use shapes::{
    DEFAULT_SHAPE_CACHE_CAPACITY, SharedRendered, cached_shapes, render_cached,
    set_shape_cache_capacity,
};

use crate::ast::Statement;
use crate::error::Result;
use crate::value::Value;
use write::ValuesRows;
use writer::Writer;

/// SQL text for one dialect and the values bound to its placeholders, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The statement, with `$n` or `?` placeholders.
    pub sql: String,
    /// One value per placeholder, in placeholder order.
    pub params: Vec<Value>,
}

/// Renders the query `shell` with `select` as its body (whatever the shell's own body), as if
/// they were one [`Query`](crate::ast::Query): what the typed builders use, which keep the
/// two apart and would otherwise clone both into one tree for every call.
///
/// ```
/// use dovetail::ast::*;
/// use dovetail::render::{render_select, Postgres};
///
/// let select = Select::from(TableRef::named("track")).project(Expr::bare_column("name"));
/// let mut shell = Query::new(QueryBody::Select(Box::default()));
/// shell.limit = Some(Expr::param(10_i64));
/// let out = render_select(&shell, &select, &Postgres)?;
/// assert_eq!(out.sql, r#"SELECT "name" FROM "track" LIMIT $1"#);
/// # Ok::<(), dovetail::Error>(())
/// ```
pub fn render_select(
    shell: &crate::ast::Query,
    select: &crate::ast::Select,
    dialect: &dyn Dialect,
) -> Result<Rendered> {
    let mut writer = Writer::new(dialect);
    writer.select_query(shell, select)?;
    Ok(writer.finish())
}

/// Renders `query` without wrapping it in a [`Statement`]: a typed query renders its own tree
/// rather than a copy of it.
pub(crate) fn render_query(query: &crate::ast::Query, dialect: &dyn Dialect) -> Result<Rendered> {
    let mut writer = Writer::new(dialect);
    writer.query(query)?;
    Ok(writer.finish())
}

/// [`render_query`] writing the SQL once per shape (see [`render_cached`]).
pub(crate) fn render_query_cached(
    query: &crate::ast::Query,
    dialect: &dyn Dialect,
) -> Result<SharedRendered> {
    shapes::render_shared(dialect, |w| w.query(query))
}

/// [`render_select`] writing the SQL once per shape (see [`render_cached`]).
pub(crate) fn render_select_cached(
    shell: &crate::ast::Query,
    select: &crate::ast::Select,
    dialect: &dyn Dialect,
) -> Result<SharedRendered> {
    shapes::render_shared(dialect, |w| w.select_query(shell, select))
}

/// Renders the INSERT `shell` with `rows` as its VALUES (whatever the shell's own source): the
/// typed INSERT renders its rows, or a batch of them, without copying them into a tree.
pub fn render_insert(
    shell: &crate::ast::Insert,
    rows: &[Vec<crate::ast::Expr>],
    dialect: &dyn Dialect,
) -> Result<Rendered> {
    let mut writer = Writer::new(dialect);
    writer.insert_with_rows(shell, Some(ValuesRows::Exprs(rows)))?;
    Ok(writer.finish())
}

/// [`render_insert`] writing the SQL once per shape (see [`render_cached`]).
pub(crate) fn render_insert_cached(
    shell: &crate::ast::Insert,
    rows: &[Vec<crate::ast::Expr>],
    dialect: &dyn Dialect,
) -> Result<SharedRendered> {
    shapes::render_shared(dialect, |w| {
        w.insert_with_rows(shell, Some(ValuesRows::Exprs(rows)))
    })
}

/// The INSERT `shell` with `rows` rows of one placeholder per column as its VALUES, written
/// once per shape and row count; its parameters are those of the rest of the statement (an
/// upsert's, RETURNING's), which follow the rows' values, which the caller binds.
pub(crate) fn render_insert_bound(
    shell: &crate::ast::Insert,
    rows: usize,
    dialect: &dyn Dialect,
) -> Result<SharedRendered> {
    shapes::render_shared_rows(dialect, |w| {
        w.insert_with_rows(shell, Some(ValuesRows::Bound { rows }))
    })
}

/// Renders `statement` for `dialect`.
///
/// Fails with [`crate::Error::Unsupported`] when the dialect cannot express a construct,
/// [`crate::Error::InvalidIdentifier`] when a name cannot be quoted, and
/// [`crate::Error::InvalidStatement`] when the tree itself is malformed (say, a `VALUES` row
/// shorter than the column list). It never writes SQL the server would reject for syntax.
pub fn render(statement: &Statement, dialect: &dyn Dialect) -> Result<Rendered> {
    let mut writer = Writer::new(dialect);
    writer.statement(statement)?;
    Ok(writer.finish())
}
