//! The untyped state of a SELECT under construction, shared by the typed [`SelectQuery`] and
//! the run-time [`DynamicQuery`]: the `SELECT` itself, and the query around it (ORDER BY, LIMIT,
//! OFFSET, locks).
//!
//! [`SelectQuery`]: super::SelectQuery
//! [`DynamicQuery`]: super::dynamic::DynamicQuery

use crate::ast;
use crate::error::Result;
use crate::render::{Dialect, Rendered, SharedRendered, render_select, render_select_cached};

/// A SELECT being built.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QueryParts {
    pub(crate) select: ast::Select,
    pub(crate) query: ast::Query,
}

impl QueryParts {
    /// `SELECT … FROM table`.
    pub(crate) fn from_table(table: ast::TableRef) -> Self {
        QueryParts {
            select: ast::Select::from(table),
            query: ast::Query::new(ast::QueryBody::Select(Box::default())),
        }
    }

    /// `SELECT … FROM factor`.
    pub(crate) fn from_factor(factor: ast::TableFactor) -> Self {
        QueryParts {
            select: ast::Select::from(ast::TableWithJoins {
                relation: factor,
                joins: Vec::new(),
            }),
            query: ast::Query::new(ast::QueryBody::Select(Box::default())),
        }
    }

    /// Appends a join to the FROM item.
    pub(crate) fn join(&mut self, join: ast::Join) {
        if let Some(from) = self.select.from.last_mut() {
            from.joins.push(join);
        }
    }

    /// Adds a `WHERE` condition, ANDed with earlier ones.
    pub(crate) fn filter(&mut self, condition: ast::Expr) {
        let select = std::mem::take(&mut self.select);
        self.select = select.filter(condition);
    }

    /// The query rendered for `dialect`, without assembling it first.
    pub(crate) fn render(&self, dialect: &dyn Dialect) -> Result<Rendered> {
        render_select(&self.query, &self.select, dialect)
    }

    /// [`QueryParts::render`], writing the SQL once per shape in the process.
    pub(crate) fn render_cached(&self, dialect: &dyn Dialect) -> Result<SharedRendered> {
        render_select_cached(&self.query, &self.select, dialect)
    }

    /// The query as plain data.
    pub(crate) fn to_query(&self) -> ast::Query {
        let mut query = self.query.clone();
        query.body = ast::QueryBody::Select(Box::new(self.select.clone()));
        query
    }
}
