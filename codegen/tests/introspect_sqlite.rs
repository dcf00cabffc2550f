//! SQLite introspection of a fixture exercising keys, defaults, generated columns and views.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use dovetail_codegen::introspect::{Options, introspect};
use dovetail_codegen::model::*;

const FIXTURE: &str = r#"
CREATE TABLE person (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(40) NOT NULL,
    manager_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
    joined DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    salary NUMERIC(10, 2),
    bonus NUMERIC(10, 2) GENERATED ALWAYS AS (salary / 10) VIRTUAL,
    badge BLOB,
    location POINT,
    UNIQUE (name)
);
CREATE TABLE transfer (
    "from" INTEGER NOT NULL REFERENCES person,
    "to" INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    amount REAL NOT NULL CHECK (amount > 0),
    PRIMARY KEY ("from", "to")
);
CREATE INDEX transfer_amount ON transfer (amount);
CREATE VIEW rich AS SELECT name, salary FROM person WHERE salary > 1000;
"#;

fn schema() -> Schema {
    let mut conn = dovetail::connect("sqlite::memory:").unwrap();
    conn.batch_execute(FIXTURE).unwrap();
    introspect(&mut *conn, &Options::default()).unwrap()
}

fn column(name: &str, declared: &str, sql_type: SqlType, nullable: bool) -> Column {
    Column {
        name: name.into(),
        declared_type: declared.into(),
        sql_type,
        nullable,
        ..Column::default()
    }
}

#[test]
fn tables_and_views_in_name_order() {
    let schema = schema();
    let names: Vec<(&str, TableKind)> = schema
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.kind))
        .collect();
    assert_eq!(
        names,
        vec![
            ("person", TableKind::Table),
            ("rich", TableKind::View),
            ("transfer", TableKind::Table)
        ]
    );
}

#[test]
fn columns_with_types_nullability_defaults_and_generation() {
    let person = schema().tables.remove(0);
    assert_eq!(
        person.columns,
        vec![
            Column {
                identity: Some(Identity::ByDefault),
                ..column("id", "INTEGER", SqlType::Integer, false)
            },
            column("name", "VARCHAR(40)", SqlType::Text, false),
            column("manager_id", "INTEGER", SqlType::Integer, true),
            Column {
                default: Some("CURRENT_TIMESTAMP".into()),
                ..column("joined", "DATETIME", SqlType::Timestamp, false)
            },
            column("salary", "NUMERIC(10, 2)", SqlType::Numeric, true),
            Column {
                generated: true,
                ..column("bonus", "NUMERIC(10, 2)", SqlType::Numeric, true)
            },
            column("badge", "BLOB", SqlType::Blob, true),
            column("location", "POINT", SqlType::Unknown, true),
        ]
    );
    assert_eq!(person.primary_key, vec!["id".to_string()]);
    assert_eq!(
        person.unique_keys,
        vec![UniqueKey {
            name: "person_name_key".into(),
            columns: vec!["name".into()]
        }]
    );
}

#[test]
fn foreign_keys_composite_keys_and_indexes() {
    let schema = schema();
    let person = &schema.tables[0];
    assert_eq!(
        person.foreign_keys,
        vec![ForeignKey {
            name: "fk_person_manager_id".into(),
            columns: vec!["manager_id".into()],
            referenced_table: "person".into(),
            referenced_columns: vec!["id".into()],
            on_delete: Some("SET NULL".into()),
            ..ForeignKey::default()
        }]
    );
    let transfer = &schema.tables[2];
    assert_eq!(transfer.primary_key, vec!["from".to_string(), "to".into()]);
    let keys: Vec<(&[String], &[String], Option<&str>)> = transfer
        .foreign_keys
        .iter()
        .map(|k| {
            (
                k.columns.as_slice(),
                k.referenced_columns.as_slice(),
                k.on_delete.as_deref(),
            )
        })
        .collect();
    let (from, to, id) = (
        vec!["from".to_string()],
        vec!["to".to_string()],
        vec!["id".to_string()],
    );
    assert_eq!(
        keys,
        vec![
            (&from[..], &id[..], None),
            (&to[..], &id[..], Some("CASCADE"))
        ]
    );
    assert_eq!(
        transfer.indexes,
        vec![Index {
            name: "transfer_amount".into(),
            columns: vec!["amount".into()]
        }]
    );
}

#[test]
fn view_columns_are_nullable() {
    let rich = schema().tables.remove(1);
    assert!(
        rich.columns.iter().all(|c| c.nullable),
        "{:?}",
        rich.columns
    );
    assert!(rich.primary_key.is_empty() && rich.foreign_keys.is_empty());
}

const LABELLED: &str = r#"
CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    mood TEXT NOT NULL CHECK (mood IN ('happy', 'so-so', 'sad')),
    stars INTEGER CHECK (stars IN (1, 2, 3)),
    note VARCHAR(200)
);
CREATE TABLE diary (id INTEGER PRIMARY KEY, mood VARCHAR(10));
CREATE VIEW happy_review AS
    SELECT r.id, r.mood, r.note AS remark, length(r.note) AS note_length FROM review r;
"#;

fn labelled() -> Schema {
    let mut conn = dovetail::connect("sqlite::memory:").unwrap();
    conn.batch_execute(LABELLED).unwrap();
    introspect(&mut *conn, &Options::default()).unwrap()
}

#[test]
fn a_check_listing_labels_makes_an_enum() {
    let schema = labelled();
    assert_eq!(
        schema.enums,
        vec![Enum {
            name: "review_mood".into(),
            labels: vec!["happy".into(), "so-so".into(), "sad".into()],
            derives: vec![],
        }]
    );
    let review = schema.tables.iter().find(|t| t.name == "review").unwrap();
    let types: Vec<&SqlType> = review.columns.iter().map(|c| &c.sql_type).collect();
    let mood = SqlType::Enum("review_mood".into());
    assert_eq!(
        types,
        [&SqlType::Integer, &mood, &SqlType::Integer, &SqlType::Text]
    );
}

#[test]
fn view_columns_referring_to_a_table_column_take_its_type() {
    let schema = labelled();
    let view = schema
        .tables
        .iter()
        .find(|t| t.name == "happy_review")
        .unwrap();
    let types: Vec<(&str, &SqlType)> = view
        .columns
        .iter()
        .map(|c| (c.name.as_str(), &c.sql_type))
        .collect();
    // `review.mood` is the only table column called `mood` declared `TEXT`.
    let mood = SqlType::Enum("review_mood".into());
    assert_eq!(
        types,
        [
            ("id", &SqlType::Integer),
            ("mood", &mood),
            ("remark", &SqlType::Text),
            ("note_length", &SqlType::Unknown),
        ]
    );
}

#[test]
fn a_computed_view_column_is_reported_as_such() {
    let file = dovetail_codegen::emit::schema_rs(&labelled(), "a test");
    assert_eq!(
        file.warnings,
        [
            "happy_review.note_length: a computed column with no declared type, skipped; give it \
          one in schema-gen.toml: [columns.\"happy_review.note_length\"] type = \"BigInt\" (or \
          another DSL type)"
        ]
    );
}
