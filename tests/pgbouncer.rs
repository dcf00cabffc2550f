//! A pgbouncer of the test's own in transaction mode (`pool_mode = transaction`), in front of
//! the PostgreSQL server the tests use: where each transaction — each statement, outside one —
//! may run on another server connection.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test plumbing fails loudly"
)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::live::{Scratch, ci, pg_url, reach, unique_name, with_database};

/// A running pgbouncer, stopped when dropped.
pub struct Pgbouncer {
    child: Child,
    dir: PathBuf,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
}

impl Pgbouncer {
    /// Starts one with `server_connections` connections to the server per database and user;
    /// `None` (after a notice) where pgbouncer is not installed — a failure under `CI=true`.
    pub fn start(name: &str, server_connections: u32) -> Option<Pgbouncer> {
        let Some(binary) = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]
            .into_iter()
            .find(|path| std::path::Path::new(path).exists())
        else {
            if ci() {
                panic!("pgbouncer is not installed (CI=true, so this is a failure)");
            }
            eprintln!("SKIPPED: pgbouncer is not installed");
            return None;
        };
        let server = url::Url::parse(&pg_url()).unwrap();
        let port = free_port();
        let dir =
            std::env::temp_dir().join(format!("{}-pgbouncer", crate::live::unique_name(name)));
        std::fs::create_dir_all(&dir).unwrap();
        let user = match server.username() {
            "" => "root",
            user => user,
        };
        std::fs::write(dir.join("users.txt"), format!("\"{user}\" \"\"\n")).unwrap();
        let config = format!(
            "[databases]\n* = host={host} port={server_port}\n\
             [pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n\
             auth_type = trust\nauth_file = {dir}/users.txt\npool_mode = transaction\n\
             default_pool_size = {server_connections}\nmax_client_conn = 500\n\
             logfile = {dir}/pgbouncer.log\npidfile = {dir}/pgbouncer.pid\n",
            host = server.host_str().unwrap(),
            server_port = server.port().unwrap_or(5432),
            dir = dir.display(),
        );
        std::fs::write(dir.join("pgbouncer.ini"), config).unwrap();
        // pgbouncer refuses to run as root.
        let mut command = match is_root() {
            true => {
                make_readable(&dir);
                let mut command = Command::new("runuser");
                command.args(["-u", "postgres", "--", binary]);
                command
            }
            false => Command::new(binary),
        };
        let child = command
            .arg(dir.join("pgbouncer.ini"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let bouncer = Pgbouncer { child, dir, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "pgbouncer did not start: {}",
                std::fs::read_to_string(bouncer.dir.join("pgbouncer.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
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
}

impl Drop for Pgbouncer {
    fn drop(&mut self) {
        // Stopped through its pid file: `runuser` does not pass a kill on.
        if let Ok(pid) = std::fs::read_to_string(self.dir.join("pgbouncer.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
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

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// Lets the `postgres` user read the configuration and write its log and pid file there.
fn make_readable(dir: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
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
