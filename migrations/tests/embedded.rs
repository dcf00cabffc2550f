//! `embed_migrations!`: the directory is compiled in, and runs without the files, on every
//! backend.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use dovetail::{Backend, Connection};
use dovetail_migrations::{Embedded, Migrations, State, embed_migrations};
use dovetail_tests::live::{run_mysql, run_postgres, run_sqlite};

const MIGRATIONS: Embedded = embed_migrations!("tests/fixtures/embedded");

fn embedded_migrations_run_and_revert(conn: &mut dyn Connection, _: Backend) {
    let migrations = MIGRATIONS.migrations().unwrap();
    let on_disk = Migrations::from_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/embedded"
    ))
    .unwrap();
    assert_eq!(
        migrations, on_disk,
        "the same migrations, scripts and checksums"
    );

    assert_eq!(
        migrations.run(conn, false).unwrap(),
        vec!["20260101000000_create_genre", "20260102000000_seed_genre"]
    );
    let names: Vec<String> = conn
        .query_sql("SELECT name FROM genre ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0).unwrap())
        .collect();
    assert_eq!(names, vec!["Rock", "Jazz; and blues"]);
    // Embedded and on-disk copies agree on the checksums: no drift either way.
    let states: Vec<State> = on_disk
        .status(conn)
        .unwrap()
        .into_iter()
        .map(|s| s.state)
        .collect();
    assert_eq!(states, vec![State::Applied, State::Applied]);
    assert_eq!(migrations.revert(conn, 2).unwrap().len(), 2);
}

#[test]
fn sqlite() {
    run_sqlite(embedded_migrations_run_and_revert);
}

#[test]
fn postgres() {
    run_postgres("embedded", embedded_migrations_run_and_revert);
}

#[test]
fn mysql() {
    run_mysql("embedded", embedded_migrations_run_and_revert);
}
