//! Apply, revert and redo leave the schema exactly as it was, as `schema-gen` sees it: the
//! introspected models are compared, on every backend.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed unwrap is a failed test"
)]

use dovetail::{Backend, Connection};
use dovetail_codegen::filter::retain_tables;
use dovetail_codegen::introspect::{Options, introspect};
use dovetail_codegen::model::Schema;
use dovetail_migrations::{LOCK_TABLE, Migrations, TRACKING_TABLE};
use dovetail_tests::live::{namespace, run_mysql, run_postgres, run_sqlite, unique_name};

/// A catalogue built in three steps: tables with keys, a column added with an index, a view.
/// PostgreSQL also gets an enum type, MySQL an ENUM column.
const CATALOGUE: &[(&str, &str, &str)] = &[
    (
        "20260101000000_base",
        "up.sql",
        "CREATE TABLE label (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE);\n\
         CREATE TABLE record (\n\
             id INTEGER PRIMARY KEY,\n\
             label_id INTEGER NOT NULL REFERENCES label (id),\n\
             title VARCHAR(200) NOT NULL,\n\
             price NUMERIC(8, 2) DEFAULT 9.99\n\
         );",
    ),
    (
        "20260101000000_base",
        "up.postgres.sql",
        "CREATE TYPE format AS ENUM ('vinyl', 'cd');\n\
         CREATE TABLE label (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE);\n\
         CREATE TABLE record (\n\
             id INTEGER PRIMARY KEY,\n\
             label_id INTEGER NOT NULL REFERENCES label (id),\n\
             title VARCHAR(200) NOT NULL,\n\
             price NUMERIC(8, 2) DEFAULT 9.99,\n\
             format format NOT NULL DEFAULT 'vinyl'\n\
         );",
    ),
    (
        "20260101000000_base",
        "up.mysql.sql",
        "CREATE TABLE label (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE);\n\
         CREATE TABLE record (\n\
             id INTEGER PRIMARY KEY,\n\
             label_id INTEGER NOT NULL,\n\
             title VARCHAR(200) NOT NULL,\n\
             price NUMERIC(8, 2) DEFAULT 9.99,\n\
             format ENUM('vinyl', 'cd') NOT NULL DEFAULT 'vinyl',\n\
             CONSTRAINT record_label FOREIGN KEY (label_id) REFERENCES label (id)\n\
         );",
    ),
    (
        "20260101000000_base",
        "down.sql",
        "DROP TABLE record;\nDROP TABLE label;",
    ),
    (
        "20260101000000_base",
        "down.postgres.sql",
        "DROP TABLE record;\nDROP TABLE label;\nDROP TYPE format;",
    ),
    (
        "20260102000000_released",
        "up.sql",
        "ALTER TABLE record ADD COLUMN released DATE;\n\
         CREATE INDEX record_released ON record (released);",
    ),
    (
        "20260102000000_released",
        "down.sql",
        "DROP INDEX record_released;\nALTER TABLE record DROP COLUMN released;",
    ),
    (
        "20260102000000_released",
        "down.mysql.sql",
        "DROP INDEX record_released ON record;\nALTER TABLE record DROP COLUMN released;",
    ),
    (
        "20260103000000_label_sizes",
        "up.sql",
        "CREATE VIEW label_size AS\n\
             SELECT label.name AS name, COUNT(record.id) AS records\n\
             FROM label LEFT JOIN record ON record.label_id = label.id\n\
             GROUP BY label.name;",
    ),
    (
        "20260103000000_label_sizes",
        "down.sql",
        "DROP VIEW label_size;",
    ),
];

fn migrations() -> Migrations {
    let dir = std::env::temp_dir().join(unique_name("round_trip"));
    for (folder, file, sql) in CATALOGUE {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(dir.join(folder).join(file), sql).unwrap();
    }
    Migrations::from_dir(dir).unwrap()
}

/// The schema as `schema-gen` reads it, without the tracking table.
fn model(conn: &mut dyn Connection) -> Schema {
    let options = match namespace(conn) {
        Some(schema) if conn.backend() == Backend::Postgres => Options {
            schemas: vec![schema],
        },
        _ => Options::default(),
    };
    let mut schema = introspect(conn, &options).unwrap();
    retain_tables(
        &mut schema,
        &[],
        &[TRACKING_TABLE.to_owned(), LOCK_TABLE.to_owned()],
    );
    schema
}

fn round_trips_restore_the_schema(conn: &mut dyn Connection, _: Backend) {
    let migrations = migrations();
    let empty = model(conn);
    assert_eq!(migrations.run(conn, false).unwrap().len(), 3);
    let full = model(conn);
    let record = full.tables.iter().find(|t| t.name == "record").unwrap();
    assert!(record.columns.iter().any(|c| c.name == "released"));
    assert!(full.tables.iter().any(|t| t.name == "label_size"));

    // Each step back restores the model of the step before it.
    migrations.revert(conn, 1).unwrap();
    let without_view = model(conn);
    assert!(!without_view.tables.iter().any(|t| t.name == "label_size"));
    migrations.revert(conn, 1).unwrap();
    let base = model(conn);
    assert!(
        !base
            .tables
            .iter()
            .find(|t| t.name == "record")
            .unwrap()
            .columns
            .iter()
            .any(|c| c.name == "released")
    );
    assert_eq!(migrations.run(conn, false).unwrap().len(), 2);
    assert_eq!(model(conn), full);
    migrations.revert(conn, 2).unwrap();
    assert_eq!(model(conn), base);
    migrations.run(conn, false).unwrap();

    // Redo of the last migration lands where it started; reverting everything leaves nothing.
    assert_eq!(
        migrations.redo(conn).unwrap(),
        vec!["20260103000000_label_sizes"]
    );
    assert_eq!(model(conn), full);
    migrations.revert(conn, 3).unwrap();
    assert_eq!(model(conn), empty);
    migrations.run(conn, false).unwrap();
    assert_eq!(model(conn), full);
}

#[test]
fn sqlite() {
    run_sqlite(round_trips_restore_the_schema);
}

#[test]
fn postgres() {
    run_postgres("round_trips", round_trips_restore_the_schema);
}

#[test]
fn mysql() {
    run_mysql("round_trips", round_trips_restore_the_schema);
}
