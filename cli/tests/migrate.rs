//! `schema-gen migrate …` as a user runs it: the loop "write a migration → migrate run →
//! schema.rs", status, revert, redo, drift and bad input — on SQLite files, and the example
//! shop's migrations on every backend.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::path::{Path, PathBuf};

use common::{schema_gen, scratch, stderr, stdout};
use dovetail::Backend;
use dovetail_tests::live::{scratch_url, unique_name};

/// `schema-gen migrate new NAME` in `dir`; returns the folder it created, after writing `up`
/// and `down` into it.
fn new_migration(dir: &Path, name: &str, up: &str, down: &str) -> PathBuf {
    let output = schema_gen(&[
        "migrate",
        "new",
        name,
        "--migrations-dir",
        dir.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let folder = PathBuf::from(stdout(&output).trim().strip_prefix("created ").unwrap());
    assert!(
        folder.ends_with(
            folder
                .file_name()
                .unwrap()
                .to_str()
                .filter(|f| f.ends_with(&format!("_{name}")))
                .unwrap()
        )
    );
    std::fs::write(folder.join("up.sql"), up).unwrap();
    std::fs::write(folder.join("down.sql"), down).unwrap();
    folder
}

#[test]
fn the_migration_loop_writes_schema_rs() {
    let dir = scratch("migrate_loop");
    let migrations = dir.join("migrations");
    let db = format!("sqlite://{}", dir.join("app.db").display());
    let schema = dir.join("schema.rs");
    let args = |action: &[&str]| {
        let mut args = vec!["migrate"];
        args.extend_from_slice(action);
        args.extend(["--migrations-dir", migrations.to_str().unwrap()]);
        args.extend(["--database-url", &db, "-o", schema.to_str().unwrap()]);
        schema_gen(&args)
    };
    new_migration(
        &migrations,
        "create_artist",
        "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
        "DROP TABLE artist;",
    );
    let output = args(&["run"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("_create_artist"),
        "{}",
        stdout(&output)
    );
    let text = std::fs::read_to_string(&schema).unwrap();
    assert!(text.contains("    artist {\n"), "{text}");
    assert!(
        !text.contains("_dovetail_migrations"),
        "the tracking table is left out"
    );

    new_migration(
        &migrations,
        "add_country",
        "ALTER TABLE artist ADD COLUMN country TEXT;",
        "ALTER TABLE artist DROP COLUMN country;",
    );
    assert!(args(&["run"]).status.success());
    assert!(
        std::fs::read_to_string(&schema)
            .unwrap()
            .contains("country: Nullable<Text>")
    );
    let output = args(&["redo"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("redone "), "{}", stdout(&output));

    let output = args(&["revert"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !std::fs::read_to_string(&schema)
            .unwrap()
            .contains("country")
    );
    let status = schema_gen(&[
        "migrate",
        "status",
        "--migrations-dir",
        migrations.to_str().unwrap(),
        "--database-url",
        &db,
    ]);
    let lines: Vec<String> = stdout(&status)
        .lines()
        .map(|l| {
            l.split('_')
                .next()
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(lines, vec!["applied", "pending"], "{}", stdout(&status));
}

#[test]
fn a_changed_applied_migration_blocks_run_unless_allowed() {
    let dir = scratch("migrate_drift");
    let migrations = dir.join("migrations");
    let db = format!("sqlite://{}", dir.join("app.db").display());
    let folder = new_migration(
        &migrations,
        "create_genre",
        "CREATE TABLE genre (id INTEGER PRIMARY KEY);",
        "DROP TABLE genre;",
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "migrate",
            "run",
            "--migrations-dir",
            migrations.to_str().unwrap(),
        ];
        args.extend(["--database-url", &db]);
        args.extend_from_slice(extra);
        schema_gen(&args)
    };
    assert!(run(&[]).status.success());
    std::fs::write(
        folder.join("up.sql"),
        "CREATE TABLE genre (id BIGINT PRIMARY KEY);",
    )
    .unwrap();
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: applied migrations changed since they ran: "));
    assert_eq!(stderr(&output).lines().count(), 1);
    assert!(run(&["--allow-drift"]).status.success());
}

#[test]
fn migrations_dir_defaults_to_the_config_folder() {
    let dir = scratch("migrate_default_dir");
    std::fs::write(dir.join("schema-gen.toml"), "").unwrap();
    new_migration(
        &dir.join("migrations"),
        "create_tag",
        "CREATE TABLE tag (id INTEGER PRIMARY KEY);",
        "DROP TABLE tag;",
    );
    let db = format!("sqlite://{}", dir.join("app.db").display());
    let config = dir.join("schema-gen.toml");
    let output = schema_gen(&[
        "migrate",
        "run",
        "--config",
        config.to_str().unwrap(),
        "--database-url",
        &db,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("_create_tag"));
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
    let dir = scratch("migrate_bad_input");
    let dir_arg = dir.join("migrations");
    let dir_arg = dir_arg.to_str().unwrap();
    let db = format!("sqlite://{}", dir.join("app.db").display());
    let broken = dir.join("broken");
    std::fs::create_dir_all(broken.join("not_a_version")).unwrap();
    let failing = dir.join("failing");
    std::fs::create_dir_all(failing.join("20260101000000_bad")).unwrap();
    std::fs::write(
        failing.join("20260101000000_bad/up.sql"),
        "CREATE TABLE t (id INTEGER);\nCREATE TABLE t (id INTEGER);",
    )
    .unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["migrate", "new", "Bad Name", "--migrations-dir", dir_arg],
            "is not a migration name",
        ),
        (
            &[
                "migrate",
                "status",
                "--migrations-dir",
                dir_arg,
                "--database-url",
                &db,
            ],
            "migrations",
        ),
        (
            &[
                "migrate",
                "status",
                "--migrations-dir",
                broken.to_str().unwrap(),
                "--database-url",
                &db,
            ],
            "not_a_version: the version `not` (before the first `_`) is not a UTC timestamp",
        ),
        (
            &[
                "migrate",
                "run",
                "--migrations-dir",
                failing.to_str().unwrap(),
                "--database-url",
                &db,
            ],
            "20260101000000_bad/up.sql, statement at line 2 failed",
        ),
        (
            &[
                "migrate",
                "status",
                "-o",
                "x.rs",
                "--migrations-dir",
                dir_arg,
                "--database-url",
                &db,
            ],
            "-o FILE only applies to `migrate run`, `revert` and `redo`",
        ),
        (
            &[
                "migrate",
                "run",
                "--migrations-dir",
                failing.to_str().unwrap(),
                "--database-url",
                "nonsense://x",
            ],
            "error: ",
        ),
    ];
    for (args, expected) in cases {
        let output = schema_gen(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert_eq!(message.lines().count(), 1, "{args:?}: {message}");
        assert!(message.starts_with("error: "), "{message}");
        assert!(message.contains(expected), "{args:?}: {message}");
    }
}

/// The README's example shop, migrated and regenerated by the CLI on a live server, then
/// reverted to nothing.
fn example_shop_round_trip(url: &str, extra: &[&str]) {
    let dir = scratch(&unique_name("migrate_shop"));
    let schema = dir.join("schema.rs");
    let shop = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../dsl/examples/shop/migrations"
    );
    let migrate = |action: &[&str]| {
        let mut args = vec!["migrate"];
        args.extend_from_slice(action);
        args.extend(["--migrations-dir", shop, "--database-url", url]);
        args.extend(["-o", schema.to_str().unwrap()]);
        args.extend_from_slice(extra);
        let output = schema_gen(&args);
        assert!(output.status.success(), "{action:?}: {}", stderr(&output));
        (stdout(&output), std::fs::read_to_string(&schema).unwrap())
    };
    let (applied, text) = migrate(&["run"]);
    assert_eq!(applied.lines().count(), 2, "{applied}");
    for table in ["customer", "order", "order_line", "product"] {
        let declared = format!("\n    {table} ");
        assert!(text.contains(&declared), "{table} missing:\n{text}");
    }
    assert!(text.contains("foreign_key"), "{text}");
    let (redone, _) = migrate(&["redo"]);
    assert_eq!(redone.trim(), "redone 20260101000100_seed_shop");
    let (reverted, text) = migrate(&["revert", "--steps", "2"]);
    assert_eq!(reverted.lines().count(), 2, "{reverted}");
    assert!(!text.contains("dovetail::table!"), "{text}");
}

#[test]
fn example_shop_on_sqlite() {
    let dir = scratch("migrate_shop_sqlite");
    example_shop_round_trip(&format!("sqlite://{}", dir.join("shop.db").display()), &[]);
}

#[test]
fn example_shop_on_postgres() {
    if let Some(scratch) = scratch_url("migrate_shop", Backend::Postgres) {
        example_shop_round_trip(&scratch.url, &["--schema", &scratch.namespace]);
    }
}

#[test]
fn example_shop_on_mysql() {
    if let Some(scratch) = scratch_url("migrate_shop", Backend::MySql) {
        example_shop_round_trip(&scratch.url, &[]);
    }
}
