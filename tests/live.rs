//! Live-server plumbing for tests: the servers' URLs, skipping (or, under `CI=true`, failing)
//! when one is unreachable, unique scratch names, and scratch namespaces dropped when a test
//! ends, whether it passed or panicked.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test plumbing fails loudly"
)]

use std::sync::atomic::{AtomicUsize, Ordering};

use dovetail::render::Dialect;
use dovetail::{Backend, Connection, Error};

/// A test body, run once per backend.
pub type Body = fn(&mut dyn Connection, Backend);

const PG_URL: &str = "postgres://root@127.0.0.1:5432/test";
const MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/test";

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

/// Runs `body` in a fresh PostgreSQL schema, first on the connection's `search_path` — or,
/// behind a transaction pooler ([`pg_pooled`]), which keeps no session's `search_path`, in a
/// fresh database.
pub fn run_postgres(test: &str, body: Body) {
    let url = pg_url();
    let Some(admin) = reach(&url, "PostgreSQL") else {
        return;
    };
    let name = unique_name(test);
    if pg_pooled() {
        let _scratch = Scratch::create(admin, "DATABASE", &name, " WITH (FORCE)");
        let mut conn = dovetail::connect(&with_database(&url, &name)).unwrap();
        return body(&mut *conn, Backend::Postgres);
    }
    let _scratch = Scratch::create(admin, "SCHEMA", &name, " CASCADE");
    let mut conn = dovetail::connect(&url).unwrap();
    conn.batch_execute(&format!("SET search_path TO \"{name}\""))
        .unwrap();
    body(&mut *conn, Backend::Postgres);
}

/// Whether `DOVETAIL_PG_URL` reaches PostgreSQL through a transaction pooler
/// (`DOVETAIL_PG_POOLED=1`): each test then gets a database of its own rather than a schema.
pub fn pg_pooled() -> bool {
    std::env::var("DOVETAIL_PG_POOLED").is_ok_and(|pooled| pooled == "1")
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

/// The scratch namespace `conn` works in: its PostgreSQL schema or MySQL database (`None` on
/// SQLite, whose test databases have no name).
pub fn namespace(conn: &mut dyn Connection) -> Option<String> {
    let sql = match conn.backend() {
        Backend::Postgres if pg_pooled() => "SELECT current_database()::text",
        Backend::Postgres => "SELECT current_schema()::text",
        Backend::MySql => "SELECT DATABASE()",
        Backend::Sqlite => return None,
    };
    Some(conn.query_sql(sql, &[]).unwrap()[0].get(0).unwrap())
}

/// Another connection to the PostgreSQL or MySQL scratch namespace `conn` works in.
pub fn reconnect(conn: &mut dyn Connection) -> Box<dyn Connection> {
    let name = namespace(conn).expect("a server-side scratch namespace");
    match conn.backend() {
        Backend::Postgres if pg_pooled() => {
            dovetail::connect(&with_database(&pg_url(), &name)).unwrap()
        }
        Backend::Postgres => {
            let mut other = dovetail::connect(&pg_url()).unwrap();
            other
                .batch_execute(&format!(
                    "SET search_path TO {}",
                    quote(other.dialect(), &name)
                ))
                .unwrap();
            other
        }
        _ => dovetail::connect(&with_database(&mysql_url(), &name)).unwrap(),
    }
}

/// A URL of a scratch namespace of its own for `test`, for code that opens its own
/// connections (pools, the CLI): a PostgreSQL schema (set as the `search_path` in the URL), a
/// MySQL database, or a SQLite file; dropped or deleted when the guard is. `None` when the
/// server is unreachable (see [`reach`]).
pub fn scratch_url(test: &str, backend: Backend) -> Option<ScratchUrl> {
    let name = unique_name(test);
    let (url, scratch, file) = match backend {
        Backend::Postgres if pg_pooled() => {
            let admin = reach(&pg_url(), "PostgreSQL")?;
            let scratch = Scratch::create(admin, "DATABASE", &name, " WITH (FORCE)");
            (with_database(&pg_url(), &name), Some(scratch), None)
        }
        Backend::Postgres => {
            let admin = reach(&pg_url(), "PostgreSQL")?;
            let scratch = Scratch::create(admin, "SCHEMA", &name, " CASCADE");
            let separator = if pg_url().contains('?') { '&' } else { '?' };
            let url = format!("{}{separator}options=-csearch_path%3D{name}", pg_url());
            (url, Some(scratch), None)
        }
        Backend::MySql => {
            let admin = reach(&mysql_url(), "MySQL")?;
            let scratch = Scratch::create(admin, "DATABASE", &name, "");
            (with_database(&mysql_url(), &name), Some(scratch), None)
        }
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            (format!("sqlite://{}", path.display()), None, Some(path))
        }
    };
    Some(ScratchUrl {
        url,
        namespace: name,
        _scratch: scratch,
        file,
    })
}

/// A scratch namespace's URL; see [`scratch_url`].
pub struct ScratchUrl {
    /// The URL to connect to.
    pub url: String,
    /// The schema, database or file stem.
    pub namespace: String,
    _scratch: Option<Scratch>,
    file: Option<std::path::PathBuf>,
}

impl Drop for ScratchUrl {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            let _ = std::fs::remove_file(file);
        }
    }
}

/// A connection to `url`, or `None` after a loud notice when the server is unreachable
/// (a failure instead when `CI=true`).
pub fn reach(url: &str, server: &str) -> Option<Box<dyn Connection>> {
    match dovetail::connect(url) {
        Ok(conn) => Some(conn),
        Err(error @ Error::Connect { .. }) => {
            if ci() {
                panic!("{server} unreachable at {url} (CI=true, so this is a failure): {error}");
            }
            eprintln!("SKIPPED: {server} unreachable at {url}: {error}");
            None
        }
        Err(error) => panic!("cannot connect to {server} at {url}: {error}"),
    }
}

/// Whether this run is CI's (`CI=true`), where a server or tool the tests need must be there.
pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|ci| ci == "true")
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
pub struct Scratch {
    admin: Box<dyn Connection>,
    drop_sql: String,
}

impl Scratch {
    /// Creates the scratch `kind` (`SCHEMA` or `DATABASE`) called `name`; `cascade` ends the
    /// `DROP` statement.
    pub fn create(
        mut admin: Box<dyn Connection>,
        kind: &str,
        name: &str,
        cascade: &str,
    ) -> Scratch {
        let quoted = quote(admin.dialect(), name);
        let charset = if kind == "DATABASE" && admin.backend() == Backend::MySql {
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
