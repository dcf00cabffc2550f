//! The one shared, untyped statement and expression tree.
//!
//! Plain data: every node is a struct or enum with public fields, `Clone, Debug, PartialEq`, no
//! generics and no borrowed user values. The typed DSL lowers into it; [`crate::render`] turns it
//! into SQL for one dialect. Nothing here knows about dialects or drivers.
//!
//! ```
//! use dovetail::ast::*;
//! use dovetail::render::{render, Postgres};
//! use dovetail::value::Value;
//!
//! let query = Select::from(TableRef::named("album"))
//!     .project(Expr::column("album", "title"))
//!     .filter(Expr::column("album", "artist_id").eq(Expr::param(Value::I64(1))))
//!     .into_query();
//! let sql = render(&Statement::Query(query), &Postgres).unwrap();
//! assert_eq!(sql.sql, r#"SELECT "album"."title" FROM "album" WHERE "album"."artist_id" = $1"#);
//! ```

mod build;
mod expr;
mod query;
mod write;

pub use expr::*;
pub use query::*;
pub use write::*;

/// An identifier in the tree: borrowed when it is known at compile time (the typed DSL's table
/// and column names), owned when it is built at run time — so typed queries allocate no name.
pub type Name = std::borrow::Cow<'static, str>;

/// One SQL statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// `SELECT …` (possibly a set operation, possibly with `WITH`).
    Query(Query),
    /// `INSERT INTO …`
    Insert(Insert),
    /// `UPDATE …`
    Update(Update),
    /// `DELETE FROM …`
    Delete(Delete),
}

impl From<Query> for Statement {
    fn from(query: Query) -> Self {
        Statement::Query(query)
    }
}

impl From<Insert> for Statement {
    fn from(insert: Insert) -> Self {
        Statement::Insert(insert)
    }
}

impl From<Update> for Statement {
    fn from(update: Update) -> Self {
        Statement::Update(update)
    }
}

impl From<Delete> for Statement {
    fn from(delete: Delete) -> Self {
        Statement::Delete(delete)
    }
}
