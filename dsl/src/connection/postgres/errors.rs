//! `postgres` errors as [`Error`]s, by SQLSTATE.

use std::error::Error as _;

use postgres::error::{DbError, SqlState};

use super::types::ParamError;
use crate::error::{Backend, DecodeError, Error, Violation};

/// The driver's error with its whole cause chain in the message, which the driver's own
/// `Display` leaves out (it says only `db error`).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(super) struct Described {
    message: String,
    #[source]
    source: postgres::Error,
}

/// The error and its causes on one line.
pub(super) fn one_line(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        message = format!("{message}: {inner}");
        cause = inner.source();
    }
    message.replace('\n', "; ")
}

fn described(error: postgres::Error) -> Box<Described> {
    Box::new(Described {
        message: one_line(&error),
        source: error,
    })
}

/// [`Error::Connect`] for a failed connection attempt.
pub(super) fn connect(error: postgres::Error) -> Error {
    let message = match error.as_db_error() {
        Some(db) => one_line(db),
        None => one_line(&error),
    };
    Error::Connect {
        backend: Backend::Postgres,
        message,
        source: described(error),
    }
}

/// A failure to read cell `index`, which is a decode error when the value did not fit.
pub(super) fn cell(error: postgres::Error, index: usize, name: &str) -> Error {
    match error.source().and_then(|e| e.downcast_ref::<DecodeError>()) {
        Some(decode) => Error::Decode(decode.clone().in_column(index, name)),
        None => map(error),
    }
}

/// Constraint violations, serialization failures and lock timeouts become their typed
/// variants, parameters that do not fit become [`Error::Encode`], anything else is
/// [`Error::Driver`].
pub(super) fn map(error: postgres::Error) -> Error {
    if let Some(param) = error.source().and_then(|e| e.downcast_ref::<ParamError>()) {
        let reason = param.reason.clone();
        return Error::Encode {
            backend: Backend::Postgres,
            index: param.index,
            kind: param.kind,
            reason,
        };
    }
    if is_connection_loss(&error) {
        return Error::ConnectionLost {
            backend: Backend::Postgres,
            message: one_line(&error),
            source: Some(described(error)),
        };
    }
    let Some(db) = error.as_db_error() else {
        return Error::Driver {
            backend: Backend::Postgres,
            source: described(error),
        };
    };
    let code = db.code();
    if *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED {
        let message = db.message().to_owned();
        return Error::SerializationFailure {
            backend: Backend::Postgres,
            message,
            source: described(error),
        };
    }
    if *code == SqlState::LOCK_NOT_AVAILABLE {
        let message = db.message().to_owned();
        return Error::LockTimeout {
            backend: Backend::Postgres,
            message,
            source: described(error),
        };
    }
    // Out of range (22003), too long (22001), a date or time out of range (22008).
    if [
        SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
        SqlState::STRING_DATA_RIGHT_TRUNCATION,
        SqlState::DATETIME_FIELD_OVERFLOW,
    ]
    .contains(code)
    {
        let (message, column) = (db.message().to_owned(), db.column().map(str::to_owned));
        return Error::OutOfRange {
            backend: Backend::Postgres,
            column,
            message,
            source: described(error),
        };
    }
    let wrap = match code {
        c if *c == SqlState::UNIQUE_VIOLATION => Error::UniqueViolation,
        c if *c == SqlState::FOREIGN_KEY_VIOLATION => Error::ForeignKeyViolation,
        c if *c == SqlState::NOT_NULL_VIOLATION => Error::NotNullViolation,
        c if *c == SqlState::CHECK_VIOLATION => Error::CheckViolation,
        _ => {
            return Error::Driver {
                backend: Backend::Postgres,
                source: described(error),
            };
        }
    };
    wrap(violation(error))
}

/// Why a cached statement no longer fits its tables.
pub(super) enum Stale {
    /// Its parameter types are the old columns' (a value that fits the new type does not fit
    /// them): only this statement needs preparing again.
    Parameters,
    /// The server refused its plan because a table's row type changed: every cached statement
    /// may be stale, and a transaction around it is aborted.
    Plan,
}

/// Whether `error`, from a cached statement, says the statement was prepared against a table
/// that has changed since — or that the server connection does not know it (SQLSTATE 26000:
/// behind a transaction pooler without prepared-statement support, the statement was
/// prepared on another server connection, where the others may be too).
pub(super) fn staleness(error: &Error) -> Option<Stale> {
    match error {
        Error::Encode { .. } => Some(Stale::Parameters),
        Error::Driver { source, .. } => {
            let db = source.downcast_ref::<Described>()?.source.as_db_error()?;
            let refused_plan = *db.code() == SqlState::FEATURE_NOT_SUPPORTED
                && db
                    .message()
                    .starts_with("cached plan must not change result type");
            let unknown = *db.code() == SqlState::INVALID_SQL_STATEMENT_NAME;
            (refused_plan || unknown).then_some(Stale::Plan)
        }
        _ => None,
    }
}

/// [`Error::StaleStatement`] for a cached plan the server refused inside a transaction.
pub(super) fn stale_statement(error: Error) -> Error {
    match error {
        Error::Driver { source, .. } => Error::StaleStatement {
            backend: Backend::Postgres,
            message: source.to_string(),
            source,
        },
        other => other,
    }
}

/// Whether the connection is gone: closed, an I/O failure, or the server ending the session
/// (`pg_terminate_backend`, shutdown: SQLSTATE class 57P, or a class 08 connection exception).
/// A protocol violation (08P01) the server answers with an ordinary error — a statement bound
/// with as many values as another statement of the same name takes, behind a transaction
/// pooler — leaves the session open: it is the statement's error, not a lost connection.
fn is_connection_loss(error: &postgres::Error) -> bool {
    if error.is_closed()
        || error
            .source()
            .is_some_and(|e| e.downcast_ref::<std::io::Error>().is_some())
    {
        return true;
    }
    error.as_db_error().is_some_and(|db| {
        let code = db.code().code();
        let session_ended = matches!(db.severity(), "FATAL" | "PANIC");
        match code {
            "08P01" => session_ended,
            _ => code.starts_with("08") || code.starts_with("57P"),
        }
    })
}

/// What the server reported about the constraint: its name, table, column and message.
fn violation(error: postgres::Error) -> Box<Violation> {
    let db = error.as_db_error();
    let field = |get: fn(&DbError) -> Option<&str>| db.and_then(get).map(str::to_owned);
    let (constraint, table, column) = (
        field(DbError::constraint),
        field(DbError::table),
        field(DbError::column),
    );
    let message = match db {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_owned(),
        },
        None => one_line(&error),
    };
    Box::new(Violation {
        backend: Backend::Postgres,
        constraint,
        table,
        column,
        message,
        source: described(error),
    })
}
