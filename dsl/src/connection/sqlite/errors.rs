//! `rusqlite` errors as [`Error`]s; tables and columns come from SQLite's message text.

use rusqlite::ffi;

use crate::error::{Backend, BoxError, Error, Violation};

/// [`Error::Connect`] for a database that cannot be opened.
pub(super) fn connect(message: String, source: impl Into<BoxError>) -> Error {
    Error::Connect {
        backend: Backend::Sqlite,
        message,
        source: source.into(),
    }
}

/// Constraint violations and locks held too long become their typed variants; anything else
/// is [`Error::Driver`].
pub(super) fn map(error: rusqlite::Error) -> Error {
    let (code, message) = match &error {
        rusqlite::Error::SqliteFailure(failure, message)
            if failure.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            (failure.extended_code, message.clone().unwrap_or_default())
        }
        rusqlite::Error::SqliteFailure(failure, message)
            if matches!(
                failure.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            return Error::LockTimeout {
                backend: Backend::Sqlite,
                message: message.clone().unwrap_or_else(|| failure.to_string()),
                source: Box::new(error),
            };
        }
        _ => return driver(error),
    };
    let after = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .map(str::trim)
            .map(str::to_owned)
    };
    match code {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            let columns = after("UNIQUE constraint failed:");
            let (table, column) = table_and_column(columns.as_deref());
            Error::UniqueViolation(violation(None, table, column, message, error))
        }
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
            Error::ForeignKeyViolation(violation(None, None, None, message, error))
        }
        ffi::SQLITE_CONSTRAINT_NOTNULL => {
            let columns = after("NOT NULL constraint failed:");
            let (table, column) = table_and_column(columns.as_deref());
            Error::NotNullViolation(violation(None, table, column, message, error))
        }
        ffi::SQLITE_CONSTRAINT_CHECK => {
            let name = after("CHECK constraint failed:");
            Error::CheckViolation(violation(name, None, None, message, error))
        }
        _ => driver(error),
    }
}

fn driver(error: rusqlite::Error) -> Error {
    Error::Driver {
        backend: Backend::Sqlite,
        source: Box::new(bounded(error)),
    }
}

/// The most characters of a statement an error message quotes.
const QUOTED_SQL: usize = 200;

/// `error` quoting at most [`QUOTED_SQL`] characters of its statement, around the offending
/// token: a syntax error in a statement of 100 KB must not make a message of 100 KB.
fn bounded(error: rusqlite::Error) -> rusqlite::Error {
    let rusqlite::Error::SqlInputError {
        error,
        msg,
        sql,
        offset,
    } = error
    else {
        return error;
    };
    if sql.chars().count() <= QUOTED_SQL {
        return rusqlite::Error::SqlInputError {
            error,
            msg,
            sql,
            offset,
        };
    }
    let at = usize::try_from(offset).unwrap_or(0).min(sql.len());
    let start = floor_char_boundary(&sql, at.saturating_sub(QUOTED_SQL / 2));
    let end = floor_char_boundary(&sql, (start + QUOTED_SQL).min(sql.len()));
    let (before, after) = (
        if start > 0 { "…" } else { "" },
        if end < sql.len() { "…" } else { "" },
    );
    let excerpt = format!("{before}{}{after}", &sql[start..end]);
    let offset = i32::try_from(at - start + before.len()).unwrap_or(offset);
    rusqlite::Error::SqlInputError {
        error,
        msg,
        sql: excerpt,
        offset,
    }
}

/// The largest char boundary of `text` at or before `index`.
fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// `t.c` → (`t`, `c`); `t.a, t.b` (a composite key) → (`t`, none).
fn table_and_column(columns: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(columns) = columns else {
        return (None, None);
    };
    let first = columns.split(", ").next().unwrap_or(columns);
    let (table, column) = match first.split_once('.') {
        Some((table, column)) => (Some(table.to_owned()), Some(column.to_owned())),
        None => (None, None),
    };
    match columns.contains(", ") {
        true => (table, None),
        false => (table, column),
    }
}

fn violation(
    constraint: Option<String>,
    table: Option<String>,
    column: Option<String>,
    message: String,
    source: rusqlite::Error,
) -> Box<Violation> {
    Box::new(Violation {
        backend: Backend::Sqlite,
        constraint,
        table,
        column,
        message,
        source: Box::new(source),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_column_come_from_the_message() {
        let owned = |s: &str| Some(s.to_owned());
        assert_eq!(
            table_and_column(Some("user.email")),
            (owned("user"), owned("email"))
        );
        assert_eq!(table_and_column(Some("t.a, t.b")), (owned("t"), None));
        assert_eq!(table_and_column(None), (None, None));
    }
}
