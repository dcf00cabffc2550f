//! The portable mapping (`schema-gen --portable`, or `mapping = "portable"` in
//! `schema-gen.toml`): the same logical schema read from PostgreSQL, MySQL/MariaDB or SQLite
//! yields the same `schema.rs`.
//!
//! It rewrites an introspected [`Schema`] by these rules, before the configuration is applied
//! (so `[types]` and `[columns]` still have the last word):
//!
//! - **Integers** take the smallest type every backend has that holds all their values: MySQL
//!   `TINYINT` (and SQLite `TINYINT`) and `TINYINT UNSIGNED` → `SmallInt`; `SMALLINT UNSIGNED`
//!   → `Integer`; `INT UNSIGNED` and `MEDIUMINT UNSIGNED` → `BigInt`; `BIGINT UNSIGNED` →
//!   `Numeric`, the only portable type that holds it.
//! - **Floats** are all `Double`: SQLite's `REAL` is eight bytes, and a `Real` widens to it
//!   without loss.
//! - **Timestamps** keep the SQL standard's distinction, which every backend can state: an
//!   instant (PostgreSQL `timestamptz`, MySQL `TIMESTAMP`, SQLite `TIMESTAMPTZ`) is
//!   `Timestamptz`; a wall-clock time (PostgreSQL `timestamp`, MySQL `DATETIME`, SQLite
//!   `DATETIME` or `TIMESTAMP`) is `Timestamp`.
//! - **JSON**: MariaDB's `JSON`, a `LONGTEXT` checked by `json_valid(column)`, is `Json`.
//! - **Enums** are named after the first column that uses them (tables before views, by name,
//!   then column order), `<table>_<column>` when two different enums would share a column name;
//!   enums with the same labels in the same order are one enum, wherever they are declared
//!   (PostgreSQL types, MySQL inline `ENUM`s on tables and the views that repeat them, SQLite
//!   `CHECK (column IN (…))`).
//! - **View columns** are nullable: PostgreSQL cannot tell, so no backend says otherwise
//!   (`[columns."view.column"] nullable = false` does).
//! - **Unique keys** are named `<table>_<columns>_key`, as PostgreSQL names unnamed ones: MySQL
//!   names them after their first column and SQLite forgets their names.
//!
//! Text of any width, booleans (MySQL `TINYINT(1)`), decimals, dates, times and blobs already
//! map alike everywhere.

use std::collections::BTreeMap;

use crate::model::{Column, Enum, Schema, SqlType, Table, TableKind};
use crate::naming::UniqueNames;

/// Rewrites `schema` by the portable rules (see the module documentation).
pub fn make_portable(schema: &mut Schema) {
    for table in &mut schema.tables {
        let json_columns = json_checked_columns(table);
        let view = table.kind != TableKind::Table;
        for column in &mut table.columns {
            column.sql_type = portable_type(&column.sql_type);
            if column.sql_type == SqlType::Text && json_columns.contains(&column.name) {
                column.sql_type = SqlType::Json;
            }
            column.nullable |= view;
        }
        for key in &mut table.unique_keys {
            key.name = format!("{}_{}_key", table.name, key.columns.join("_"));
        }
    }
    merge_enums(schema);
}

/// The portable DSL type for `sql_type`.
///
/// ```
/// use dovetail_codegen::model::SqlType;
/// use dovetail_codegen::portable::portable_type;
///
/// assert_eq!(portable_type(&SqlType::UnsignedInt), SqlType::BigInt);
/// assert_eq!(portable_type(&SqlType::UnsignedBigInt), SqlType::Numeric);
/// assert_eq!(portable_type(&SqlType::Real), SqlType::Double);
/// assert_eq!(portable_type(&SqlType::Timestamptz), SqlType::Timestamptz);
/// ```
pub fn portable_type(sql_type: &SqlType) -> SqlType {
    match sql_type {
        SqlType::TinyInt | SqlType::UnsignedTinyInt => SqlType::SmallInt,
        SqlType::UnsignedSmallInt => SqlType::Integer,
        SqlType::UnsignedInt => SqlType::BigInt,
        SqlType::UnsignedBigInt => SqlType::Numeric,
        SqlType::Real => SqlType::Double,
        SqlType::Array(element) => SqlType::Array(Box::new(portable_type(element))),
        other => other.clone(),
    }
}

