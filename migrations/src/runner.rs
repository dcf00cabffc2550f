//! Applying and reverting migrations, under a lock, with drift detection.
//!
//! PostgreSQL and SQLite run each migration in a transaction: a failure leaves no trace of it.
//! MySQL/MariaDB commit DDL implicitly, so there a failure names the statement and what had
//! already been applied, and the migration is not recorded.
//!
//! A script whose first line is [`NO_TRANSACTION`] runs outside a transaction on every backend,
//! for statements that refuse one: PostgreSQL's `CREATE INDEX CONCURRENTLY`, SQLite's `VACUUM`
//! or `PRAGMA foreign_keys`. Its statements then take effect one by one, as on MySQL: a failure
//! names those already applied. (On SQLite nothing then keeps a second runner from applying the
//! same migration at the same moment.)

use std::time::{Duration, Instant};

use dovetail::{Backend, Connection};

use crate::split::{Flavor, split};
use crate::tracking::{self, Record};
use crate::{Error, Migration, Migrations, Result};

/// The first line of a script that runs outside a transaction.
///
/// ```
/// use dovetail_migrations::NO_TRANSACTION;
///
/// let up = format!("{NO_TRANSACTION}\nCREATE INDEX CONCURRENTLY track_name ON track (name);");
/// assert!(up.starts_with("-- dovetail:no-transaction"));
/// ```
pub const NO_TRANSACTION: &str = "-- dovetail:no-transaction";

/// How a script's statements are committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Commit {
    /// All together, in one transaction.
    Together,
    /// One by one, as the server commits DDL (MySQL).
    EachDdl,
    /// One by one, as the script asked ([`NO_TRANSACTION`]).
    EachAsked,
}

impl Commit {
    fn of(backend: Backend, script: &str) -> Commit {
        let first_line = script.trim_start().lines().next().unwrap_or_default();
        if first_line.trim_end().eq_ignore_ascii_case(NO_TRANSACTION) {
            Commit::EachAsked
        } else if backend == Backend::MySql {
            Commit::EachDdl
        } else {
            Commit::Together
        }
    }

    /// A failure to write or remove `migration`'s record after its script ran: in a
    /// transaction, nothing of the script remains; otherwise the error says what did.
    fn unrecorded(
        self,
        migration: &Migration,
        (done, record): (&'static str, &'static str),
        error: Error,
    ) -> Error {
        match self {
            Commit::Together => error,
            Commit::EachDdl | Commit::EachAsked => Error::Unrecorded {
                id: migration.id(),
                done,
                record,
                source: Box::new(error),
            },
        }
    }

    /// What a failure after the statements at `lines` left, for the error message.
    fn partial(self, lines: &[usize], record_on_failure: &str) -> String {
        let why = match self {
            Commit::Together => return String::new(),
            _ if lines.is_empty() => return String::new(),
            Commit::EachDdl => "MySQL commits DDL at once",
            Commit::EachAsked => "the script runs outside a transaction",
        };
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        format!(
            " ({why}: the statements at lines {} were applied; the migration {record_on_failure})",
            lines.join(", ")
        )
    }
}

/// Where a migration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Applied, and its file is unchanged.
    Applied,
    /// Not applied yet.
    Pending,
    /// Applied, but its file changed since.
    Changed,
}

/// One migration's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// `<version>_<name>`.
    pub id: String,
    /// Where it stands.
    pub state: State,
}

impl Migrations {
    /// The state of every migration, in version order.
    pub fn status(&self, conn: &mut dyn Connection) -> Result<Vec<Status>> {
        tracking::ensure(conn)?;
        let applied = tracking::applied(conn)?;
        Ok(self
            .list
            .iter()
            .map(|m| Status {
                id: m.id(),
                state: state(m, &applied, conn.backend()),
            })
            .collect())
    }

    /// Applies the pending migrations in order; returns their ids. Applied migrations whose
    /// files changed block the run unless `allow_drift`.
    pub fn run(&self, conn: &mut dyn Connection, allow_drift: bool) -> Result<Vec<String>> {
        locked(conn, |conn| {
            let changed: Vec<String> = self
                .status(conn)?
                .into_iter()
                .filter(|s| s.state == State::Changed)
                .map(|s| s.id)
                .collect();
            if !changed.is_empty() && !allow_drift {
                return Err(Error::Drift(changed));
            }
            let mut done = Vec::new();
            for migration in &self.list {
                if apply(conn, migration)? {
                    done.push(migration.id());
                }
            }
            Ok(done)
        })
    }

