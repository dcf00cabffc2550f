//! SQLite: `?` placeholders, no row locks, set-operation arms that cannot be parenthesised.

use std::borrow::Cow;

use crate::ast::{LockMode, SetOperator, SqlType};
use crate::error::Result;
use crate::render::dialect::{
    BuiltIn, ConcatStyle, DeleteUsingStyle, Dialect, DistinctFromStyle, FunctionStyle,
    IdentifierLimit, SetOperandStyle, UpdateFromStyle, UpsertStyle, Version, WriteKind,
};

/// SQLite, whose capabilities depend on the library version (the bundled one by default).
///
/// ```
/// use dovetail::ast::*;
/// use dovetail::render::{render, Sqlite};
///
/// let mut query = Select::from(TableRef::named("user"))
///     .project(Expr::bare_column("name"))
///     .into_query();
/// query.offset = Some(Expr::param(10_i64));
/// let out = render(&query.into(), &Sqlite::default()).unwrap();
/// assert_eq!(out.sql, r#"SELECT "name" FROM "user" LIMIT -1 OFFSET ?"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sqlite {
    /// The SQLite library version the SQL is written for.
    pub version: Version,
}

impl Sqlite {
    /// The dialect of SQLite `version`.
    pub const fn new(version: Version) -> Sqlite {
        Sqlite { version }
    }

    fn at_least(&self, major: u32, minor: u32) -> bool {
        self.version >= Version::new(major, minor, 0)
    }
}

impl Default for Sqlite {
    /// The version bundled with this crate's SQLite driver.
    fn default() -> Self {
        Sqlite::new(Version::new(3, 46, 0))
    }
}

impl Dialect for Sqlite {
    fn name(&self) -> &'static str {
        "SQLite"
    }

    fn write_placeholder(&self, out: &mut String, _index: usize) {
        out.push('?');
    }

    fn identifier_quote(&self) -> char {
        '"'
    }

    fn max_identifier_length(&self) -> Option<IdentifierLimit> {
        None
    }

    fn backslash_escapes_in_strings(&self) -> bool {
        false
    }

    fn boolean_literal(&self, value: bool) -> &'static str {
        if value { "1" } else { "0" }
    }

    fn max_params(&self) -> usize {
        // SQLITE_MAX_VARIABLE_NUMBER's default: 999 before 3.32.
        match self.at_least(3, 32) {
            true => 32_766,
            false => 999,
        }
    }

    fn supports_returning(&self, _write: WriteKind) -> bool {
        self.at_least(3, 35)
    }

    fn last_insert_id_function(&self) -> Option<&'static str> {
        Some("last_insert_rowid()")
    }

    fn limit_for_offset_only(&self) -> Option<&'static str> {
        Some("-1")
    }

    fn supports_full_join(&self) -> bool {
        self.at_least(3, 39)
    }

    fn supports_ilike(&self) -> bool {
        false
    }

    fn concat_style(&self) -> ConcatStyle {
        ConcatStyle::Operator
    }

    fn distinct_from_style(&self) -> DistinctFromStyle {
        DistinctFromStyle::IsOperator
    }

    fn supports_nulls_ordering(&self) -> bool {
        self.at_least(3, 30)
    }

    fn supports_distinct_on(&self) -> bool {
        false
    }

    fn supports_writes_in_with(&self) -> bool {
        false
    }

    fn supports_aggregate_filter(&self) -> bool {
        self.at_least(3, 30)
    }

    fn supports_groups_frame(&self) -> bool {
        self.at_least(3, 28)
    }

    fn supports_set_operation(&self, op: SetOperator, all: bool) -> bool {
        // SQLite has `UNION ALL` but neither `INTERSECT ALL` nor `EXCEPT ALL`.
        !all || op == SetOperator::Union
    }

    fn set_operand_style(&self) -> SetOperandStyle {
        SetOperandStyle::Subquery
    }

    fn lock_clause(&self, _mode: LockMode) -> Option<&'static str> {
        None
    }

    fn upsert_style(&self) -> UpsertStyle {
        UpsertStyle::OnConflict
    }

    fn upsert_select_needs_where(&self) -> bool {
        true
    }

    fn supports_upsert_after_default_values(&self) -> bool {
        // SQLite's grammar ends the statement after `DEFAULT VALUES` (but for `RETURNING`).
        false
    }

    fn default_values(&self) -> &'static str {
        "DEFAULT VALUES"
    }

    fn update_from_style(&self) -> UpdateFromStyle {
        UpdateFromStyle::FromClause
    }

    fn delete_using_style(&self) -> DeleteUsingStyle {
        DeleteUsingStyle::Exists
    }

    fn function_style(&self) -> FunctionStyle {
        FunctionStyle::Sqlite
    }

    fn shape_key(&self, _: BuiltIn) -> Option<[u32; 4]> {
        let Version {
            major,
            minor,
            patch,
        } = self.version;
        Some([2, major, minor, patch])
    }

    /// Dates and times are text in dovetail's forms (`value/text_formats.rs`): the date and
    /// time functions normalise any form SQLite reads into them (time-zone-aware text into
    /// UTC); fractions of a second keep milliseconds.
    /// (Before 3.42, without the `subsec` modifier, whole seconds.)
    fn cast_call(&self, ty: SqlType) -> Option<(&'static str, &'static str)> {
        let subsec = self.at_least(3, 42);
        Some(match (ty, subsec) {
            (SqlType::Date, _) => ("date(", ")"),
            (SqlType::Time, true) => ("time(", ", 'subsec')"),
            (SqlType::Time, false) => ("time(", ")"),
            (SqlType::Timestamp, true) => ("datetime(", ", 'subsec')"),
            (SqlType::Timestamp, false) => ("datetime(", ")"),
            (SqlType::TimestampTz, true) => ("(datetime(", ", 'subsec') || '+00:00')"),
            (SqlType::TimestampTz, false) => ("(datetime(", ") || '+00:00')"),
            _ => return None,
        })
    }

    fn cast_type(&self, ty: SqlType) -> Result<Cow<'static, str>> {
        Ok(match ty {
            SqlType::Boolean | SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => "INTEGER",
            SqlType::Real | SqlType::Double => "REAL",
            SqlType::Decimal(_) => "NUMERIC",
            SqlType::Bytes => "BLOB",
            SqlType::Text
            | SqlType::Date
            | SqlType::Time
            | SqlType::Timestamp
            | SqlType::TimestampTz
            | SqlType::Uuid
            | SqlType::Json => "TEXT",
        }
        .into())
    }
}
