//! The backend-neutral schema model: what introspection produces and emission consumes.
//!
//! Plain data, in a deterministic order (tables by schema then name, columns by position,
//! keys by name), so the same database always yields the same model and the same file.

/// Everything schema-gen knows about a database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// Tables and views, ordered by (schema, name).
    pub tables: Vec<Table>,
    /// Enumerated types (PostgreSQL `CREATE TYPE … AS ENUM`; MySQL `ENUM(…)` columns get one
    /// each, named after their table and column), ordered by name.
    pub enums: Vec<Enum>,
}

/// A table, view or materialized view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The schema it lives in, when the backend has schemas (PostgreSQL).
    pub schema: Option<String>,
    /// Its SQL name, as the database spells it.
    pub name: String,
    /// Table or view.
    pub kind: TableKind,
    /// The database comment.
    pub comment: Option<String>,
    /// The Rust module name to use instead of the derived one (from the configuration).
    pub rust_name: Option<String>,
    /// Columns in their ordinal order.
    pub columns: Vec<Column>,
    /// Primary-key columns in key order; empty when the table has none.
    pub primary_key: Vec<String>,
    /// Foreign keys, ordered by name (then columns).
    pub foreign_keys: Vec<ForeignKey>,
    /// Unique constraints (and unique indexes), ordered by name.
    pub unique_keys: Vec<UniqueKey>,
    /// Non-unique indexes, ordered by name.
    pub indexes: Vec<Index>,
    /// Check constraints, ordered by name.
    pub checks: Vec<Check>,
}

/// What kind of relation a [`Table`] is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableKind {
    /// A base table.
    #[default]
    Table,
    /// A view (read-only).
    View,
    /// A PostgreSQL materialized view (read-only).
    MaterializedView,
}

/// A column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    /// Its SQL name.
    pub name: String,
    /// The type as the database declares it (`character varying(120)`, `int unsigned`…).
    pub declared_type: String,
    /// The DSL type it maps to.
    pub sql_type: SqlType,
    /// Whether it accepts `NULL`.
    pub nullable: bool,
    /// The default expression, as the database reports it.
    pub default: Option<String>,
    /// An identity / auto-increment column.
    pub identity: bool,
    /// A generated (computed) column: never written.
    pub generated: bool,
    /// The database comment.
    pub comment: Option<String>,
    /// The Rust name to use instead of the derived one (from the configuration).
    pub rust_name: Option<String>,
}

/// The DSL type of a column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SqlType {
    /// `BOOLEAN`, MySQL `TINYINT(1)`.
    Bool,
    /// MySQL `TINYINT`.
    TinyInt,
    /// `SMALLINT`.
    SmallInt,
    /// `INTEGER`, MySQL `MEDIUMINT`.
    Integer,
    /// `BIGINT`.
    BigInt,
    /// MySQL `TINYINT UNSIGNED`.
    UnsignedTinyInt,
    /// MySQL `SMALLINT UNSIGNED`.
    UnsignedSmallInt,
    /// MySQL `INT UNSIGNED`, `MEDIUMINT UNSIGNED`.
    UnsignedInt,
    /// MySQL `BIGINT UNSIGNED`.
    UnsignedBigInt,
    /// `REAL`, MySQL `FLOAT`.
    Real,
    /// `DOUBLE PRECISION`.
    Double,
    /// `NUMERIC` / `DECIMAL`.
    Numeric,
    /// `TEXT`, `VARCHAR`, `CHAR`, MySQL `SET`.
    Text,
    /// `BYTEA`, `BLOB`, `BINARY`.
    Blob,
    /// `DATE`.
    Date,
    /// `TIME`.
    Time,
    /// `TIMESTAMP`, MySQL `DATETIME`.
    Timestamp,
    /// `TIMESTAMP WITH TIME ZONE`, MySQL `TIMESTAMP`.
    Timestamptz,
    /// `UUID`.
    Uuid,
    /// `JSON`, `JSONB`.
    Json,
    /// One of [`Schema::enums`], by its name there.
    Enum(String),
    /// A PostgreSQL array of the element type.
    Array(Box<SqlType>),
    /// A type schema-gen does not map: reported and skipped (or mapped by the config).
    #[default]
    Unknown,
}

/// A foreign key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForeignKey {
    /// The constraint name, when the database has one.
    pub name: String,
    /// Referencing columns, in key order.
    pub columns: Vec<String>,
    /// The referenced table's schema, when the backend has schemas.
    pub referenced_schema: Option<String>,
    /// The referenced table.
    pub referenced_table: String,
    /// Referenced columns, paired with `columns`.
    pub referenced_columns: Vec<String>,
    /// `ON DELETE` action (`CASCADE`, `SET NULL`…); `None` for the default (no action).
    pub on_delete: Option<String>,
    /// `ON UPDATE` action; `None` for the default.
    pub on_update: Option<String>,
}

/// A unique constraint or unique index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UniqueKey {
    /// Its name.
    pub name: String,
    /// Its columns, in key order.
    pub columns: Vec<String>,
}

/// A non-unique index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Its name.
    pub name: String,
    /// Its columns, in key order (expressions are left out).
    pub columns: Vec<String>,
}

/// A check constraint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Check {
    /// Its name.
    pub name: String,
    /// Its condition, as the database reports it.
    pub expression: String,
}

/// An enumerated type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enum {
    /// Its name (PostgreSQL type name; for MySQL `<table>_<column>`).
    pub name: String,
    /// Its labels, in declaration order.
    pub labels: Vec<String>,
    /// Extra derives for the generated Rust enum (from the configuration).
    pub derives: Vec<String>,
}
