//! The runner on every backend: round trips, a failing migration, drift, backend overrides.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed unwrap is a failed test"
)]

use std::path::PathBuf;

use dovetail::{Backend, Connection};
use dovetail_migrations::{Error, LOCK_TABLE, Migrations, NO_TRANSACTION, State};
use dovetail_tests::live::{reconnect, run_mysql, run_postgres, run_sqlite, unique_name};

/// A migrations directory of `(folder, file, sql)` triples, in a fresh temporary folder.
fn migrations_dir(files: &[(&str, &str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(unique_name("migrations"));
    for (folder, file, sql) in files {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(dir.join(folder).join(file), sql).unwrap();
    }
    dir
}

fn tables(conn: &mut dyn Connection) -> Vec<String> {
    let sql = match conn.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() ORDER BY 1"
        }
        Backend::MySql => {
            "SELECT table_name FROM information_schema.tables \
             WHERE table_schema = DATABASE() ORDER BY 1"
        }
    };
    // The lock's table is the runner's business (see `the_lock_is_released_after_each_run`).
    let mut names: Vec<String> = conn
        .query_sql(sql, &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0).unwrap())
        .filter(|name: &String| name != LOCK_TABLE)
        .collect();
    names.sort();
    names
}

const SHOP: &[(&str, &str, &str)] = &[
    (
        "20260101000000_artist",
        "up.sql",
        "CREATE TABLE artist (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n\
         -- a comment; with a semicolon\n\
         INSERT INTO artist (id, name) VALUES (1, 'AC/DC; the band');",
    ),
    ("20260101000000_artist", "down.sql", "DROP TABLE artist;"),
    (
        "20260102000000_album",
        "up.sql",
        "CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER NOT NULL REFERENCES artist (id));",
    ),
    ("20260102000000_album", "down.sql", "DROP TABLE album;"),
];

fn round_trip(conn: &mut dyn Connection, _: Backend) {
    let migrations = Migrations::from_dir(migrations_dir(SHOP)).unwrap();
    let applied = migrations.run(conn, false).unwrap();
    assert_eq!(
        applied,
        vec!["20260101000000_artist", "20260102000000_album"]
    );
    assert_eq!(
        tables(conn),
        vec!["_dovetail_migrations", "album", "artist"]
    );
    let name: String = conn.query_sql("SELECT name FROM artist", &[]).unwrap()[0]
        .get(0)
        .unwrap();
    assert_eq!(name, "AC/DC; the band");
    let states: Vec<State> = migrations
        .status(conn)
        .unwrap()
        .iter()
        .map(|s| s.state)
        .collect();
    assert_eq!(states, vec![State::Applied, State::Applied]);

    assert_eq!(migrations.redo(conn).unwrap(), vec!["20260102000000_album"]);
    assert_eq!(
        migrations.revert(conn, 2).unwrap(),
        vec!["20260102000000_album", "20260101000000_artist"]
    );
    assert_eq!(tables(conn), vec!["_dovetail_migrations"]);
    let states: Vec<State> = migrations
        .status(conn)
        .unwrap()
        .iter()
        .map(|s| s.state)
        .collect();
    assert_eq!(states, vec![State::Pending, State::Pending]);
}

fn failing_middle_migration(conn: &mut dyn Connection, backend: Backend) {
    let mut files = SHOP.to_vec();
    files[2].2 =
        "CREATE TABLE album (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);";
    files.push((
        "20260103000000_label",
        "up.sql",
        "CREATE TABLE label (id INTEGER PRIMARY KEY);",
    ));
    let migrations = Migrations::from_dir(migrations_dir(&files)).unwrap();
    let error = migrations.run(conn, false).unwrap_err();
    let Error::Statement {
        file,
        line,
        partial,
        ..
    } = &error
    else {
        panic!("unexpected error: {error}");
    };
    assert_eq!((file.as_str(), *line), ("20260102000000_album/up.sql", 2));
    let states: Vec<State> = migrations
        .status(conn)
        .unwrap()
        .iter()
        .map(|s| s.state)
        .collect();
    assert_eq!(states, vec![State::Applied, State::Pending, State::Pending]);
    match backend {
        // DDL commits at once on MySQL: the error says what stayed.
        Backend::MySql => {
            assert!(partial.contains("lines 1 were applied"), "{error}");
            assert_eq!(
                tables(conn),
                vec!["_dovetail_migrations", "album", "artist"]
            );
        }
        _ => assert_eq!(tables(conn), vec!["_dovetail_migrations", "artist"]),
    }
}

