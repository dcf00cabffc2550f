//! An INSERT as plain data, and what running it takes: rendering, splitting its rows into
//! batches within the dialect's parameter limit, counting what it wrote.
//!
//! [`InsertStatement`](super::write::InsertStatement) carries its table, its RETURNING types
//! and its state as type parameters for the compiler; none of that matters once it is checked.
//! Its work is done here, in functions that are not generic over them, so that each shape of
//! INSERT a program writes costs one small wrapper, not a copy of this code.

use std::borrow::Cow;
use std::sync::Arc;

use super::selection::{RowOf, load_rows};
use crate::ast;
use crate::connection::{Connection, TransactionExt};
use crate::error::Result;
use crate::render::{
    Dialect, Rendered, SharedRendered, render, render_cached, render_insert_bound,
    render_insert_cached,
};
use crate::value::Value;

/// An INSERT's parts.
#[derive(Debug, Clone)]
pub(super) struct InsertData {
    pub(super) table: ast::TableRef,
    /// The columns of the first rows, in their order; later rows are put in it.
    pub(super) columns: Vec<&'static str>,
    rows: Rows,
    pub(super) default_values: bool,
    pub(super) on_conflict: Option<ast::OnConflict>,
    pub(super) returning: Vec<ast::SelectItem>,
}

/// The rows of an INSERT's VALUES.
#[derive(Debug, Clone)]
enum Rows {
    /// Rows whose every value is a bound parameter, as typed rows of Rust values are: kept
    /// flat, one value per column, row after row, and bound from here without a copy.
    Bound(Vec<Value>),
    /// Rows of which one at least computes a value.
    Exprs(Vec<Vec<ast::Expr>>),
}

/// One statement of an INSERT run in batches: how many rows it proposes, its SQL, its values.
/// A write of one statement: its SQL, its values, and the rows it writes when the server's
/// count is not that (see [`InsertData::single`]).
#[cfg(feature = "tokio")]
#[derive(Debug)]
pub struct OneStatement<'a> {
    /// The statement.
    pub sql: Arc<str>,
    /// Its values, in placeholder order.
    pub params: Cow<'a, [Value]>,
    /// How many rows it writes, when the server's count would say otherwise.
    pub written: Option<u64>,
}

struct Batch<'a> {
    rows: usize,
    sql: Arc<str>,
    params: Cow<'a, [Value]>,
}

impl InsertData {
    /// An INSERT into `table` without rows.
    pub(super) fn new(table: ast::TableRef) -> Self {
        InsertData {
            table,
            columns: Vec::new(),
            rows: Rows::Bound(Vec::new()),
            default_values: false,
            on_conflict: None,
            returning: Vec::new(),
        }
    }

    /// Adds `rows`, which set the columns `names`, each lowered by `lower` into a row of
    /// values: in the order of the first rows' columns when the types have made sure they are
    /// the same ones.
    pub(super) fn push_rows<V>(
        &mut self,
        names: Vec<&'static str>,
        rows: impl IntoIterator<Item = V>,
        lower: impl Fn(V, &mut Vec<ast::Expr>),
    ) {
        let order = self.take_columns(names);
        let mut row = Vec::with_capacity(self.columns.len());
        for values in rows {
            lower(values, &mut row);
            self.push_row(order.as_deref(), &mut row);
        }
    }

    /// Takes `names` as the columns of the first rows; for later rows that set them in
    /// another order, the position in `names` of each column.
    fn take_columns(&mut self, names: Vec<&'static str>) -> Option<Vec<usize>> {
        if self.columns.is_empty() || self.columns == names {
            self.columns = names;
            return None;
        }
        let order = self
            .columns
            .iter()
            .filter_map(|column| names.iter().position(|name| name == column));
        Some(order.collect())
    }

    /// Moves the values of `row` (in `order` if given) into the rows, leaving it empty.
    fn push_row(&mut self, order: Option<&[usize]>, row: &mut Vec<ast::Expr>) {
        if let Some(order) = order {
            let reordered = reorder(std::mem::take(row), order);
            *row = reordered;
        }
        let bound = row.iter().all(|value| matches!(value, ast::Expr::Param(_)));
        if let (Rows::Bound(values), true) = (&mut self.rows, bound) {
            values.extend(row.drain(..).map(|value| match value {
                ast::Expr::Param(value) => value,
                _ => unreachable!("checked to be bound values"),
            }));
            return;
        }
        if let Rows::Bound(values) = &mut self.rows {
            let width = self.columns.len();
            let rows = values
                .chunks(width)
                .map(|row| row.iter().cloned().map(ast::Expr::Param));
            self.rows = Rows::Exprs(rows.map(Iterator::collect).collect());
        }
        if let Rows::Exprs(rows) = &mut self.rows {
            rows.push(std::mem::take(row));
        }
    }

