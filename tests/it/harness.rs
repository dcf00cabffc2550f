//! Runs one test body on each backend, each in a scratch namespace of its own (see
//! [`dovetail_tests::live`]).

use dovetail::value::Value;
use dovetail::{Backend, Connection};
pub use dovetail_tests::live::{
    mysql_url, pg_url, quote, reach, run_mysql, run_postgres, run_sqlite, unique_name,
    with_database,
};

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
                dovetail_tests::live::run_sqlite(body);
            }

            #[test]
            fn postgres() {
                dovetail_tests::live::run_postgres(stringify!($name), body);
            }

            #[test]
            fn mysql() {
                dovetail_tests::live::run_mysql(stringify!($name), body);
            }
        }
    };
}

pub(crate) use backend_test;

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
