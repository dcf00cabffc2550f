//! The `Dialect` trait: every difference between the SQL dialects, as one small method each.
//!
//! The renderer never asks *which* dialect it writes; it asks a capability question
//! (`supports_full_join()`, `concat_style()`…) and writes what the answer allows. A construct a
//! dialect cannot express makes the renderer return [`crate::Error::Unsupported`].

use std::borrow::Cow;
use std::fmt::Debug;

use crate::ast::{LockMode, SetOperator, SqlType};
use crate::error::{Error, Result};
use crate::value::Value;

/// How a dialect writes the pieces of SQL that differ between servers.
pub trait Dialect: Debug + Send + Sync {
    /// The dialect's name in error messages (`"PostgreSQL"`, `"MariaDB 10.11"`…).
    fn name(&self) -> &'static str;

    /// Appends the placeholder of the 1-based parameter `index` (`$1` or `?`).
    fn write_placeholder(&self, out: &mut String, index: usize);

    /// The character that opens and closes a quoted identifier; it is doubled inside.
    fn identifier_quote(&self) -> char;

    /// The longest identifier the server keeps intact; longer ones are rejected rather than
    /// silently truncated (PostgreSQL) or refused with a less helpful message (MySQL).
    fn max_identifier_length(&self) -> Option<IdentifierLimit>;

    /// Whether a backslash inside a string literal must be doubled.
    fn backslash_escapes_in_strings(&self) -> bool;

    /// The spelling of a boolean literal.
    fn boolean_literal(&self, value: bool) -> &'static str;

    /// The most bound parameters one statement may carry (PostgreSQL and MySQL number them in
    /// 16 bits; SQLite's default `SQLITE_MAX_VARIABLE_NUMBER` is 32,766). Multi-row inserts
    /// are split to stay within it.
    fn max_params(&self) -> usize;

    /// Whether a list of bound values in `x IN (…)` is sent as one array parameter
    /// (`x = ANY($1)`, PostgreSQL): a list of any length is then one statement, and one
    /// parameter.
    fn binds_in_lists_as_arrays(&self) -> bool {
        false
    }