    /// Reverts the last `steps` applied migrations, newest first; returns their ids.
    pub fn revert(&self, conn: &mut dyn Connection, steps: usize) -> Result<Vec<String>> {
        locked(conn, |conn| {
            let applied = tracking::applied(conn)?;
            let mut done = Vec::new();
            for record in applied.iter().rev().take(steps) {
                let Some(migration) = self.list.iter().find(|m| m.version == record.version) else {
                    return Err(Error::Layout(format!(
                        "applied migration {} is not in the migrations directory",
                        record.version
                    )));
                };
                unapply(conn, migration)?;
                done.push(migration.id());
            }
            Ok(done)
        })
    }

    /// Reverts the last applied migration and applies it again (from its current file, so an
    /// edited migration can be tried again); other pending migrations stay pending.
    pub fn redo(&self, conn: &mut dyn Connection) -> Result<Vec<String>> {
        let reverted = self.revert(conn, 1)?;
        locked(conn, |conn| {
            let mut done = Vec::new();
            for migration in self.list.iter().filter(|m| reverted.contains(&m.id())) {
                if apply(conn, migration)? {
                    done.push(migration.id());
                }
            }
            Ok(done)
        })
    }
}

fn state(migration: &Migration, applied: &[Record], backend: Backend) -> State {
    match applied.iter().find(|r| r.version == migration.version) {
        None => State::Pending,
        Some(r) if r.checksum == migration.checksum(backend) => State::Applied,
        Some(_) => State::Changed,
    }
}

fn flavor(backend: Backend) -> Flavor {
    match backend {
        Backend::Postgres => Flavor::Postgres,
        Backend::MySql => Flavor::MySql,
        Backend::Sqlite => Flavor::Sqlite,
    }
}

/// How long a runner waits for another to finish (on SQLite, for each statement).
const LOCK_WAIT: Duration = Duration::from_secs(600);

/// How often a PostgreSQL runner asks for the lock again while another holds it.
const LOCK_POLL: Duration = Duration::from_millis(100);

/// Runs `body` holding the migration lock, so two runners never apply at once (nor create the
/// tracking table at once). SQLite has no named locks: there each migration's
/// `BEGIN IMMEDIATE` serializes writers instead, and the connection's busy timeout is raised
/// to [`LOCK_WAIT`] meanwhile (then put back), so a runner waits for another's migration as
/// on the other backends rather than fail once the application's own timeout runs out.
///
/// On PostgreSQL the lock is asked for again and again rather than waited for in one
/// statement: a runner blocked inside `pg_advisory_lock` would hold a snapshot, which the other
/// runner's `CREATE INDEX CONCURRENTLY` waits for, and the two would deadlock.
fn locked<T>(
    conn: &mut dyn Connection,
    body: impl FnOnce(&mut dyn Connection) -> Result<T>,
) -> Result<T> {
    let unlock = match conn.backend() {
        Backend::Postgres => {
            let started = Instant::now();
            while !conn.query_sql("SELECT pg_try_advisory_lock(7243917)", &[])?[0].get::<bool>(0)? {
                if started.elapsed() > LOCK_WAIT {
                    return Err(lock_timeout());
                }
                std::thread::sleep(LOCK_POLL);
            }
            "SELECT pg_advisory_unlock(7243917)".to_owned()
        }
        Backend::MySql => {
            let wait = format!(
                "SELECT GET_LOCK('dovetail_migrations', {})",
                LOCK_WAIT.as_secs()
            );
            let granted: Option<i64> = conn.query_sql(&wait, &[])?[0].get(0)?;
            if granted != Some(1) {
                return Err(lock_timeout());
            }
            "SELECT RELEASE_LOCK('dovetail_migrations')".to_owned()
        }
        Backend::Sqlite => {
            let busy: i64 = conn.query_sql("PRAGMA busy_timeout", &[])?[0].get(0)?;
            let wait = format!("PRAGMA busy_timeout = {}", LOCK_WAIT.as_millis());
            conn.query_sql(&wait, &[])?;
            format!("PRAGMA busy_timeout = {busy}")
        }
    };
    let result = tracking::ensure(conn).and_then(|()| body(conn));
    conn.query_sql(&unlock, &[])?;
    result
}

