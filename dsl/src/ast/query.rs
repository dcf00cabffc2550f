//! Queries: `SELECT`, set operations, `WITH`, and the `FROM` clause.

use super::expr::Expr;

/// A complete query: `[WITH …] body [ORDER BY …] [LIMIT …] [OFFSET …] [FOR UPDATE]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// `WITH [RECURSIVE] name AS (…), …`
    pub with: Option<With>,
    /// A `SELECT` or a set operation between queries.
    pub body: QueryBody,
    /// `ORDER BY …` over the whole body.
    pub order_by: Vec<OrderBy>,
    /// `LIMIT n` (a bind parameter).
    pub limit: Option<Expr>,
    /// `OFFSET n` (a bind parameter); allowed without `limit`.
    pub offset: Option<Expr>,
    /// `FOR UPDATE` / `FOR SHARE` row locking.
    pub lock: Option<Lock>,
}

/// The body of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryBody {
    /// A single `SELECT`.
    Select(Box<Select>),
    /// `left UNION|INTERSECT|EXCEPT [ALL] right`.
    SetOperation {
        /// Which operation.
        op: SetOperator,
        /// `ALL` keeps duplicates.
        all: bool,
        /// Left arm; it may carry its own `ORDER BY` and `LIMIT`.
        left: Box<Query>,
        /// Right arm; it may carry its own `ORDER BY` and `LIMIT`.
        right: Box<Query>,
    },
}

/// Set operators between queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetOperator {
    /// `UNION`
    Union,
    /// `INTERSECT`
    Intersect,
    /// `EXCEPT`
    Except,
}

/// `SELECT [DISTINCT] projection FROM … WHERE … GROUP BY … HAVING …`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Select {
    /// `DISTINCT` or `DISTINCT ON (…)`.
    pub distinct: Option<Distinct>,
    /// The selected expressions, with optional aliases.
    pub projection: Vec<SelectItem>,
    /// `FROM a JOIN b …, c …`: comma-separated items, each with its joins.
    pub from: Vec<TableWithJoins>,
    /// `WHERE …`
    pub selection: Option<Expr>,
    /// `GROUP BY …`
    pub group_by: Vec<Expr>,
    /// `HAVING …`
    pub having: Option<Expr>,
}

/// `DISTINCT` variants.
#[derive(Debug, Clone, PartialEq)]
pub enum Distinct {
    /// `SELECT DISTINCT`
    All,
    /// `SELECT DISTINCT ON (exprs)` (PostgreSQL).
    On(Vec<Expr>),
}

/// One projected expression: `expr [AS alias]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectItem {
    /// The expression.
    pub expr: Expr,
    /// The output column's name.
    pub alias: Option<String>,
}

/// One item of the `FROM` list with the joins that follow it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableWithJoins {
    /// The first relation.
    pub relation: TableFactor,
    /// `JOIN …` clauses, in order.
    pub joins: Vec<Join>,
}

/// Something rows come from.
#[derive(Debug, Clone, PartialEq)]
pub enum TableFactor {
    /// A table or view, `"schema"."name" [AS "alias"]`.
    Table(TableRef),
    /// A subquery in `FROM`: `(SELECT …) AS "alias"`.
    Derived {
        /// The subquery.
        subquery: Box<Query>,
        /// Its name in the rest of the query (required by every dialect).
        alias: String,
    },
}

/// A named table, optionally schema-qualified and aliased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableRef {
    /// The schema (PostgreSQL) or database (MySQL) holding the table.
    pub schema: Option<super::Name>,
    /// The table's SQL name.
    pub name: super::Name,
    /// `AS "alias"`
    pub alias: Option<super::Name>,
}

/// `JOIN relation ON …`
#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    /// The kind of join and its condition.
    pub operator: JoinOperator,
    /// The joined relation.
    pub relation: TableFactor,
}

/// Join kinds; each but `CROSS` carries its `ON` condition.
#[derive(Debug, Clone, PartialEq)]
pub enum JoinOperator {
    /// `INNER JOIN … ON cond`
    Inner(Expr),
    /// `LEFT JOIN … ON cond`
    Left(Expr),
    /// `RIGHT JOIN … ON cond`
    Right(Expr),
    /// `FULL JOIN … ON cond`
    Full(Expr),
    /// `CROSS JOIN …`
    Cross,
}

/// `ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST]`
#[derive(Debug, Clone, PartialEq)]
pub struct OrderBy {
    /// The sort key.
    pub expr: Expr,
    /// Descending when true.
    pub descending: bool,
    /// Where `NULL`s go; `None` keeps the dialect's default.
    pub nulls: Option<NullsOrder>,
}

/// Placement of `NULL`s in an ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NullsOrder {
    /// `NULLS FIRST`
    First,
    /// `NULLS LAST`
    Last,
}

/// `WITH [RECURSIVE] cte, …`
#[derive(Debug, Clone, PartialEq)]
pub struct With {
    /// `WITH RECURSIVE` when true.
    pub recursive: bool,
    /// The common table expressions, in order.
    pub ctes: Vec<Cte>,
}

impl With {
    /// Whether one of its CTEs is an INSERT, UPDATE or DELETE rather than a query.
    pub fn writes(&self) -> bool {
        self.ctes
            .iter()
            .any(|cte| !matches!(*cte.query, super::Statement::Query(_)))
    }
}

/// `name [(columns)] AS (query)`
#[derive(Debug, Clone, PartialEq)]
pub struct Cte {
    /// The name the rest of the statement uses.
    pub name: String,
    /// Optional column names.
    pub columns: Vec<String>,
    /// The defining statement: a query, or (PostgreSQL only) an INSERT, UPDATE or DELETE
    /// with RETURNING, whose returned rows the rest of the statement reads.
    pub query: Box<super::Statement>,
}

/// Row locking at the end of a query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lock {
    /// `FOR UPDATE` or `FOR SHARE`.
    pub mode: LockMode,
    /// `OF t, u`: the tables (by name or alias) whose rows are locked; empty for all.
    pub of: Vec<super::Name>,
    /// What to do when a row is already locked.
    pub wait: LockWait,
}

/// Lock strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LockMode {
    /// `FOR UPDATE`
    Update,
    /// `FOR SHARE`
    Share,
}

/// Behaviour when a row is locked by another transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LockWait {
    /// Wait for the lock (the default).
    Wait,
    /// `NOWAIT`: fail at once.
    NoWait,
    /// `SKIP LOCKED`: leave locked rows out.
    SkipLocked,
}
