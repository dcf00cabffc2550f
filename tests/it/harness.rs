//! Runs one test body on each backend, each in a scratch namespace of its own.
//!
//! PostgreSQL tests get a fresh schema, MySQL tests a fresh database, SQLite tests a fresh
//! in-memory database; schemas and databases are dropped afterwards, even when the test panics.
//! A server that cannot be reached skips its tests with a notice, or fails them when `CI=true`.

use std::sync::atomic::{AtomicUsize, Ordering};

use dovetail::render::Dialect;
use dovetail::value::Value;
use dovetail::{Backend, Connection, Error};

/// A test body, run once per backend.
pub type Body = fn(&mut dyn Connection, Backend);

const PG_URL: &str = "postgres://root@127.0.0.1:5432/test";
const MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/test";

/// Expands one test body into `sqlite`, `postgres` and `mysql` tests in a module named after it.
macro_rules! backend_test {
    ($(#[doc = $doc:literal])* fn $name:ident($conn:ident, $backend:ident) $body:block) => {
        $(#[doc = $doc])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[allow(unused_variables)]
            fn body($conn: &mut dyn dovetail::Connection, $backend: dovetail::Backend) $body

            #[test]
            fn sqlite() {
                crate::harness::run_sqlite(body);
            }

            #[test]
            fn postgres() {
                crate::harness::run_postgres(stringify!($name), body);
            }

            #[test]
            fn mysql() {
                crate::harness::run_mysql(stringify!($name), body);
            }
        }
    };
}

pub(crate) use backend_test;

/// The PostgreSQL URL the tests use.
pub fn pg_url() -> String {
    std::env::var("DOVETAIL_PG_URL").unwrap_or_else(|_| PG_URL.into())
}

/// The MySQL URL the tests use.
pub fn mysql_url() -> String {
    std::env::var("DOVETAIL_MYSQL_URL").unwrap_or_else(|_| MYSQL_URL.into())
}

/// Runs `body` on a fresh in-memory SQLite database.
pub fn run_sqlite(body: Body) {
    let mut conn = dovetail::connect("sqlite::memory:").unwrap();
    body(&mut *conn, Backend::Sqlite);
}

/// Runs `body` in a fresh PostgreSQL schema, first on the connection's `search_path`.
pub fn run_postgres(test: &str, body: Body) {
    let url = pg_url();
    let Some(admin) = reach(&url, "PostgreSQL") else {
        return;
    };
    let schema = unique_name(test);
    let _scratch = Scratch::create(admin, "SCHEMA", &schema, " CASCADE");
    let mut conn = dovetail::connect(&url).unwrap();
    conn.batch_execute(&format!("SET search_path TO \"{schema}\""))
        .unwrap();
    body(&mut *conn, Backend::Postgres);
}

/// Runs `body` connected to a fresh MySQL database.
pub fn run_mysql(test: &str, body: Body) {
    let url = mysql_url();
    let Some(admin) = reach(&url, "MySQL") else {
        return;
    };
    let database = unique_name(test);
    let _scratch = Scratch::create(admin, "DATABASE", &database, "");
    let mut conn = dovetail::connect(&with_database(&url, &database)).unwrap();
    body(&mut *conn, Backend::MySql);
}

/// A connection to `url`, or `None` after a loud notice when the server is unreachable
/// (a failure instead when `CI=true`).
pub fn reach(url: &str, server: &str) -> Option<Box<dyn Connection>> {
    match dovetail::connect(url) {
        Ok(conn) => Some(conn),
        Err(error @ Error::Connect { .. }) => {
            if std::env::var("CI").is_ok_and(|ci| ci == "true") {
                panic!("{server} unreachable at {url} (CI=true, so this is a failure): {error}");
            }
            eprintln!("SKIPPED: {server} unreachable at {url}: {error}");
            None
        }
        Err(error) => panic!("cannot connect to {server} at {url}: {error}"),
    }
}

/// `url` pointing at `database` instead.
pub fn with_database(url: &str, database: &str) -> String {
    let mut url = url::Url::parse(url).unwrap();
    url.set_path(database);
    url.to_string()
}

/// A name no other test of any concurrent run uses: process id, counter and test name.
pub fn unique_name(test: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut name = format!("dovetail_{}_{n}_{test}", std::process::id());
    name.truncate(60);
    name
}

/// A schema or database created for one test and dropped, through its own connection, when
/// the test ends, whether it passed or panicked.
struct Scratch {
    admin: Box<dyn Connection>,
    drop_sql: String,
}

impl Scratch {
    fn create(mut admin: Box<dyn Connection>, kind: &str, name: &str, cascade: &str) -> Scratch {
        let quoted = quote(admin.dialect(), name);
        let charset = if kind == "DATABASE" {
            " CHARACTER SET utf8mb4"
        } else {
            ""
        };
        admin
            .batch_execute(&format!("CREATE {kind} {quoted}{charset}"))
            .unwrap();
        Scratch {
            admin,
            drop_sql: format!("DROP {kind} {quoted}{cascade}"),
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(error) = self.admin.batch_execute(&self.drop_sql) {
            eprintln!("cleanup `{}` failed: {error}", self.drop_sql);
        }
    }
}

/// `name` quoted for `dialect`, its quote character doubled.
pub fn quote(dialect: &dyn Dialect, name: &str) -> String {
    let q = dialect.identifier_quote();
    format!("{q}{}{q}", name.replace(q, &format!("{q}{q}")))
}

/// The value for `backend`.
pub fn pick<T>(backend: Backend, sqlite: T, postgres: T, mysql: T) -> T {
    match backend {
        Backend::Sqlite => sqlite,
        Backend::Postgres => postgres,
        Backend::MySql => mysql,
    }
}

/// The placeholders for parameters `1..=count` in the connection's dialect (`$1` or `?`).
pub fn placeholders(conn: &dyn Connection, count: usize) -> Vec<String> {
    (1..=count)
        .map(|i| {
            let mut out = String::new();
            conn.dialect().write_placeholder(&mut out, i);
            out
        })
        .collect()
}

/// Creates a fresh table `(id, v sql_type)`, inserts `values` with bound parameters (ids
/// counting from 0), and returns its name.
pub fn fill(conn: &mut dyn Connection, sql_type: &str, values: &[Value]) -> String {
    let table = unique_name("t");
    conn.batch_execute(&format!(
        "CREATE TABLE {table} (id INTEGER PRIMARY KEY, v {sql_type})"
    ))
    .unwrap();
    let [id, v] = <[String; 2]>::try_from(placeholders(conn, 2)).unwrap();
    let insert = format!("INSERT INTO {table} (id, v) VALUES ({id}, {v})");
    for (i, value) in values.iter().enumerate() {
        let params = [Value::I64(i as i64), value.clone()];
        let inserted = conn.execute_sql(&insert, &params);
        assert_eq!(
            inserted.unwrap_or_else(|e| panic!("storing {value:?} in {sql_type}: {e}")),
            1
        );
    }
    table
}

/// Stores `values` in a fresh column of `sql_type` and reads them back in order.
pub fn store(conn: &mut dyn Connection, sql_type: &str, values: &[Value]) -> Vec<Value> {
    let table = fill(conn, sql_type, values);
    let rows = conn
        .query_sql(&format!("SELECT v FROM {table} ORDER BY id"), &[])
        .unwrap();
    rows.into_iter()
        .map(|row| row.into_values().remove(0))
        .collect()
}
