//! A PostgreSQL primary with a synchronous streaming replica of a test's own
//! (`scripts/pg-replica`), to crash the primary and promote the replica.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test plumbing fails loudly"
)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use crate::live::{ci, unique_name};

/// A primary and its replica, stopped and deleted when dropped.
pub struct Replicated {
    dir: PathBuf,
    /// The primary's `test` database.
    pub primary: String,
    /// The replica's `test` database.
    pub replica: String,
}

impl Replicated {
    /// Starts both, or `None` (after a notice) where PostgreSQL's server programs are not
    /// installed — a failure under `CI=true`.
    pub fn start(test: &str) -> Option<Replicated> {
        if !std::path::Path::new("/usr/lib/postgresql").exists() {
            if ci() {
                panic!("PostgreSQL's server programs are not installed (CI=true)");
            }
            eprintln!("SKIPPED: no PostgreSQL server programs to make a replica with");
            return None;
        }
        let dir = std::env::temp_dir().join(unique_name(test));
        let port = free_port_pair();
        let output = Command::new(script())
            .args(["start", &dir.display().to_string(), &port.to_string()])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "scripts/pg-replica start failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let urls = String::from_utf8(output.stdout).unwrap();
        let [primary, replica] = <[&str; 2]>::try_from(urls.split_whitespace().collect::<Vec<_>>())
            .unwrap()
            .map(str::to_owned);
        Some(Replicated {
            dir,
            primary,
            replica,
        })
    }

    /// One URL naming both, for the session that accepts writes
    /// (`target_session_attrs=read-write`).
    pub fn writable_url(&self) -> String {
        let host = |url: &str| {
            let url = url::Url::parse(url).unwrap();
            format!("{}:{}", url.host_str().unwrap(), url.port().unwrap())
        };
        format!(
            "postgres://root@{},{}/test?target_session_attrs=read-write",
            host(&self.primary),
            host(&self.replica)
        )
    }

    /// Stops the primary at once, as a crash would.
    pub fn crash_primary(&self) {
        self.run(&["crash"]);
    }

    /// Makes the replica the primary.
    pub fn promote_replica(&self) {
        self.run(&["promote"]);
    }

    fn run(&self, args: &[&str]) {
        let status = Command::new(script())
            .args(args)
            .arg(&self.dir)
            .status()
            .unwrap();
        assert!(status.success(), "scripts/pg-replica {args:?} failed");
    }
}

impl Drop for Replicated {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.dir).status();
    }
}

fn script() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pg-replica")
}

/// A port whose next one is free as well.
fn free_port_pair() -> u16 {
    loop {
        let first = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = first.local_addr().unwrap().port();
        if port < u16::MAX && TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
}
