//! What the benchmarks share: the servers' URLs and a scratch schema of users, posts and
//! comments on each backend.
//!
//! The runtime suite (`benches/runtime.rs`) lives in [`fixture`] (its data), [`driver`] (its
//! criterion benchmarks) and [`runtime`] (dovetail and the raw drivers); `diesel/` includes
//! `fixture.rs` and `driver.rs` so that Diesel runs the same workloads. The async suite
//! (`benches/runtime_async.rs`) adds [`driver_async`] (a tokio runtime under `driver`), which
//! `sqlx/` includes as well.

use dovetail::{Backend, Connection};

pub mod driver;
pub mod driver_async;
pub mod fixture;
pub mod runtime;

/// The PostgreSQL server (`DOVETAIL_PG_URL`, default the local one).
pub fn pg_url() -> String {
    std::env::var("DOVETAIL_PG_URL")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into())
}

/// The MySQL/MariaDB server (`DOVETAIL_MYSQL_URL`, default the local one).
pub fn mysql_url() -> String {
    std::env::var("DOVETAIL_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into())
}

/// Every backend the benchmarks run on, with its URL; SQLite in memory.
pub fn backends() -> Vec<(Backend, String)> {
    vec![
        (Backend::Sqlite, "sqlite::memory:".into()),
        (Backend::Postgres, pg_url()),
        (Backend::MySql, mysql_url()),
    ]
}

/// `users` with `count` rows, created afresh (a temporary table on the servers, so that
/// concurrent runs do not meet).
pub fn users(conn: &mut dyn Connection, count: i64) {
    let temporary = match conn.backend() {
        Backend::Sqlite => "",
        _ => "TEMPORARY ",
    };
    conn.batch_execute("DROP TABLE IF EXISTS users")
        .unwrap_or(());
    conn.batch_execute(&format!(
        "CREATE {temporary}TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, \
         hair_color VARCHAR(50))"
    ))
    .expect("create users");
    for id in 1..=count {
        let sql = match conn.backend() {
            Backend::Postgres => "INSERT INTO users (id, name, hair_color) VALUES ($1, $2, $3)",
            _ => "INSERT INTO users (id, name, hair_color) VALUES (?, ?, ?)",
        };
        conn.execute_sql(
            sql,
            &[id.into(), format!("User {id}").into(), "black".into()],
        )
        .expect("insert user");
    }
}