    /// The type to cast a parameter to where nothing around it says its type — a select-list
    /// item, a `GROUP BY` or `ORDER BY` term, outside any comparison — when the server would
    /// otherwise guess one (PostgreSQL takes such a `$1` for text): `SELECT $1` with an
    /// integer becomes `SELECT CAST($1 AS INTEGER)`.
    fn untyped_param_type(&self, value: &Value) -> Option<&'static str> {
        let _ = value;
        None
    }

    /// Whether a row lock can name the tables it locks (`FOR UPDATE OF t`: PostgreSQL, MySQL
    /// 8.0); elsewhere it locks the rows of every table (MariaDB, which also locks the
    /// existing rows of an outer join's nullable side).
    fn supports_lock_of(&self) -> bool {
        false
    }

    /// Whether `bool_and` and `bool_or` exist (PostgreSQL, which has no `MIN`/`MAX` of a
    /// boolean); elsewhere booleans are 0 and 1 and they are `MIN` and `MAX`.
    fn has_boolean_aggregates(&self) -> bool {
        false
    }

    /// Whether a subquery of `x IN (…)` may have `LIMIT`/`OFFSET` (MySQL and MariaDB refuse
    /// it; the renderer then reads it through a derived table).
    fn supports_limit_in_in_subquery(&self) -> bool {
        true
    }

    /// The operator that divides two integers into an integer, truncating toward zero.
    fn integer_division(&self) -> &'static str {
        " / "
    }

    /// Whether `RETURNING` is available on this kind of write.
    fn supports_returning(&self, write: WriteKind) -> bool;

    /// The function that gives the auto-increment key the connection's last INSERT generated
    /// (`LAST_INSERT_ID()`, `last_insert_rowid()`), where the dialect has one: how a row is
    /// read back without `RETURNING`.
    fn last_insert_id_function(&self) -> Option<&'static str> {
        None
    }

    /// The `LIMIT` to write when a query has an `OFFSET` but no limit, if the dialect needs one.
    fn limit_for_offset_only(&self) -> Option<&'static str>;

    /// Whether `FULL [OUTER] JOIN` exists.
    fn supports_full_join(&self) -> bool;

    /// Whether `ILIKE` exists; otherwise it becomes `lower(x) LIKE lower(pattern)`.
    fn supports_ilike(&self) -> bool;

    /// How strings are concatenated.
    fn concat_style(&self) -> ConcatStyle;

    /// How `IS [NOT] DISTINCT FROM` is spelled.
    fn distinct_from_style(&self) -> DistinctFromStyle;

    /// Whether `NULLS FIRST` / `NULLS LAST` exist; otherwise they are emulated with an extra
    /// `x IS NULL` sort key.
    fn supports_nulls_ordering(&self) -> bool;

    /// Whether `SELECT DISTINCT ON (…)` exists.
    fn supports_distinct_on(&self) -> bool;

    /// Whether a CTE may be an INSERT, UPDATE or DELETE with RETURNING.
    fn supports_writes_in_with(&self) -> bool;

    /// Whether a query selecting window functions must be sorted outside a derived table
    /// for its ORDER BY to hold (MariaDB skips the final sort when an index orders the groups,
    /// and the windows' own sort then leaves the rows in their order).
    fn needs_outer_sort_for_windows(&self) -> bool {
        false
    }

    /// Whether aggregates accept `FILTER (WHERE …)`; otherwise the filter moves into a `CASE`.
    fn supports_aggregate_filter(&self) -> bool;

    /// Whether the `GROUPS` window frame unit exists.
    fn supports_groups_frame(&self) -> bool;

    /// Whether this set operation (with or without `ALL`) exists.
    fn supports_set_operation(&self, op: SetOperator, all: bool) -> bool;

    /// How an arm of a set operation that has its own `ORDER BY`/`LIMIT` is written.
    fn set_operand_style(&self) -> SetOperandStyle;

    /// The row-locking clause for `mode`, or `None` when the dialect has no row locks.
    fn lock_clause(&self, mode: LockMode) -> Option<&'static str>;

    /// How an upsert is written.
    fn upsert_style(&self) -> UpsertStyle;

    /// Whether an `INSERT … SELECT` followed by `ON CONFLICT` needs its `SELECT` wrapped with a
    /// `WHERE` clause to be parsed unambiguously.
    fn upsert_select_needs_where(&self) -> bool;

    /// Whether `DEFAULT VALUES` may be followed by an upsert clause (not on SQLite).
    fn supports_upsert_after_default_values(&self) -> bool;

    /// The tail of an `INSERT` that writes one row of defaults.
    fn default_values(&self) -> &'static str;

    /// How `UPDATE` reads other tables.
    fn update_from_style(&self) -> UpdateFromStyle;

    /// How `DELETE` reads other tables.
    fn delete_using_style(&self) -> DeleteUsingStyle;

    /// How the portable functions whose SQL differs ([`Builtin`](crate::ast::Builtin)) are
    /// written.
    fn function_style(&self) -> FunctionStyle;

    /// The name of `ty` in `CAST(x AS ty)`.
    fn cast_type(&self, ty: SqlType) -> Result<Cow<'static, str>>;

    /// The function call that converts to `ty` where `CAST` would not give a value of that
    /// type (SQLite, whose dates and times are text: `date(x)` rather than
    /// `CAST(x AS TEXT)`), as the text before and after the expression.
    fn cast_call(&self, ty: SqlType) -> Option<(&'static str, &'static str)> {
        let _ = ty;
        None
    }

    /// Identifies a built-in dialect in the process-wide cache of rendered SQL
    /// ([`render_cached`](super::render_cached)): `[family, major, minor, patch]`. Only the
    /// built-in dialects can give one (the argument cannot be named elsewhere): a dialect
    /// defined elsewhere, even one that wraps a built-in and changes some of its answers, has
    /// its statements rendered afresh rather than share a built-in's text.
    #[doc(hidden)]
    fn shape_key(&self, _: BuiltIn) -> Option<[u32; 4]> {
        None
    }
}

