//! A builder over the untyped [`ast`] for queries whose shape is only known at run time
//! (user-chosen columns, filters and sort keys).
//!
//! Nothing here is checked by the compiler; identifiers are still quoted by the dialect (an
//! identifier it cannot quote is an [`Error::InvalidIdentifier`](crate::Error)) and values are
//! still bound parameters. Typed expressions mix in through [`DynamicQuery::filter_typed`].
//!
//! ```
//! use dovetail::dsl::dynamic::DynamicQuery;
//! use dovetail::prelude::*;
//! # dovetail::table! { product { id: Integer, name: Text, price: Numeric } }
//!
//! // Columns and a sort key chosen by the user at run time:
//! let (columns, sort) = (["name", "price"], "price");
//! let mut query = DynamicQuery::from(product::table).filter_typed(product::id.gt(10));
//! for column in columns {
//!     query = query.column("product", column);
//! }
//! let query = query.order_by("product", sort, true).limit(5);
//! assert_eq!(
//!     query.to_sql(&MySql::default()).unwrap().sql,
//!     "SELECT `product`.`name`, `product`.`price` FROM `product` WHERE `product`.`id` > ? \
//!      ORDER BY `product`.`price` DESC LIMIT ?"
//! );
//! ```

use super::expression::Expression;
use super::parts::QueryParts;
use super::table::Table;
use crate::ast;
use crate::connection::{Connection, Row};
use crate::error::Result;
use crate::render::{Dialect, Rendered, SharedRendered};
use crate::value::Value;

/// A SELECT built at run time.
#[derive(Debug, Clone, PartialEq)]
pub struct DynamicQuery {
    parts: QueryParts,
}

impl DynamicQuery {
    /// `SELECT … FROM table`, for a table declared with `table!`.
    pub fn from<T: Table>(table: T) -> Self {
        let _ = table;
        Self::from_table_ref(T::table_ref())
    }

    /// `SELECT … FROM name`, for a table known only by name.
    pub fn from_table_named(name: impl Into<ast::Name>) -> Self {
        Self::from_table_ref(ast::TableRef::named(name))
    }

    fn from_table_ref(table: ast::TableRef) -> Self {
        DynamicQuery {
            parts: QueryParts::from_table(table),
        }
    }

    /// Adds `table.column` to the selection.
    pub fn column(mut self, table: &str, column: &str) -> Self {
        self.parts
            .select
            .projection
            .push(ast::Expr::column(table.to_owned(), column.to_owned()).item());
        self
    }

    /// Adds any expression to the selection.
    pub fn select_expr(mut self, item: impl Into<ast::SelectItem>) -> Self {
        self.parts.select.projection.push(item.into());
        self
    }

    /// `JOIN`s of any kind, as plain data.
    pub fn join(mut self, join: ast::Join) -> Self {
        self.parts.join(join);
        self
    }

    /// Adds a `WHERE` condition (ANDed with earlier ones).
    pub fn filter(mut self, condition: ast::Expr) -> Self {
        self.parts.filter(condition);
        self
    }

    /// Adds a typed condition; its scope is not checked here.
    pub fn filter_typed<E: Expression>(self, condition: E) -> Self {
        self.filter(condition.lower())
    }

    /// `table.column = value`.
    pub fn filter_eq(self, table: &str, column: &str, value: impl Into<Value>) -> Self {
        self.filter(
            ast::Expr::column(table.to_owned(), column.to_owned()).eq(ast::Expr::param(value)),
        )
    }

    /// Adds an ORDER BY key.
    pub fn order_by(mut self, table: &str, column: &str, descending: bool) -> Self {
        let key = ast::Expr::column(table.to_owned(), column.to_owned());
        self.parts.query.order_by.push(match descending {
            true => key.desc(),
            false => key.asc(),
        });
        self
    }

    /// `LIMIT n`.
    pub fn limit(mut self, n: i64) -> Self {
        self.parts.query.limit = Some(ast::Expr::param(n));
        self
    }

    /// `OFFSET n`.
    pub fn offset(mut self, n: i64) -> Self {
        self.parts.query.offset = Some(ast::Expr::param(n));
        self
    }

    /// The query as plain data.
    pub fn to_query(&self) -> ast::Query {
        self.parts.to_query()
    }

    /// The query rendered for `dialect`.
    pub fn to_sql(&self, dialect: &dyn Dialect) -> Result<Rendered> {
        self.parts.render(dialect)
    }

    /// Runs it; cells decode by index with [`Row::get`].
    pub fn load<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<Vec<Row>> {
        let rendered = self.rendered(conn.dialect())?;
        conn.query_sql(&rendered.sql, &rendered.params)
    }

    /// The query rendered for `dialect`, its SQL shared by every query of its shape.
    pub(crate) fn rendered(&self, dialect: &dyn Dialect) -> Result<SharedRendered> {
        self.parts.render_cached(dialect)
    }
}
