//! Expressions: everything that yields a value inside a statement.

use super::query::{OrderBy, Query};
use crate::value::Value;

/// An SQL expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `"table"."column"`, or a bare `"column"` when `table` is `None`.
    Column(ColumnRef),
    /// `*` or `"table".*`: a projection item or the argument of `COUNT(*)`.
    Wildcard {
        /// Restricts the wildcard to one table or alias.
        table: Option<String>,
    },
    /// A bind parameter (`$1` / `?`): every user value travels this way.
    Param(Value),
    /// The `NULL` literal.
    Null,
    /// A non-negative integer written into the SQL text, for the arguments servers require
    /// to be constants (a window function's offset, `NTILE`'s bucket count); every other
    /// value is a [`Param`](Expr::Param).
    Number(u64),
    /// `TRUE` / `FALSE`, spelled as the dialect spells booleans.
    Bool(bool),
    /// `NOT x`, `-x`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        expr: Box<Expr>,
    },
    /// `left op right`.
    Binary {
        /// Left operand.
        left: Box<Expr>,
        /// The operator.
        op: BinaryOp,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `x IS NULL` / `x IS NOT NULL`.
    IsNull {
        /// The tested expression.
        expr: Box<Expr>,
        /// `IS NOT NULL` when true.
        negated: bool,
    },
    /// `a IS DISTINCT FROM b` / `a IS NOT DISTINCT FROM b`: comparison where `NULL` equals `NULL`.
    IsDistinctFrom {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
        /// `IS NOT DISTINCT FROM` when true.
        negated: bool,
    },
    /// `x [NOT] IN (a, b, …)`; an empty list is a constant false (or true when negated).
    InList {
        /// The tested expression.
        expr: Box<Expr>,
        /// The candidates.
        list: Vec<Expr>,
        /// `NOT IN` when true.
        negated: bool,
    },
    /// `x [NOT] IN (SELECT …)`.
    InSubquery {
        /// The tested expression.
        expr: Box<Expr>,
        /// The subquery yielding the candidates.
        subquery: Box<Query>,
        /// `NOT IN` when true.
        negated: bool,
    },
    /// `[NOT] EXISTS (SELECT …)`.
    Exists {
        /// The subquery.
        subquery: Box<Query>,
        /// `NOT EXISTS` when true.
        negated: bool,
    },
    /// `x [NOT] BETWEEN low AND high`.
    Between {
        /// The tested expression.
        expr: Box<Expr>,
        /// Lower bound, inclusive.
        low: Box<Expr>,
        /// Upper bound, inclusive.
        high: Box<Expr>,
        /// `NOT BETWEEN` when true.
        negated: bool,
    },
    /// `x [NOT] LIKE pattern [ESCAPE 'c']`, or `ILIKE` when `case_insensitive`.
    Like {
        /// The tested expression.
        expr: Box<Expr>,
        /// The pattern, with `%` and `_` wildcards.
        pattern: Box<Expr>,
        /// The character that escapes `%`, `_` and itself in the pattern.
        escape: Option<char>,
        /// `ILIKE` (case-insensitive match) when true.
        case_insensitive: bool,
        /// `NOT LIKE` when true.
        negated: bool,
    },
    /// `CASE [operand] WHEN … THEN … [ELSE …] END`.
    Case {
        /// The value compared with each `WHEN` (simple `CASE`), or `None` (searched `CASE`).
        operand: Option<Box<Expr>>,
        /// `(WHEN, THEN)` pairs, in order.
        branches: Vec<(Expr, Expr)>,
        /// The `ELSE` result.
        otherwise: Option<Box<Expr>>,
    },
    /// `CAST(x AS type)`.
    Cast {
        /// The converted expression.
        expr: Box<Expr>,
        /// The target type.
        ty: SqlType,
    },
    /// A scalar function call, `name(args…)`.
    Function(Function),
    /// An aggregate: `name([DISTINCT] args…) [FILTER (WHERE …)]`.
    Aggregate(Aggregate),
    /// A window function: `call OVER (PARTITION BY … ORDER BY … frame)`.
    Window(Box<WindowFunction>),
    /// A scalar subquery, `(SELECT …)`, yielding one value.
    Subquery(Box<Query>),
    /// A row value, `(a, b, …)`: compared with another row field by field, in order
    /// (`(a, b) > (x, y)` holds when `a > x`, or `a = x` and `b > y`).
    Row(Vec<Expr>),
    /// In an upsert's `DO UPDATE SET`, the value proposed for this column by the row that
    /// conflicted (`excluded."c"` / `VALUES(`c`)`).
    Excluded(String),
    /// A function every dialect has but spells its own way, written in each dialect's form.
    Builtin {
        /// Which function.
        function: Builtin,
        /// Its arguments.
        args: Vec<Expr>,
    },
}

