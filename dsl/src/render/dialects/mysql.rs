//! MySQL and MariaDB: backtick quoting, `?` placeholders, `CONCAT`, `ON DUPLICATE KEY UPDATE`.

use std::borrow::Cow;

use crate::ast::{LockMode, SetOperator, SqlType};
use crate::error::Result;
use crate::render::dialect::{
    BuiltIn, ConcatStyle, DeleteUsingStyle, Dialect, DistinctFromStyle, FunctionStyle,
    IdentifierLimit, SetOperandStyle, UpdateFromStyle, UpsertStyle, Version, WriteKind,
    unsupported,
};

/// MySQL 8 or MariaDB 10; the two differ in `RETURNING`, set operations and `CAST … AS JSON`.
///
/// ```
/// use dovetail::ast::*;
/// use dovetail::render::{render, MySql, Version};
///
/// let query = Select::from(TableRef::named("user"))
///     .project(Expr::bare_column("name").binary(BinaryOp::Concat, Expr::param("!")))
///     .into_query();
/// let out = render(&query.into(), &MySql::mariadb(Version::new(10, 11, 0))).unwrap();
/// assert_eq!(out.sql, "SELECT CONCAT(`name`, ?) FROM `user`");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MySql {
    /// MySQL or MariaDB.
    pub flavor: MySqlFlavor,
    /// The server version.
    pub version: Version,
}

/// Which server speaks the MySQL protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MySqlFlavor {
    /// Oracle MySQL.
    MySql,
    /// MariaDB.
    MariaDb,
}

impl MySql {
    /// The dialect of MySQL `version`.
    #[allow(
        clippy::self_named_constructors,
        reason = "the flavour is the name: pairs with `MySql::mariadb`"
    )]
    pub const fn mysql(version: Version) -> MySql {
        MySql {
            flavor: MySqlFlavor::MySql,
            version,
        }
    }

    /// The dialect of MariaDB `version`.
    pub const fn mariadb(version: Version) -> MySql {
        MySql {
            flavor: MySqlFlavor::MariaDb,
            version,
        }
    }

    fn is_mariadb_at_least(&self, major: u32, minor: u32) -> bool {
        self.flavor == MySqlFlavor::MariaDb && self.version >= Version::new(major, minor, 0)
    }
}

impl Default for MySql {
    /// MySQL 8.0.31, the first release with `INTERSECT` and `EXCEPT`.
    fn default() -> Self {
        MySql::mysql(Version::new(8, 0, 31))
    }
}

