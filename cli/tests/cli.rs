//! schema-gen as a user runs it: help, exit codes, one-line errors, drift checks (on SQLite
//! files; the live servers are exercised by codegen's introspection tests).
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::path::Path;
use std::process::Command;

use common::{schema_gen, scratch, stderr};
use dovetail::Backend;
use dovetail_tests::live::{self, Scratch};

fn sqlite_db(dir: &Path, sql: &str) -> String {
    let path = dir.join("db.sqlite");
    let url = format!("sqlite://{}", path.display());
    dovetail::connect(&url).unwrap().batch_execute(sql).unwrap();
    url
}

const SHOP: &str = "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
        artist_id INTEGER NOT NULL REFERENCES artist (id), price NUMERIC);";

#[test]
fn help_lists_every_option() {
    let output = schema_gen(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--database-url",
        "--output",
        "--check",
        "--schema",
        "--tables",
        "--exclude",
    ] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}

#[test]
fn writes_a_file_and_a_summary() {
    let dir = scratch("writes_a_file");
    let url = sqlite_db(&dir, SHOP);
    let out = dir.join("schema.rs");
    let output = schema_gen(&["--database-url", &url, "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).starts_with(&format!("wrote {}: 2 tables, 0 views", out.display())));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("    foreign_key artist_id (artist_id) references artist (id);"),
        "{text}"
    );
}

#[test]
fn check_passes_when_current_and_names_drift() {
    let dir = scratch("check_drift");
    let url = sqlite_db(&dir, SHOP);
    let out = dir.join("schema.rs");
    let out = out.to_str().unwrap();
    assert!(
        schema_gen(&["--database-url", &url, "-o", out])
            .status
            .success()
    );
    let current = schema_gen(&["--database-url", &url, "-o", out, "--check"]);
    assert_eq!(current.status.code(), Some(0), "{}", stderr(&current));

    let mut conn = dovetail::connect(&url).unwrap();
    conn.batch_execute("ALTER TABLE album ADD COLUMN released DATE")
        .unwrap();
    conn.batch_execute("CREATE TABLE label (id INTEGER PRIMARY KEY)")
        .unwrap();
    drop(conn);
    let drift = schema_gen(&["--database-url", &url, "-o", out, "--check"]);
    assert_eq!(drift.status.code(), Some(1));
    let report = String::from_utf8_lossy(&drift.stdout);
    assert!(
        report.contains("+ table `album`: released: Nullable<Date>,"),
        "{report}"
    );
    assert!(
        report.contains("+ table `label`: id: Integer [identity],"),
        "{report}"
    );
}

#[test]
fn check_names_a_type_change_and_a_dropped_table() {
    let dir = scratch("check_type_change");
    let url = sqlite_db(&dir, SHOP);
    let out = dir.join("schema.rs");
    let out = out.to_str().unwrap();
    assert!(
        schema_gen(&["--database-url", &url, "-o", out])
            .status
            .success()
    );
    let mut conn = dovetail::connect(&url).unwrap();
    conn.batch_execute(
        "DROP TABLE album; CREATE TABLE album (id INTEGER PRIMARY KEY, title BLOB NOT NULL,
         artist_id INTEGER NOT NULL REFERENCES artist (id), price NUMERIC);",
    )
    .unwrap();
    drop(conn);
    let drift = schema_gen(&["--database-url", &url, "-o", out, "--check"]);
    let report = String::from_utf8_lossy(&drift.stdout);
    assert_eq!(drift.status.code(), Some(1));
    assert!(report.contains("- table `album`: title: Text,"), "{report}");
    assert!(report.contains("+ table `album`: title: Blob,"), "{report}");
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
    for url in [
        "nonsense://x",
        "sqlite:///no/such/dir/x.db",
        "postgres://root@127.0.0.1:1/x",
        "mysql://root@127.0.0.1:1/x",
    ] {
        let output = schema_gen(&["--database-url", url]);
        assert_eq!(output.status.code(), Some(2), "{url}: {}", stderr(&output));
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{url}: {message}");
        assert!(message.starts_with("error: "), "{url}: {message}");
        assert!(!message.contains("panicked"), "{url}: {message}");
    }
}