fn changed_file_is_drift(conn: &mut dyn Connection, _: Backend) {
    let dir = migrations_dir(SHOP);
    Migrations::from_dir(&dir)
        .unwrap()
        .run(conn, false)
        .unwrap();
    std::fs::write(
        dir.join("20260101000000_artist/up.sql"),
        "CREATE TABLE artist (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL);",
    )
    .unwrap();
    let migrations = Migrations::from_dir(&dir).unwrap();
    let states: Vec<State> = migrations
        .status(conn)
        .unwrap()
        .iter()
        .map(|s| s.state)
        .collect();
    assert_eq!(states, vec![State::Changed, State::Applied]);
    let error = migrations.run(conn, false).unwrap_err();
    assert!(
        matches!(&error, Error::Drift(ids) if ids == &["20260101000000_artist"]),
        "{error}"
    );
    assert!(migrations.run(conn, true).unwrap().is_empty());
}

fn backend_file_wins(conn: &mut dyn Connection, backend: Backend) {
    let files = [
        (
            "20260101000000_t",
            "up.sql",
            "CREATE TABLE generic_t (id INTEGER);",
        ),
        (
            "20260101000000_t",
            "up.postgres.sql",
            "CREATE TABLE pg_t (id INTEGER);",
        ),
        (
            "20260101000000_t",
            "up.mysql.sql",
            "CREATE TABLE my_t (id INTEGER);",
        ),
    ];
    Migrations::from_dir(migrations_dir(&files))
        .unwrap()
        .run(conn, false)
        .unwrap();
    let expected = match backend {
        Backend::Postgres => "pg_t",
        Backend::MySql => "my_t",
        Backend::Sqlite => "generic_t",
    };
    assert_eq!(
        tables(conn),
        vec!["_dovetail_migrations".to_string(), expected.into()]
    );
}

macro_rules! on_every_backend {
    ($($body:ident),*) => {$(
        mod $body {
            #[test]
            fn sqlite() {
                super::run_sqlite(super::$body);
            }

            #[test]
            fn postgres() {
                super::run_postgres(stringify!($body), super::$body);
            }

            #[test]
            fn mysql() {
                super::run_mysql(stringify!($body), super::$body);
            }
        }
    )*};
}

/// A script that opts out of the transaction commits statement by statement on every backend:
/// a failure leaves the earlier statements applied, says so, and records nothing.
fn no_transaction_commits_each_statement(conn: &mut dyn Connection, _: Backend) {
    let up = format!(
        "{NO_TRANSACTION}\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n\
         INSERT INTO a (id) VALUES (1);\nINSERT INTO no_such_table VALUES (1);"
    );
    let dir = migrations_dir(&[("20260101000000_a", "up.sql", &up)]);
    let migrations = Migrations::from_dir(dir).unwrap();
    let error = migrations.run(conn, false).unwrap_err();
    let Error::Statement { line, partial, .. } = &error else {
        panic!("unexpected error: {error}");
    };
    assert_eq!(*line, 4);
    assert_eq!(
        partial,
        " (the script runs outside a transaction: the statements at lines 2, 3 were applied; \
         the migration is not recorded)"
    );
    let rows: i64 = conn.query_sql("SELECT COUNT(*) FROM a", &[]).unwrap()[0]
        .get(0)
        .unwrap();
    assert_eq!(rows, 1);
    assert_eq!(migrations.status(conn).unwrap()[0].state, State::Pending);
}

/// A script outside a transaction that ran but could not be recorded says so.
fn unrecorded_script_says_it_was_applied(conn: &mut dyn Connection, _: Backend) {
    let up = format!(
        "{NO_TRANSACTION}\nCREATE TABLE z (id INTEGER PRIMARY KEY);\nDROP TABLE _dovetail_migrations;"
    );
    let dir = migrations_dir(&[("20260101000000_z", "up.sql", &up)]);
    let error = Migrations::from_dir(dir)
        .unwrap()
        .run(conn, false)
        .unwrap_err();
    let Error::Unrecorded { id, done, .. } = &error else {
        panic!("unexpected error: {error}");
    };
    assert_eq!((id.as_str(), *done), ("20260101000000_z", "applied"));
    assert!(
        error.to_string().contains("fix the tracking table by hand"),
        "{error}"
    );
    assert!(tables(conn).contains(&"z".to_string()));
}

on_every_backend!(
    round_trip,
    failing_middle_migration,
    changed_file_is_drift,
    backend_file_wins,
    no_transaction_commits_each_statement,
    unrecorded_script_says_it_was_applied
);

