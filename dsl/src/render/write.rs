//! Rendering of writes: `INSERT` (with upserts), `UPDATE`, `DELETE`, and `RETURNING`.

use super::dialect::{DeleteUsingStyle, UpdateFromStyle, UpsertStyle, WriteKind};
use super::writer::Writer;
use crate::ast::Name;
use crate::ast::{
    Assignment, ConflictAction, Delete, Expr, Insert, InsertSource, OnConflict, Query, Select,
    SelectItem, TableRef, Update, With,
};
use crate::error::{Error, Result};

/// The VALUES rows an INSERT is rendered with, in place of its own source.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ValuesRows<'a> {
    /// Rows of expressions, written as they are.
    Exprs(&'a [Vec<Expr>]),
    /// `rows` rows of one placeholder per column, whose values the caller holds and binds.
    Bound { rows: usize },
}

impl Writer<'_> {
    pub(super) fn insert(&mut self, insert: &Insert) -> Result<()> {
        self.insert_with_rows(insert, None)
    }

    /// `insert`, with `rows` as its VALUES when given (whatever its own source).
    pub(super) fn insert_with_rows(
        &mut self,
        insert: &Insert,
        rows: Option<ValuesRows<'_>>,
    ) -> Result<()> {
        if let Some(on_conflict) = &insert.on_conflict {
            self.check_upsert(insert, on_conflict)?;
        }
        // A CTE that writes must be in the WITH of the statement run (PostgreSQL): the query's
        // WITH goes before the INSERT.
        let lifted;
        let insert = match &insert.source {
            InsertSource::Query(query) if query.with.as_ref().is_some_and(With::writes) => {
                let mut query = query.clone();
                if let Some(with) = query.with.take() {
                    self.with(&with)?;
                }
                lifted = Insert {
                    source: InsertSource::Query(query),
                    ..insert.clone()
                };
                &lifted
            }
            _ => insert,
        };
        self.push("INSERT INTO ");
        self.table_name(&insert.table)?;
        let own_rows = match &insert.source {
            InsertSource::Values(rows) => Some(ValuesRows::Exprs(rows)),
            _ => None,
        };
        match (&insert.source, rows.or(own_rows)) {
            (_, Some(ValuesRows::Exprs(rows))) => {
                self.column_list(&insert.columns)?;
                self.values(&insert.columns, rows)?;
            }
            (_, Some(ValuesRows::Bound { rows })) => {
                self.column_list(&insert.columns)?;
                self.bound_values(insert.columns.len(), rows)?;
            }
            (InsertSource::DefaultValues | InsertSource::Values(_), None) => {
                self.default_values(insert)?
            }
            (InsertSource::Query(query), None) => {
                self.column_list(&insert.columns)?;
                self.push(" ");
                self.insert_query(query, insert.on_conflict.is_some())?;
            }
        }
        if let Some(on_conflict) = &insert.on_conflict {
            self.on_conflict(insert, on_conflict)?;
        }
        self.returning(WriteKind::Insert, &insert.returning)
    }

    /// Rejects the upserts a dialect cannot write faithfully.
    fn check_upsert(&self, insert: &Insert, on_conflict: &OnConflict) -> Result<()> {
        if matches!(insert.source, InsertSource::DefaultValues)
            && !self.dialect.supports_upsert_after_default_values()
        {
            return Err(self.unsupported("an upsert after DEFAULT VALUES"));
        }
        // The no-op update that stands for DO NOTHING there would make RETURNING yield the
        // conflicting rows too, which DO NOTHING never returns.
        let emulated_do_nothing = on_conflict.action == ConflictAction::DoNothing
            && self.dialect.upsert_style() == UpsertStyle::OnDuplicateKey;
        if emulated_do_nothing
            && !insert.returning.is_empty()
            && self.dialect.supports_returning(WriteKind::Insert)
        {
            return Err(self.unsupported("RETURNING on an upsert that does nothing"));
        }
        Ok(())
    }

    pub(super) fn update(&mut self, update: &Update) -> Result<()> {
        if update.assignments.is_empty() {
            return Err(Error::InvalidStatement(
                "an UPDATE needs at least one assignment".into(),
            ));
        }
        self.push("UPDATE ");
        self.table_ref(&update.table)?;
        let multi_table = !update.from.is_empty()
            && self.dialect.update_from_style() == UpdateFromStyle::MultiTable;
        if multi_table {
            self.push(", ");
            self.write_from(&update.from)?;
        }
        self.push(" SET ");
        // In a multi-table UPDATE every assigned column must name its table.
        let qualifier =
            multi_table.then(|| update.table.alias.as_deref().unwrap_or(&update.table.name));
        self.comma_separated(&update.assignments, |w, a| w.assignment(qualifier, a))?;
        if !update.from.is_empty() && !multi_table {
            self.push(" FROM ");
            self.write_from(&update.from)?;
        }
        if let Some(selection) = &update.selection {
            self.push(" WHERE ");
            self.expr(selection)?;
        }
        self.returning(WriteKind::Update, &update.returning)
    }

    pub(super) fn delete(&mut self, delete: &Delete) -> Result<()> {
        let style = match delete.using.is_empty() {
            true => DeleteUsingStyle::Using,
            false => self.dialect.delete_using_style(),
        };
        self.push("DELETE ");
        if style == DeleteUsingStyle::MultiTable {
            self.qualifier_of(&delete.table)?;
            self.push(" ");
        }
        self.push("FROM ");
        self.table_ref(&delete.table)?;
        match style {
            DeleteUsingStyle::Using if !delete.using.is_empty() => {
                self.push(" USING ");
                self.write_from(&delete.using)?;
            }
            DeleteUsingStyle::MultiTable => {
                self.push(", ");
                self.write_from(&delete.using)?;
            }
            DeleteUsingStyle::Using | DeleteUsingStyle::Exists => {}
        }
        if style == DeleteUsingStyle::Exists {
            // A row is deleted when some row of the other tables meets the condition.
            let mut probe = Select::default();
            probe.projection.push(Expr::Bool(true).item());
            probe.from.clone_from(&delete.using);
            probe.selection.clone_from(&delete.selection);
            self.push(" WHERE ");
            self.expr(&Expr::Exists {
                subquery: Box::new(probe.into()),
                negated: false,
            })?;
        } else if let Some(selection) = &delete.selection {
            self.push(" WHERE ");
            self.expr(selection)?;
        }
        self.returning(WriteKind::Delete, &delete.returning)
    }

    /// The name a multi-table statement names `table` by: its alias, or else its name.
    fn qualifier_of(&mut self, table: &TableRef) -> Result<()> {
        self.ident(table.alias.as_deref().unwrap_or(&table.name))
    }

    fn default_values(&mut self, insert: &Insert) -> Result<()> {
        if !insert.columns.is_empty() {
            return Err(Error::InvalidStatement(
                "INSERT … DEFAULT VALUES takes no column list".into(),
            ));
        }
        self.push(" ");
        let tail = self.dialect.default_values();
        self.push(tail);
        Ok(())
    }

    fn column_list(&mut self, columns: &[Name]) -> Result<()> {
        if columns.is_empty() {
            return Err(Error::InvalidStatement(
                "an INSERT needs at least one column (or DEFAULT VALUES)".into(),
            ));
        }
        self.push(" (");
        self.comma_separated(columns, |w, c| w.name(c))?;
        self.push(")");
        Ok(())
    }

    fn values(&mut self, columns: &[Name], rows: &[Vec<Expr>]) -> Result<()> {
        if rows.is_empty() {
            return Err(Error::InvalidStatement(
                "an INSERT … VALUES needs at least one row".into(),
            ));
        }
        if let Some((i, row)) = rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.len() != columns.len())
        {
            return Err(Error::InvalidStatement(format!(
                "row {} of the INSERT has {} values for {} columns",
                i + 1,
                row.len(),
                columns.len()
            )));
        }
        self.push(" VALUES ");
        self.comma_separated(rows, |w, row| {
            w.push("(");
            w.comma_separated(row, Self::expr)?;
            w.push(")");
            Ok(())
        })
    }

    /// ` VALUES` of `rows` rows of `width` placeholders each, whose parameters the caller binds
    /// itself. A shape records the two numbers, not each placeholder: the key of a thousand
    /// rows costs what one row's does.
    fn bound_values(&mut self, width: usize, rows: usize) -> Result<()> {
        if rows == 0 || width == 0 {
            return Err(Error::InvalidStatement(
                "an INSERT … VALUES needs at least one row of values".into(),
            ));
        }
        self.push(" VALUES ");
        if self.records_shape() {
            self.bound_rows_shape(width, rows);
            return Ok(());
        }
        for row in 0..rows {
            if row > 0 {
                self.push(", ");
            }
            self.push("(");
            for column in 0..width {
                if column > 0 {
                    self.push(", ");
                }
                self.placeholder();
            }
            self.push(")");
        }
        Ok(())
    }

    fn insert_query(&mut self, query: &Query, upsert: bool) -> Result<()> {
        if !(upsert && self.dialect.upsert_select_needs_where()) {
            return self.query(query);
        }
        // `INSERT … SELECT … ON CONFLICT` is ambiguous to SQLite's parser unless the SELECT ends
        // in a WHERE clause.
        self.push("SELECT * FROM (");
        self.query(query)?;
        self.push(") WHERE ");
        let always = self.dialect.boolean_literal(true);
        self.push(always);
        Ok(())
    }

    fn on_conflict(&mut self, insert: &Insert, on_conflict: &OnConflict) -> Result<()> {
        match self.dialect.upsert_style() {
            UpsertStyle::OnConflict => self.on_conflict_clause(on_conflict),
            UpsertStyle::OnDuplicateKey => self.on_duplicate_key(insert, on_conflict),
        }
    }

    fn on_conflict_clause(&mut self, on_conflict: &OnConflict) -> Result<()> {
        self.push(" ON CONFLICT");
        if !on_conflict.target.is_empty() {
            self.push(" (");
            self.comma_separated(&on_conflict.target, |w, c| w.name(c))?;
            self.push(")");
        }
        match &on_conflict.action {
            ConflictAction::DoNothing => {
                self.push(" DO NOTHING");
                Ok(())
            }
            ConflictAction::DoUpdate(_) if on_conflict.target.is_empty() => {
                Err(Error::InvalidStatement(
                    "ON CONFLICT DO UPDATE needs the conflicting unique key's columns".into(),
                ))
            }
            ConflictAction::DoUpdate(assignments) => {
                self.push(" DO UPDATE SET ");
                self.assignments(assignments)
            }
        }
    }

    /// MySQL's upsert fires on any unique key. "Do nothing" becomes the no-op assignment
    /// `c = c`, which, unlike `INSERT IGNORE`, does not also swallow unrelated errors.
    fn on_duplicate_key(&mut self, insert: &Insert, on_conflict: &OnConflict) -> Result<()> {
        self.push(" ON DUPLICATE KEY UPDATE ");
        match &on_conflict.action {
            ConflictAction::DoUpdate(assignments) => self.assignments(assignments),
            ConflictAction::DoNothing => {
                let column = on_conflict
                    .target
                    .first()
                    .or(insert.columns.first())
                    .ok_or_else(|| {
                        Error::InvalidStatement(
                            "an upsert that does nothing needs a conflict target or a column"
                                .into(),
                        )
                    })?;
                self.ident(column)?;
                self.push(" = ");
                self.ident(column)
            }
        }
    }

    fn assignments(&mut self, assignments: &[Assignment]) -> Result<()> {
        if assignments.is_empty() {
            return Err(Error::InvalidStatement(
                "DO UPDATE needs at least one assignment".into(),
            ));
        }
        self.comma_separated(assignments, |w, a| w.assignment(None, a))
    }

    fn assignment(&mut self, qualifier: Option<&str>, assignment: &Assignment) -> Result<()> {
        if let Some(table) = qualifier {
            self.ident(table)?;
            self.push(".");
        }
        self.name(&assignment.column)?;
        self.push(" = ");
        self.expr(&assignment.value)
    }

    fn returning(&mut self, write: WriteKind, items: &[SelectItem]) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        if !self.dialect.supports_returning(write) {
            let statement = match write {
                WriteKind::Insert => "INSERT",
                WriteKind::Update => "UPDATE",
                WriteKind::Delete => "DELETE",
            };
            return Err(self.unsupported(&format!("RETURNING on {statement}")));
        }
        self.push(" RETURNING ");
        self.select_items(items)
    }
}
