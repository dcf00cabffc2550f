//! `mysql` errors as [`Error`]s, by server error code; names come from the message text.

use mysql_common::proto::codec::error::PacketCodecError;

use crate::error::{Backend, Error, Result, Violation};

/// [`Error::Connect`] for a failed connection attempt.
pub(super) fn connect(error: mysql::Error) -> Error {
    let message = match &error {
        mysql::Error::MySqlError(server) => server.to_string(),
        mysql::Error::IoError(io) => io.to_string(),
        mysql::Error::DriverError(driver) => driver.to_string(),
        other => other.to_string(),
    };
    Error::Connect {
        backend: Backend::MySql,
        message: message.replace('\n', "; "),
        source: Box::new(error),
    }
}

/// [`Error::PacketTooLarge`] for a packet of `size` bytes, unless it fits in the server's
/// `limit`: the server refuses (and closes the connection over) a packet of `limit` bytes or
/// more.
pub(super) fn fits(size: u64, limit: u64) -> Result<()> {
    match size >= limit {
        true => Err(too_large(size, limit)),
        false => Ok(()),
    }
}

/// [`Error::PacketTooLarge`] for `size` bytes, refused before they are sent.
pub(super) fn too_large(size: u64, limit: u64) -> Error {
    Error::PacketTooLarge {
        backend: Backend::MySql,
        size: Some(size),
        limit,
        connection_lost: false,
        source: None,
    }
}

/// Constraint violations, deadlocks, lock timeouts and packets over the connection's `limit`
/// (`max_allowed_packet`) become their typed variants; anything else is [`Error::Driver`].
pub(super) fn map(error: mysql::Error, limit: u64) -> Error {
    if let Some(connection_lost) = packet_too_large(&error) {
        return Error::PacketTooLarge {
            backend: Backend::MySql,
            size: None,
            limit,
            connection_lost,
            source: Some(Box::new(error)),
        };
    }
    if is_connection_loss(&error) {
        return Error::ConnectionLost {
            backend: Backend::MySql,
            message: error.to_string().replace('\n', "; "),
            source: Some(Box::new(error)),
        };
    }
    let mysql::Error::MySqlError(server) = error else {
        return Error::Driver {
            backend: Backend::MySql,
            source: Box::new(error),
        };
    };
    let (wrap, names): (fn(Box<Violation>) -> Error, Names) = match server.code {
        1062 => (
            Error::UniqueViolation,
            Names::duplicate_key(&server.message),
        ),
        1451 | 1452 => (
            Error::ForeignKeyViolation,
            Names::foreign_key(&server.message),
        ),
        1048 | 1364 => (Error::NotNullViolation, Names::column(&server.message)),
        3819 => (Error::CheckViolation, Names::check(&server.message)),
        4025 => (Error::CheckViolation, Names::mariadb_check(&server.message)),
        1213 => {
            let message = server.message.clone();
            return Error::SerializationFailure {
                backend: Backend::MySql,
                message,
                source: Box::new(server),
            };
        }
        // Out of range (1264), too long (1406), an invalid date or time (1292) or number
        // (1366) for the column.
        1264 | 1292 | 1366 | 1406 => {
            let message = server.message.clone();
            return Error::OutOfRange {
                backend: Backend::MySql,
                column: for_column(&message),
                message,
                source: Box::new(server),
            };
        }
        // 3572: MySQL's `NOWAIT` (MariaDB reports 1205 for it).
        1205 | 3572 => {
            let message = server.message.clone();
            return Error::LockTimeout {
                backend: Backend::MySql,
                message,
                source: Box::new(server),
            };
        }
        _ => {
            return Error::Driver {
                backend: Backend::MySql,
                source: Box::new(server),
            };
        }
    };
    wrap(Box::new(Violation {
        backend: Backend::MySql,
        constraint: names.constraint,
        table: names.table,
        column: names.column,
        message: server.message.clone(),
        source: Box::new(server),
    }))
}

