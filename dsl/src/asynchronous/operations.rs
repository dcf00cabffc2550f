//! What an [`AsyncConnection`](super::AsyncConnection) can run by itself: each statement
//! type's blocking `load` or `execute`, sent to the connection's thread whole. The SQL and the
//! decoding are the blocking path's own.

use crate::ast::Statement;
use crate::connection::{Connection, Row};
use crate::dsl::RawQuery;
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

/// A statement whose rows [`AsyncConnection::load`](super::AsyncConnection::load) decodes into
/// `Vec<R>`: typed queries, set operations, raw SQL, dynamic queries and writes with
/// `RETURNING`. It holds where the blocking `load` of the same statement compiles.
pub trait Load<R>: Send + 'static {
    /// Runs the statement on a blocking connection (the async connection's thread).
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<R>>;
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
}

impl<S, First, R> Load<R> for SetQuery<S, First>
where
    R: RowOf<S>,
    Self: Send + 'static,
{
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<R>> {
        self.load(conn)
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
}

impl Load<Row> for DynamicQuery {
    fn load_on(&self, conn: &mut dyn Connection) -> Result<Vec<Row>> {
        self.load(conn)
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
        }
    )+};
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
}

impl Execute for Statement {
    fn execute_on(&self, conn: &mut dyn Connection) -> Result<u64> {
        conn.execute(self)
    }
}