impl Expr {
    /// Whether a bound parameter appears in it, outside any subquery (a window function counts
    /// as one that does).
    ///
    /// ```
    /// use dovetail::ast::Expr;
    ///
    /// assert!(Expr::bare_column("a").eq(Expr::param(1_i64)).binds_values());
    /// assert!(!Expr::bare_column("a").eq(Expr::bare_column("b")).binds_values());
    /// ```
    pub fn binds_values(&self) -> bool {
        let any = |exprs: &[Expr]| exprs.iter().any(Expr::binds_values);
        match self {
            Expr::Param(_) | Expr::Window(_) => true,
            Expr::Column(_)
            | Expr::Wildcard { .. }
            | Expr::Null
            | Expr::Number(_)
            | Expr::Bool(_)
            | Expr::Exists { .. }
            | Expr::Subquery(_)
            | Expr::Excluded(_) => false,
            Expr::Unary { expr, .. }
            | Expr::IsNull { expr, .. }
            | Expr::InSubquery { expr, .. }
            | Expr::Cast { expr, .. } => expr.binds_values(),
            Expr::Binary { left, right, .. } | Expr::IsDistinctFrom { left, right, .. } => {
                left.binds_values() || right.binds_values()
            }
            Expr::InList { expr, list, .. } => expr.binds_values() || any(list),
            Expr::Row(fields) => any(fields),
            Expr::Between {
                expr, low, high, ..
            } => expr.binds_values() || low.binds_values() || high.binds_values(),
            Expr::Like { expr, pattern, .. } => expr.binds_values() || pattern.binds_values(),
            Expr::Case {
                operand,
                branches,
                otherwise,
            } => {
                operand.as_deref().is_some_and(Expr::binds_values)
                    || branches
                        .iter()
                        .any(|(when, then)| when.binds_values() || then.binds_values())
                    || otherwise.as_deref().is_some_and(Expr::binds_values)
            }
            Expr::Function(function) => any(&function.args),
            Expr::Builtin { args, .. } => any(args),
            Expr::Aggregate(aggregate) => {
                any(&aggregate.args) || aggregate.filter.as_deref().is_some_and(Expr::binds_values)
            }
        }
    }
}

/// A column reference, optionally qualified by a table name or alias.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ColumnRef {
    /// The table name or alias qualifying the column.
    pub table: Option<super::Name>,
    /// The column's SQL name.
    pub name: super::Name,
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `NOT`
    Not,
    /// `-` (arithmetic negation)
    Neg,
}

/// Infix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `=`
    Eq,
    /// `<>`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtEq,
    /// `>`
    Gt,
    /// `>=`
    GtEq,
    /// `AND`
    And,
    /// `OR`
    Or,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// Division of two integers, the quotient truncated toward zero: `/` where dividing
    /// integers gives an integer, `DIV` on MySQL (whose `/` gives a decimal).
    IntDiv,
    /// `%`
    Mod,
    /// String concatenation: `||`, or `CONCAT(a, b)` where `||` means something else.
    Concat,
}

/// A portable function whose SQL differs between dialects ([`Expr::Builtin`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// The length of a text in characters: `char_length(s)` (`length(s)` on SQLite).
    CharLength,
    /// Where the second argument first occurs in the first, counting from 1; 0 when it does
    /// not: `strpos(s, x)` on PostgreSQL, `instr(s, x)` elsewhere.
    Position,
    /// The least integral value not below the argument: `ceil(x)`; on SQLite, whose `ceil`
    /// needs its optional math functions, `CAST(x AS INTEGER) + (x > CAST(x AS INTEGER))`.
    Ceil,
    /// The greatest integral value not above the argument: `floor(x)`; on SQLite
    /// `CAST(x AS INTEGER) - (x < CAST(x AS INTEGER))`.
    Floor,
    /// The greatest argument: `GREATEST(…)` (`max(…)` on SQLite).
    Greatest,
    /// The least argument: `LEAST(…)` (`min(…)` on SQLite).
    Least,
    /// A function declared by the user, under its name on each dialect (plain identifiers).
    Named {
        /// Its name on PostgreSQL.
        postgres: &'static str,
        /// Its name on MySQL and MariaDB.
        mysql: &'static str,
        /// Its name on SQLite.
        sqlite: &'static str,
    },
    /// The current date and time, without time zone: `LOCALTIMESTAMP` (PostgreSQL),
    /// `NOW()` (MySQL), `datetime('now')` (SQLite, in UTC).
    Now,
    /// The current date: `CURRENT_DATE` (`date('now')` on SQLite, in UTC).
    CurrentDate,
    /// One field of a date or timestamp, as an integer (seconds truncated).
    Extract(DatePart),
    /// The number of days from the second date to the first: `a - b` (PostgreSQL),
    /// `DATEDIFF(a, b)` (MySQL), the difference of their `julianday` (SQLite).
    DaysBetween,
    /// The texts of a group joined by `separator`, ordered by the second argument when there
    /// is one: `string_agg(x, 'sep' ORDER BY k)` (PostgreSQL), `GROUP_CONCAT(x ORDER BY k
    /// SEPARATOR 'sep')` (MySQL), `group_concat(x, 'sep' ORDER BY k)` (SQLite). An aggregate.
    StringAgg {
        /// What goes between two texts, written as a string literal (MySQL takes no
        /// parameter there): program text, never user data.
        separator: &'static str,
        /// Whether the order is descending.
        descending: bool,
    },
    /// The first argument (a timestamp) plus the second (an integer) units, as a timestamp:
    /// `x + make_interval(…)` (PostgreSQL), `DATE_ADD(x, INTERVAL n …)` (MySQL),
    /// `datetime(x, n || ' days', 'subsec')` (SQLite). A month added to the 31st ends on the
    /// month's last day on PostgreSQL and MySQL, and rolls over into the next month on SQLite.
    AddInterval(IntervalUnit),
}

