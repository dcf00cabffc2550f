//! `schema-gen.toml`: what the database cannot say — types for columns schema-gen cannot map,
//! Rust names, and the nullability of view columns — and which mapping to use.
//!
//! ```toml
//! mapping = "portable"          # the same file from every backend (default "native")
//! models = true                 # a `#[derive(Model)]` struct per table, with its relationships
//!
//! [types]                       # by declared type, as the database reports it
//! money = "Numeric"
//! citext = "Text"
//!
//! [tables.Track]                # by SQL table name
//! rename = "song"
//!
//! [columns."Track.Milliseconds"]  # by "table.column"
//! type = "BigInt"
//! rename = "duration_ms"
//!
//! [columns."AlbumSales.total"]
//! nullable = false              # a view column the database reports as nullable
//!
//! [enums]
//! derives = ["serde::Serialize"]  # added to every generated enum
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Schema, SqlType};
use crate::portable::make_portable;
use crate::{Error, Result};

/// The parsed configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// How database types become DSL types and names.
    #[serde(default)]
    pub mapping: Mapping,
    /// DSL type names by declared SQL type.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Per-table settings, by SQL name.
    #[serde(default)]
    pub tables: BTreeMap<String, TableConfig>,
    /// Per-column settings, by `table.column`.
    #[serde(default)]
    pub columns: BTreeMap<String, ColumnConfig>,
    /// Settings of the generated enums.
    #[serde(default)]
    pub enums: EnumConfig,
    /// Write a `#[derive(Model)]` struct per table with a primary key, with its relationships
    /// (as `--models`).
    #[serde(default)]
    pub models: bool,
}

/// How database types become DSL types and names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mapping {
    /// Each backend's types as they are (`UnsignedInt`, MySQL enums named `<table>_<column>`…).
    #[default]
    Native,
    /// The same logical schema gives the same file on every backend; see
    /// [`crate::portable`].
    Portable,
}

/// Settings of the generated enums.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumConfig {
    /// Derive macros to add (paths such as `serde::Serialize`).
    #[serde(default)]
    pub derives: Vec<String>,
}

/// Settings of one table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableConfig {
    /// The Rust module name.
    pub rename: Option<String>,
}

/// Settings of one column.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnConfig {
    /// The DSL type (`Text`, `BigInt`…).
    #[serde(rename = "type")]
    pub sql_type: Option<String>,
    /// The Rust name.
    pub rename: Option<String>,
    /// Whether it accepts `NULL` (for view columns whose nullability the database cannot tell).
    pub nullable: Option<bool>,
}

impl Config {
    /// Parses a configuration file's text.
    ///
    /// ```
    /// let config = dovetail_codegen::config::Config::parse("[types]\nmoney = \"Numeric\"\n").unwrap();
    /// assert_eq!(config.types["money"], "Numeric");
    /// assert!(dovetail_codegen::config::Config::parse("[types]\nmoney = \"Cash\"\n").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config(one_line(&e)))?;
        for name in config.types.values() {
            dsl_type(name)?;
        }
        for column in config.columns.values() {
            if let Some(name) = &column.sql_type {
                dsl_type(name)?;
            }
        }
        for derive in &config.enums.derives {
            syn::parse_str::<syn::Path>(derive)
                .map_err(|_| Error::Config(format!("`{derive}` is not a derive path")))?;
        }
        Ok(config)
    }

    /// Applies the settings to `schema`, after the portable mapping when it is chosen; a setting
    /// naming nothing in it is an error, so that a typo does not pass silently.
    pub fn apply(&self, schema: &mut Schema) -> Result<()> {
        if self.mapping == Mapping::Portable {
            make_portable(schema);
        }
        for declared in &mut schema.enums {
            declared.derives.clone_from(&self.enums.derives);
        }
        for table in &mut schema.tables {
            if let Some(settings) = self.tables.get(&table.name) {
                table.rust_name.clone_from(&settings.rename);
            }
            for column in &mut table.columns {
                if let Some(name) = self.types.get(&base_type(&column.declared_type)) {
                    column.sql_type = dsl_type(name)?;
                }
                let Some(settings) = self.columns.get(&format!("{}.{}", table.name, column.name))
                else {
                    continue;
                };
                if let Some(name) = &settings.sql_type {
                    column.sql_type = dsl_type(name)?;
                }
                column.rust_name.clone_from(&settings.rename);
                column.nullable = settings.nullable.unwrap_or(column.nullable);
            }
        }
        self.check_names(schema)
    }

    fn check_names(&self, schema: &Schema) -> Result<()> {
        let tables: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
        if let Some(name) = self.tables.keys().find(|t| !tables.contains(&t.as_str())) {
            return Err(Error::Config(format!("[tables.{name}]: no such table")));
        }
        let exists = |key: &str| {
            schema.tables.iter().any(|t| {
                t.columns
                    .iter()
                    .any(|c| format!("{}.{}", t.name, c.name) == key)
            })
        };
        match self.columns.keys().find(|key| !exists(key)) {
            Some(key) => Err(Error::Config(format!(
                "[columns.\"{key}\"]: no such column"
            ))),
            None => Ok(()),
        }
    }
}

/// `numeric(10,2)` → `numeric`: the key `[types]` entries are looked up by.
fn base_type(declared: &str) -> String {
    declared
        .split('(')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn dsl_type(name: &str) -> Result<SqlType> {
    Ok(match name {
        "Bool" => SqlType::Bool,
        "TinyInt" => SqlType::TinyInt,
        "SmallInt" => SqlType::SmallInt,
        "Integer" => SqlType::Integer,
        "BigInt" => SqlType::BigInt,
        "UnsignedTinyInt" => SqlType::UnsignedTinyInt,
        "UnsignedSmallInt" => SqlType::UnsignedSmallInt,
        "UnsignedInt" => SqlType::UnsignedInt,
        "UnsignedBigInt" => SqlType::UnsignedBigInt,
        "Real" => SqlType::Real,
        "Double" => SqlType::Double,
        "Numeric" => SqlType::Numeric,
        "Text" => SqlType::Text,
        "Blob" => SqlType::Blob,
        "Date" => SqlType::Date,
        "Time" => SqlType::Time,
        "Timestamp" => SqlType::Timestamp,
        "Timestamptz" => SqlType::Timestamptz,
        "Uuid" => SqlType::Uuid,
        "Json" => SqlType::Json,
        other => return Err(Error::Config(format!("unknown DSL type `{other}`"))),
    })
}

fn one_line(error: &toml::de::Error) -> String {
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
