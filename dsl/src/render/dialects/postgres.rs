//! PostgreSQL: the reference dialect; it supports every construct of the tree.

use std::borrow::Cow;

use crate::ast::{LockMode, SetOperator, SqlType};
use crate::error::Result;
use crate::render::dialect::{
    BuiltIn, ConcatStyle, DeleteUsingStyle, Dialect, DistinctFromStyle, FunctionStyle,
    IdentifierLimit, SetOperandStyle, UpdateFromStyle, UpsertStyle, WriteKind,
};
use crate::value::Value;

/// PostgreSQL 12 and later.
///
/// ```
/// use dovetail::ast::*;
/// use dovetail::render::{render, Postgres};
///
/// let query = Select::from(TableRef::named("user"))
///     .project(Expr::bare_column("name"))
///     .filter(Expr::bare_column("id").eq(Expr::param(7_i64)))
///     .into_query();
/// let out = render(&query.into(), &Postgres).unwrap();
/// assert_eq!(out.sql, r#"SELECT "name" FROM "user" WHERE "id" = $1"#);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Postgres;

impl Dialect for Postgres {
    fn name(&self) -> &'static str {
        "PostgreSQL"
    }

    fn write_placeholder(&self, out: &mut String, index: usize) {
        out.push('$');
        out.push_str(itoa::Buffer::new().format(index));
    }

    fn identifier_quote(&self) -> char {
        '"'
    }

    fn max_identifier_length(&self) -> Option<IdentifierLimit> {
        Some(IdentifierLimit::Bytes(63))
    }

    fn backslash_escapes_in_strings(&self) -> bool {
        false
    }

    fn boolean_literal(&self, value: bool) -> &'static str {
        if value { "TRUE" } else { "FALSE" }
    }

    fn max_params(&self) -> usize {
        65_535
    }

    fn binds_in_lists_as_arrays(&self) -> bool {
        true
    }

    fn has_boolean_aggregates(&self) -> bool {
        true
    }

    fn supports_lock_of(&self) -> bool {
        true
    }

    fn untyped_param_type(&self, value: &Value) -> Option<&'static str> {
        Some(match value {
            Value::Bool(_) => "BOOLEAN",
            Value::I8(_) | Value::I16(_) | Value::U8(_) => "SMALLINT",
            Value::I32(_) | Value::U16(_) => "INTEGER",
            Value::I64(_) | Value::U32(_) => "BIGINT",
            Value::U64(_) | Value::Decimal(_) => "NUMERIC",
            Value::F32(_) => "REAL",
            Value::F64(_) => "DOUBLE PRECISION",
            Value::Bytes(_) => "BYTEA",
            Value::Date(_) => "DATE",
            Value::Time(_) => "TIME",
            Value::Timestamp(_) => "TIMESTAMP",
            Value::TimestampTz(_) => "TIMESTAMPTZ",
            Value::Uuid(_) => "UUID",
            Value::Json(_) => "JSONB",
            // Text is what the server guesses anyway, and an enum label must stay untyped.
            Value::Text(_) | Value::Null | Value::Array(_) => return None,
        })
    }

    fn supports_returning(&self, _write: WriteKind) -> bool {
        true
    }

    fn limit_for_offset_only(&self) -> Option<&'static str> {
        None
    }

    fn supports_full_join(&self) -> bool {
        true
    }

    fn supports_ilike(&self) -> bool {
        true
    }

    fn concat_style(&self) -> ConcatStyle {
        ConcatStyle::Operator
    }

    fn distinct_from_style(&self) -> DistinctFromStyle {
        DistinctFromStyle::Standard
    }

    fn supports_nulls_ordering(&self) -> bool {
        true
    }

    fn supports_distinct_on(&self) -> bool {
        true
    }

    fn supports_writes_in_with(&self) -> bool {
        true
    }

    fn supports_aggregate_filter(&self) -> bool {
        true
    }

    fn supports_groups_frame(&self) -> bool {
        true
    }

    fn supports_set_operation(&self, _op: SetOperator, _all: bool) -> bool {
        true
    }

    fn set_operand_style(&self) -> SetOperandStyle {
        SetOperandStyle::Parenthesized
    }

    fn lock_clause(&self, mode: LockMode) -> Option<&'static str> {
        Some(match mode {
            LockMode::Update => "FOR UPDATE",
            LockMode::Share => "FOR SHARE",
        })
    }

    fn upsert_style(&self) -> UpsertStyle {
        UpsertStyle::OnConflict
    }

    fn upsert_select_needs_where(&self) -> bool {
        false
    }

    fn supports_upsert_after_default_values(&self) -> bool {
        true
    }

    fn default_values(&self) -> &'static str {
        "DEFAULT VALUES"
    }

    fn update_from_style(&self) -> UpdateFromStyle {
        UpdateFromStyle::FromClause
    }

    fn delete_using_style(&self) -> DeleteUsingStyle {
        DeleteUsingStyle::Using
    }

    fn function_style(&self) -> FunctionStyle {
        FunctionStyle::Postgres
    }

    fn shape_key(&self, _: BuiltIn) -> Option<[u32; 4]> {
        Some([1, 0, 0, 0])
    }

    fn cast_type(&self, ty: SqlType) -> Result<Cow<'static, str>> {
        Ok(match ty {
            SqlType::Boolean => "BOOLEAN".into(),
            SqlType::SmallInt => "SMALLINT".into(),
            SqlType::Integer => "INTEGER".into(),
            SqlType::BigInt => "BIGINT".into(),
            SqlType::Real => "REAL".into(),
            SqlType::Double => "DOUBLE PRECISION".into(),
            SqlType::Decimal(None) => "NUMERIC".into(),
            SqlType::Decimal(Some((p, s))) => format!("NUMERIC({p}, {s})").into(),
            SqlType::Text => "TEXT".into(),
            SqlType::Bytes => "BYTEA".into(),
            SqlType::Date => "DATE".into(),
            SqlType::Time => "TIME".into(),
            SqlType::Timestamp => "TIMESTAMP".into(),
            SqlType::TimestampTz => "TIMESTAMP WITH TIME ZONE".into(),
            SqlType::Uuid => "UUID".into(),
            SqlType::Json => "JSONB".into(),
        })
    }
}
