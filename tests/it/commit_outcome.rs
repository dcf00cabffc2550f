//! A connection lost during COMMIT is `CommitOutcomeUnknown`, not a retryable lost connection:
//! the server may have committed. Tested through a TCP proxy that cuts the connection when the
//! client sends COMMIT (PostgreSQL and MySQL; SQLite runs in-process and cannot lose it).

use dovetail::connection::TransactionExt;
use dovetail::{Backend, Error};
use dovetail_tests::live::scratch_url;
use dovetail_tests::proxy;

#[test]
fn a_connection_lost_during_commit_is_commit_outcome_unknown() {
    for backend in [Backend::Postgres, Backend::MySql] {
        let Some(scratch) = scratch_url("commit_outcome", backend) else {
            continue;
        };
        let mut direct = dovetail::connect(&scratch.url).unwrap();
        direct
            .batch_execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY)")
            .unwrap();
        let url = proxy::through(&scratch.url, proxy::cutting_at_commit(&scratch.url));
        let mut conn = dovetail::connect(&url).unwrap();

        let outcome = conn.transaction(|tx| tx.execute_sql("INSERT INTO ledger VALUES (1)", &[]));
        match &outcome {
            Err(
                error @ Error::CommitOutcomeUnknown {
                    backend: reported, ..
                },
            ) => {
                assert_eq!(*reported, backend);
                assert!(!error.is_retryable(), "{backend}: retrying may do it twice");
                assert!(
                    error
                        .to_string()
                        .contains("may or may not have been committed"),
                    "{error}"
                );
            }
            other => panic!("{backend}: expected CommitOutcomeUnknown, got {other:?}"),
        }
        assert!(conn.is_broken(), "{backend}");
        assert_eq!(conn.transaction_depth(), 0);
        // Afterwards the connection is known lost: a second COMMIT is never sent.
        let after = conn.transaction(|tx| tx.execute_sql("SELECT 1", &[]));
        assert!(
            matches!(after, Err(Error::ConnectionLost { .. })),
            "{backend}: {after:?}"
        );
        // Here COMMIT never reached the server: nothing was written.
        let rows = direct.query_sql("SELECT id FROM ledger", &[]).unwrap();
        assert!(rows.is_empty(), "{backend}: {rows:?}");
    }
}