/// Runs the one migration whose up script is `up`: its error, or `None` once applied.
fn run_one(conn: &mut dyn Connection, up: &str) -> Option<String> {
    let dir = migrations_dir(&[("20260101000000_one", "up.sql", up)]);
    let migrations = Migrations::from_dir(dir).unwrap();
    match migrations.run(conn, false) {
        Ok(applied) => {
            assert_eq!(applied, vec!["20260101000000_one"]);
            None
        }
        Err(error) => Some(error.to_string()),
    }
}

#[test]
fn postgres_create_index_concurrently_needs_no_transaction() {
    run_postgres("index_concurrently", |conn, _| {
        conn.batch_execute("CREATE TABLE track (id INTEGER PRIMARY KEY, name TEXT)")
            .unwrap();
        let index = "CREATE INDEX CONCURRENTLY track_name ON track (name);";
        let refused = run_one(conn, index).unwrap();
        assert!(
            refused.contains("cannot run inside a transaction block"),
            "{refused}"
        );
        conn.batch_execute("DELETE FROM _dovetail_migrations")
            .unwrap();
        assert_eq!(run_one(conn, &format!("{NO_TRANSACTION}\n{index}")), None);
        let indexes: i64 = conn
            .query_sql(
                "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'track_name' \
                 AND schemaname = current_schema()",
                &[],
            )
            .unwrap()[0]
            .get(0)
            .unwrap();
        assert_eq!(indexes, 1);
    });
}

/// A runner waiting for the lock must not hold a snapshot: the other's `CREATE INDEX
/// CONCURRENTLY` would wait for it while it waits for the lock.
#[test]
fn postgres_runners_wait_for_an_index_built_concurrently() {
    run_postgres("concurrent_index", |conn, _| {
        conn.batch_execute("CREATE TABLE track (id INTEGER PRIMARY KEY, name TEXT)")
            .unwrap();
        let up = format!(
            "{NO_TRANSACTION}\nSELECT pg_sleep(0.5);\n\
             CREATE INDEX CONCURRENTLY track_name ON track (name);"
        );
        let files = [
            ("20260101000000_index", "up.sql", up.as_str()),
            (
                "20260102000000_label",
                "up.sql",
                "CREATE TABLE label (id INTEGER PRIMARY KEY);",
            ),
        ];
        two_runners_apply(reconnect(conn), reconnect(conn), &files);
    });
}

#[test]
fn sqlite_vacuum_needs_no_transaction() {
    run_sqlite(|conn, _| {
        let refused = run_one(conn, "VACUUM;").unwrap();
        assert!(
            refused.contains("cannot VACUUM from within a transaction"),
            "{refused}"
        );
        assert_eq!(run_one(conn, &format!("{NO_TRANSACTION}\nVACUUM;")), None);
    });
}

/// Two runners at once: each migration is applied exactly once and neither fails.
fn two_runners_apply_each_migration_once(first: Box<dyn Connection>, second: Box<dyn Connection>) {
    two_runners_apply(first, second, SHOP);
}

fn two_runners_apply(
    mut first: Box<dyn Connection>,
    mut second: Box<dyn Connection>,
    files: &[(&str, &str, &str)],
) {
    let dir = migrations_dir(files);
    let run = |conn: &mut Box<dyn Connection>| {
        let migrations = Migrations::from_dir(&dir).unwrap();
        migrations.run(&mut **conn, false).unwrap()
    };
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| run(&mut first));
        let b = scope.spawn(|| run(&mut second));
        (a.join().unwrap(), b.join().unwrap())
    });
    let mut all: Vec<String> = a.into_iter().chain(b).collect();
    all.sort();
    let mut expected: Vec<&str> = files.iter().map(|(folder, _, _)| *folder).collect();
    expected.dedup();
    assert_eq!(all, expected);
}

fn concurrent_runners(conn: &mut dyn Connection, _: Backend) {
    let first = reconnect(conn);
    let second = reconnect(conn);
    two_runners_apply_each_migration_once(first, second);
    assert_eq!(
        tables(conn),
        vec!["_dovetail_migrations", "album", "artist"]
    );
}