/// The unit of an interval added to a date or timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntervalUnit {
    /// Days.
    Day,
    /// Months.
    Month,
    /// Seconds.
    Second,
}

/// A field of a date or a timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatePart {
    /// The year.
    Year,
    /// The month, 1 to 12.
    Month,
    /// The day of the month, 1 to 31.
    Day,
    /// The hour, 0 to 23.
    Hour,
    /// The minute, 0 to 59.
    Minute,
    /// The second, 0 to 59 (fractions dropped).
    Second,
}

/// A scalar function call.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// The function's name (`lower`, `coalesce`, `my_schema.f`); must be a plain identifier.
    pub name: String,
    /// The arguments.
    pub args: Vec<Expr>,
}

/// An aggregate function call.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// Which aggregate.
    pub function: AggregateFunction,
    /// The arguments; `COUNT(*)` takes [`Expr::Wildcard`].
    pub args: Vec<Expr>,
    /// `DISTINCT` inside the call.
    pub distinct: bool,
    /// `FILTER (WHERE …)`: only rows satisfying it are aggregated.
    pub filter: Option<Box<Expr>>,
}

/// The aggregate functions every dialect knows, plus any other by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AggregateFunction {
    /// `COUNT`
    Count,
    /// `SUM`
    Sum,
    /// `AVG`
    Avg,
    /// `MIN`
    Min,
    /// `MAX`
    Max,
    /// `bool_and`: whether every non-`NULL` value is true (`MIN` where booleans are 0 and 1).
    BoolAnd,
    /// `bool_or`: whether any non-`NULL` value is true (`MAX` where booleans are 0 and 1).
    BoolOr,
    /// Any other aggregate, by name (`string_agg`, `group_concat`…).
    Other(String),
}

/// A window function call.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowFunction {
    /// The function: an [`Expr::Function`] (`row_number()`, `rank()`…) or an [`Expr::Aggregate`].
    pub function: Expr,
    /// `PARTITION BY …`
    pub partition_by: Vec<Expr>,
    /// `ORDER BY …` inside the window.
    pub order_by: Vec<OrderBy>,
    /// `ROWS|RANGE|GROUPS BETWEEN … AND …`
    pub frame: Option<WindowFrame>,
}

/// A window frame: which rows around the current one the function sees.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WindowFrame {
    /// `ROWS`, `RANGE` or `GROUPS`.
    pub units: FrameUnits,
    /// Where the frame starts.
    pub start: FrameBound,
    /// Where it ends; `None` means `CURRENT ROW`.
    pub end: Option<FrameBound>,
}

/// The unit a window frame counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameUnits {
    /// Physical rows.
    Rows,
    /// Peer groups by value of the ORDER BY key.
    Range,
    /// Peer groups counted as groups.
    Groups,
}

/// One end of a window frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameBound {
    /// `UNBOUNDED PRECEDING`
    UnboundedPreceding,
    /// `n PRECEDING`
    Preceding(u64),
    /// `CURRENT ROW`
    CurrentRow,
    /// `n FOLLOWING`
    Following(u64),
    /// `UNBOUNDED FOLLOWING`
    UnboundedFollowing,
}

/// A portable SQL type, the target of `CAST`; each dialect spells it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SqlType {
    /// `BOOLEAN`
    Boolean,
    /// `SMALLINT`
    SmallInt,
    /// `INTEGER`
    Integer,
    /// `BIGINT`
    BigInt,
    /// Single-precision float.
    Real,
    /// Double-precision float.
    Double,
    /// `NUMERIC(precision, scale)`, or unconstrained when `None`.
    Decimal(Option<(u8, u8)>),
    /// Character data.
    Text,
    /// Binary data.
    Bytes,
    /// `DATE`
    Date,
    /// `TIME`
    Time,
    /// `TIMESTAMP` without time zone.
    Timestamp,
    /// `TIMESTAMP WITH TIME ZONE`.
    TimestampTz,
    /// `UUID`
    Uuid,
    /// `JSON`
    Json,
}