/// The columns a check `json_valid(column)` constrains: MariaDB's `JSON` columns.
fn json_checked_columns(table: &Table) -> Vec<String> {
    table
        .checks
        .iter()
        .filter_map(|check| {
            let inner = check
                .expression
                .trim()
                .strip_prefix("json_valid(")?
                .strip_suffix(')')?;
            Some(inner.trim().trim_matches('`').replace("``", "`"))
        })
        .collect()
}

/// Gives each distinct label list one enum, named by the rule of the module documentation, and
/// points every column at it.
fn merge_enums(schema: &mut Schema) {
    let labels_of: BTreeMap<String, Vec<String>> = schema
        .enums
        .iter()
        .map(|e| (e.name.clone(), e.labels.clone()))
        .collect();
    let uses = enum_uses(&schema.tables, &labels_of);
    let mut by_column: BTreeMap<&str, Vec<&Vec<String>>> = BTreeMap::new();
    for (labels, (_, column)) in &uses {
        by_column.entry(column.as_str()).or_default().push(labels);
    }
    let mut taken = UniqueNames::default();
    let names: BTreeMap<&Vec<String>, String> = uses
        .iter()
        .map(|(labels, (table, column))| {
            let name = match by_column[column.as_str()].len() {
                1 => column.clone(),
                _ => format!("{table}_{column}"),
            };
            (labels, taken.claim(name))
        })
        .collect();
    let renamed: BTreeMap<String, String> = labels_of
        .iter()
        .filter_map(|(old, labels)| Some((old.clone(), names.get(labels)?.clone())))
        .collect();
    for table in &mut schema.tables {
        for column in &mut table.columns {
            rename_enum(&mut column.sql_type, &renamed);
        }
    }
    let mut enums: Vec<Enum> = names
        .into_iter()
        .map(|(labels, name)| Enum {
            name,
            labels: labels.clone(),
            ..Enum::default()
        })
        .collect();
    enums.sort_by(|a, b| a.name.cmp(&b.name));
    schema.enums = enums;
}

