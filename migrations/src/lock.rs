//! The migration lock on PostgreSQL and MySQL/MariaDB: the one row of [`TABLE`], claimed by an
//! UPDATE that matches it only while nobody holds it, and given back by another.
//!
//! A row of a table holds wherever runners connect. A session's lock does not: behind a
//! transaction pooler, `pg_advisory_lock` stays with whichever server connection ran it —
//! held by an idle connection after the runner is gone — and MySQL's `GET_LOCK` is each Galera
//! node's own, so two runners on two nodes both got it. Two nodes claiming the row at the same
//! moment conflict when the cluster certifies the writes, and one of them is refused: that one
//! tries again, and finds the row held.
//!
//! A runner that dies holding the lock leaves it held (nothing can tell a dead runner from a
//! slow one on another node): the next runners wait (10 minutes), then fail naming the holder,
//! and [`Migrations::unlock`](crate::Migrations::unlock) (`schema-gen migrate unlock`) gives it
//! back.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use dovetail::ast::{
    Assignment, ConflictAction, Expr, Insert, InsertSource, Name, OnConflict, Select, Statement,
    TableRef, Update,
};
use dovetail::connection::TransactionExt;
use dovetail::{Backend, Connection};

use crate::{Error, Result};

/// The lock table's name (`schema-gen` leaves it out of `schema.rs`).
pub const TABLE: &str = "_dovetail_migrations_lock";

/// The PostgreSQL advisory lock a runner takes inside its transactions (creating this table,
/// applying a migration): it holds on whichever server connection a pooler chose, and ends
/// with the transaction.
pub(crate) const ADVISORY_KEY: i64 = 7_243_917;

/// How long a runner waits for another to finish, unless told otherwise
/// ([`Migrations::lock_wait`](crate::Migrations::lock_wait)).
pub(crate) const LOCK_WAIT: Duration = Duration::from_secs(600);

/// How often a waiting runner tries to claim the lock again.
const LOCK_POLL: Duration = Duration::from_millis(100);

/// How many times a claim refused by a cluster's certification (or a deadlock) is tried again
/// at once, before waiting like any other refusal.
const CONFLICT_RETRIES: usize = 5;

/// The lock, held by this runner until [`release`]d.
#[must_use = "the lock stays held until it is released"]
pub(crate) struct Held {
    holder: String,
}

/// Waits up to `wait` for the lock and takes it.
pub(crate) fn acquire(conn: &mut dyn Connection, wait: Duration) -> Result<Held> {
    ensure(conn)?;
    let holder = holder_name();
    let started = Instant::now();
    loop {
        if claim(conn, &holder)? {
            return Ok(Held { holder });
        }
        if started.elapsed() > wait {
            let (holder, since) = current(conn)?.unwrap_or_default();
            return Err(Error::Locked {
                holder,
                since,
                waited: wait,
            });
        }
        std::thread::sleep(LOCK_POLL);
    }
}

/// Gives the lock back.
pub(crate) fn release(conn: &mut dyn Connection, held: Held) -> Result<()> {
    let condition = Expr::bare_column("holder").eq(Expr::param(held.holder));
    retrying(conn, |conn| {
        conn.execute(&unclaim(Some(condition.clone())))?;
        Ok(())
    })
}

/// Gives the lock back whoever holds it; returns who held it, and since when, if anyone did.
pub(crate) fn force_release(conn: &mut dyn Connection) -> Result<Option<(String, String)>> {
    ensure(conn)?;
    let held = current(conn)?;
    retrying(conn, |conn| {
        conn.execute(&unclaim(None))?;
        Ok(())
    })?;
    Ok(held)
}

