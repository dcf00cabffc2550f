//! Fetching a query's rows by how many are expected: exactly one, at most one, how many,
//! whether any.

use super::aggregate::count_star;
use super::correlate::Standalone;
use super::expression::Expression;
use super::query::SelectQuery;
use super::selection::{RowOf, load_rows};
use crate::ast;
use crate::connection::Connection;
use crate::error::{Error, Result};
use crate::render::{Dialect, SharedRendered, render_cached};

impl<F: Standalone, G, S, D> SelectQuery<F, G, S, D> {
    /// The one row of the query: [`Error::NotFound`] when there is none,
    /// [`Error::TooManyRows`] when there are several (it reads at most two).
    ///
    /// ```
    /// use dovetail::prelude::*;
    ///
    /// dovetail::table! { tag { id: Integer, name: Text } primary_key (id); }
    ///
    /// let mut conn = dovetail::connect("sqlite::memory:")?;
    /// conn.batch_execute("CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    ///     INSERT INTO tag VALUES (1, 'red'), (2, 'blue')")?;
    /// let name: String = tag::table.filter(tag::id.eq(2)).select(tag::name).one(&mut *conn)?;
    /// assert_eq!(name, "blue");
    /// let none = tag::table.filter(tag::id.eq(3)).select(tag::name).one::<String, _>(&mut *conn);
    /// assert!(matches!(none, Err(dovetail::Error::NotFound)));
    /// let both = tag::table.select(tag::name).one::<String, _>(&mut *conn);
    /// assert!(matches!(both, Err(dovetail::Error::TooManyRows)));
    /// assert_eq!(tag::table.query().count(&mut *conn)?, 2);
    /// assert!(tag::table.filter(tag::name.eq("red")).exists(&mut *conn)?);
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    pub fn one<R: RowOf<S>, C: Connection + ?Sized>(&self, conn: &mut C) -> Result<R> {
        self.optional(conn)?.ok_or(Error::NotFound)
    }

    /// The row of the query, if any: [`Error::TooManyRows`] when there are several (it reads
    /// at most two).
    pub fn optional<R: RowOf<S>, C: Connection + ?Sized>(&self, conn: &mut C) -> Result<Option<R>> {
        at_most_one(self.load_limited::<R, C>(conn, 2)?)
    }

    /// How many rows the query yields: `SELECT COUNT(*) FROM (query)`, so that DISTINCT,
    /// GROUP BY, LIMIT and OFFSET count as they filter.
    pub fn count<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<u64> {
        let rendered = self.counting(conn.dialect())?;
        let rows =
            load_rows::<super::sql_types::BigInt, i64, C>(conn, &rendered.sql, &rendered.params)?;
        Ok(counted(rows.first().copied()))
    }

    /// Whether the query yields any row: `SELECT EXISTS (query)`.
    pub fn exists<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<bool> {
        let rendered = self.testing_existence(conn.dialect())?;
        let rows =
            load_rows::<super::sql_types::Bool, bool, C>(conn, &rendered.sql, &rendered.params)?;
        Ok(rows.first().copied().unwrap_or(false))
    }

    /// `SELECT COUNT(*) FROM (query)`, rendered: what [`count`](Self::count) runs.
    pub(crate) fn counting(&self, dialect: &dyn Dialect) -> Result<SharedRendered> {
        let counted = ast::Select {
            projection: vec![count_star().lower().item()],
            from: vec![ast::TableWithJoins {
                relation: ast::TableFactor::Derived {
                    subquery: Box::new(self.counted_query()),
                    alias: "counted".into(),
                },
                joins: Vec::new(),
            }],
            ..ast::Select::default()
        };
        render_cached(&counted.into_query().into(), dialect)
    }

    /// `SELECT EXISTS (query)`, rendered: what [`exists`](Self::exists) runs.
    pub(crate) fn testing_existence(&self, dialect: &dyn Dialect) -> Result<SharedRendered> {
        let exists = ast::Select {
            projection: vec![
                ast::Expr::Exists {
                    subquery: Box::new(self.counted_query()),
                    negated: false,
                }
                .item(),
            ],
            ..ast::Select::default()
        };
        render_cached(&exists.into_query().into(), dialect)
    }
}

/// The rows a count query counted (none read as 0).
pub(crate) fn counted(count: Option<i64>) -> u64 {
    u64::try_from(count.unwrap_or(0)).unwrap_or(0)
}

/// The one row of a query read with a limit of 2: [`Error::TooManyRows`] when there were two.
pub(crate) fn at_most_one<R>(mut rows: Vec<R>) -> Result<Option<R>> {
    match rows.len() {
        0 | 1 => Ok(rows.pop()),
        _ => Err(Error::TooManyRows),
    }
}
