//! One application module (`portable_app/app.rs`: inserts, joins, a view, enums, decoding into
//! structs) compiled against the schema.rs that the portable mapping wrote from each backend's
//! DDL of the shop (`cases/portable/`), then run on each backend, on the database that DDL
//! builds. Also compiles the schema of tables named like crates (`generated/crate_names.rs`).
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use dovetail::Connection;
use dovetail_tests::live;

#[path = "cases/portable/postgres.rs"]
mod postgres_schema;

#[path = "cases/portable/mysql.rs"]
mod mysql_schema;

#[path = "cases/portable/sqlite.rs"]
mod sqlite_schema;

mod on_postgres {
    use super::postgres_schema as schema;
    include!("portable_app/app.rs");
}

mod on_mysql {
    use super::mysql_schema as schema;
    include!("portable_app/app.rs");
}

mod on_sqlite {
    use super::sqlite_schema as schema;
    include!("portable_app/app.rs");
}

#[path = "generated/crate_names.rs"]
mod crate_names;

/// Builds the portable shop from `backend`'s DDL on `conn`.
fn load_shop(conn: &mut dyn Connection, backend: &str) {
    let ddl = std::fs::read_to_string(format!(
        "{}/tests/cases/portable/{backend}.sql",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    conn.batch_execute(&ddl).unwrap();
}

#[test]
fn the_app_runs_on_sqlite() {
    live::run_sqlite(|conn, _| {
        load_shop(conn, "sqlite");
        on_sqlite::run(conn).unwrap();
    });
}

#[test]
fn the_app_runs_on_postgres() {
    live::run_postgres("portable_app", |conn, _| {
        load_shop(conn, "postgres");
        on_postgres::run(conn).unwrap();
    });
}

#[test]
fn the_app_runs_on_mysql() {
    live::run_mysql("portable_app", |conn, _| {
        load_shop(conn, "mysql");
        on_mysql::run(conn).unwrap();
    });
}

/// Modules named `dovetail`, `std`, `core` and `alloc` beside each other leave every table usable.
#[test]
fn tables_named_like_crates_query_and_render() {
    use crate_names::{alloc, core, dovetail as dovetail_table, std as std_table};
    use dovetail::prelude::*;
    live::run_sqlite(|conn, _| {
        conn.batch_execute(
            r#"CREATE TABLE "dovetail" (id INTEGER PRIMARY KEY, parent INTEGER, mood TEXT);
               CREATE TABLE "std" (id INTEGER PRIMARY KEY, parent INTEGER, mood TEXT);"#,
        )
        .unwrap();
        insert_into(dovetail_table::table)
            .values((
                dovetail_table::id.set(1),
                dovetail_table::mood.set(Some(crate_names::Mood::Sad)),
            ))
            .execute(conn)
            .unwrap();
        insert_into(std_table::table)
            .values((std_table::id.set(2), std_table::parent.set(Some(1))))
            .execute(conn)
            .unwrap();
        let rows: Vec<(i32, Option<crate_names::Mood>)> = std_table::table
            .join_fk(dovetail_table::table)
            .select((std_table::id, dovetail_table::mood))
            .load(conn)
            .unwrap();
        assert_eq!(rows, vec![(2, Some(crate_names::Mood::Sad))]);
    });
    let sql = core::table
        .join_fk(dovetail_table::table)
        .select((core::id, dovetail_table::mood))
        .to_sql(&Sqlite::default())
        .unwrap()
        .sql;
    assert!(sql.contains(r#"JOIN "dovetail""#), "{sql}");
    let _ = alloc::table.select(alloc::id);
    // The enum named `option` is `Option2`: std's `Option` is untouched by the glob import.
    use crate_names::{Option2, choice};
    let picked: Option<Option2> = Some(Option2::Yes);
    let _ = choice::table
        .filter(choice::picked.eq(Option2::No))
        .select(choice::picked);
    assert!(picked.is_some());
}
