//! The tracking table: which migrations ran, with the checksum of what ran, when, and for how
//! long. Reads and writes go through dovetail's `ast`, so values are bound and names quoted.

use dovetail::ast::{Delete, Expr, Insert, InsertSource, Name, Select, Statement, TableRef};
use dovetail::{Backend, Connection};

use crate::Result;

/// The tracking table's name (`schema-gen` leaves it out of `schema.rs`).
pub const TABLE: &str = "_dovetail_migrations";

/// One recorded migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) version: String,
    pub(crate) checksum: String,
}

/// Creates the table if it does not exist (its DDL is fixed text: no user data in it).
pub(crate) fn ensure(conn: &mut dyn Connection) -> Result<()> {
    let text = match conn.backend() {
        Backend::MySql => "VARCHAR(255)",
        _ => "TEXT",
    };
    conn.batch_execute(&format!(
        "CREATE TABLE IF NOT EXISTS {TABLE} (version VARCHAR(32) NOT NULL PRIMARY KEY, \
         name {text} NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL, \
         duration_ms BIGINT NOT NULL)"
    ))?;
    Ok(())
}

/// The recorded migrations, by version.
pub(crate) fn applied(conn: &mut dyn Connection) -> Result<Vec<Record>> {
    let mut query = Select::from(TableRef::named(TABLE))
        .project(Expr::bare_column("version"))
        .project(Expr::bare_column("checksum"))
        .into_query();
    query.order_by.push(Expr::bare_column("version").asc());
    let rows = conn.query(&Statement::from(query))?;
    rows.iter()
        .map(|row| {
            Ok(Record {
                version: row.get(0)?,
                checksum: row.get(1)?,
            })
        })
        .collect()
}

/// Records a migration as applied.
pub(crate) fn record(
    conn: &mut dyn Connection,
    version: &str,
    name: &str,
    checksum: &str,
    duration_ms: i64,
) -> Result<()> {
    let applied_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let values = vec![
        Expr::param(version),
        Expr::param(name),
        Expr::param(checksum),
        Expr::param(applied_at),
        Expr::param(duration_ms),
    ];
    let insert = Insert {
        table: TableRef::named(TABLE),
        columns: ["version", "name", "checksum", "applied_at", "duration_ms"]
            .map(Name::Borrowed)
            .to_vec(),
        source: InsertSource::Values(vec![values]),
        on_conflict: None,
        returning: Vec::new(),
    };
    conn.execute(&Statement::Insert(insert))?;
    Ok(())
}

/// Forgets a migration (after it was reverted).
pub(crate) fn forget(conn: &mut dyn Connection, version: &str) -> Result<()> {
    let delete = Delete {
        table: TableRef::named(TABLE),
        using: Vec::new(),
        selection: Some(Expr::bare_column("version").eq(Expr::param(version))),
        returning: Vec::new(),
    };
    conn.execute(&Statement::Delete(delete))?;
    Ok(())
}
