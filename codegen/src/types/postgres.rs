//! PostgreSQL catalog types → DSL types.
//!
//! Introspection resolves domains to their base type (through nested domains) and arrays to
//! their element type before asking; [`map`] only looks at the resulting `pg_type` names.

use crate::model::SqlType;

/// One type as `pg_type` describes it, after domains have been resolved to their base type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PgType<'a> {
    /// The type's `typname` (`int4`, `varchar`, `_int4`, a user enum's name…).
    pub name: &'a str,
    /// Whether it is an enum (`typtype = 'e'`), i.e. one of [`crate::model::Schema::enums`].
    pub is_enum: bool,
}

impl<'a> PgType<'a> {
    /// A built-in or other non-enum type called `name`.
    pub fn named(name: &'a str) -> PgType<'a> {
        PgType {
            name,
            is_enum: false,
        }
    }

    /// The enum type called `name`.
    pub fn enumeration(name: &'a str) -> PgType<'a> {
        PgType {
            name,
            is_enum: true,
        }
    }
}

/// The DSL type of a column of type `base`; `element` is the element type when `base` is an
/// array type (itself resolved through domains).
///
/// An array whose element type does not map is [`SqlType::Unknown`] as a whole.
///
/// ```
/// use dovetail_codegen::model::SqlType;
/// use dovetail_codegen::types::postgres::{PgType, map};
///
/// assert_eq!(map(PgType::named("int4"), None), SqlType::Integer);
/// assert_eq!(map(PgType::named("varchar"), None), SqlType::Text);
/// assert_eq!(map(PgType::enumeration("mood"), None), SqlType::Enum("mood".into()));
/// assert_eq!(
///     map(PgType::named("_int8"), Some(PgType::named("int8"))),
///     SqlType::Array(Box::new(SqlType::BigInt)),
/// );
/// assert_eq!(map(PgType::named("money"), None), SqlType::Unknown);
/// ```
pub fn map(base: PgType<'_>, element: Option<PgType<'_>>) -> SqlType {
    if let Some(element) = element {
        return match map(element, None) {
            SqlType::Unknown | SqlType::Array(_) => SqlType::Unknown,
            inner => SqlType::Array(Box::new(inner)),
        };
    }
    if base.is_enum {
        return SqlType::Enum(base.name.to_owned());
    }
    match base.name {
        "bool" | "boolean" => SqlType::Bool,
        "int2" | "smallint" | "smallserial" | "serial2" => SqlType::SmallInt,
        "int4" | "int" | "integer" | "serial" | "serial4" => SqlType::Integer,
        "int8" | "bigint" | "bigserial" | "serial8" => SqlType::BigInt,
        "float4" | "real" => SqlType::Real,
        "float8" | "double precision" => SqlType::Double,
        "numeric" | "decimal" => SqlType::Numeric,
        // Not `char`: that `typname` is PostgreSQL's internal one-byte type.
        "text" | "varchar" | "character varying" | "bpchar" | "character" | "name" | "citext" => {
            SqlType::Text
        }
        "bytea" => SqlType::Blob,
        "date" => SqlType::Date,
        "time" | "time without time zone" => SqlType::Time,
        "timestamp" | "timestamp without time zone" => SqlType::Timestamp,
        "timestamptz" | "timestamp with time zone" => SqlType::Timestamptz,
        "uuid" => SqlType::Uuid,
        "json" | "jsonb" => SqlType::Json,
        _ => SqlType::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(name: &str) -> SqlType {
        map(PgType::named(name), None)
    }

    #[test]
    fn every_mapped_builtin() {
        let cases = [
            ("bool", SqlType::Bool),
            ("int2", SqlType::SmallInt),
            ("smallserial", SqlType::SmallInt),
            ("int4", SqlType::Integer),
            ("serial", SqlType::Integer),
            ("int8", SqlType::BigInt),
            ("bigserial", SqlType::BigInt),
            ("float4", SqlType::Real),
            ("float8", SqlType::Double),
            ("numeric", SqlType::Numeric),
            ("text", SqlType::Text),
            ("varchar", SqlType::Text),
            ("bpchar", SqlType::Text),
            ("name", SqlType::Text),
            ("citext", SqlType::Text),
            ("bytea", SqlType::Blob),
            ("date", SqlType::Date),
            ("time", SqlType::Time),
            ("timestamp", SqlType::Timestamp),
            ("timestamptz", SqlType::Timestamptz),
            ("uuid", SqlType::Uuid),
            ("json", SqlType::Json),
            ("jsonb", SqlType::Json),
        ];
        for (name, expected) in cases {
            assert_eq!(scalar(name), expected, "{name}");
        }
    }

    #[test]
    fn unmapped_types_are_unknown() {
        for name in [
            "money",
            "interval",
            "inet",
            "cidr",
            "point",
            "tsvector",
            "xml",
            "timetz",
            "bit",
            "char",
            "oid",
            "int4range",
        ] {
            assert_eq!(scalar(name), SqlType::Unknown, "{name}");
        }
    }

    #[test]
    fn enums_and_arrays() {
        assert_eq!(
            map(PgType::enumeration("it's"), None),
            SqlType::Enum("it's".into())
        );
        assert_eq!(
            map(PgType::named("_mood"), Some(PgType::enumeration("mood"))),
            SqlType::Array(Box::new(SqlType::Enum("mood".into())))
        );
        assert_eq!(
            map(PgType::named("_text"), Some(PgType::named("text"))),
            SqlType::Array(Box::new(SqlType::Text))
        );
        assert_eq!(
            map(PgType::named("_money"), Some(PgType::named("money"))),
            SqlType::Unknown
        );
    }
}
