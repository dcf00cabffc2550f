//! Applying and reverting migrations, under a lock, with drift detection.
//!
//! PostgreSQL and SQLite run each migration in a transaction: a failure leaves no trace of it.
//! MySQL/MariaDB commit DDL implicitly, so there a failure names the statement and what had
//! already been applied, and the migration is not recorded; a migration of data only (INSERT,
//! UPDATE, DELETE…) runs in a transaction there too, its record committed with it.
//!
//! Runners take a lock that holds wherever they connect (see `lock.rs`): behind a transaction
//! pooler and on any node of a Galera cluster. On PostgreSQL each migration's transaction also
//! takes a transaction-level advisory lock and looks again at what is applied, so that two
//! runners never apply one migration however they reached the server.
//!
//! A script whose first line is [`NO_TRANSACTION`] runs outside a transaction on every backend,
//! for statements that refuse one: PostgreSQL's `CREATE INDEX CONCURRENTLY`, SQLite's `VACUUM`
//! or `PRAGMA foreign_keys`. Its statements then take effect one by one, as on MySQL: a failure
//! names those already applied. (On SQLite nothing then keeps a second runner from applying the
//! same migration at the same moment.)

use std::time::{Duration, Instant};

use dovetail::{Backend, Connection};

use crate::lock;
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
        } else if backend == Backend::MySql && !data_only(script) {
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

/// Whether every statement of `script` (MySQL's) reads or writes rows and none changes the
/// schema, which MySQL would commit at once.
fn data_only(script: &str) -> bool {
    const DATA: [&str; 6] = ["insert", "update", "delete", "replace", "select", "with"];
    split(script, Flavor::MySql).iter().all(|statement| {
        let first = first_word(&statement.sql);
        DATA.iter().any(|word| first.eq_ignore_ascii_case(word))
    })
}

/// The first word of `sql`, after any comments.
fn first_word(sql: &str) -> &str {
    let mut rest = sql.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("--").or_else(|| rest.strip_prefix('#')) {
            rest = after
                .split_once('\n')
                .map_or("", |(_, next)| next)
                .trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after
                .split_once("*/")
                .map_or("", |(_, next)| next)
                .trim_start();
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    &rest[..end]
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
        locked(conn, self.lock_wait, |conn| {
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
        locked(conn, self.lock_wait, |conn| {
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

    /// Releases the migration lock whoever holds it — for a runner that died holding it, which
    /// leaves it held (see [`Error::Locked`]); returns who held it and since when. Releasing
    /// the lock of a runner that is still at work lets another apply migrations beside it.
    pub fn unlock(conn: &mut dyn Connection) -> Result<Option<(String, String)>> {
        match conn.backend() {
            Backend::Sqlite => Ok(None),
            _ => lock::force_release(conn),
        }
    }

    /// Reverts the last applied migration and applies it again (from its current file, so an
    /// edited migration can be tried again); other pending migrations stay pending.
    pub fn redo(&self, conn: &mut dyn Connection) -> Result<Vec<String>> {
        let reverted = self.revert(conn, 1)?;
        locked(conn, self.lock_wait, |conn| {
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

/// Runs `body` holding the migration lock (`lock.rs`), so two runners never apply at once
/// (nor create the tracking table at once). SQLite has no other node and no named locks: there
/// each migration's `BEGIN IMMEDIATE` serializes writers instead, and the connection's busy
/// timeout is raised to the lock wait meanwhile (then put back), so a runner waits for another's
/// migration as on the other backends rather than fail once the application's own timeout
/// runs out.
fn locked<T>(
    conn: &mut dyn Connection,
    wait: Duration,
    body: impl FnOnce(&mut dyn Connection) -> Result<T>,
) -> Result<T> {
    if conn.backend() != Backend::Sqlite {
        let held = lock::acquire(conn, wait)?;
        let result = tracking::ensure(conn).and_then(|()| body(conn));
        // The migration's own error says more than a failed release.
        let released = lock::release(conn, held);
        return result.and_then(|value| released.map(|()| value));
    }
    let busy: i64 = conn.query_sql("PRAGMA busy_timeout", &[])?[0].get(0)?;
    conn.query_sql(&format!("PRAGMA busy_timeout = {}", wait.as_millis()), &[])?;
    let result = tracking::ensure(conn).and_then(|()| body(conn));
    conn.query_sql(&format!("PRAGMA busy_timeout = {busy}"), &[])?;
    result
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

/// Begins a migration's transaction. On PostgreSQL it also takes a transaction-level advisory
/// lock, which holds on whichever server connection a pooler chose and ends with the
/// transaction: the runner then looks again at what is applied under it.
fn begin(conn: &mut dyn Connection) -> Result<()> {
    match conn.backend() {
        Backend::Sqlite => conn.batch_execute("BEGIN IMMEDIATE")?,
        Backend::Postgres => {
            conn.batch_execute("BEGIN")?;
            let lock = format!("SELECT pg_advisory_xact_lock({})", lock::ADVISORY_KEY);
            if let Err(error) = conn.batch_execute(&lock) {
                let _ = conn.batch_execute("ROLLBACK");
                return Err(error.into());
            }
        }
        Backend::MySql => conn.batch_execute("BEGIN")?,
    }
    Ok(())
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
