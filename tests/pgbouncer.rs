//! A pgbouncer of the test's own in transaction mode (`pool_mode = transaction`), in front of
//! the PostgreSQL server the tests use: where each transaction — each statement, outside one —
//! may run on another server connection.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test plumbing fails loudly"
)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use crate::live::{Scratch, ci, pg_url, reach, unique_name, with_database};

/// A running pgbouncer (`scripts/pgbouncer`), stopped when dropped.
pub struct Pgbouncer {
    dir: PathBuf,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
}

impl Pgbouncer {
    /// Starts one with `server_connections` connections to the server per database and user;
    /// `None` (after a notice) where pgbouncer is not installed — a failure under `CI=true`.
    pub fn start(name: &str, server_connections: u32) -> Option<Pgbouncer> {
        let installed = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]
            .into_iter()
            .any(|path| std::path::Path::new(path).exists());
        if !installed {
            if ci() {
                panic!("pgbouncer is not installed (CI=true, so this is a failure)");
            }
            eprintln!("SKIPPED: pgbouncer is not installed");
            return None;
        }
        let server = url::Url::parse(&pg_url()).unwrap();
        let user = match server.username() {
            "" => "root",
            user => user,
        };
        let bouncer = Pgbouncer {
            dir: std::env::temp_dir().join(format!("{}-pgbouncer", unique_name(name))),
            port: free_port(),
        };
        let output = bouncer
            .script()
            .env(
                "PGBOUNCER_SERVER",
                format!(
                    "host={} port={}",
                    server.host_str().unwrap(),
                    server.port().unwrap_or(5432)
                ),
            )
            .env("PGBOUNCER_USER", user)
            .args([
                "start",
                &bouncer.port.to_string(),
                &server_connections.to_string(),
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "pgbouncer did not start: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(bouncer)
    }

    /// The URL of `database` through this pgbouncer, with `query` (`key=value&…`) appended.
    pub fn url(&self, database: &str, query: &str) -> String {
        let mut url = url::Url::parse(&pg_url()).unwrap();
        url.set_port(Some(self.port)).unwrap();
        url.set_path(database);
        url.set_query((!query.is_empty()).then_some(query));
        url.into()
    }

    /// `scripts/pgbouncer`, working in this pgbouncer's directory.
    fn script(&self) -> Command {
        let mut command =
            Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pgbouncer"));
        command.env("PGBOUNCER_DIR", &self.dir);
        command
    }
}

impl Drop for Pgbouncer {
    fn drop(&mut self) {
        let _ = self.script().arg("stop").status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A database of a test's own on the server, reached through a pgbouncer of its own (a
/// transaction pooler keeps no session's `search_path`, so the test gets a database rather than
/// a schema); both go when it is dropped.
pub struct PooledDatabase {
    /// The database's name.
    pub database: String,
    /// The pgbouncer in front of the server.
    pub bouncer: Pgbouncer,
    _scratch: Scratch,
}

impl PooledDatabase {
    /// Creates the database and starts the pgbouncer (with `server_connections` connections to
    /// the server); `None` where PostgreSQL is unreachable or pgbouncer missing, outside CI.
    pub fn new(test: &str, server_connections: u32) -> Option<PooledDatabase> {
        let admin = reach(&pg_url(), "PostgreSQL")?;
        let database = unique_name(test);
        let scratch = Scratch::create(admin, "DATABASE", &database, " WITH (FORCE)");
        let bouncer = Pgbouncer::start(test, server_connections)?;
        Some(PooledDatabase {
            database,
            bouncer,
            _scratch: scratch,
        })
    }

    /// The database's URL through pgbouncer, with `query` (`key=value&…`) appended.
    pub fn url(&self, query: &str) -> String {
        self.bouncer.url(&self.database, query)
    }

    /// The database's URL on the server itself.
    pub fn direct_url(&self) -> String {
        with_database(&pg_url(), &self.database)
    }
}
