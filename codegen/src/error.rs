//! The one error type of schema generation.

/// Why a schema could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Connecting or querying the database failed.
    #[error(transparent)]
    Database(#[from] dovetail::Error),
    /// The catalog answered something schema-gen cannot use.
    #[error("unexpected catalog data: {0}")]
    Catalog(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The configuration file is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
}

/// A result of schema generation.
pub type Result<T> = std::result::Result<T, Error>;
