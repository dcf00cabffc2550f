//! Fixture folders: `cases/<case>/<backend>.sql` is loaded into a scratch namespace on the live
//! backend, introspected and emitted; the result must equal the checked-in
//! `cases/<case>/<backend>.rs` (`UPDATE_GENERATED=1` rewrites it after an intended change), which
//! `ui-tests` compiles against dovetail. The `portable` case is read with the portable mapping:
//! its three files must be the same, and `codegen/app` compiles one application against each.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use dovetail_tests::live as common;

use std::path::PathBuf;

use dovetail::Connection;
use dovetail_codegen::emit::{EmitOptions, schema_rs_with};
use dovetail_codegen::introspect::{Options, introspect};
use dovetail_codegen::portable::make_portable;

/// The case read with the portable mapping.
const PORTABLE: &str = "portable";

fn case_file(case: &str, file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(case)
        .join(file)
}

fn generate_and_compare(case: &str, backend: &str, conn: &mut dyn Connection, options: &Options) {
    let sql = std::fs::read_to_string(case_file(case, &format!("{backend}.sql"))).unwrap();
    conn.batch_execute(&sql).unwrap();
    let mut schema = introspect(conn, options).unwrap();
    // The scratch PostgreSQL schema stands in for `public`, so the output does not depend on
    // its (unique, generated) name.
    for table in &mut schema.tables {
        if table.schema.is_some() {
            table.schema = Some("public".into());
        }
        for key in &mut table.foreign_keys {
            if key.referenced_schema.is_some() {
                key.referenced_schema = Some("public".into());
            }
        }
    }
    let origin = match case {
        PORTABLE => {
            make_portable(&mut schema);
            "the portable fixture".to_owned()
        }
        _ => format!("the {backend} fixture `{case}`"),
    };
    // The models of the shop and of the hostile names are written too (and compiled by
    // `ui-tests`); the portable case stays the tables alone.
    let options = EmitOptions {
        models: case != PORTABLE,
    };
    let file = schema_rs_with(&schema, &origin, options);
    assert!(
        file.warnings.is_empty() || case != PORTABLE,
        "{:?}",
        file.warnings
    );
    let expected = case_file(case, &format!("{backend}.rs"));
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&expected, &file.text).unwrap();
    }
    let checked_in = std::fs::read_to_string(&expected).unwrap_or_default();
    assert_eq!(checked_in, file.text, "{} is stale", expected.display());
}

fn on_sqlite(case: &str) {
    let mut conn = dovetail::connect("sqlite::memory:").unwrap();
    generate_and_compare(case, "sqlite", &mut *conn, &Options::default());
}

fn on_postgres(case: &str) {
    let url = common::pg_url();
    let Some(admin) = common::reach(&url, "PostgreSQL") else {
        return;
    };
    let schema = common::unique_name(case);
    let _scratch = common::Scratch::create(admin, "SCHEMA", &schema, " CASCADE");
    let mut conn = dovetail::connect(&url).unwrap();
    conn.batch_execute(&format!(r#"SET search_path TO "{schema}""#))
        .unwrap();
    let options = Options {
        schemas: vec![schema.clone()],
    };
    generate_and_compare(case, "postgres", &mut *conn, &options);
}

fn on_mysql(case: &str) {
    let url = common::mysql_url();
    let Some(admin) = common::reach(&url, "MySQL") else {
        return;
    };
    let database = common::unique_name(case);
    let _scratch = common::Scratch::create(admin, "DATABASE", &database, "");
    let mut conn = dovetail::connect(&common::with_database(&url, &database)).unwrap();
    generate_and_compare(case, "mysql", &mut *conn, &Options::default());
}

macro_rules! cases {
    ($($case:ident),*) => {$(
        mod $case {
            #[test]
            fn sqlite() {
                super::on_sqlite(stringify!($case));
            }

            #[test]
            fn postgres() {
                super::on_postgres(stringify!($case));
            }

            #[test]
            fn mysql() {
                super::on_mysql(stringify!($case));
            }
        }
    )*};
}

cases!(shop, hostile, portable);

/// One logical schema, written in each backend's DDL, gives one file.
#[test]
fn the_portable_case_is_the_same_file_on_every_backend() {
    let read = |backend: &str| {
        std::fs::read_to_string(case_file(PORTABLE, &format!("{backend}.rs"))).unwrap()
    };
    assert_eq!(
        read("postgres"),
        read("sqlite"),
        "postgres.rs and sqlite.rs differ"
    );
    assert_eq!(
        read("mysql"),
        read("sqlite"),
        "mysql.rs and sqlite.rs differ"
    );
}
