//! Connection URLs: which backend, and where.

use std::fmt;
use std::path::PathBuf;

use super::Connection;
use crate::error::{Backend, Error, Result};

/// The backends whose drivers this build has: one per enabled feature (`sqlite`, `postgres`,
/// `mysql`).
pub(crate) const COMPILED: &[Backend] = &[
    #[cfg(feature = "sqlite")]
    Backend::Sqlite,
    #[cfg(feature = "postgres")]
    Backend::Postgres,
    #[cfg(feature = "mysql")]
    Backend::MySql,
];

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
///
/// A URL of a backend whose feature is off (`sqlite`, `postgres`, `mysql`) is refused as well,
/// naming the feature, so that neither [`connect`] nor a pool waits for a connection that
/// cannot be made.
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
    /// An unknown scheme, or one whose backend is not compiled in, is [`Error::InvalidUrl`],
    /// with any password replaced by `***`.
    pub fn parse(url: &str) -> Result<ConnectionUrl> {
        ConnectionUrl::parse_among(url, COMPILED)
    }

    /// [`ConnectionUrl::parse`] in a build whose compiled-in backends are `compiled`.
    pub(crate) fn parse_among(url: &str, compiled: &[Backend]) -> Result<ConnectionUrl> {
        let parsed = ConnectionUrl::recognise(url)?;
        match compiled.contains(&parsed.backend()) {
            true => Ok(parsed),
            false => Err(not_compiled(url, parsed.backend())),
        }
    }

    /// The backend this URL is for.
    ///
    /// ```
    /// use dovetail::Backend;
    /// use dovetail::connection::ConnectionUrl;
    ///
    /// let url = ConnectionUrl::parse("sqlite::memory:")?;
    /// assert_eq!(url.backend(), Backend::Sqlite);
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    pub fn backend(&self) -> Backend {
        match self {
            ConnectionUrl::SqliteMemory | ConnectionUrl::SqliteFile(_) => Backend::Sqlite,
            ConnectionUrl::Postgres(_) => Backend::Postgres,
            ConnectionUrl::MySql(_) => Backend::MySql,
        }
    }

    /// The backend and place `url` names, whatever this build can connect to.
    fn recognise(url: &str) -> Result<ConnectionUrl> {
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
        #[cfg(feature = "sqlite")]
        ConnectionUrl::SqliteMemory => {
            Ok(Box::new(super::sqlite::SqliteConnection::open_in_memory()?))
        }
        #[cfg(feature = "sqlite")]
        ConnectionUrl::SqliteFile(path) => {
            Ok(Box::new(super::sqlite::SqliteConnection::open(path)?))
        }
        #[cfg(feature = "postgres")]
        ConnectionUrl::Postgres(pg) => {
            Ok(Box::new(super::postgres::PostgresConnection::connect(&pg)?))
        }
        #[cfg(feature = "mysql")]
        ConnectionUrl::MySql(my) => Ok(Box::new(super::mysql::MySqlConnection::connect(&my)?)),
        // `parse` has refused these already.
        #[cfg(not(all(feature = "sqlite", feature = "postgres", feature = "mysql")))]
        other => Err(not_compiled(url, other.backend())),
    }
}

/// [`Error::InvalidUrl`] for `url`, whose `backend` this build has no driver for.
fn not_compiled(url: &str, backend: Backend) -> Error {
    let feature = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
        Backend::MySql => "mysql",
    };
    invalid(
        url,
        format!("{backend} support is not compiled in: enable the `{feature}` feature of dovetail"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`ConnectionUrl::parse`] with every backend compiled in, whatever this build has.
    fn parse(url: &str) -> Result<ConnectionUrl> {
        ConnectionUrl::parse_among(url, &[Backend::Sqlite, Backend::Postgres, Backend::MySql])
    }

    fn reason(url: &str) -> (String, String) {
        match parse(url) {
            Err(Error::InvalidUrl { url, reason }) => (url, reason),
            other => panic!("expected InvalidUrl, got {other:?}"),
        }
    }

    #[test]
    fn sqlite_urls() {
        assert_eq!(
            parse("sqlite::memory:").ok(),
            Some(ConnectionUrl::SqliteMemory)
        );
        let relative = parse("sqlite://data/app.db").ok();
        assert_eq!(
            relative,
            Some(ConnectionUrl::SqliteFile("data/app.db".into()))
        );
        let absolute = parse("sqlite:///tmp/app.db").ok();
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
            assert_eq!(parse(&url).ok(), Some(ConnectionUrl::Postgres(url)));
        }
        for scheme in ["mysql", "mariadb", "MariaDB"] {
            let parsed = parse(&format!("{scheme}://u:p@h/db")).ok();
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
    fn backends_not_compiled_in_are_refused_naming_their_feature() {
        let refused =
            |url: &str, compiled: &[Backend]| match ConnectionUrl::parse_among(url, compiled) {
                Err(Error::InvalidUrl { url, reason }) => (url, reason),
                other => panic!("expected InvalidUrl, got {other:?}"),
            };
        let (url, why) = refused(
            "postgres://u:secret@h/db",
            &[Backend::Sqlite, Backend::MySql],
        );
        assert_eq!(url, "postgres://u:***@h/db");
        assert_eq!(
            why,
            "PostgreSQL support is not compiled in: enable the `postgres` feature of dovetail"
        );
        let (_, why) = refused("mariadb://h/db", &[Backend::Postgres]);
        assert!(why.contains("`mysql` feature"), "{why}");
        let (_, why) = refused("sqlite::memory:", &[]);
        assert!(why.contains("`sqlite` feature"), "{why}");
        let kept = ConnectionUrl::parse_among("sqlite://app.db", &[Backend::Sqlite]);
        assert_eq!(kept.ok(), Some(ConnectionUrl::SqliteFile("app.db".into())));
        // A mistyped scheme is still told as one.
        assert!(
            refused("postgress://h/db", &[Backend::Postgres])
                .1
                .contains("expected")
        );
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
