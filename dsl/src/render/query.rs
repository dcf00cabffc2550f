//! Rendering of queries: `WITH`, `SELECT`, `FROM`/joins, set operations, ordering, paging, locks.

use super::dialect::SetOperandStyle;
use super::writer::Writer;
use crate::ast::{
    Distinct, Expr, Join, JoinOperator, Lock, LockWait, NullsOrder, OrderBy, Query, QueryBody,
    Select, SelectItem, SetOperator, Statement, TableFactor, TableWithJoins, With,
};
use crate::error::{Error, Result};

impl Writer<'_> {
    /// Writes any statement.
    pub(super) fn statement(&mut self, statement: &Statement) -> Result<()> {
        match statement {
            Statement::Query(query) => self.query(query),
            Statement::Insert(insert) => self.insert(insert),
            Statement::Update(update) => self.update(update),
            Statement::Delete(delete) => self.delete(delete),
        }
    }

    pub(super) fn query(&mut self, query: &Query) -> Result<()> {
        self.in_context(false, |w| match &query.body {
            QueryBody::Select(select) => w.select_query(query, select),
            QueryBody::SetOperation {
                op,
                all,
                left,
                right,
            } => w.query_around(query, |w| w.set_operation(*op, *all, left, right)),
        })
    }

    /// `select` with the WITH, ORDER BY, LIMIT and lock of `shell`. Where the dialect may
    /// return a windowed query's rows in its windows' order rather than its ORDER BY (MariaDB
    /// drops the final sort when an index already orders the groups), the query is sorted
    /// outside a derived table that computes it.
    pub(super) fn select_query(&mut self, shell: &Query, select: &Select) -> Result<()> {
        if self.dialect.needs_outer_sort_for_windows()
            && !shell.order_by.is_empty()
            && shell.lock.is_none()
            && select.distinct.is_none()
            && select.projection.iter().any(|item| has_window(&item.expr))
        {
            let (outer_shell, outer_select) = sorted_outside(shell, select);
            return self.query_around(&outer_shell, |w| w.select(&outer_select));
        }
        self.query_around(shell, |w| w.select(select))
    }

    /// `query`'s WITH, then `body`, then its ORDER BY, LIMIT and lock.
    pub(super) fn query_around(
        &mut self,
        query: &Query,
        body: impl FnOnce(&mut Self) -> Result<()>,
    ) -> Result<()> {
        if let Some(with) = &query.with {
            self.with(with)?;
        }
        body(self)?;
        if !query.order_by.is_empty() {
            self.push(" ");
            // A set operation's ORDER BY names its result's columns by position: its arms'
            // columns are not in scope, and their names may clash.
            let (projection, by_position) = match &query.body {
                QueryBody::Select(select) if !matches!(select.distinct, Some(Distinct::On(_))) => {
                    (&select.projection[..], false)
                }
                QueryBody::Select(_) => (&[][..], false),
                QueryBody::SetOperation { left, .. } => (first_arm_projection(left), true),
            };
            self.order_by_in(&query.order_by, projection, by_position)?;
        }
        self.limit_offset(query)?;
        if let Some(lock) = &query.lock {
            self.lock(lock)?;
        }
        Ok(())
    }

    pub(super) fn with(&mut self, with: &With) -> Result<()> {
        self.push(if with.recursive {
            "WITH RECURSIVE "
        } else {
            "WITH "
        });
        self.comma_separated(&with.ctes, |w, cte| {
            w.ident(&cte.name)?;
            if !cte.columns.is_empty() {
                w.push(" (");
                w.comma_separated(&cte.columns, |w, c| w.ident(c))?;
                w.push(")");
            }
            w.push(" AS (");
            match &*cte.query {
                Statement::Query(query) => w.query(query)?,
                write if w.dialect.supports_writes_in_with() => w.statement(write)?,
                _ => return Err(w.unsupported("INSERT, UPDATE or DELETE in WITH")),
            }
            w.push(")");
            Ok(())
        })?;
        self.push(" ");
        Ok(())
    }

    pub(super) fn select(&mut self, select: &Select) -> Result<()> {
        if select.projection.is_empty() {
            return Err(Error::InvalidStatement(
                "a SELECT needs at least one projected expression".into(),
            ));
        }
        self.push("SELECT ");
        match &select.distinct {
            None => {}
            Some(Distinct::All) => self.push("DISTINCT "),
            Some(Distinct::On(_)) if !self.dialect.supports_distinct_on() => {
                return Err(self.unsupported("DISTINCT ON"));
            }
            Some(Distinct::On(exprs)) => {
                self.push("DISTINCT ON (");
                self.comma_separated(exprs, Self::expr)?;
                self.push(") ");
            }
        }
        self.in_context(true, |w| w.select_items(&select.projection))?;
        if !select.from.is_empty() {
            self.push(" FROM ");
            self.write_from(&select.from)?;
        }
        if let Some(selection) = &select.selection {
            self.push(" WHERE ");
            self.expr(selection)?;
        }
        if !select.group_by.is_empty() {
            self.push(" GROUP BY ");
            self.in_context(true, |w| {
                w.comma_separated(&select.group_by, |w, term| {
                    w.term(term, &select.projection, false)
                })
            })?;
        }
        if let Some(having) = &select.having {
            self.push(" HAVING ");
            self.expr(having)?;
        }
        Ok(())
    }

    pub(super) fn select_items(&mut self, items: &[SelectItem]) -> Result<()> {
        self.comma_separated(items, |w, item| {
            w.expr(&item.expr)?;
            w.alias(item.alias.as_deref())
        })
    }

    pub(super) fn write_from(&mut self, from: &[TableWithJoins]) -> Result<()> {
        // A shape is kept only once its text is written, so a walk that records a shape known
        // already names the same tables: checked then.
        if !self.records_shape() {
            distinct_names(from)?;
        }
        self.comma_separated(from, |w, item| {
            w.table_factor(&item.relation)?;
            item.joins.iter().try_for_each(|join| w.join(join))
        })
    }

    fn table_factor(&mut self, factor: &TableFactor) -> Result<()> {
        match factor {
            TableFactor::Table(table) => self.table_ref(table),
            TableFactor::Derived { subquery, alias } => {
                self.push("(");
                self.query(subquery)?;
                self.push(")");
                self.alias(Some(alias))
            }
        }
    }

    fn join(&mut self, join: &Join) -> Result<()> {
        let (keyword, condition) = match &join.operator {
            JoinOperator::Inner(on) => (" INNER JOIN ", Some(on)),
            JoinOperator::Left(on) => (" LEFT JOIN ", Some(on)),
            JoinOperator::Right(on) => (" RIGHT JOIN ", Some(on)),
            JoinOperator::Full(_) if !self.dialect.supports_full_join() => {
                return Err(self.unsupported("FULL JOIN"));
            }
            JoinOperator::Full(on) => (" FULL JOIN ", Some(on)),
            JoinOperator::Cross => (" CROSS JOIN ", None),
        };
        self.push(keyword);
        self.table_factor(&join.relation)?;
        if let Some(on) = condition {
            self.push(" ON ");
            self.expr(on)?;
        }
        Ok(())
    }

    fn set_operation(
        &mut self,
        op: SetOperator,
        all: bool,
        left: &Query,
        right: &Query,
    ) -> Result<()> {
        let keyword = match op {
            SetOperator::Union => "UNION",
            SetOperator::Intersect => "INTERSECT",
            SetOperator::Except => "EXCEPT",
        };
        if !self.dialect.supports_set_operation(op, all) {
            let all = if all { " ALL" } else { "" };
            return Err(self.unsupported(&format!("{keyword}{all}")));
        }
        self.set_operand(left)?;
        self.push(" ");
        self.push(keyword);
        self.push(if all { " ALL " } else { " " });
        self.set_operand(right)
    }

    /// A plain `SELECT` arm is written bare. An arm with its own clauses, or a nested set
    /// operation, is grouped: in parentheses, or as a subquery where parentheses are refused.
    fn set_operand(&mut self, arm: &Query) -> Result<()> {
        if arm.is_bare() && matches!(arm.body, QueryBody::Select(_)) {
            return self.query(arm);
        }
        match self.dialect.set_operand_style() {
            SetOperandStyle::Parenthesized => self.push("("),
            SetOperandStyle::Subquery => self.push("SELECT * FROM ("),
        }
        self.query(arm)?;
        self.push(")");
        Ok(())
    }

    pub(super) fn order_by(&mut self, order_by: &[OrderBy]) -> Result<()> {
        self.order_by_in(order_by, &[], false)
    }

    /// `ORDER BY …`; a term that is also an item of `projection` may be written as its
    /// position (see [`Writer::term`]).
    fn order_by_in(
        &mut self,
        order_by: &[OrderBy],
        projection: &[SelectItem],
        by_position: bool,
    ) -> Result<()> {
        self.push("ORDER BY ");
        self.in_context(true, |w| {
            w.comma_separated(order_by, |w, item| {
                w.order_by_item(item, projection, by_position)
            })
        })
    }

    /// A `GROUP BY` or `ORDER BY` term. One that computes the same as a select-list item from
    /// bound values (`substr(title, $1, $2)`) is written as that item's position: the
    /// server cannot tell that `$3, $4` hold the same values as `$1, $2`, and would refuse to
    /// group by one and select the other. `by_position` writes every term found in the
    /// select list as its position.
    fn term(&mut self, term: &Expr, projection: &[SelectItem], by_position: bool) -> Result<()> {
        let computed = !matches!(term, Expr::Param(_)) && term.binds_values();
        match projection.iter().position(|item| item.expr == *term) {
            Some(index) if computed || by_position => {
                self.number(index as u64 + 1);
                Ok(())
            }
            _ => self.expr(term),
        }
    }

    fn order_by_item(
        &mut self,
        item: &OrderBy,
        projection: &[SelectItem],
        by_position: bool,
    ) -> Result<()> {
        let emulated_nulls = item
            .nulls
            .filter(|_| !self.dialect.supports_nulls_ordering());
        if let Some(nulls) = emulated_nulls {
            // `x IS NULL` is 0 for values and 1 for NULLs: sorting on it first places the NULLs.
            self.operand(&item.expr)?;
            self.push(match nulls {
                NullsOrder::First => " IS NULL DESC, ",
                NullsOrder::Last => " IS NULL, ",
            });
        }
        match emulated_nulls {
            None => self.term(&item.expr, projection, by_position)?,
            Some(_) => self.expr(&item.expr)?,
        }
        self.push(if item.descending { " DESC" } else { " ASC" });
        if let Some(nulls) = item.nulls.filter(|_| emulated_nulls.is_none()) {
            self.push(match nulls {
                NullsOrder::First => " NULLS FIRST",
                NullsOrder::Last => " NULLS LAST",
            });
        }
        Ok(())
    }

    fn limit_offset(&mut self, query: &Query) -> Result<()> {
        match (&query.limit, &query.offset) {
            (Some(limit), _) => {
                self.push(" LIMIT ");
                self.expr(limit)?;
            }
            (None, Some(_)) => {
                if let Some(unbounded) = self.dialect.limit_for_offset_only() {
                    self.push(" LIMIT ");
                    self.push(unbounded);
                }
            }
            (None, None) => {}
        }
        if let Some(offset) = &query.offset {
            self.push(" OFFSET ");
            self.expr(offset)?;
        }
        Ok(())
    }

    fn lock(&mut self, lock: &Lock) -> Result<()> {
        let Some(clause) = self.dialect.lock_clause(lock.mode) else {
            return Err(self.unsupported("row locking (FOR UPDATE / FOR SHARE)"));
        };
        self.push(" ");
        self.push(clause);
        if !lock.of.is_empty() && self.dialect.supports_lock_of() {
            self.push(" OF ");
            self.comma_separated(&lock.of, |w, table| w.name(table))?;
        }
        self.push(match lock.wait {
            LockWait::Wait => "",
            LockWait::NoWait => " NOWAIT",
            LockWait::SkipLocked => " SKIP LOCKED",
        });
        Ok(())
    }
}