mod concurrent_runners {
    #[test]
    fn sqlite() {
        let path = std::env::temp_dir().join(format!("{}.db", super::unique_name("concurrent")));
        let url = format!("sqlite://{}", path.display());
        let open = || dovetail::connect(&url).unwrap();
        super::two_runners_apply_each_migration_once(open(), open());
        assert_eq!(
            super::tables(&mut *open()),
            vec!["_dovetail_migrations", "album", "artist"]
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn postgres() {
        super::run_postgres("concurrent_runners", super::concurrent_runners);
    }

    #[test]
    fn mysql() {
        super::run_mysql("concurrent_runners", super::concurrent_runners);
    }
}

/// SQLite runners wait for each other however long a migration holds the write lock, past
/// the busy timeout their connections were given, which is theirs again afterwards.
#[test]
fn sqlite_runners_wait_for_each_other_past_the_busy_timeout() {
    let path = std::env::temp_dir().join(format!("{}.db", unique_name("busy_runners")));
    let url = format!("sqlite://{}", path.display());
    let open = || {
        let mut conn = dovetail::connect(&url).unwrap();
        conn.batch_execute("PRAGMA busy_timeout = 10").unwrap();
        conn
    };
    let slow = "CREATE TABLE filler (n INTEGER);\n\
        INSERT INTO filler (n) WITH RECURSIVE c(n) AS \
        (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 300000) SELECT n FROM c;";
    let files = [
        ("20260101000000_filler", "up.sql", slow),
        (
            "20260102000000_label",
            "up.sql",
            "CREATE TABLE label (id INTEGER PRIMARY KEY);",
        ),
    ];
    two_runners_apply(open(), open(), &files);
    let mut conn = open();
    let migrations = Migrations::from_dir(migrations_dir(&files)).unwrap();
    assert!(migrations.run(&mut *conn, false).unwrap().is_empty());
    let busy: i64 = conn.query_sql("PRAGMA busy_timeout", &[]).unwrap()[0]
        .get(0)
        .unwrap();
    assert_eq!(busy, 10);
    let _ = std::fs::remove_file(&path);
}

/// Whoever holds the lock, by the lock table.
fn lock_holder(conn: &mut dyn Connection) -> Option<String> {
    let sql = format!("SELECT holder FROM {LOCK_TABLE}");
    conn.query_sql(&sql, &[]).unwrap()[0].get(0).unwrap()
}

fn the_lock_is_released_after_each_run(conn: &mut dyn Connection, _: Backend) {
    let migrations = Migrations::from_dir(migrations_dir(SHOP)).unwrap();
    migrations.run(conn, false).unwrap();
    assert_eq!(lock_holder(conn), None);
    let failing = Migrations::from_dir(migrations_dir(&[(
        "20260101000000_broken",
        "up.sql",
        "CREATE TABLE broken (id INTEGER PRIMARY KEY);\nSELECT * FROM no_such_table;",
    )]))
    .unwrap();
    assert!(failing.run(conn, false).is_err());
    assert_eq!(
        lock_holder(conn),
        None,
        "a failed run gives the lock back too"
    );
}

/// A runner that died holding the lock: the next one waits, then fails naming it; `unlock`
/// gives the lock back and the next run goes through.
fn a_dead_runners_lock_is_named_and_unlock_releases_it(conn: &mut dyn Connection, _: Backend) {
    let migrations = Migrations::from_dir(migrations_dir(SHOP)).unwrap();
    assert!(migrations.run(conn, false).unwrap().len() == 2);
    conn.execute_sql(
        &format!("UPDATE {LOCK_TABLE} SET holder = 'host-a, process 7', taken_at = '2026-12-01T10:00:00.000Z'"),
        &[],
    )
    .unwrap();
    let waiting = Migrations::from_dir(migrations_dir(SHOP))
        .unwrap()
        .lock_wait(std::time::Duration::from_millis(300));
    let started = std::time::Instant::now();
    match waiting.run(conn, false) {
        Err(error @ Error::Locked { .. }) => {
            let message = error.to_string();
            assert!(message.contains("host-a, process 7"), "{message}");
            assert!(message.contains("2026-12-01T10:00:00.000Z"), "{message}");
            assert!(message.contains("migrate unlock"), "{message}");
        }
        other => panic!("expected the lock to be named, got {other:?}"),
    }
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    let released = Migrations::unlock(conn).unwrap();
    assert_eq!(
        released,
        Some((
            "host-a, process 7".to_owned(),
            "2026-12-01T10:00:00.000Z".to_owned()
        ))
    );
    assert_eq!(Migrations::unlock(conn).unwrap(), None);
    assert!(waiting.run(conn, false).unwrap().is_empty());
}

mod lock {
    #[test]
    fn released_after_each_run_postgres() {
        super::run_postgres("lock_released", super::the_lock_is_released_after_each_run);
    }

    #[test]
    fn released_after_each_run_mysql() {
        super::run_mysql("lock_released", super::the_lock_is_released_after_each_run);
    }

    #[test]
    fn a_dead_runners_lock_postgres() {
        super::run_postgres(
            "dead_runner",
            super::a_dead_runners_lock_is_named_and_unlock_releases_it,
        );
    }

    #[test]
    fn a_dead_runners_lock_mysql() {
        super::run_mysql(
            "dead_runner",
            super::a_dead_runners_lock_is_named_and_unlock_releases_it,
        );
    }
}

/// On MySQL, a migration of data only runs in a transaction with its record: a failure leaves
/// none of its rows (DDL, which MySQL commits at once, cannot be undone so).
#[test]
fn mysql_data_only_migrations_commit_with_their_record() {
    run_mysql("data_only", |conn, _| {
        conn.batch_execute(
            "CREATE TABLE genre (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)",
        )
        .unwrap();
        let failing = "INSERT INTO genre (id, name) VALUES (1, 'rock');\n\
            -- the second row breaks the key\n\
            INSERT INTO genre (id, name) VALUES (1, 'jazz');";
        assert!(run_one(conn, failing).is_some());
        let rows: i64 = conn.query_sql("SELECT COUNT(*) FROM genre", &[]).unwrap()[0]
            .get(0)
            .unwrap();
        assert_eq!(
            rows, 0,
            "the first INSERT was rolled back with the failed migration"
        );
        assert_eq!(
            run_one(
                conn,
                "/* seed */ INSERT INTO genre (id, name) VALUES (1, 'rock');\nUPDATE genre SET name = 'blues' WHERE id = 1;"
            ),
            None
        );
        let name: String = conn.query_sql("SELECT name FROM genre", &[]).unwrap()[0]
            .get(0)
            .unwrap();
        assert_eq!(name, "blues");
    });
}

/// Behind a transaction pooler, two runners at once apply every migration exactly once, 20
/// times over, and the lock never stays behind with an idle server connection.
#[test]
fn postgres_runners_behind_a_transaction_pooler_apply_each_migration_once() {
    let Some(pooled) = dovetail_tests::pgbouncer::PooledDatabase::new("runners_pooler", 4) else {
        return;
    };
    let url = pooled.url("statement_cache=unnamed");
    for trial in 0..20 {
        let files = trial_migrations(trial, "SELECT pg_sleep(0.02)");
        let files: Vec<(&str, &str, &str)> = files
            .iter()
            .map(|(folder, file, sql)| (folder.as_str(), *file, sql.as_str()))
            .collect();
        two_runners_apply(
            dovetail::connect(&url).unwrap(),
            dovetail::connect(&url).unwrap(),
            &files,
        );
    }
    let mut conn = dovetail::connect(&url).unwrap();
    assert_eq!(lock_holder(&mut *conn), None);
    let recorded: i64 = conn
        .query_sql("SELECT COUNT(*) FROM _dovetail_migrations", &[])
        .unwrap()[0]
        .get(0)
        .unwrap();
    assert_eq!(recorded, 60);
}

/// On a Galera cluster, two runners on two nodes at once apply every migration exactly once,
/// 20 times over (a lock that is each node's own, such as `GET_LOCK`, would let both apply).
#[test]
fn galera_runners_on_two_nodes_apply_each_migration_once() {
    let Some(cluster) = dovetail_tests::galera::ClusterDatabase::new("runners_galera") else {
        return;
    };
    for trial in 0..20 {
        let files = trial_migrations(trial, "SELECT SLEEP(0.02)");
        let files: Vec<(&str, &str, &str)> = files
            .iter()
            .map(|(folder, file, sql)| (folder.as_str(), *file, sql.as_str()))
            .collect();
        two_runners_apply(
            dovetail::connect(&cluster.urls[0]).unwrap(),
            dovetail::connect(&cluster.urls[1]).unwrap(),
            &files,
        );
    }
    let mut conn = dovetail::connect(&cluster.urls[2]).unwrap();
    conn.batch_execute("SET SESSION wsrep_sync_wait = 1")
        .unwrap();
    assert_eq!(lock_holder(&mut *conn), None);
    let recorded: i64 = conn
        .query_sql("SELECT COUNT(*) FROM _dovetail_migrations", &[])
        .unwrap()[0]
        .get(0)
        .unwrap();
    assert_eq!(recorded, 60);
}

/// Trial `trial`'s three migrations: each creates a table, waits with `pause`, and writes a
/// row (their versions are the trial's own).
fn trial_migrations(trial: usize, pause: &str) -> Vec<(String, &'static str, String)> {
    ["a", "b", "c"]
        .iter()
        .enumerate()
        .map(|(step, name)| {
            (
                format!("202601{:02}{:02}0000_t{trial}_{name}", trial + 1, step + 1),
                "up.sql",
                format!(
                    "CREATE TABLE t{trial}_{name} (id INTEGER PRIMARY KEY);\n\
                     {pause};\n\
                     INSERT INTO t{trial}_{name} (id) VALUES (1);"
                ),
            )
        })
        .collect()
}
