//! Transactions on every backend: closure and guard forms, savepoints, panics, options.

use dovetail::connection::{IsolationLevel, SqliteLocking, TransactionExt, TransactionOptions};
use dovetail::{Backend, Connection, Error};

use crate::harness::backend_test;

fn ids(conn: &mut dyn Connection) -> Vec<i64> {
    conn.query_sql("SELECT id FROM item ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0).unwrap())
        .collect()
}

fn insert(conn: &mut dyn Connection, id: i64) -> dovetail::Result<u64> {
    let sql = match conn.backend() {
        Backend::Postgres => "INSERT INTO item (id) VALUES ($1)",
        _ => "INSERT INTO item (id) VALUES (?)",
    };
    conn.execute_sql(sql, &[id.into()])
}

fn setup(conn: &mut dyn Connection) {
    conn.batch_execute("CREATE TABLE item (id INTEGER PRIMARY KEY)")
        .unwrap();
}

backend_test! {
    fn closure_commits_on_ok_and_rolls_back_on_err(conn, backend) {
        setup(conn);
        let value = conn.transaction(|tx| {
            insert(tx, 1)?;
            Ok::<_, Error>("done")
        });
        assert_eq!(value.unwrap(), "done");
        let failed: Result<(), Error> = conn.transaction(|tx| {
            insert(tx, 2)?;
            insert(tx, 1)?; // duplicate: fails, and so does the whole transaction
            Ok(())
        });
        assert!(matches!(failed, Err(Error::UniqueViolation(_))), "{failed:?}");
        assert_eq!(ids(conn), vec![1]);
        assert_eq!(conn.transaction_depth(), 0);
    }
}

backend_test! {
    fn a_failed_inner_transaction_rolls_back_only_its_savepoint(conn, backend) {
        setup(conn);
        conn.transaction(|tx| {
            insert(tx, 1)?;
            let inner: Result<(), Error> = tx.transaction(|tx| {
                assert_eq!(tx.transaction_depth(), 2);
                insert(tx, 2)?;
                insert(tx, 1)?;
                Ok(())
            });
            assert!(matches!(inner, Err(Error::UniqueViolation(_))), "{inner:?}");
            // The outer transaction goes on (on PostgreSQL too: the savepoint cleared the error).
            insert(tx, 3)?;
            tx.transaction(|tx| insert(tx, 4))?;
            Ok::<_, Error>(())
        })
        .unwrap();
        assert_eq!(ids(conn), vec![1, 3, 4]);
    }
}

backend_test! {
    fn a_failure_in_the_outer_transaction_leaves_no_row(conn, backend) {
        setup(conn);
        let failed: Result<(), Error> = conn.transaction(|tx| {
            insert(tx, 1)?;
            tx.transaction(|tx| insert(tx, 2))?;
            Err(Error::InvalidStatement("the caller changed its mind".into()))
        });
        assert!(failed.is_err());
        assert_eq!(ids(conn), Vec::<i64>::new());
        assert_eq!(conn.transaction_depth(), 0);
    }
}

backend_test! {
    fn a_panic_rolls_back_and_goes_on_unwinding(conn, backend) {
        setup(conn);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _: Result<(), Error> = conn.transaction(|tx| {
                insert(tx, 1)?;
                tx.transaction(|tx| {
                    insert(tx, 2)?;
                    panic!("boom");
                })
            });
        }));
        assert!(outcome.is_err(), "the panic reaches the caller");
        assert_eq!(conn.transaction_depth(), 0);
        assert_eq!(ids(conn), Vec::<i64>::new());
        // The connection is usable afterwards.
        insert(conn, 5).unwrap();
        assert_eq!(ids(conn), vec![5]);
    }
}

backend_test! {
    fn guards_commit_or_roll_back_when_dropped(conn, backend) {
        setup(conn);
        let mut tx = conn.begin().unwrap();
        insert(&mut *tx, 1).unwrap();
        {
            let mut inner = tx.begin().unwrap();
            insert(&mut *inner, 2).unwrap();
            // dropped: back to the savepoint
        }
        {
            let mut inner = tx.begin().unwrap();
            insert(&mut *inner, 3).unwrap();
            inner.commit().unwrap();
        }
        tx.commit().unwrap();
        assert_eq!(ids(conn), vec![1, 3]);

        let mut tx = conn.begin().unwrap();
        insert(&mut *tx, 4).unwrap();
        tx.rollback().unwrap();
        {
            let mut tx = conn.begin().unwrap();
            insert(&mut *tx, 5).unwrap();
        }
        assert_eq!(ids(conn), vec![1, 3]);
        assert_eq!(conn.transaction_depth(), 0);
    }
}

backend_test! {
    fn options_apply_where_the_backend_has_them(conn, backend) {
        setup(conn);
        for level in [
            IsolationLevel::ReadCommitted,
            IsolationLevel::RepeatableRead,
            IsolationLevel::Serializable,
        ] {
            let options = TransactionOptions::new().isolation(level);
            conn.transaction_with(&options, |tx| insert(tx, 0).map(drop))
                .unwrap();
            conn.execute_sql("DELETE FROM item", &[]).unwrap();
        }
        let read_only = TransactionOptions::new().read_only();
        let write = conn.transaction_with(&read_only, |tx| insert(tx, 1));
        match backend {
            // A write in a read-only transaction is refused by the server.
            Backend::Postgres | Backend::MySql => assert!(matches!(write, Err(Error::Driver { .. })), "{write:?}"),
            Backend::Sqlite => assert!(matches!(write, Err(Error::Unsupported { .. })), "{write:?}"),
        }
        let locking = TransactionOptions::new().sqlite_locking(SqliteLocking::Immediate);
        let outcome = conn.transaction_with(&locking, |tx| insert(tx, 2));
        match backend {
            Backend::Sqlite => assert_eq!(outcome.unwrap(), 1),
            _ => assert!(matches!(outcome, Err(Error::Unsupported { .. })), "{outcome:?}"),
        }
        // Options belong to the outermost transaction.
        let nested: Result<(), Error> = conn.transaction(|tx| {
            tx.transaction_with(&TransactionOptions::new().isolation(IsolationLevel::Serializable), |_| Ok(()))
        });
        assert!(matches!(nested, Err(Error::Transaction(_))), "{nested:?}");
        assert_eq!(conn.transaction_depth(), 0);
    }
}

/// Two transactions at SERIALIZABLE that read and write each other's rows: one of them fails
/// with the retryable `SerializationFailure` (PostgreSQL's SSI).
#[test]
fn serializable_conflicts_are_retryable_on_postgres() {
    dovetail_tests::live::run_postgres("serializable", |conn, _| {
        setup(conn);
        let (mut a, mut b) = (
            dovetail_tests::live::reconnect(conn),
            dovetail_tests::live::reconnect(conn),
        );
        let serializable = TransactionOptions::new().isolation(IsolationLevel::Serializable);
        let mut ta = a.begin_with(&serializable).unwrap();
        let mut tb = b.begin_with(&serializable).unwrap();
        ta.query_sql("SELECT COUNT(*) FROM item", &[]).unwrap();
        tb.query_sql("SELECT COUNT(*) FROM item", &[]).unwrap();
        insert(&mut **ta, 1).unwrap();
        insert(&mut **tb, 2).unwrap();
        ta.commit().unwrap();
        let error = tb.commit().unwrap_err();
        assert!(
            matches!(error, Error::SerializationFailure { .. }),
            "{error}"
        );
        assert!(error.is_retryable());
        assert_eq!(b.transaction_depth(), 0);
    });
}
