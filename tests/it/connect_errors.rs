//! Connection failures are typed: a bad URL, an unreachable server, a missing database.

use dovetail::{Backend, Error};

use crate::harness::{mysql_url, pg_url, reach, with_database};

fn connect_error(url: &str) -> (Backend, String) {
    match dovetail::connect(url) {
        Err(Error::Connect {
            backend, message, ..
        }) => (backend, message),
        Err(other) => panic!("expected a connect error for {url}, got {other}"),
        Ok(_) => panic!("expected a connect error for {url}, got a connection"),
    }
}

#[test]
fn an_unknown_scheme_is_an_invalid_url_with_the_password_hidden() {
    match dovetail::connect("oracle://scott:tiger@localhost/orcl") {
        Err(Error::InvalidUrl { url, reason }) => {
            assert_eq!(url, "oracle://scott:***@localhost/orcl");
            assert!(reason.contains("mysql://"), "{reason}");
        }
        Err(other) => panic!("expected InvalidUrl, got {other}"),
        Ok(_) => panic!("expected InvalidUrl, got a connection"),
    }
}

#[test]
fn a_refused_postgres_port_is_a_connect_error() {
    let (backend, message) = connect_error("postgres://root@127.0.0.1:1/x");
    assert_eq!(backend, Backend::Postgres);
    assert!(message.contains("refused"), "{message}");
}

#[test]
fn a_refused_mysql_port_is_a_connect_error() {
    let (backend, message) = connect_error("mysql://root@127.0.0.1:1/x");
    assert_eq!(backend, Backend::MySql);
    assert!(message.contains("refused"), "{message}");
}

#[test]
fn a_sqlite_file_in_a_missing_directory_is_a_connect_error() {
    let (backend, message) = connect_error("sqlite:///nonexistent-dovetail-dir/sub/app.db");
    assert_eq!(backend, Backend::Sqlite);
    assert_eq!(
        message,
        "cannot open `/nonexistent-dovetail-dir/sub/app.db`: directory `/nonexistent-dovetail-dir/sub` does not exist"
    );
}

#[test]
fn a_sqlite_file_keeps_its_data_between_connections() {
    let dir = std::env::temp_dir().join(crate::harness::unique_name("sqlite_file"));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("app.db").display());
    dovetail::connect(&url)
        .unwrap()
        .batch_execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42)")
        .unwrap();
    let rows = dovetail::connect(&url)
        .unwrap()
        .query_sql("SELECT x FROM t", &[])
        .unwrap();
    assert_eq!(rows[0].get::<i64>(0).unwrap(), 42);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_postgres_database_is_a_connect_error() {
    let url = pg_url();
    if reach(&url, "PostgreSQL").is_none() {
        return;
    }
    let (backend, message) = connect_error(&with_database(&url, "dovetail_no_such_database"));
    assert_eq!(backend, Backend::Postgres);
    assert!(
        message.contains("database \"dovetail_no_such_database\" does not exist"),
        "{message}"
    );
}

#[test]
fn a_missing_mysql_database_is_a_connect_error() {
    let url = mysql_url();
    if reach(&url, "MySQL").is_none() {
        return;
    }
    let (backend, message) = connect_error(&with_database(&url, "dovetail_no_such_database"));
    assert_eq!(backend, Backend::MySql);
    assert!(
        message.contains("Unknown database 'dovetail_no_such_database'"),
        "{message}"
    );
}
