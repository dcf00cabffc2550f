//! What an [`AsyncConnection`](super::AsyncConnection) can run by itself: each statement
//! type's blocking `load` or `execute`, sent to the connection's thread whole, or — on a
//! driver that is async itself — its one statement and how its rows decode ([`Plan`]). The SQL
//! and the decoding are the blocking path's own either way.
#![cfg_attr(
    not(feature = "postgres"),
    allow(
        dead_code,
        reason = "plans are run by the PostgreSQL async driver only"
    )
)]

use std::borrow::Cow;
use std::sync::Arc;

use crate::ast::Statement;
use crate::connection::{Cells, Connection, Row, RowBuilder};
use crate::dsl::RawQuery;
use crate::dsl::RowCursor;
use crate::dsl::correlate::Standalone;
use crate::dsl::dynamic::DynamicQuery;
use crate::dsl::query::SelectQuery;
use crate::dsl::scope::{Cons, Nil};
use crate::dsl::selection::RowOf;
use crate::dsl::set_operation::SetQuery;
use crate::dsl::table::Table;
use crate::dsl::write::{
    DeleteStatement, HasAssignments, HasRows, InsertStatement, UpdateStatement, WriteStatement,
};
use crate::error::Result;
use crate::model::{Relation, StartsFrom, WithRelations};
use crate::render::{Dialect, SharedRendered, render_cached};
use crate::value::Value;

/// A statement's SQL text, shared by the statements of its shape or borrowed from raw SQL.
#[derive(Debug)]
pub(super) enum Sql<'q> {
    Shared(Arc<str>),
    Borrowed(&'q str),
}

impl Sql<'_> {
    pub(super) fn as_str(&self) -> &str {
        match self {
            Sql::Shared(sql) => sql,
            Sql::Borrowed(sql) => sql,
        }
    }
}

/// A query's one statement and how each of its rows decodes into `R`.
pub struct Plan<'q, R> {
    pub(super) sql: Sql<'q>,
    pub(super) params: Cow<'q, [Value]>,
    pub(super) decode: Decode<'q, R>,
}

/// How each row of a [`Plan`] decodes.
type Decode<'q, R> = Box<dyn FnMut(&mut dyn Cells) -> Result<R> + Send + 'q>;

impl<R> std::fmt::Debug for Plan<'_, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("sql", &self.sql)
            .finish_non_exhaustive()
    }
}

impl<'q, R> Plan<'q, R> {
    /// `rendered`, its rows decoded as a typed selection `S`.
    pub(super) fn rows<S>(rendered: SharedRendered) -> Plan<'q, R>
    where
        R: RowOf<S>,
    {
        Plan {
            sql: Sql::Shared(rendered.sql),
            params: Cow::Owned(rendered.params),
            decode: Box::new(|cells| R::read_row(&mut RowCursor::new(cells))),
        }
    }
}

/// A write's one statement, and how many rows it writes when the server's count would say
/// otherwise.
#[derive(Debug)]
pub struct WritePlan<'q> {
    pub(super) sql: Sql<'q>,
    pub(super) params: Cow<'q, [Value]>,
    pub(super) written: Option<u64>,
}

impl WritePlan<'_> {
    /// The rows it wrote, from what the server reported.
    pub(super) fn written(&self, reported: u64) -> u64 {
        self.written.unwrap_or(reported)
    }
}

impl<'q> From<SharedRendered> for WritePlan<'q> {
    fn from(rendered: SharedRendered) -> WritePlan<'q> {
        WritePlan {
            sql: Sql::Shared(rendered.sql),
            params: Cow::Owned(rendered.params),
            written: None,
        }
    }
}

/// A statement whose rows [`AsyncConnection::load`](super::AsyncConnection::load) decodes into
/// `Vec<R>`: typed queries, set operations, raw SQL, dynamic queries and writes with
/// `RETURNING`. It holds where the blocking `load` of the same statement compiles.
pub trait Load<R>: Send + 'static {
    /// Runs the statement on a blocking connection (the async connection's thread).
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<R>>;

    /// Its one statement for `dialect` and how its rows decode; `None` when it runs several
    /// (an async driver then runs [`load_on`](Self::load_on) as blocking work).
    fn plan(&self, dialect: &dyn Dialect) -> Result<Option<Plan<'_, R>>>;
}

/// A statement [`AsyncConnection::execute`](super::AsyncConnection::execute) runs for the
/// number of rows it wrote: typed INSERT, UPDATE and DELETE, raw SQL, and plain
/// [`ast`](crate::ast) statements.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a write that `AsyncConnection::execute` can run",
    label = "not a complete write",
    note = "a typed INSERT needs its rows (`.values(…)`), an UPDATE its SET list (`.set(…)`); queries run with `load`, `one`, `count` or `stream`"
)]
pub trait Execute: Send + 'static {
    /// Runs the statement on a blocking connection (the async connection's thread).
    fn execute_on(&self, conn: &mut dyn Connection) -> Result<u64>;

    /// Its one statement for `dialect`; `None` when it runs several (see [`Load::plan`]).
    fn plan(&self, dialect: &dyn Dialect) -> Result<Option<WritePlan<'_>>>;
}

impl<F, G, S, D, R> Load<R> for SelectQuery<F, G, S, D>
where
    F: Standalone,
    R: RowOf<S>,
    Self: Send + 'static,
{
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<R>> {
        self.load(conn)
    }

    fn plan(&self, dialect: &dyn Dialect) -> Result<Option<Plan<'_, R>>> {
        Ok(Some(Plan::rows(self.rendered(dialect)?)))
    }
}

