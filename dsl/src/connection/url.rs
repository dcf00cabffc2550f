//! Connection URLs: which backend, and where.

use std::fmt;
use std::path::PathBuf;

use super::Connection;
use crate::error::{Error, Result};

const ACCEPTED: &str = "expected `sqlite::memory:`, `sqlite://relative/path.db`, \
     `sqlite:///absolute/path.db`, `postgres://…` (or `postgresql://…`) or `mysql://…` \
     (or `mariadb://…`)";

/// A parsed connection URL.
///
/// ```
/// use dovetail::connection::ConnectionUrl;
/// use std::path::PathBuf;
///
/// assert_eq!(ConnectionUrl::parse("sqlite::memory:").unwrap(), ConnectionUrl::SqliteMemory);
/// assert_eq!(
///     ConnectionUrl::parse("sqlite:///var/db/app.db").unwrap(),
///     ConnectionUrl::SqliteFile(PathBuf::from("/var/db/app.db")),
/// );
/// assert_eq!(
///     ConnectionUrl::parse("mariadb://root@localhost/shop").unwrap(),
///     ConnectionUrl::MySql("mysql://root@localhost/shop".into()),
/// );
/// assert!(ConnectionUrl::parse("oracle://scott:tiger@db").is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub enum ConnectionUrl {
    /// A private in-memory SQLite database (`sqlite::memory:`).
    SqliteMemory,
    /// A SQLite database file, relative (`sqlite://dir/app.db`) or absolute
    /// (`sqlite:///dir/app.db`).
    SqliteFile(PathBuf),
    /// A `postgres://` or `postgresql://` URL, as the driver takes it.
    Postgres(String),
    /// A `mysql://` URL (a `mariadb://` one is rewritten to `mysql://`).
    MySql(String),
}

impl ConnectionUrl {
    /// Recognises the backend of `url`; the driver checks the rest when connecting.
    ///
    /// An unknown scheme is [`Error::InvalidUrl`], with any password replaced by `***`.
    pub fn parse(url: &str) -> Result<ConnectionUrl> {
        if url == "sqlite::memory:" {
            return Ok(ConnectionUrl::SqliteMemory);
        }
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| invalid(url, ACCEPTED))?;
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" if rest.is_empty() => Err(invalid(url, "the SQLite file path is missing")),
            "sqlite" => Ok(ConnectionUrl::SqliteFile(PathBuf::from(rest))),
            "postgres" | "postgresql" => Ok(ConnectionUrl::Postgres(url.to_owned())),
            "mysql" | "mariadb" => Ok(ConnectionUrl::MySql(format!("mysql://{rest}"))),
            _ => Err(invalid(url, ACCEPTED)),
        }
    }
}

impl fmt::Debug for ConnectionUrl {
    /// Like the URL, with the password hidden.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectionUrl::SqliteMemory => f.write_str("SqliteMemory"),
            ConnectionUrl::SqliteFile(path) => f.debug_tuple("SqliteFile").field(path).finish(),
            ConnectionUrl::Postgres(url) => f.debug_tuple("Postgres").field(&redact(url)).finish(),
            ConnectionUrl::MySql(url) => f.debug_tuple("MySql").field(&redact(url)).finish(),
        }
    }
}

/// [`Error::InvalidUrl`] for `url`, password hidden.
pub(crate) fn invalid(url: &str, reason: impl Into<String>) -> Error {
    Error::InvalidUrl {
        url: redact(url),
        reason: reason.into(),
    }
}

/// `url` with the password of its `user:password@` part replaced by `***`.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Opens a connection to the database `url` names.
///
/// ```
/// let mut conn = dovetail::connect("sqlite::memory:")?;
/// assert_eq!(conn.backend(), dovetail::Backend::Sqlite);
/// # Ok::<(), dovetail::Error>(())
/// ```
pub fn connect(url: &str) -> Result<Box<dyn Connection>> {
    match ConnectionUrl::parse(url)? {
        ConnectionUrl::SqliteMemory => open_sqlite(url, None),
        ConnectionUrl::SqliteFile(path) => open_sqlite(url, Some(path)),
        ConnectionUrl::Postgres(pg) => open_postgres(&pg),
        ConnectionUrl::MySql(my) => open_mysql(&my),
    }
}