/// Proof of asking from inside this crate, for [`Dialect::shape_key`].
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn(());

impl BuiltIn {
    pub(super) const ASK: BuiltIn = BuiltIn(());
}

/// The statements `RETURNING` can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriteKind {
    /// `INSERT … RETURNING`
    Insert,
    /// `UPDATE … RETURNING`
    Update,
    /// `DELETE … RETURNING`
    Delete,
}

/// The longest identifier a server accepts unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentifierLimit {
    /// At most this many bytes of UTF-8.
    Bytes(usize),
    /// At most this many characters.
    Chars(usize),
}

/// String concatenation spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConcatStyle {
    /// `a || b`
    Operator,
    /// `CONCAT(a, b)`
    Function,
}

/// `IS [NOT] DISTINCT FROM` spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DistinctFromStyle {
    /// `a IS DISTINCT FROM b`
    Standard,
    /// `a IS NOT b` (SQLite)
    IsOperator,
    /// `NOT (a <=> b)` (MySQL)
    NullSafeEquals,
}

/// How a set-operation arm that has its own `ORDER BY`/`LIMIT` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetOperandStyle {
    /// `(SELECT … LIMIT 1) UNION (…)`
    Parenthesized,
    /// `SELECT * FROM (SELECT … LIMIT 1) UNION …` (SQLite rejects parenthesised arms)
    Subquery,
}

/// Upsert spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UpsertStyle {
    /// `ON CONFLICT (target) DO NOTHING | DO UPDATE SET c = excluded.c`
    OnConflict,
    /// `ON DUPLICATE KEY UPDATE c = VALUES(c)`; the conflict target is any unique key.
    OnDuplicateKey,
}

/// How `UPDATE` reads other tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UpdateFromStyle {
    /// `UPDATE t SET … FROM other WHERE …`
    FromClause,
    /// `UPDATE t, other SET t.c = … WHERE …`
    MultiTable,
}

/// The family of spellings a dialect writes [`Builtin`](crate::ast::Builtin) functions in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FunctionStyle {
    /// PostgreSQL's: `char_length`, `strpos`, `EXTRACT`, `make_interval`, date arithmetic.
    Postgres,
    /// MySQL's and MariaDB's: `CHAR_LENGTH`, `INSTR`, `EXTRACT`, `DATE_ADD`, `DATEDIFF`.
    MySql,
    /// SQLite's: `length`, `instr`, `strftime`, `julianday`, `datetime` modifiers.
    Sqlite,
}

/// How `DELETE` reads other tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeleteUsingStyle {
    /// `DELETE FROM t USING other WHERE …`
    Using,
    /// `DELETE t FROM t, other WHERE …`
    MultiTable,
    /// `DELETE FROM t WHERE EXISTS (SELECT 1 FROM other WHERE …)`: no join in a DELETE.
    Exists,
}

/// A server version, for capabilities that arrived in a given release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Major version.
    pub major: u32,
    /// Minor version.
    pub minor: u32,
    /// Patch level.
    pub patch: u32,
}

impl Version {
    /// `major.minor.patch`.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Reads the leading `major.minor.patch` of a server's version string
    /// (`"10.11.6-MariaDB-0+deb12u1"`, `"8.0.36"`, `"3.46.0"`).
    ///
    /// ```
    /// use dovetail::render::Version;
    /// assert_eq!(Version::parse("10.11.6-MariaDB"), Some(Version::new(10, 11, 6)));
    /// ```
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text
            .split(|c: char| !c.is_ascii_digit())
            .map(str::parse::<u32>);
        let major = parts.next()?.ok()?;
        let minor = parts.next().and_then(|p| p.ok()).unwrap_or(0);
        let patch = parts.next().and_then(|p| p.ok()).unwrap_or(0);
        Some(Version::new(major, minor, patch))
    }
}

/// The error for a construct `dialect` cannot express.
pub(crate) fn unsupported(dialect: &dyn Dialect, construct: impl Into<String>) -> Error {
    Error::Unsupported {
        construct: construct.into(),
        dialect: dialect.name(),
    }
}