impl<S, First, R> Load<R> for SetQuery<S, First>
where
    R: RowOf<S>,
    Self: Send + 'static,
{
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<R>> {
        self.load(conn)
    }

    fn plan(&self, dialect: &dyn Dialect) -> Result<Option<Plan<'_, R>>> {
        Ok(Some(Plan::rows(self.rendered(dialect)?)))
    }
}

impl<S, R> Load<R> for RawQuery<S>
where
    R: RowOf<S>,
    Self: Send + 'static,
{
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<R>> {
        self.load(conn)
    }

    fn plan(&self, _: &dyn Dialect) -> Result<Option<Plan<'_, R>>> {
        let (sql, params) = self.sql_and_params();
        Ok(Some(Plan {
            sql: Sql::Borrowed(sql),
            params: Cow::Borrowed(params),
            decode: Box::new(|cells| R::read_row(&mut RowCursor::new(cells))),
        }))
    }
}

/// A model query with its relationships: the rows and their related rows, one statement per
/// level, all on the connection's thread.
impl<T, G, S, D, L> Load<(L::Parent, L::Out)>
    for WithRelations<SelectQuery<Cons<T, Nil>, G, S, D>, L>
where
    T: Table,
    L: Relation + StartsFrom<T>,
    L::Parent: RowOf<S>,
    Self: Send + 'static,
{
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<(L::Parent, L::Out)>> {
        self.load(conn)
    }

    fn plan(&self, _: &dyn Dialect) -> Result<Option<Plan<'_, (L::Parent, L::Out)>>> {
        Ok(None)
    }
}

impl Load<Row> for DynamicQuery {
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<Row>> {
        self.load(conn)
    }

    fn plan(&self, dialect: &dyn Dialect) -> Result<Option<Plan<'_, Row>>> {
        let rendered = self.rendered(dialect)?;
        let mut rows = RowBuilder::default();
        Ok(Some(Plan {
            sql: Sql::Shared(rendered.sql),
            params: Cow::Owned(rendered.params),
            decode: Box::new(move |cells| rows.build(cells)),
        }))
    }
}

/// Writes: their `RETURNING` rows, and the rows they wrote. Each bound is the one the
/// blocking `execute` has, so that a write that could not run reports why in its own words.
macro_rules! write_statements {
    ($($statement:ident<$($param:ident),+> where $($bound:ident)?;)+) => {$(
        impl<$($param,)+ R> Load<R> for $statement<$($param),+>
        where
            T: Table,
            $(Self: $bound<T>,)?
            Self: Send + 'static,
            R: RowOf<S>,
        {
            fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<R>> {
                WriteStatement::load(self, conn)
            }

            fn plan(&self, dialect: &dyn Dialect) -> Result<Option<Plan<'_, R>>> {
                Ok(OneWrite::one(self, dialect)?.map(|write| Plan {
                    sql: write.sql,
                    params: write.params,
                    decode: Box::new(|cells| R::read_row(&mut RowCursor::new(cells))),
                }))
            }
        }

        impl<$($param),+> Execute for $statement<$($param),+>
        where
            T: Table,
            $(Self: $bound<T>,)?
            Self: Send + 'static,
        {
            fn execute_on(&self, conn: &mut dyn Connection) -> Result<u64> {
                WriteStatement::execute(self, conn)
            }

            fn plan(&self, dialect: &dyn Dialect) -> Result<Option<WritePlan<'_>>> {
                OneWrite::one(self, dialect)
            }
        }
    )+};
}

/// A write's one statement, when it is one.
trait OneWrite {
    fn one(&self, dialect: &dyn Dialect) -> Result<Option<WritePlan<'_>>>;
}

impl<T: Table, S, Rs> OneWrite for InsertStatement<T, S, Rs> {
    fn one(&self, dialect: &dyn Dialect) -> Result<Option<WritePlan<'_>>> {
        Ok(self.single_statement(dialect)?.map(|one| WritePlan {
            sql: Sql::Shared(one.sql),
            params: one.params,
            written: one.written,
        }))
    }
}

impl<T: Table, S, A, F> OneWrite for UpdateStatement<T, S, A, F>
where
    Self: WriteStatement<S>,
{
    fn one(&self, dialect: &dyn Dialect) -> Result<Option<WritePlan<'_>>> {
        Ok(Some(render_cached(&self.statement(), dialect)?.into()))
    }
}

impl<T: Table, S, F> OneWrite for DeleteStatement<T, S, F>
where
    Self: WriteStatement<S>,
{
    fn one(&self, dialect: &dyn Dialect) -> Result<Option<WritePlan<'_>>> {
        Ok(Some(render_cached(&self.statement(), dialect)?.into()))
    }
}

write_statements!(
    InsertStatement<T, S, Rs> where HasRows;
    UpdateStatement<T, S, A, F> where HasAssignments;
    DeleteStatement<T, S, F> where;
);

impl<S> Execute for RawQuery<S>
where
    Self: Send + 'static,
{
    fn execute_on(&self, conn: &mut dyn Connection) -> Result<u64> {
        self.execute(conn)
    }

    fn plan(&self, _: &dyn Dialect) -> Result<Option<WritePlan<'_>>> {
        let (sql, params) = self.sql_and_params();
        Ok(Some(WritePlan {
            sql: Sql::Borrowed(sql),
            params: Cow::Borrowed(params),
            written: None,
        }))
    }
}

impl Execute for Statement {
    fn execute_on(&self, conn: &mut dyn Connection) -> Result<u64> {
        conn.execute(self)
    }

    fn plan(&self, dialect: &dyn Dialect) -> Result<Option<WritePlan<'_>>> {
        Ok(Some(render_cached(self, dialect)?.into()))
    }
}
