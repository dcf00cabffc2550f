//! The one error type of migrations.

/// Why migrations could not be read or applied.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database refused a statement or could not be reached.
    #[error(transparent)]
    Database(Box<dovetail::Error>),
    /// The migrations directory is malformed.
    #[error("{0}")]
    Layout(String),
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A statement of a migration failed; nothing of it was recorded.
    #[error("{file}, statement at line {line} failed: {source}{partial}")]
    Statement {
        /// The migration file.
        file: String,
        /// The line the statement starts on.
        line: usize,
        /// The database's error.
        #[source]
        source: Box<dovetail::Error>,
        /// On backends without transactional DDL, what had already been applied.
        partial: String,
    },
    /// A migration's statements took effect one by one (MySQL, or a script outside a
    /// transaction), but its record in the tracking table could not be written or removed.
    #[error("{id} was {done}, but {record} failed: {source}; fix the tracking table by hand")]
    Unrecorded {
        /// `<version>_<name>`.
        id: String,
        /// `applied` or `reverted`.
        done: &'static str,
        /// `recording it` or `removing its record`.
        record: &'static str,
        /// Why the record failed.
        #[source]
        source: Box<Error>,
    },
    /// Applied migrations whose files changed since; `run` refuses unless allowed.
    #[error("applied migrations changed since they ran: {}", .0.join(", "))]
    Drift(Vec<String>),
    /// Another runner held the migration lock for as long as a runner waits.
    #[error(
        "the migrations are locked by {holder} (since {since}), and stayed locked for {:.1} s; \
         if that runner is gone, `schema-gen migrate unlock` (`Migrations::unlock`) releases \
         the lock",
        .waited.as_secs_f64()
    )]
    Locked {
        /// Who holds it: host, process and when it started.
        holder: String,
        /// When it took the lock (RFC 3339, UTC).
        since: String,
        /// How long this runner waited.
        waited: std::time::Duration,
    },
    /// A migration to revert has no `down.sql`.
    #[error("{0} has no down.sql, so it cannot be reverted")]
    Irreversible(String),
}

impl From<dovetail::Error> for Error {
    fn from(error: dovetail::Error) -> Self {
        Error::Database(Box::new(error))
    }
}

/// A result of migrations.
pub type Result<T> = std::result::Result<T, Error>;