fn lock_timeout() -> Error {
    Error::Layout(format!(
        "another migration runner held the lock for {} minutes",
        LOCK_WAIT.as_secs() / 60
    ))
}

/// Applies `migration` unless it is recorded already; returns whether it ran.
fn apply(conn: &mut dyn Connection, migration: &Migration) -> Result<bool> {
    let Some((file, sql)) = migration.up(conn.backend()) else {
        return Ok(false);
    };
    let commit = Commit::of(conn.backend(), sql);
    if commit == Commit::Together {
        begin(conn)?;
    }
    let outcome = apply_inside(conn, migration, (file, sql), commit);
    finish(conn, commit, &outcome)?;
    outcome
}

fn begin(conn: &mut dyn Connection) -> Result<()> {
    let begin = match conn.backend() {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        _ => "BEGIN",
    };
    Ok(conn.batch_execute(begin)?)
}

/// Commits or rolls back what [`begin`] opened. A COMMIT that fails (a deferred foreign key)
/// is rolled back, and a failed migration's own error wins over a ROLLBACK's.
fn finish<T>(conn: &mut dyn Connection, commit: Commit, outcome: &Result<T>) -> Result<()> {
    match (commit, outcome) {
        (Commit::Together, Ok(_)) => conn.batch_execute("COMMIT").map_err(|error| {
            let _ = conn.batch_execute("ROLLBACK");
            error.into()
        }),
        (Commit::Together, Err(_)) => {
            let _ = conn.batch_execute("ROLLBACK");
            Ok(())
        }
        _ => Ok(()),
    }
}

fn apply_inside(
    conn: &mut dyn Connection,
    migration: &Migration,
    (file, sql): (&str, &str),
    commit: Commit,
) -> Result<bool> {
    let backend = conn.backend();
    // Checked again under the lock (on SQLite, under its write transaction, unless the script
    // runs outside one): another runner may have applied it meanwhile.
    if tracking::applied(conn)?
        .iter()
        .any(|r| r.version == migration.version)
    {
        return Ok(false);
    }
    let started = Instant::now();
    execute_script(
        conn,
        &format!("{}/{file}", migration.id()),
        sql,
        (commit, "is not recorded"),
    )?;
    let duration = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let checksum = migration.checksum(backend);
    tracking::record(
        conn,
        &migration.version,
        &migration.name,
        &checksum,
        duration,
    )
    .map_err(|error| commit.unrecorded(migration, ("applied", "recording it"), error))?;
    Ok(true)
}

fn unapply(conn: &mut dyn Connection, migration: &Migration) -> Result<()> {
    let (file, sql) = migration
        .down(conn.backend())
        .ok_or_else(|| Error::Irreversible(migration.id()))?;
    let commit = Commit::of(conn.backend(), sql);
    if commit == Commit::Together {
        begin(conn)?;
    }
    let outcome = execute_script(
        conn,
        &format!("{}/{file}", migration.id()),
        sql,
        (commit, "stays recorded as applied"),
    )
    .and_then(|()| {
        tracking::forget(conn, &migration.version).map_err(|error| {
            commit.unrecorded(migration, ("reverted", "removing its record"), error)
        })
    });
    finish(conn, commit, &outcome)?;
    outcome
}

/// Runs each statement of `sql`; a failure names the file, the statement's line and, when the
/// statements are committed one by one, those that had already taken effect and what became
/// of the record.
fn execute_script(
    conn: &mut dyn Connection,
    file: &str,
    sql: &str,
    (commit, record_on_failure): (Commit, &str),
) -> Result<()> {
    let mut done: Vec<usize> = Vec::new();
    for statement in split(sql, flavor(conn.backend())) {
        if let Err(source) = conn.batch_execute(&statement.sql) {
            return Err(Error::Statement {
                file: file.to_owned(),
                line: statement.line,
                source: Box::new(source),
                partial: commit.partial(&done, record_on_failure),
            });
        }
        done.push(statement.line);
    }
    Ok(())
}