impl Dialect for MySql {
    fn name(&self) -> &'static str {
        match self.flavor {
            MySqlFlavor::MySql => "MySQL",
            MySqlFlavor::MariaDb => "MariaDB",
        }
    }

    fn write_placeholder(&self, out: &mut String, _index: usize) {
        out.push('?');
    }

    fn identifier_quote(&self) -> char {
        '`'
    }

    fn max_identifier_length(&self) -> Option<IdentifierLimit> {
        Some(IdentifierLimit::Chars(64))
    }

    fn backslash_escapes_in_strings(&self) -> bool {
        true
    }

    fn boolean_literal(&self, value: bool) -> &'static str {
        if value { "TRUE" } else { "FALSE" }
    }

    fn max_params(&self) -> usize {
        65_535
    }

    fn supports_limit_in_in_subquery(&self) -> bool {
        false
    }

    fn supports_lock_of(&self) -> bool {
        self.flavor == MySqlFlavor::MySql && self.version >= Version::new(8, 0, 0)
    }

    /// `/` divides integers into a decimal on MySQL.
    fn integer_division(&self) -> &'static str {
        " DIV "
    }

    fn supports_returning(&self, write: WriteKind) -> bool {
        // MariaDB 10.5 added `INSERT … RETURNING` and `DELETE … RETURNING`; MySQL has neither.
        write != WriteKind::Update && self.is_mariadb_at_least(10, 5)
    }

    fn last_insert_id_function(&self) -> Option<&'static str> {
        Some("LAST_INSERT_ID()")
    }

    fn limit_for_offset_only(&self) -> Option<&'static str> {
        Some("18446744073709551615")
    }

    fn supports_full_join(&self) -> bool {
        false
    }

    fn supports_ilike(&self) -> bool {
        false
    }

    fn concat_style(&self) -> ConcatStyle {
        ConcatStyle::Function
    }

    fn distinct_from_style(&self) -> DistinctFromStyle {
        DistinctFromStyle::NullSafeEquals
    }

    fn supports_nulls_ordering(&self) -> bool {
        false
    }

    fn supports_distinct_on(&self) -> bool {
        false
    }

    fn supports_writes_in_with(&self) -> bool {
        false
    }

    fn needs_outer_sort_for_windows(&self) -> bool {
        true
    }

    fn supports_aggregate_filter(&self) -> bool {
        false
    }

    fn supports_groups_frame(&self) -> bool {
        false
    }

    fn supports_set_operation(&self, op: SetOperator, all: bool) -> bool {
        match (self.flavor, op) {
            (_, SetOperator::Union) => true,
            (MySqlFlavor::MySql, _) => self.version >= Version::new(8, 0, 31),
            (MySqlFlavor::MariaDb, _) => self.is_mariadb_at_least(10, if all { 5 } else { 3 }),
        }
    }

    fn set_operand_style(&self) -> SetOperandStyle {
        SetOperandStyle::Parenthesized
    }

    fn lock_clause(&self, mode: LockMode) -> Option<&'static str> {
        Some(match mode {
            LockMode::Update => "FOR UPDATE",
            // MariaDB has no `FOR SHARE`; MySQL allows `NOWAIT` only after `FOR SHARE`.
            LockMode::Share if self.flavor == MySqlFlavor::MariaDb => "LOCK IN SHARE MODE",
            LockMode::Share => "FOR SHARE",
        })
    }

    fn upsert_style(&self) -> UpsertStyle {
        UpsertStyle::OnDuplicateKey
    }

    fn upsert_select_needs_where(&self) -> bool {
        false
    }

    fn supports_upsert_after_default_values(&self) -> bool {
        true
    }

    fn default_values(&self) -> &'static str {
        "() VALUES ()"
    }

    fn update_from_style(&self) -> UpdateFromStyle {
        UpdateFromStyle::MultiTable
    }

    fn delete_using_style(&self) -> DeleteUsingStyle {
        DeleteUsingStyle::MultiTable
    }

    fn function_style(&self) -> FunctionStyle {
        FunctionStyle::MySql
    }

    fn shape_key(&self, _: BuiltIn) -> Option<[u32; 4]> {
        let family = match self.flavor {
            MySqlFlavor::MySql => 3,
            MySqlFlavor::MariaDb => 4,
        };
        let Version {
            major,
            minor,
            patch,
        } = self.version;
        Some([family, major, minor, patch])
    }

    fn cast_type(&self, ty: SqlType) -> Result<Cow<'static, str>> {
        Ok(match ty {
            SqlType::Boolean => return Err(unsupported(self, "CAST to BOOLEAN")),
            SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => "SIGNED".into(),
            SqlType::Real => "FLOAT".into(),
            SqlType::Double => "DOUBLE".into(),
            // A bare DECIMAL means DECIMAL(10, 0) here: keep the widest precision instead.
            SqlType::Decimal(None) => "DECIMAL(65, 30)".into(),
            SqlType::Decimal(Some((p, s))) => format!("DECIMAL({p}, {s})").into(),
            SqlType::Text => "CHAR".into(),
            SqlType::Bytes => "BINARY".into(),
            SqlType::Date => "DATE".into(),
            SqlType::Time => "TIME(6)".into(),
            SqlType::Timestamp | SqlType::TimestampTz => "DATETIME(6)".into(),
            SqlType::Uuid => "CHAR(36)".into(),
            SqlType::Json if self.flavor == MySqlFlavor::MySql => "JSON".into(),
            SqlType::Json => return Err(unsupported(self, "CAST to JSON")),
        })
    }
}