#[test]
fn missing_url_says_how_to_give_one() {
    let output = Command::new(env!("CARGO_BIN_EXE_schema-gen"))
        .env_remove("DATABASE_URL")
        .current_dir(scratch("missing_url"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: no database URL: pass --database-url or set DATABASE_URL\n"
    );
}

#[test]
fn database_url_is_read_from_dot_env() {
    let dir = scratch("dot_env");
    let url = sqlite_db(&dir, SHOP);
    std::fs::write(dir.join(".env"), format!("DATABASE_URL=\"{url}\"\n")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_schema-gen"))
        .env_remove("DATABASE_URL")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("dovetail::table! {"));
}

#[test]
fn tables_and_exclude_filter_by_glob() {
    let dir = scratch("filters");
    let url = sqlite_db(&dir, SHOP);
    let output = schema_gen(&[
        "--database-url",
        &url,
        "--tables",
        "a*",
        "--exclude",
        "album",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("    artist {"), "{text}");
    assert!(!text.contains("    album {"), "{text}");
}

#[test]
fn config_maps_types_renames_and_sets_nullability() {
    let dir = scratch("config");
    let url = sqlite_db(
        &dir,
        "CREATE TABLE place (id INTEGER PRIMARY KEY, spot POINT NOT NULL, Label TEXT);
         CREATE VIEW labelled AS SELECT id, Label FROM place WHERE Label IS NOT NULL;",
    );
    let config = dir.join("schema-gen.toml");
    std::fs::write(
        &config,
        "[types]\npoint = \"Blob\"\n\n[tables.place]\nrename = \"location\"\n\n\
         [columns.\"place.Label\"]\nrename = \"caption\"\n\n\
         [columns.\"labelled.Label\"]\nnullable = false\n",
    )
    .unwrap();
    let output = schema_gen(&["--database-url", &url, "--config", config.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("    location (\"place\") {"), "{text}");
    assert!(text.contains("        spot: Blob,"), "{text}");
    assert!(
        text.contains("        caption (\"Label\"): Nullable<Text>,"),
        "{text}"
    );
    assert!(text.contains("        label (\"Label\"): Text,"), "{text}");
}

#[test]
fn portable_flag_or_config_chooses_the_portable_mapping() {
    let dir = scratch("portable");
    let url = sqlite_db(
        &dir,
        "CREATE TABLE reading (id INTEGER PRIMARY KEY, level TINYINT NOT NULL, value REAL,
             mood TEXT CHECK (mood IN ('up', 'down')), UNIQUE (level));",
    );
    let native = schema_gen(&["--database-url", &url]);
    let native = String::from_utf8_lossy(&native.stdout);
    assert!(native.contains("        level: TinyInt,"), "{native}");
    assert!(native.contains("pub enum ReadingMood {"), "{native}");
    assert!(
        native
            .starts_with("//! Database schema, generated by `schema-gen` from a SQLite database."),
        "{native}"
    );

    let config = dir.join("schema-gen.toml");
    std::fs::write(&config, "mapping = \"portable\"\n").unwrap();
    let by_flag = schema_gen(&["--database-url", &url, "--portable"]);
    let by_config = schema_gen(&["--database-url", &url, "--config", config.to_str().unwrap()]);
    assert!(by_flag.status.success(), "{}", stderr(&by_flag));
    assert_eq!(by_flag.stdout, by_config.stdout);
    let text = String::from_utf8_lossy(&by_flag.stdout);
    for line in [
        "//! Database schema, generated by `schema-gen` from a database, with the portable mapping.",
        "        level: SmallInt,",
        "        value: Nullable<Double>,",
        "        mood: Nullable<Mood>,",
        "    pub enum Mood {",
        "    unique reading_level_key (level);",
    ] {
        assert!(text.contains(line), "{line} missing from:\n{text}");
    }
    std::fs::write(&config, "mapping = \"everywhere\"\n").unwrap();
    let typo = schema_gen(&["--database-url", &url, "--config", config.to_str().unwrap()]);
    assert_eq!(typo.status.code(), Some(2), "{}", stderr(&typo));
}

#[test]
fn config_typos_are_errors() {
    let dir = scratch("config_typo");
    let url = sqlite_db(&dir, SHOP);
    let config = dir.join("schema-gen.toml");
    std::fs::write(&config, "[columns.\"album.titel\"]\nrename = \"name\"\n").unwrap();
    let output = schema_gen(&["--database-url", &url, "--config", config.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("[columns.\"album.titel\"]: no such column"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_names_a_dropped_table() {
    let dir = scratch("check_dropped");
    let url = sqlite_db(&dir, SHOP);
    let out = dir.join("schema.rs");
    let out = out.to_str().unwrap();
    assert!(
        schema_gen(&["--database-url", &url, "-o", out])
            .status
            .success()
    );
    dovetail::connect(&url)
        .unwrap()
        .batch_execute("DROP TABLE album")
        .unwrap();
    let drift = schema_gen(&["--database-url", &url, "-o", out, "--check"]);
    let report = String::from_utf8_lossy(&drift.stdout);
    assert_eq!(drift.status.code(), Some(1));
    assert!(report.contains("- table `album`: title: Text,"), "{report}");
    assert!(report.contains("- table `album`: album {"), "{report}");
}

#[test]
fn missing_databases_are_one_line_errors() {
    let pg = std::env::var("DOVETAIL_PG_URL")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into());
    let my = std::env::var("DOVETAIL_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into());
    for url in [pg, my] {
        let missing = format!(
            "{}/dovetail_no_such_database",
            url.rsplit_once('/').unwrap().0
        );
        let output = schema_gen(&["--database-url", &missing]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{missing}: {message}");
        assert_eq!(message.lines().count(), 1, "{message}");
        // With the server up, the message must be about the database, not the connection.
        if dovetail::connect(&url).is_ok() {
            assert!(message.contains("dovetail_no_such_database"), "{message}");
        }
    }
}

/// Two databases of one schema under different names, on `backend`: their URLs and the guards
/// that drop them. `None` when the server is unreachable.
fn twin_databases(test: &str, backend: Backend) -> Option<(String, String, Vec<Scratch>)> {
    let (server_url, server) = match backend {
        Backend::Postgres => (live::pg_url(), "PostgreSQL"),
        Backend::MySql => (live::mysql_url(), "MySQL"),
        Backend::Sqlite => {
            let dir = scratch(test);
            let first = sqlite_db(&dir, SHOP);
            let second = first.replace("db.sqlite", "other name.sqlite");
            std::fs::copy(dir.join("db.sqlite"), dir.join("other name.sqlite")).unwrap();
            return Some((first, second, Vec::new()));
        }
    };
    let mut urls = Vec::new();
    let mut guards = Vec::new();
    for suffix in ["dev", "ci"] {
        let name = live::unique_name(&format!("{test}_{suffix}"));
        let admin = live::reach(&server_url, server)?;
        guards.push(Scratch::create(admin, "DATABASE", &name, ""));
        let url = live::with_database(&server_url, &name);
        dovetail::connect(&url)
            .unwrap()
            .batch_execute(SHOP)
            .unwrap();
        urls.push(url);
    }
    let second = urls.pop()?;
    Some((urls.pop()?, second, guards))
}

/// `--check` compares the schema, not where it was read: a file written from one database is
/// current for another of the same schema under another name, and a header is never drift.
fn check_ignores_the_database_name(backend: Backend) {
    let test = format!("check_db_name_{}", backend.name().to_ascii_lowercase());
    let Some((dev, ci, _guards)) = twin_databases(&test, backend) else {
        return;
    };
    let out = scratch(&format!("{test}_out")).join("schema.rs");
    let out = out.to_str().unwrap();
    let written = schema_gen(&["--database-url", &dev, "-o", out]);
    assert!(written.status.success(), "{}", stderr(&written));
    let text = std::fs::read_to_string(out).unwrap();
    assert!(
        !text.contains("_dev"),
        "the header names the database:\n{text}"
    );
    let check = schema_gen(&["--database-url", &ci, "-o", out, "--check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    let renamed = text.replacen("//! Database schema", "//! The dev database's schema", 1);
    std::fs::write(out, renamed).unwrap();
    let check = schema_gen(&["--database-url", &ci, "-o", out, "--check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn check_ignores_the_database_name_on_sqlite() {
    check_ignores_the_database_name(Backend::Sqlite);
}

#[test]
fn check_ignores_the_database_name_on_postgres() {
    check_ignores_the_database_name(Backend::Postgres);
}

#[test]
fn check_ignores_the_database_name_on_mysql() {
    check_ignores_the_database_name(Backend::MySql);
}
