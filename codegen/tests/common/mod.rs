//! Live-server plumbing shared by the PostgreSQL and MySQL introspection tests: URLs, skipping
//! unreachable servers, unique scratch names, and a guard that drops the scratch namespace.
#![allow(dead_code, reason = "each test binary uses its own part")]

use std::sync::atomic::{AtomicUsize, Ordering};

use dovetail::{Connection, Error};

/// The PostgreSQL server of the tests.
pub fn pg_url() -> String {
    std::env::var("DOVETAIL_PG_URL")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into())
}

/// The MySQL / MariaDB server of the tests.
pub fn mysql_url() -> String {
    std::env::var("DOVETAIL_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into())
}

/// A connection to `url`, or `None` after a loud notice when the server cannot be reached;
/// with `CI=true` an unreachable server fails the test instead.
pub fn reach(url: &str, server: &str) -> Option<Box<dyn Connection>> {
    match dovetail::connect(url) {
        Ok(conn) => Some(conn),
        Err(error @ Error::Connect { .. }) => {
            if std::env::var("CI").is_ok_and(|ci| ci == "true") {
                panic!("{server} unreachable at {url} (CI=true, so this is a failure): {error}");
            }
            eprintln!();
            eprintln!("**************************************************************");
            eprintln!("SKIPPED: {server} unreachable at {url}: {error}");
            eprintln!("**************************************************************");
            None
        }
        Err(error) => panic!("cannot connect to {server} at {url}: {error}"),
    }
}

/// A schema / database name no concurrent run uses: process id, a counter and `test`.
pub fn unique_name(test: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut name = format!("dovetail_cg_{}_{n}_{test}", std::process::id());
    name.truncate(60);
    name
}

/// `url` with its database (path) replaced by `database`, query string kept.
pub fn with_database(url: &str, database: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("mysql", url));
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let query = tail.find('?').map_or("", |i| &tail[i..]);
    format!("{scheme}://{authority}/{database}{query}")
}

/// A PostgreSQL schema or MySQL database created for one test and dropped through its own
/// connection when the guard goes out of scope, whether the test passed or panicked.
pub struct Scratch {
    admin: Box<dyn Connection>,
    drop_sql: String,
}

impl Scratch {
    /// Runs `create_sql`, remembering `drop_sql` for the end of the test.
    pub fn create(mut admin: Box<dyn Connection>, create_sql: &str, drop_sql: &str) -> Scratch {
        if let Err(error) = admin.batch_execute(create_sql) {
            panic!("{create_sql}: {error}");
        }
        Scratch {
            admin,
            drop_sql: drop_sql.to_owned(),
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(error) = self.admin.batch_execute(&self.drop_sql) {
            eprintln!("cleanup failed: {}: {error}", self.drop_sql);
        }
    }
}

#[test]
fn urls_get_their_database_replaced() {
    assert_eq!(
        with_database("mysql://root@127.0.0.1:3306/test", "x"),
        "mysql://root@127.0.0.1:3306/x"
    );
    assert_eq!(
        with_database("mysql://u:p@h?ssl=false", "x"),
        "mysql://u:p@h/x?ssl=false"
    );
    assert_eq!(
        with_database("mariadb://u@h:1/a/b?c=d", "x"),
        "mariadb://u@h:1/x?c=d"
    );
}