/// Creates the table and its row unless they exist (the DDL is fixed text). On PostgreSQL,
/// two runners creating the table at once would collide in the catalog, so there it is created
/// under a transaction-level advisory lock.
fn ensure(conn: &mut dyn Connection) -> Result<()> {
    let create = format!(
        "CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER NOT NULL PRIMARY KEY, \
         holder VARCHAR(200), taken_at VARCHAR(40))"
    );
    let row = Statement::Insert(Insert {
        table: TableRef::named(TABLE),
        columns: vec![Name::Borrowed("id")],
        source: InsertSource::Values(vec![vec![Expr::param(1_i32)]]),
        on_conflict: Some(OnConflict {
            target: vec![Name::Borrowed("id")],
            action: ConflictAction::DoNothing,
        }),
        returning: Vec::new(),
    });
    retrying(conn, |conn| {
        conn.transaction(|tx| {
            if tx.backend() == Backend::Postgres {
                tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({ADVISORY_KEY})"))?;
            }
            tx.batch_execute(&create)?;
            tx.execute(&row)
        })?;
        Ok(())
    })
}

/// Claims the lock for `holder` if nobody holds it; whether it did.
fn claim(conn: &mut dyn Connection, holder: &str) -> Result<bool> {
    let update = Update {
        table: TableRef::named(TABLE),
        assignments: vec![
            Assignment {
                column: Name::Borrowed("holder"),
                value: Expr::param(holder),
            },
            Assignment {
                column: Name::Borrowed("taken_at"),
                value: Expr::param(now()),
            },
        ],
        from: Vec::new(),
        selection: Some(
            Expr::bare_column("id")
                .eq(Expr::param(1_i32))
                .and(Expr::IsNull {
                    expr: Box::new(Expr::bare_column("holder")),
                    negated: false,
                }),
        ),
        returning: Vec::new(),
    };
    let statement = Statement::Update(update);
    for _ in 0..CONFLICT_RETRIES {
        match conn.execute(&statement) {
            Ok(claimed) => return Ok(claimed == 1),
            // Another node's claim won certification, or a deadlock: look again.
            Err(dovetail::Error::SerializationFailure { .. }) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(false)
}

/// `UPDATE … SET holder = NULL, taken_at = NULL WHERE id = 1 [AND condition]`.
fn unclaim(condition: Option<Expr>) -> Statement {
    let row = Expr::bare_column("id").eq(Expr::param(1_i32));
    Statement::Update(Update {
        table: TableRef::named(TABLE),
        assignments: vec![
            Assignment {
                column: Name::Borrowed("holder"),
                value: Expr::Null,
            },
            Assignment {
                column: Name::Borrowed("taken_at"),
                value: Expr::Null,
            },
        ],
        from: Vec::new(),
        selection: Some(match condition {
            Some(condition) => row.and(condition),
            None => row,
        }),
        returning: Vec::new(),
    })
}

/// Who holds the lock, and since when.
fn current(conn: &mut dyn Connection) -> Result<Option<(String, String)>> {
    let query = Select::from(TableRef::named(TABLE))
        .project(Expr::bare_column("holder"))
        .project(Expr::bare_column("taken_at"))
        .into_query();
    let rows = conn.query(&Statement::from(query))?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let holder: Option<String> = row.get(0)?;
    let since: Option<String> = row.get(1)?;
    Ok(holder.map(|holder| (holder, since.unwrap_or_default())))
}

/// Runs `write`, again when a cluster's certification (or a deadlock) refused it.
fn retrying(
    conn: &mut dyn Connection,
    mut write: impl FnMut(&mut dyn Connection) -> Result<()>,
) -> Result<()> {
    let mut attempts = 0;
    loop {
        match write(conn) {
            Err(Error::Database(error))
                if matches!(*error, dovetail::Error::SerializationFailure { .. })
                    && attempts < CONFLICT_RETRIES =>
            {
                attempts += 1;
                std::thread::sleep(LOCK_POLL);
            }
            other => return other,
        }
    }
}

/// This runner, as the lock table shows it: its host, process and a number unique in it.
fn holder_name() -> String {
    static RUNNERS: AtomicUsize = AtomicUsize::new(0);
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|host| host.trim().to_owned())
        .filter(|host| !host.is_empty())
        .unwrap_or_else(|| "unknown host".to_owned());
    format!(
        "{host}, process {}, runner {} started {}",
        std::process::id(),
        RUNNERS.fetch_add(1, Ordering::Relaxed),
        now()
    )
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
