//! What the server's session tracker reports after each statement: whether a transaction is
//! open, whether `autocommit` is off, and the session's `time_zone`.
//!
//! Sessions run in UTC so that `TIMESTAMP` columns, which MySQL converts between the session
//! zone and UTC, read and write `DateTime<Utc>` as the instants they are, whatever the
//! server's global zone or `init_connect`. A statement that moves the session to another zone
//! would shift every `TIMESTAMP` after it without an error, so it is undone at once and
//! reported as [`Error::InvalidStatement`]: convert in SQL (`CONVERT_TZ`) instead.
//!
//! Servers without the tracker (before MySQL 5.7 and MariaDB 10.3, some proxies) report
//! nothing: there a statement that mentions a transaction opener or `autocommit` counts as
//! having changed them, and one that mentions `time_zone` is followed by a look at it.

use mysql::Conn;
use mysql::prelude::Queryable;
use mysql::session_state_change::SessionStateChange;

use super::errors;
use crate::connection::driver::Session;
use crate::connection::server_transaction;
use crate::error::{Error, Result};

/// The statement that puts a session in UTC.
pub(super) const UTC: &str = "SET time_zone = '+00:00'";

/// The server-side session state a connection keeps track of.
#[derive(Debug)]
pub(super) struct SessionState {
    /// Whether the server reports transaction states (`session_track_transaction_info`);
    /// `autocommit` and `time_zone` are tracked by default wherever that is.
    tracked: bool,
    /// The transaction state the server last reported.
    in_transaction: bool,
    /// `autocommit` was turned off (as the server reported, or may have been).
    autocommit_off: bool,
}

/// The changes one OK packet reported.
#[derive(Default)]
struct Reported {
    in_transaction: Option<bool>,
    autocommit_off: Option<bool>,
    time_zone: Option<Vec<u8>>,
}

impl SessionState {
    /// Turns on the transaction-state tracker where the server has one.
    pub(super) fn start(conn: &mut Conn) -> SessionState {
        let tracked = conn
            .query_drop("SET SESSION session_track_transaction_info = 'STATE'")
            .is_ok();
        SessionState {
            tracked,
            in_transaction: false,
            autocommit_off: false,
        }
    }

    /// Whether a transaction is open, or every statement opens one (`autocommit` off).
    pub(super) fn in_transaction(&self) -> bool {
        self.in_transaction || self.autocommit_off
    }

    /// Reads what the statement `sql`, just run, changed. A script reports only its last
    /// statement's changes, so a script that may have opened a transaction without the last
    /// statement saying so counts as open. A move away from UTC is undone and is the error.
    pub(super) fn observe(
        &mut self,
        conn: &mut Conn,
        session: &mut Session,
        sql: &str,
        script: bool,
    ) -> Result<()> {
        let reported = match self.tracked {
            true => reported(conn),
            false => Reported::default(),
        };
        match reported.autocommit_off {
            Some(off) => self.autocommit_off = off,
            None if !self.tracked && server_transaction::mentions_autocommit(sql) => {
                self.autocommit_off = true;
            }
            None => {}
        }
        match reported.in_transaction {
            Some(open) => {
                self.in_transaction = open;
                session.may_be_in_transaction = false;
            }
            None if self.tracked && !script => {}
            None => {
                if session.depth == 0 && server_transaction::may_open(sql) {
                    session.may_be_in_transaction = true;
                }
            }
        }
        let zone = match reported.time_zone {
            Some(zone) => zone,
            None if !self.tracked && mentions_time_zone(sql) => current_zone(conn)?,
            None => return Ok(()),
        };
        if is_utc(&zone) {
            return Ok(());
        }
        conn.query_drop(UTC).map_err(own_statement)?;
        Err(Error::InvalidStatement(format!(
            "the session time_zone is kept at UTC (it was set to `{}` and has been put back): \
             TIMESTAMP columns are read and written as UTC instants, which another session \
             zone would shift; convert in SQL with CONVERT_TZ instead",
            String::from_utf8_lossy(&zone)
        )))
    }
}

/// The changes the last OK packet reports: a transaction state whose first character is `T`
/// (explicit) or `I` (implicit) means open.
fn reported(conn: &Conn) -> Reported {
    let mut reported = Reported::default();
    let Ok(changes) = conn.session_state_changes() else {
        return reported;
    };
    for change in &changes {
        match change.decode() {
            Ok(SessionStateChange::TransactionState(state)) => {
                reported.in_transaction =
                    Some(state.as_bytes().first().is_some_and(|first| *first != b'_'));
            }
            Ok(SessionStateChange::SystemVariables(variables)) => {
                for variable in variables {
                    let (name, value) = (variable.name_bytes(), variable.value_bytes());
                    if name.eq_ignore_ascii_case(b"autocommit") {
                        reported.autocommit_off =
                            Some(value.eq_ignore_ascii_case(b"off") || value == b"0");
                    } else if name.eq_ignore_ascii_case(b"time_zone") {
                        reported.time_zone = Some(value.to_vec());
                    }
                }
            }
            _ => {}
        }
    }
    reported
}

/// The error of a statement of dovetail's own, far below any packet limit.
fn own_statement(error: mysql::Error) -> Error {
    errors::map(error, u64::MAX)
}

fn mentions_time_zone(sql: &str) -> bool {
    sql.to_ascii_lowercase().contains("time_zone")
}

/// The session's zone, asked of the server.
fn current_zone(conn: &mut Conn) -> Result<Vec<u8>> {
    let zone: Option<Vec<u8>> = conn
        .query_first("SELECT @@session.time_zone")
        .map_err(own_statement)?;
    Ok(zone.unwrap_or_default())
}

/// Whether `zone` names UTC.
fn is_utc(zone: &[u8]) -> bool {
    [
        "+00:00", "+0:00", "-00:00", "UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z",
    ]
    .iter()
    .any(|utc| zone.eq_ignore_ascii_case(utc.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::is_utc;

    #[test]
    fn utc_is_recognised_in_its_spellings_and_nothing_else_is() {
        assert!(is_utc(b"+00:00") && is_utc(b"utc") && is_utc(b"Etc/UTC"));
        assert!(!is_utc(b"+02:00") && !is_utc(b"SYSTEM") && !is_utc(b"Europe/Berlin"));
    }
}