/// The column of a message ending `… for column 'v' at row 1` (MariaDB names it
/// `` `db`.`t`.`v` ``).
fn for_column(message: &str) -> Option<String> {
    let (_, after) = message.split_once(" for column ")?;
    let name = after.split(" at row ").next()?;
    let last = name.rsplit("`.`").next()?;
    Some(last.trim_matches(|c| c == '`' || c == '\'').to_owned())
}

/// Whether `error` is a packet over `max_allowed_packet`, and if so whether the server closed
/// the connection over it: the driver refusing to send one, the server cutting one off (1153,
/// then closing the connection) or computing a value larger (1301).
fn packet_too_large(error: &mysql::Error) -> Option<bool> {
    match error {
        mysql::Error::CodecError(PacketCodecError::PacketTooLarge)
        | mysql::Error::DriverError(mysql::DriverError::PacketTooLarge) => Some(false),
        mysql::Error::MySqlError(server) => match server.code {
            1153 => Some(true),
            1301 => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the connection is gone: an I/O failure, a closed connection, or the server ending
/// the session (`KILL`: 1927 on MariaDB; shutdown: 1053; MySQL 8's 4031 for idle timeouts).
fn is_connection_loss(error: &mysql::Error) -> bool {
    match error {
        mysql::Error::IoError(_) | mysql::Error::CodecError(_) => true,
        mysql::Error::DriverError(driver) => matches!(
            driver,
            mysql::DriverError::PacketOutOfSync | mysql::DriverError::UnexpectedPacket
        ),
        mysql::Error::MySqlError(server) => matches!(server.code, 1053 | 1927 | 4031),
        _ => false,
    }
}

/// The constraint, table and column a server message names.
#[derive(Debug, Default, PartialEq)]
struct Names {
    constraint: Option<String>,
    table: Option<String>,
    column: Option<String>,
}

impl Names {
    /// `Duplicate entry 'x' for key 'k'`; MySQL 8 writes the key as `table.k`.
    fn duplicate_key(message: &str) -> Names {
        let key = message
            .rsplit_once("for key '")
            .map(|(_, key)| key.trim_end_matches('\''));
        match key.map(|key| key.split_once('.').unwrap_or(("", key))) {
            Some((table, key)) => Names {
                constraint: Some(key.to_owned()),
                table: (!table.is_empty()).then(|| table.to_owned()),
                column: None,
            },
            None => Names::default(),
        }
    }

    /// `… a foreign key constraint fails (`db`.`t`, CONSTRAINT `fk` FOREIGN KEY (`c`) REFERENCES …)`.
    fn foreign_key(message: &str) -> Names {
        let table = message
            .split_once(", CONSTRAINT")
            .and_then(|(before, _)| last_backticked(before));
        Names {
            constraint: backticked_after(message, "CONSTRAINT "),
            table,
            column: backticked_after(message, "FOREIGN KEY ("),
        }
    }

    /// `Column 'c' cannot be null`, `Field 'c' doesn't have a default value`.
    fn column(message: &str) -> Names {
        Names {
            column: quoted(message),
            ..Names::default()
        }
    }

    /// MySQL: `Check constraint 'name' is violated.`
    fn check(message: &str) -> Names {
        Names {
            constraint: quoted(message),
            ..Names::default()
        }
    }

    /// MariaDB: ``CONSTRAINT `name` failed for `db`.`t` ``.
    fn mariadb_check(message: &str) -> Names {
        let table = message
            .split_once(" failed for ")
            .and_then(|(_, after)| last_backticked(after));
        Names {
            constraint: backticked_after(message, "CONSTRAINT "),
            table,
            column: None,
        }
    }
}

/// The first `'…'` of `message`.
fn quoted(message: &str) -> Option<String> {
    let (_, rest) = message.split_once('\'')?;
    rest.split_once('\'').map(|(inside, _)| inside.to_owned())
}

/// The `` `…` `` right after `marker`.
fn backticked_after(message: &str, marker: &str) -> Option<String> {
    let (_, rest) = message.split_once(marker)?;
    let rest = rest.strip_prefix('`')?;
    rest.split_once('`').map(|(inside, _)| inside.to_owned())
}

/// The last `` `…` `` of `text`.
fn last_backticked(text: &str) -> Option<String> {
    let (before, _) = text.rsplit_once('`')?;
    before.rsplit_once('`').map(|(_, inside)| inside.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(constraint: Option<&str>, table: Option<&str>, column: Option<&str>) -> Names {
        let own = |s: Option<&str>| s.map(str::to_owned);
        Names {
            constraint: own(constraint),
            table: own(table),
            column: own(column),
        }
    }

    fn server(code: u16, message: &str) -> mysql::Error {
        mysql::Error::MySqlError(mysql::MySqlError {
            state: "HY000".into(),
            message: message.into(),
            code,
        })
    }

    #[test]
    fn packets_over_the_limit_say_whether_the_connection_is_gone() {
        let cut_off = map(
            server(1153, "Got a packet bigger than 'max_allowed_packet' bytes"),
            1024,
        );
        assert!(
            matches!(
                cut_off,
                Error::PacketTooLarge {
                    size: None,
                    limit: 1024,
                    connection_lost: true,
                    ..
                }
            ),
            "{cut_off:?}"
        );
        assert_eq!(
            cut_off.to_string(),
            "the statement, or a value it computes, is over MySQL's max_allowed_packet of 1024 bytes; \
             the server closed the connection"
        );
        let computed = map(
            server(
                1301,
                "Result of repeat() was larger than max_allowed_packet (1024) - truncated",
            ),
            1024,
        );
        assert!(
            matches!(
                computed,
                Error::PacketTooLarge {
                    connection_lost: false,
                    ..
                }
            ),
            "{computed:?}"
        );
        assert!(!computed.is_retryable() && !cut_off.is_retryable());
        let refused = map(
            mysql::Error::CodecError(PacketCodecError::PacketTooLarge),
            1024,
        );
        assert!(
            matches!(
                refused,
                Error::PacketTooLarge {
                    connection_lost: false,
                    ..
                }
            ),
            "{refused:?}"
        );
        let sent = fits(2048, 1024).map_err(|e| e.to_string());
        assert_eq!(
            sent,
            Err(
                "sending 2048 bytes at once is over MySQL's max_allowed_packet of 1024 bytes"
                    .into()
            )
        );
        assert!(fits(1023, 1024).is_ok());
        assert!(fits(1024, 1024).is_err());
    }

    #[test]
    fn duplicate_keys_on_mariadb_and_mysql() {
        let mariadb =
            Names::duplicate_key("Duplicate entry 'a'' for key' for key 'child_email_key'");
        assert_eq!(mariadb, names(Some("child_email_key"), None, None));
        let mysql = Names::duplicate_key("Duplicate entry 'a' for key 'child.child_email_key'");
        assert_eq!(mysql, names(Some("child_email_key"), Some("child"), None));
    }

    #[test]
    fn foreign_keys() {
        let message = "Cannot add or update a child row: a foreign key constraint fails \
            (`db`.`child`, CONSTRAINT `child_parent_fk` FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`))";
        let expected = names(Some("child_parent_fk"), Some("child"), Some("parent_id"));
        assert_eq!(Names::foreign_key(message), expected);
    }

    #[test]
    fn not_null_and_checks() {
        assert_eq!(
            Names::column("Column 'name' cannot be null"),
            names(None, None, Some("name"))
        );
        let no_default = Names::column("Field 'name' doesn't have a default value");
        assert_eq!(no_default, names(None, None, Some("name")));
        let mysql = Names::check("Check constraint 'qty_positive' is violated.");
        assert_eq!(mysql, names(Some("qty_positive"), None, None));
        let mariadb = Names::mariadb_check("CONSTRAINT `qty_positive` failed for `db`.`child`");
        assert_eq!(mariadb, names(Some("qty_positive"), Some("child"), None));
    }
}