    /// The rows as trees of expressions.
    fn row_exprs(&self) -> Cow<'_, [Vec<ast::Expr>]> {
        match &self.rows {
            Rows::Exprs(rows) => Cow::Borrowed(rows),
            Rows::Bound(values) => Cow::Owned(
                values
                    .chunks(self.columns.len().max(1))
                    .map(|row| row.iter().cloned().map(ast::Expr::Param).collect())
                    .collect(),
            ),
        }
    }

    /// The statement.
    pub(super) fn statement(&self) -> ast::Statement {
        ast::Statement::Insert(self.insert_with_rows(self.row_exprs().into_owned()))
    }

    /// Runs it; returns the rows written (see `WriteStatement::execute` of an INSERT).
    pub(super) fn execute<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<u64> {
        let batches = self.rendered_batches(conn.dialect())?;
        let run = |conn: &mut C| {
            let mut written = 0;
            for batch in &batches {
                let reported = conn.execute_sql(&batch.sql, &batch.params)?;
                written += super::upsert::rows_written(
                    self.on_conflict.as_ref(),
                    conn.dialect(),
                    batch.rows,
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
            for batch in &batches {
                out.extend(load_rows::<S, R, C>(conn, &batch.sql, &batch.params)?);
            }
            Ok(out)
        };
        match batches.len() {
            1 => run(conn),
            _ => conn.transaction(run),
        }
    }

    /// The statement when it fits in one (within the dialect's limit of bound parameters),
    /// and how many rows it writes when the server's count would say otherwise (an upsert
    /// on MySQL counts an updated row twice): what an async driver runs by itself.
    #[cfg(feature = "tokio")]
    pub(super) fn single(&self, dialect: &dyn Dialect) -> Result<Option<OneStatement<'_>>> {
        let mut batches = self.rendered_batches(dialect)?;
        if batches.len() != 1 {
            return Ok(None);
        }
        let Some(batch) = batches.pop() else {
            return Ok(None);
        };
        let proposed = super::upsert::counts_proposed(self.on_conflict.as_ref(), dialect);
        Ok(Some(OneStatement {
            sql: batch.sql,
            params: batch.params,
            written: proposed.then_some(batch.rows as u64),
        }))
    }

    /// The batches' SQL, owned.
    pub(super) fn batches(&self, dialect: &dyn Dialect) -> Result<Vec<Rendered>> {
        Ok(self
            .rendered_batches(dialect)?
            .into_iter()
            .map(|batch| Rendered {
                sql: batch.sql.to_string(),
                params: batch.params.into_owned(),
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

    /// How many rows the statement proposes.
    fn proposed_rows(&self) -> usize {
        match (self.default_values, &self.rows) {
            (true, _) => 1,
            (false, Rows::Bound(values)) => values.len() / self.columns.len().max(1),
            (false, Rows::Exprs(rows)) => rows.len(),
        }
    }

    /// The statement in batches within the dialect's limit of bound parameters.
    fn rendered_batches(&self, dialect: &dyn Dialect) -> Result<Vec<Batch<'_>>> {
        let shell = self.insert_with_rows(Vec::new());
        if self.default_values {
            let rendered = render_cached(&shell.into(), dialect)?;
            return Ok(vec![Batch {
                rows: 1,
                sql: rendered.sql,
                params: Cow::Owned(rendered.params),
            }]);
        }
        match &self.rows {
            Rows::Bound(values) => self.bound_batches(&shell, values, dialect),
            Rows::Exprs(rows) => self.expr_batches(&shell, rows, dialect),
        }
    }

    /// Batches of rows of bound values: each row binds one value per column.
    fn bound_batches<'a>(
        &self,
        shell: &ast::Insert,
        values: &'a [Value],
        dialect: &dyn Dialect,
    ) -> Result<Vec<Batch<'a>>> {
        let width = self.columns.len().max(1);
        let rows = values.len() / width;
        let limit = dialect.max_params();
        let batch = |start: usize, count: usize, rendered: SharedRendered| {
            let own = &values[start * width..(start + count) * width];
            // The rest of the statement (upsert clause, RETURNING) binds its own values
            // after the rows'.
            let params = match rendered.params.is_empty() {
                true => Cow::Borrowed(own),
                false => Cow::Owned([own, &rendered.params].concat()),
            };
            Batch {
                rows: count,
                sql: rendered.sql,
                params,
            }
        };
        let whole = render_insert_bound(shell, rows, dialect)?;
        let fixed = whole.params.len();
        if fixed + values.len() <= limit {
            return Ok(vec![batch(0, rows, whole)]);
        }
        if fixed + width > limit {
            return Err(crate::Error::InvalidStatement(format!(
                "row 0 of the INSERT needs {} bound parameters; {} allows {limit}",
                fixed + width,
                dialect.name()
            )));
        }
        let per_batch = (limit - fixed) / width;
        (0..rows)
            .step_by(per_batch)
            .map(|start| {
                let count = per_batch.min(rows - start);
                Ok(batch(
                    start,
                    count,
                    render_insert_bound(shell, count, dialect)?,
                ))
            })
            .collect()
    }

    /// Batches of rows of expressions. The whole statement is rendered once; only when it is
    /// over the limit are the rows measured and split.
    fn expr_batches<'a>(
        &self,
        shell: &ast::Insert,
        rows: &[Vec<ast::Expr>],
        dialect: &dyn Dialect,
    ) -> Result<Vec<Batch<'a>>> {
        let limit = dialect.max_params();
        let batch = |rows: &[Vec<ast::Expr>]| -> Result<Batch<'a>> {
            let rendered = render_insert_cached(shell, rows, dialect)?;
            Ok(Batch {
                rows: rows.len(),
                sql: rendered.sql,
                params: Cow::Owned(rendered.params),
            })
        };
        let whole = batch(rows)?;
        if whole.params.len() <= limit || rows.len() <= 1 {
            return Ok(vec![whole]);
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
        let per_row = rows.iter().map(row_params).collect::<Result<Vec<_>>>()?;
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
        ranges.push(start..rows.len());
        ranges
            .into_iter()
            .map(|range| batch(&rows[range]))
            .collect()
    }
}

/// `row`'s values in `order` (each index once).
fn reorder(row: Vec<ast::Expr>, order: &[usize]) -> Vec<ast::Expr> {
    let mut values: Vec<Option<ast::Expr>> = row.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| values[i].take()).collect()
}