/// The first use of each label list: `(table, column)`, tables before views, each by name, then
/// columns in order. Enums no column uses are left out: nothing would refer to them.
fn enum_uses(
    tables: &[Table],
    labels_of: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<Vec<String>, (String, String)> {
    let mut ordered: Vec<&Table> = tables.iter().collect();
    ordered.sort_by_key(|t| (t.kind != TableKind::Table, &t.name));
    let mut uses = BTreeMap::new();
    for table in ordered {
        for column in &table.columns {
            if let Some(labels) = enum_name(column).and_then(|name| labels_of.get(name)) {
                uses.entry(labels.clone())
                    .or_insert_with(|| (table.name.clone(), column.name.clone()));
            }
        }
    }
    uses
}

/// The enum a column (or its array elements) is of.
fn enum_name(column: &Column) -> Option<&str> {
    match &column.sql_type {
        SqlType::Enum(name) => Some(name),
        SqlType::Array(element) => match element.as_ref() {
            SqlType::Enum(name) => Some(name),
            _ => None,
        },
        _ => None,
    }
}

fn rename_enum(sql_type: &mut SqlType, renamed: &BTreeMap<String, String>) {
    match sql_type {
        SqlType::Enum(name) => {
            if let Some(new) = renamed.get(name) {
                new.clone_into(name);
            }
        }
        SqlType::Array(element) => rename_enum(element, renamed),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Check, UniqueKey};

    fn column(name: &str, sql_type: SqlType) -> Column {
        Column {
            name: name.into(),
            sql_type,
            ..Column::default()
        }
    }

    fn labels(list: &[&str]) -> Vec<String> {
        list.iter().map(|l| (*l).to_owned()).collect()
    }

    fn enumeration(name: &str, list: &[&str]) -> Enum {
        Enum {
            name: name.into(),
            labels: labels(list),
            ..Enum::default()
        }
    }

    /// MySQL's view of a shop: inline enums on a table and on a view that repeats one.
    fn mysql_like() -> Schema {
        let review = Table {
            name: "review".into(),
            columns: vec![
                column("mood", SqlType::Enum("review_mood".into())),
                column("previous", SqlType::Enum("review_previous".into())),
                column("size", SqlType::Enum("review_size".into())),
            ],
            ..Table::default()
        };
        let shirt = Table {
            name: "shirt".into(),
            columns: vec![column("size", SqlType::Enum("shirt_size".into()))],
            ..Table::default()
        };
        let moods = Table {
            name: "moods".into(),
            kind: TableKind::View,
            columns: vec![column("mood", SqlType::Enum("moods_mood".into()))],
            ..Table::default()
        };
        let mood = ["happy", "sad"];
        Schema {
            tables: vec![moods, review, shirt],
            enums: vec![
                enumeration("moods_mood", &mood),
                enumeration("review_mood", &mood),
                enumeration("review_previous", &mood),
                enumeration("review_size", &["s", "m"]),
                enumeration("shirt_size", &["s", "m", "l"]),
            ],
        }
    }

    #[test]
    fn identical_enums_are_one_named_after_their_first_column() {
        let mut schema = mysql_like();
        make_portable(&mut schema);
        let names: Vec<&str> = schema.enums.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["mood", "review_size", "shirt_size"]);
        let types: Vec<&SqlType> = schema
            .tables
            .iter()
            .flat_map(|t| t.columns.iter().map(|c| &c.sql_type))
            .collect();
        let named = |n: &str| SqlType::Enum(n.into());
        assert_eq!(
            types,
            [
                &named("mood"),
                &named("mood"),
                &named("mood"),
                &named("review_size"),
                &named("shirt_size")
            ]
        );
    }

    #[test]
    fn a_postgres_type_takes_the_same_name() {
        let mut schema = Schema {
            tables: vec![Table {
                name: "review".into(),
                columns: vec![
                    column("mood", SqlType::Enum("feeling".into())),
                    column("previous", SqlType::Enum("feeling".into())),
                ],
                ..Table::default()
            }],
            enums: vec![
                enumeration("feeling", &["happy", "sad"]),
                enumeration("unused", &["x"]),
            ],
        };
        make_portable(&mut schema);
        assert_eq!(schema.enums, vec![enumeration("mood", &["happy", "sad"])]);
        assert_eq!(
            schema.tables[0].columns[1].sql_type,
            SqlType::Enum("mood".into())
        );
    }

    #[test]
    fn types_views_json_and_unique_keys() {
        let mut schema = Schema {
            tables: vec![
                Table {
                    name: "item".into(),
                    columns: vec![
                        column("a", SqlType::UnsignedTinyInt),
                        column("b", SqlType::TinyInt),
                        column("c", SqlType::UnsignedSmallInt),
                        column("d", SqlType::UnsignedInt),
                        column("e", SqlType::UnsignedBigInt),
                        column("f", SqlType::Real),
                        column("g", SqlType::Text),
                    ],
                    checks: vec![Check {
                        name: "g".into(),
                        expression: "json_valid(`g`)".into(),
                    }],
                    unique_keys: vec![UniqueKey {
                        name: "a".into(),
                        columns: vec!["a".into(), "b".into()],
                    }],
                    ..Table::default()
                },
                Table {
                    name: "report".into(),
                    kind: TableKind::View,
                    columns: vec![column("total", SqlType::Integer)],
                    ..Table::default()
                },
            ],
            enums: vec![],
        };
        make_portable(&mut schema);
        let types: Vec<SqlType> = schema.tables[0]
            .columns
            .iter()
            .map(|c| c.sql_type.clone())
            .collect();
        use SqlType::*;
        assert_eq!(
            types,
            [SmallInt, SmallInt, Integer, BigInt, Numeric, Double, Json]
        );
        assert_eq!(schema.tables[0].unique_keys[0].name, "item_a_b_key");
        assert!(schema.tables[1].columns[0].nullable);
        assert!(!schema.tables[0].columns[0].nullable);
    }
}
