//! A lock held by another connection past the wait allowed is the retryable `LockTimeout` on
//! every backend, and the same statement succeeds once the lock is released.

use dovetail::connection::{SqliteLocking, TransactionExt, TransactionOptions};
use dovetail::{Backend, Error};
use dovetail_tests::live::scratch_url;

use crate::harness::pick;

/// One connection holds a write lock on a row (SQLite: the database) while a second, which
/// waits at most about 100 ms (MySQL: 1 s, its smallest), writes the same row.
fn a_lock_held_past_the_wait_is_a_retryable_lock_timeout(backend: Backend) {
    let Some(scratch) = scratch_url("lock_timeout", backend) else {
        return;
    };
    let mut holder = dovetail::connect(&scratch.url).unwrap();
    let mut waiter = dovetail::connect(&scratch.url).unwrap();
    holder
        .batch_execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        .unwrap();
    holder
        .execute_sql("INSERT INTO counter (id, n) VALUES (1, 0)", &[])
        .unwrap();
    let wait = pick(
        backend,
        "PRAGMA busy_timeout = 100",
        "SET LOCAL lock_timeout = '100ms'",
        "SET SESSION innodb_lock_wait_timeout = 1",
    );
    let options = match backend {
        Backend::Sqlite => TransactionOptions::new().sqlite_locking(SqliteLocking::Immediate),
        _ => TransactionOptions::new(),
    };
    let update = "UPDATE counter SET n = n + 1 WHERE id = 1";
    let mut held = holder.begin_with(&options).unwrap();
    held.execute_sql(update, &[]).unwrap();

    // On PostgreSQL the wait is set for the transaction (`SET LOCAL`), which holds behind a
    // transaction pooler too.
    let error = match backend {
        Backend::Postgres => waiter
            .transaction(|tx| {
                tx.batch_execute(wait)?;
                tx.execute_sql(update, &[])
            })
            .unwrap_err(),
        _ => {
            waiter.batch_execute(wait).unwrap();
            waiter.execute_sql(update, &[]).unwrap_err()
        }
    };
    assert!(
        matches!(&error, Error::LockTimeout { backend: b, .. } if *b == backend),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert!(
        error.to_string().starts_with("lock wait timed out"),
        "{error}"
    );
    assert!(!waiter.is_broken());

    held.commit().unwrap();
    assert_eq!(waiter.execute_sql(update, &[]).unwrap(), 1);
    let n: i64 = waiter
        .query_sql("SELECT n FROM counter WHERE id = 1", &[])
        .unwrap()[0]
        .get(0)
        .unwrap();
    assert_eq!(n, 2);
}

#[test]
fn a_lock_held_past_the_wait_is_a_retryable_lock_timeout_on_sqlite() {
    a_lock_held_past_the_wait_is_a_retryable_lock_timeout(Backend::Sqlite);
}

#[test]
fn a_lock_held_past_the_wait_is_a_retryable_lock_timeout_on_postgres() {
    a_lock_held_past_the_wait_is_a_retryable_lock_timeout(Backend::Postgres);
}

#[test]
fn a_lock_held_past_the_wait_is_a_retryable_lock_timeout_on_mysql() {
    a_lock_held_past_the_wait_is_a_retryable_lock_timeout(Backend::MySql);
}