/// Whether `expr` computes a window function.
fn has_window(expr: &Expr) -> bool {
    match expr {
        Expr::Window(_) => true,
        Expr::Unary { expr, .. } | Expr::Cast { expr, .. } | Expr::IsNull { expr, .. } => {
            has_window(expr)
        }
        Expr::Binary { left, right, .. } => has_window(left) || has_window(right),
        Expr::Function(function) => function.args.iter().any(has_window),
        Expr::Builtin { args, .. } => args.iter().any(has_window),
        Expr::Case {
            operand,
            branches,
            otherwise,
        } => {
            operand.as_deref().is_some_and(has_window)
                || branches
                    .iter()
                    .any(|(when, then)| has_window(when) || has_window(then))
                || otherwise.as_deref().is_some_and(has_window)
        }
        _ => false,
    }
}

/// The name of the derived table [`sorted_outside`] sorts.
const SORTED: &str = "sorted";

/// `SELECT sorted.c1, … FROM (SELECT x AS c1, …, key AS o1, … ) AS sorted ORDER BY sorted.o1,
/// … LIMIT …`: `select` computed inside, its shell's ordering and paging applied outside.
fn sorted_outside(shell: &Query, select: &Select) -> (Query, Select) {
    let mut inner = select.clone();
    let mut outer = Select::default();
    for (i, item) in inner.projection.iter_mut().enumerate() {
        let name = format!("c{}", i + 1);
        outer.projection.push(SelectItem {
            expr: Expr::column(SORTED, name.clone()),
            alias: item.alias.clone(),
        });
        item.alias = Some(name);
    }
    let mut order_by = Vec::with_capacity(shell.order_by.len());
    for (i, term) in shell.order_by.iter().enumerate() {
        // A term naming an output column orders by that column; any other is computed inside.
        let output = match &term.expr {
            Expr::Column(column) if column.table.is_none() => select
                .projection
                .iter()
                .position(|item| item.alias.as_deref() == Some(&*column.name)),
            _ => None,
        };
        let name = match output {
            Some(position) => format!("c{}", position + 1),
            None => {
                let name = format!("o{}", i + 1);
                inner.projection.push(term.expr.clone().alias(name.clone()));
                name
            }
        };
        order_by.push(OrderBy {
            expr: Expr::column(SORTED, name),
            ..term.clone()
        });
    }
    outer.from = vec![TableWithJoins {
        relation: TableFactor::Derived {
            subquery: Box::new(inner.into()),
            alias: SORTED.to_owned(),
        },
        joins: Vec::new(),
    }];
    let outer_shell = Query {
        with: shell.with.clone(),
        body: QueryBody::Select(Box::default()),
        order_by,
        limit: shell.limit.clone(),
        offset: shell.offset.clone(),
        lock: None,
    };
    (outer_shell, outer)
}

/// Refuses a FROM clause that names two of its tables alike: the same table twice without an
/// alias, or two aliases of one name. Every server refuses it too, but less clearly, and a
/// reference to either would be ambiguous.
fn distinct_names(from: &[TableWithJoins]) -> Result<()> {
    let factors = from.iter().flat_map(|item| {
        std::iter::once(&item.relation).chain(item.joins.iter().map(|j| &j.relation))
    });
    let mut seen: Vec<&str> = Vec::new();
    for factor in factors {
        let name: &str = match factor {
            TableFactor::Table(table) => table.alias.as_deref().unwrap_or(&table.name),
            TableFactor::Derived { alias, .. } => alias,
        };
        if seen.contains(&name) {
            return Err(Error::InvalidStatement(format!(
                "`{name}` appears twice in one FROM clause: read the table again through an alias"
            )));
        }
        seen.push(name);
    }
    Ok(())
}

/// The select list of a set operation's first arm, which names the operation's columns.
fn first_arm_projection(arm: &Query) -> &[SelectItem] {
    match &arm.body {
        QueryBody::Select(select) => &select.projection,
        QueryBody::SetOperation { left, .. } => first_arm_projection(left),
    }
}
