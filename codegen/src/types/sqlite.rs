//! SQLite declared types → DSL types, by the declared type's name (SQLite itself only keeps an
//! affinity, so the declaration is the best statement of intent there is).

use crate::model::SqlType;

/// The DSL type of a column declared as `declared` (`VARCHAR(40)`, `INTEGER`, `NUMERIC(10,2)`…).
///
/// ```
/// use dovetail_codegen::model::SqlType;
/// use dovetail_codegen::types::sqlite::map;
/// assert_eq!(map("NVARCHAR(120)"), SqlType::Text);
/// assert_eq!(map("INTEGER"), SqlType::Integer);
/// assert_eq!(map("NUMERIC(10,2)"), SqlType::Numeric);
/// assert_eq!(map(""), SqlType::Unknown);
/// ```
pub fn map(declared: &str) -> SqlType {
    let name = declared
        .split('(')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_uppercase();
    match name.as_str() {
        "BOOLEAN" | "BOOL" => SqlType::Bool,
        "TINYINT" | "INT1" => SqlType::TinyInt,
        "SMALLINT" | "INT2" => SqlType::SmallInt,
        "BIGINT" | "INT8" | "UNSIGNED BIG INT" => SqlType::BigInt,
        "REAL" | "DOUBLE" | "DOUBLE PRECISION" | "FLOAT" => SqlType::Double,
        "NUMERIC" | "DECIMAL" => SqlType::Numeric,
        "DATE" => SqlType::Date,
        "TIME" => SqlType::Time,
        "DATETIME" | "TIMESTAMP" => SqlType::Timestamp,
        "TIMESTAMPTZ" | "TIMESTAMP WITH TIME ZONE" => SqlType::Timestamptz,
        "UUID" => SqlType::Uuid,
        "JSON" | "JSONB" => SqlType::Json,
        "BLOB" | "BYTEA" => SqlType::Blob,
        "INT" | "INTEGER" | "MEDIUMINT" | "INT4" | "UNSIGNED INTEGER" => SqlType::Integer,
        _ => by_affinity(&name),
    }
}

/// SQLite's affinity rules (section 3.1 of its datatype documentation) for other text, blob
/// and float names. Its integer rule (any name containing `INT`) is not followed: it would read
/// `POINT` as an integer, and a wrong type is worse than a reported unknown one.
fn by_affinity(name: &str) -> SqlType {
    if ["CHAR", "CLOB", "TEXT"].iter().any(|t| name.contains(t)) {
        SqlType::Text
    } else if name.contains("BLOB") {
        SqlType::Blob
    } else if ["REAL", "FLOA", "DOUB"].iter().any(|t| name.contains(t)) {
        SqlType::Double
    } else {
        SqlType::Unknown
    }
}