#[cfg(feature = "sqlite")]
fn open_sqlite(_url: &str, path: Option<PathBuf>) -> Result<Box<dyn Connection>> {
    use super::sqlite::SqliteConnection;
    Ok(Box::new(match path {
        Some(path) => SqliteConnection::open(path)?,
        None => SqliteConnection::open_in_memory()?,
    }))
}

#[cfg(feature = "postgres")]
fn open_postgres(url: &str) -> Result<Box<dyn Connection>> {
    Ok(Box::new(super::postgres::PostgresConnection::connect(url)?))
}

#[cfg(feature = "mysql")]
fn open_mysql(url: &str) -> Result<Box<dyn Connection>> {
    Ok(Box::new(super::mysql::MySqlConnection::connect(url)?))
}

#[cfg(not(feature = "sqlite"))]
fn open_sqlite(url: &str, _path: Option<PathBuf>) -> Result<Box<dyn Connection>> {
    Err(feature_off(url, "SQLite", "sqlite"))
}

#[cfg(not(feature = "postgres"))]
fn open_postgres(url: &str) -> Result<Box<dyn Connection>> {
    Err(feature_off(url, "PostgreSQL", "postgres"))
}

#[cfg(not(feature = "mysql"))]
fn open_mysql(url: &str) -> Result<Box<dyn Connection>> {
    Err(feature_off(url, "MySQL", "mysql"))
}

#[cfg(not(all(feature = "sqlite", feature = "postgres", feature = "mysql")))]
fn feature_off(url: &str, backend: &str, feature: &str) -> Error {
    invalid(
        url,
        format!("{backend} support is not compiled in: enable the `{feature}` feature of dovetail"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(url: &str) -> (String, String) {
        match ConnectionUrl::parse(url) {
            Err(Error::InvalidUrl { url, reason }) => (url, reason),
            other => panic!("expected InvalidUrl, got {other:?}"),
        }
    }

    #[test]
    fn sqlite_urls() {
        assert_eq!(
            ConnectionUrl::parse("sqlite::memory:").ok(),
            Some(ConnectionUrl::SqliteMemory)
        );
        let relative = ConnectionUrl::parse("sqlite://data/app.db").ok();
        assert_eq!(
            relative,
            Some(ConnectionUrl::SqliteFile("data/app.db".into()))
        );
        let absolute = ConnectionUrl::parse("sqlite:///tmp/app.db").ok();
        assert_eq!(
            absolute,
            Some(ConnectionUrl::SqliteFile("/tmp/app.db".into()))
        );
        assert!(reason("sqlite://").1.contains("path is missing"));
    }

    #[test]
    fn server_urls_keep_their_text() {
        for scheme in ["postgres", "postgresql"] {
            let url = format!("{scheme}://u:p@h:5432/db?sslmode=disable");
            assert_eq!(
                ConnectionUrl::parse(&url).ok(),
                Some(ConnectionUrl::Postgres(url))
            );
        }
        for scheme in ["mysql", "mariadb", "MariaDB"] {
            let parsed = ConnectionUrl::parse(&format!("{scheme}://u:p@h/db")).ok();
            assert_eq!(
                parsed,
                Some(ConnectionUrl::MySql("mysql://u:p@h/db".into()))
            );
        }
    }

    #[test]
    fn unknown_schemes_are_rejected_with_the_password_hidden() {
        let (url, why) = reason("oracle://scott:tiger@db:1521/orcl");
        assert_eq!(url, "oracle://scott:***@db:1521/orcl");
        assert!(
            why.contains("postgres://") && why.contains("sqlite::memory:"),
            "{why}"
        );
        assert_eq!(reason("localhost:5432").0, "localhost:5432");
        assert_eq!(reason("http://a:b:c@host").0, "http://a:***@host");
    }

    #[test]
    fn redaction_leaves_urls_without_password_alone() {
        assert_eq!(
            redact("postgres://root@127.0.0.1/test"),
            "postgres://root@127.0.0.1/test"
        );
        assert_eq!(
            redact("mysql://u:secret@h/db?x=@"),
            "mysql://u:***@h/db?x=@"
        );
        let debug = format!(
            "{:?}",
            ConnectionUrl::Postgres("postgres://u:secret@h/db".into())
        );
        assert_eq!(debug, r#"Postgres("postgres://u:***@h/db")"#);
    }
}
