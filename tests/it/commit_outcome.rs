//! A connection lost during COMMIT is `CommitOutcomeUnknown`, not a retryable lost connection:
//! the server may have committed. Tested through a TCP proxy that cuts the connection when the
//! client sends COMMIT (PostgreSQL and MySQL; SQLite runs in-process and cannot lose it).

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::thread;

use dovetail::connection::TransactionExt;
use dovetail::{Backend, Error};
use dovetail_tests::live::scratch_url;

/// Forwards connections to `upstream` (host:port) until the client sends `COMMIT`, then closes
/// both sides without passing it on. Returns the port it listens on.
fn cutting_proxy(upstream: String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { return };
            let server = TcpStream::connect(&upstream).unwrap();
            let (mut from_client, mut to_server) =
                (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut from_server, mut to_client) = (server, client);
            thread::spawn(move || {
                let mut buffer = [0_u8; 16 * 1024];
                loop {
                    let read = match from_client.read(&mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(read) => read,
                    };
                    let chunk = &buffer[..read];
                    if chunk.windows(6).any(|window| window == b"COMMIT") {
                        break;
                    }
                    if to_server.write_all(chunk).is_err() {
                        break;
                    }
                }
                let _ = from_client.shutdown(Shutdown::Both);
                let _ = to_server.shutdown(Shutdown::Both);
            });
            thread::spawn(move || {
                let _ = std::io::copy(&mut from_server, &mut to_client);
                let _ = to_client.shutdown(Shutdown::Both);
            });
        }
    });
    port
}

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
        let mut url = url::Url::parse(&scratch.url).unwrap();
        let upstream = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
        url.set_port(Some(cutting_proxy(upstream))).unwrap();
        if backend == Backend::MySql {
            // Otherwise the driver moves to the server's Unix socket, around the proxy.
            url.query_pairs_mut().append_pair("prefer_socket", "false");
        }
        let mut conn = dovetail::connect(url.as_str()).unwrap();

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
