//! An INSERT as plain data, and what running it takes: rendering, splitting its rows into
//! batches within the dialect's parameter limit, counting what it wrote.
//!
//! [`InsertStatement`](super::write::InsertStatement) carries its table, its RETURNING types
//! and its state as type parameters for the compiler; none of that matters once it is checked.
//! Its work is done here, in functions that are not generic over them, so that each shape of
//! INSERT a program writes costs one small wrapper, not a copy of this code.

use super::selection::{RowOf, load_rows};
use crate::ast;
use crate::connection::{Connection, TransactionExt};
use crate::error::Result;
use crate::render::{
    Dialect, Rendered, SharedRendered, render, render_cached, render_insert_cached,
};

/// An INSERT's parts.
#[derive(Debug, Clone)]
pub(super) struct InsertData {
    pub(super) table: ast::TableRef,
    /// The columns of the first rows, in their order; later rows are put in it.
    pub(super) columns: Vec<&'static str>,
    pub(super) rows: Vec<Vec<ast::Expr>>,
    pub(super) default_values: bool,
    pub(super) on_conflict: Option<ast::OnConflict>,
    pub(super) returning: Vec<ast::SelectItem>,
}

impl InsertData {
    /// An INSERT into `table` without rows.
    pub(super) fn new(table: ast::TableRef) -> Self {
        InsertData {
            table,
            columns: Vec::new(),
            rows: Vec::new(),
            default_values: false,
            on_conflict: None,
            returning: Vec::new(),
        }
    }

    /// Adds `rows`, which set the columns `names`: in the order of the first rows' columns
    /// when the types have made sure they are the same ones.
    pub(super) fn push_rows(
        &mut self,
        names: Vec<&'static str>,
        rows: impl Iterator<Item = Vec<ast::Expr>>,
    ) {
        if self.columns.is_empty() || self.columns == names {
            self.columns = names;
            self.rows.extend(rows);
            return;
        }
        // The same columns in another order: the values follow the first row's order.
        let order: Vec<usize> = self
            .columns
            .iter()
            .filter_map(|column| names.iter().position(|name| name == column))
            .collect();
        self.rows.extend(rows.map(|row| reorder(row, &order)));
    }

    /// The statement.
    pub(super) fn statement(&self) -> ast::Statement {
        ast::Statement::Insert(self.insert_with_rows(self.rows.clone()))
    }

    /// Runs it; returns the rows written (see `WriteStatement::execute` of an INSERT).
    pub(super) fn execute<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<u64> {
        let batches = self.rendered_batches(conn.dialect())?;
        let run = |conn: &mut C| {
            let mut written = 0;
            for (rows, rendered) in &batches {
                let reported = conn.execute_sql(&rendered.sql, &rendered.params)?;
                written += super::upsert::rows_written(
                    self.on_conflict.as_ref(),
                    conn.dialect(),
                    *rows,
                    reported,
                );
            }
            Ok(written)
        };
        match batches.len() {
            1 => run(conn),
            _ => conn.transaction(run),
        }
    }

    /// Runs it and decodes its RETURNING rows, batch after batch.
    pub(super) fn load<S, R, C>(&self, conn: &mut C) -> Result<Vec<R>>
    where
        R: RowOf<S>,
        C: Connection + ?Sized,
    {
        let batches = self.rendered_batches(conn.dialect())?;
        let run = |conn: &mut C| {
            let mut out = Vec::with_capacity(self.proposed_rows());
            for (_, rendered) in &batches {
                out.extend(load_rows::<S, R, C>(conn, &rendered.sql, &rendered.params)?);
            }
            Ok(out)
        };
        match batches.len() {
            1 => run(conn),
            _ => conn.transaction(run),
        }
    }

    /// The batches' SQL, owned.
    pub(super) fn batches(&self, dialect: &dyn Dialect) -> Result<Vec<Rendered>> {
        Ok(self
            .rendered_batches(dialect)?
            .into_iter()
            .map(|(_, rendered)| Rendered {
                sql: rendered.sql.to_string(),
                params: rendered.params,
            })
            .collect())
    }

    /// The INSERT, with `rows` as its VALUES.
    fn insert_with_rows(&self, rows: Vec<Vec<ast::Expr>>) -> ast::Insert {
        // No rows (an empty `values_many`) renders as an error, never as a defaulted row.
        let source = match self.default_values {
            true => ast::InsertSource::DefaultValues,
            false => ast::InsertSource::Values(rows),
        };
        ast::Insert {
            table: self.table.clone(),
            columns: self
                .columns
                .iter()
                .map(|c| ast::Name::Borrowed(c))
                .collect(),
            source,
            on_conflict: self.on_conflict.clone(),
            returning: self.returning.clone(),
        }
    }

    /// The statement with `rows` (of its own) as its VALUES, rendered without copying them.
    fn render_rows(
        &self,
        rows: &[Vec<ast::Expr>],
        dialect: &dyn Dialect,
    ) -> Result<SharedRendered> {
        let shell = self.insert_with_rows(Vec::new());
        match self.default_values {
            true => render_cached(&shell.into(), dialect),
            false => render_insert_cached(&shell, rows, dialect),
        }
    }

    /// How many rows the statement proposes.
    fn proposed_rows(&self) -> usize {
        match self.default_values {
            true => 1,
            false => self.rows.len(),
        }
    }

    /// Each batch: how many rows it proposes, and its SQL. The whole statement is rendered
    /// once; only when it is over the limit are the rows measured and split.
    fn rendered_batches(&self, dialect: &dyn Dialect) -> Result<Vec<(usize, SharedRendered)>> {
        let limit = dialect.max_params();
        let whole = self.render_rows(&self.rows, dialect)?;
        if whole.params.len() <= limit || self.rows.len() <= 1 {
            return Ok(vec![(self.proposed_rows(), whole)]);
        }
        // Parameters of each row (rendered as a select list: the same expressions), and of
        // the rest of the statement (upsert clause, RETURNING).
        let row_params = |row: &Vec<ast::Expr>| -> Result<usize> {
            let select = ast::Select {
                projection: row.iter().cloned().map(ast::Expr::item).collect(),
                ..ast::Select::default()
            };
            Ok(render(&select.into_query().into(), dialect)?.params.len())
        };
        let per_row = self
            .rows
            .iter()
            .map(row_params)
            .collect::<Result<Vec<_>>>()?;
        let fixed = whole.params.len() - per_row.iter().sum::<usize>();
        let mut ranges = Vec::new();
        let (mut start, mut used) = (0, fixed);
        for (index, count) in per_row.iter().enumerate() {
            if fixed + count > limit {
                return Err(crate::Error::InvalidStatement(format!(
                    "row {index} of the INSERT needs {} bound parameters; {} allows {limit}",
                    fixed + count,
                    dialect.name()
                )));
            }
            if used + count > limit {
                ranges.push(start..index);
                (start, used) = (index, fixed);
            }
            used += count;
        }
        ranges.push(start..self.rows.len());
        ranges
            .into_iter()
            .map(|rows| Ok((rows.len(), self.render_rows(&self.rows[rows], dialect)?)))
            .collect()
    }
}

/// `row`'s values in `order` (each index once).
fn reorder(row: Vec<ast::Expr>, order: &[usize]) -> Vec<ast::Expr> {
    let mut values: Vec<Option<ast::Expr>> = row.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| values[i].take()).collect()
}
