//! Names for SQLite's constraint violations, which its messages leave out: a UNIQUE failure
//! names its table and columns only, a FOREIGN KEY failure nothing at all. The names are
//! looked up in the schema, with every name bound as a parameter.

use rusqlite::{Connection, params_from_iter};

use super::declared::{Declared, Kind, Token, named_constraints, tokenize, written_table};
use crate::error::{Error, Violation};
use crate::value::Value;

/// What failed.
#[derive(Clone, Copy)]
pub(super) enum Failed<'a> {
    /// One statement and its parameters.
    Statement(&'a str, &'a [Value]),
    /// A script of statements without parameters.
    Script(&'a str),
}

/// `error` with the constraint (and, for a foreign key, the table and column) named where the
/// schema has a name for it.
pub(super) fn name_violation(conn: &Connection, failed: Failed<'_>, error: Error) -> Error {
    match error {
        Error::UniqueViolation(mut violation) if violation.constraint.is_none() => {
            violation.constraint = unique_constraint(conn, &violation.message);
            Error::UniqueViolation(violation)
        }
        Error::ForeignKeyViolation(mut violation) if violation.table.is_none() => {
            match violated_foreign_key(conn, failed) {
                Probe::Found(orphan) => name_foreign_key(&mut violation, conn, orphan),
                Probe::NotFound => {}
                Probe::TransactionLost => return transaction_lost(violation),
            }
            Error::ForeignKeyViolation(violation)
        }
        other => other,
    }
}

/// The connection after a probe that could not be undone: its transaction was rolled back, so
/// it is reported lost (and is then refused, and dropped by a pool) rather than go on as if
/// the transaction were still open.
fn transaction_lost(violation: Box<Violation>) -> Error {
    let message = format!(
        "{violation}; looking up its foreign key could not be undone, so the transaction was \
         rolled back"
    );
    let Violation {
        backend, source, ..
    } = *violation;
    Error::ConnectionLost {
        backend,
        message,
        source: Some(source),
    }
}

/// The name of the key over the `table.column, …` that a UNIQUE failure's `message` lists:
/// a unique index created by name over exactly those columns, or a key declared with
/// `CONSTRAINT name` in `CREATE TABLE`.
fn unique_constraint(conn: &Connection, message: &str) -> Option<String> {
    let columns: Vec<(&str, &str)> = message
        .strip_prefix("UNIQUE constraint failed:")?
        .split(',')
        .map(|qualified| qualified.trim().split_once('.'))
        .collect::<Option<_>>()?;
    let table = columns.first()?.0;
    let wanted: Vec<&str> = columns.iter().map(|(_, column)| *column).collect();
    let indexes = strings(
        conn,
        "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" AND origin = 'c'",
        &[table],
    )?;
    let index = indexes.into_iter().find(|index| {
        strings(
            conn,
            "SELECT name FROM pragma_index_info(?1) ORDER BY seqno",
            &[index],
        )
        .is_some_and(|columns| same_names(&columns, &wanted))
    });
    index.or_else(|| {
        declared(conn, table)
            .into_iter()
            .find(|c| c.kind == Kind::Key && same_names(&c.columns, &wanted))
            .map(|c| c.name)
    })
}

/// A row left without its parent: its table, rowid (none in a `WITHOUT ROWID` table) and
/// foreign key (its number in `pragma_foreign_key_list`).
#[derive(Debug, PartialEq)]
struct Orphan {
    table: String,
    rowid: Option<i64>,
    foreign_key: i64,
}

/// What looking for the broken foreign key came to.
enum Probe {
    Found(Orphan),
    NotFound,
    /// The second run could not be undone, so the whole transaction was rolled back.
    TransactionLost,
}

/// Which foreign key the failed statement broke. The statement is run again inside a savepoint
/// with foreign keys deferred; the rows without a parent afterwards that were not so before it
/// (checked in the table it writes and the tables whose keys reference that one) show the key;
/// and the savepoint is rolled back, so nothing of the second run remains. A failed `COMMIT`
/// or `RELEASE` (deferred foreign keys) is not run again: its rows are still there to check.
/// Nor is a script: only its first statement could be.
fn violated_foreign_key(conn: &Connection, failed: Failed<'_>) -> Probe {
    let found = |orphan: Option<Orphan>| orphan.map_or(Probe::NotFound, Probe::Found);
    let sql = match failed {
        Failed::Statement(sql, _) | Failed::Script(sql) => sql,
    };
    let tokens = tokenize(sql);
    let ends_transaction = tokens.first().is_some_and(|first| {
        ["COMMIT", "END", "RELEASE"]
            .iter()
            .any(|verb| first.is_keyword(verb))
    });
    if ends_transaction {
        return found(orphans(conn, None).and_then(|all| all.into_iter().next()));
    }
    let Failed::Statement(sql, params) = failed else {
        return Probe::NotFound;
    };
    let tables = involved_tables(conn, &tokens);
    let Ok(deferred) = conn.query_row("PRAGMA defer_foreign_keys", [], |row| row.get::<_, bool>(0))
    else {
        return Probe::NotFound;
    };
    if conn
        .execute_batch("SAVEPOINT dovetail_foreign_key_probe")
        .is_err()
    {
        return Probe::NotFound;
    }
    let orphan = (|| {
        conn.execute_batch("PRAGMA defer_foreign_keys = ON").ok()?;
        let before = orphans(conn, tables.as_deref())?;
        run_again(conn, sql, params)?;
        let after = orphans(conn, tables.as_deref())?;
        after.into_iter().find(|orphan| !before.contains(orphan))
    })();
    let undone = conn
        .execute_batch("ROLLBACK TO dovetail_foreign_key_probe; RELEASE dovetail_foreign_key_probe")
        .is_ok();
    let restored = deferred
        || conn
            .execute_batch("PRAGMA defer_foreign_keys = OFF")
            .is_ok();
    if !(undone && restored) {
        // The probe's rows must not reach a later COMMIT.
        let _ = conn.execute_batch("ROLLBACK");
        return Probe::TransactionLost;
    }
    found(orphan)
}

fn run_again(conn: &Connection, sql: &str, params: &[Value]) -> Option<()> {
    let params = super::encode_all(params).ok()?;
    let mut statement = conn.prepare(sql).ok()?;
    let mut rows = statement.query(params_from_iter(&params)).ok()?;
    while rows.next().ok()?.is_some() {}
    Some(())
}

/// The rows without a parent in `tables` (every table when `None`).
fn orphans(conn: &Connection, tables: Option<&[String]>) -> Option<Vec<Orphan>> {
    let orphan = |row: &rusqlite::Row<'_>| {
        Ok(Orphan {
            table: row.get(0)?,
            rowid: row.get(1)?,
            foreign_key: row.get(3)?,
        })
    };
    let Some(tables) = tables else {
        let mut check = conn.prepare("PRAGMA foreign_key_check").ok()?;
        let rows = check.query_map([], orphan).ok()?;
        return rows.collect::<rusqlite::Result<_>>().ok();
    };
    let mut check = conn
        .prepare_cached("SELECT * FROM pragma_foreign_key_check(?1)")
        .ok()?;
    let mut all = Vec::new();
    for table in tables {
        let rows = check.query_map([table], orphan).ok()?;
        all.extend(rows.collect::<rusqlite::Result<Vec<_>>>().ok()?);
    }
    Some(all)
}

/// The table a statement writes (`INSERT INTO t`, `REPLACE INTO t`, `UPDATE t`, `DELETE FROM t`) and
/// the tables with a foreign key to it; `None` when the statement does not say.
fn involved_tables(conn: &Connection, tokens: &[Token]) -> Option<Vec<String>> {
    let table = written_table(tokens)?;
    let mut tables = strings(
        conn,
        "SELECT DISTINCT m.name FROM (SELECT name, type FROM sqlite_master \
         UNION ALL SELECT name, type FROM sqlite_temp_master) AS m \
         JOIN pragma_foreign_key_list(m.name) AS f \
         WHERE m.type = 'table' AND f.\"table\" = ?1 COLLATE NOCASE",
        &[&table],
    )?;
    tables.retain(|t| !t.eq_ignore_ascii_case(&table));
    tables.insert(0, table);
    Some(tables)
}

/// Fills in the orphan's table, its foreign key's column (when it has one) and the key's
/// declared name (when it has one).
fn name_foreign_key(violation: &mut Violation, conn: &Connection, orphan: Orphan) {
    let key: Option<(String, Vec<String>)> = conn
        .prepare("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1) WHERE id = ?2 ORDER BY seq")
        .and_then(|mut statement| {
            let rows = statement.query_map(
                rusqlite::params![orphan.table, orphan.foreign_key],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })
        .ok()
        .and_then(|rows| {
            let parent = rows.first()?.0.clone();
            Some((parent, rows.into_iter().map(|(_, from)| from).collect()))
        });
    if let Some((parent, columns)) = key {
        violation.constraint = declared(conn, &orphan.table)
            .into_iter()
            .find(|c| {
                matches!(&c.kind, Kind::ForeignKey { parent: p } if p.eq_ignore_ascii_case(&parent))
                    && same_names(&c.columns, &columns)
            })
            .map(|c| c.name);
        if let [column] = columns.as_slice() {
            violation.column = Some(column.clone());
        }
    }
    violation.table = Some(orphan.table);
}

/// The named constraints declared in `table`'s `CREATE TABLE`.
fn declared(conn: &Connection, table: &str) -> Vec<Declared> {
    conn.query_row(
        "SELECT sql FROM (SELECT sql, name, type FROM sqlite_master \
         UNION ALL SELECT sql, name, type FROM sqlite_temp_master) \
         WHERE type = 'table' AND name = ?1",
        [table],
        |row| row.get::<_, String>(0),
    )
    .map(|sql| named_constraints(&sql))
    .unwrap_or_default()
}

fn strings(conn: &Connection, sql: &str, params: &[&str]) -> Option<Vec<String>> {
    let mut statement = conn.prepare_cached(sql).ok()?;
    let rows = statement
        .query_map(params_from_iter(params), |row| row.get(0))
        .ok()?;
    rows.collect::<rusqlite::Result<_>>().ok()
}

/// SQLite's names are case-insensitive.
fn same_names(a: &[impl AsRef<str>], b: &[impl AsRef<str>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(a, b)| a.as_ref().eq_ignore_ascii_case(b.as_ref()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::Connection;
    use crate::connection::sqlite::SqliteConnection;
    use crate::connection::transaction::TransactionExt;
    use crate::error::{Error, Result};

    const SCHEMA: &str = "
        CREATE TABLE person (id INTEGER PRIMARY KEY, email TEXT CONSTRAINT person_email_key UNIQUE);
        CREATE TABLE pet (
            id INTEGER CONSTRAINT pet_pk PRIMARY KEY,
            owner INTEGER CONSTRAINT pet_owner_fk REFERENCES person (id),
            vet INTEGER REFERENCES person (id),
            tag TEXT UNIQUE
        );
        CREATE TABLE visit (
            pet INTEGER, day TEXT,
            CONSTRAINT visit_pet_fk FOREIGN KEY (pet) REFERENCES pet (id) DEFERRABLE INITIALLY DEFERRED
        );
        INSERT INTO person (id, email) VALUES (1, 'a@example.com');
        INSERT INTO pet (id, owner, vet, tag) VALUES (1, 1, 1, 'rex');";

    fn conn() -> SqliteConnection {
        let mut conn = SqliteConnection::open_in_memory().unwrap();
        conn.batch_execute(SCHEMA).unwrap();
        conn
    }

    /// The violation's (constraint, table, column), or the error if it is another one.
    fn names(result: Result<u64>) -> (Option<String>, Option<String>, Option<String>) {
        let violation = match result {
            Err(Error::UniqueViolation(v) | Error::ForeignKeyViolation(v)) => v,
            other => panic!("expected a constraint violation, got {other:?}"),
        };
        let owned = |s: Option<&str>| s.map(str::to_owned);
        (
            owned(violation.constraint()),
            owned(violation.table()),
            owned(violation.column()),
        )
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn column_constraints_are_named() {
        let mut conn = conn();
        let email = conn.execute_sql(
            "INSERT INTO person (id, email) VALUES (?, ?)",
            &[2_i64.into(), "a@example.com".into()],
        );
        assert_eq!(
            names(email),
            (some("person_email_key"), some("person"), some("email"))
        );
        let owner = conn.execute_sql(
            "INSERT INTO pet (id, owner) VALUES (?, ?)",
            &[2_i64.into(), 99_i64.into()],
        );
        assert_eq!(
            names(owner),
            (some("pet_owner_fk"), some("pet"), some("owner"))
        );
    }

    #[test]
    fn constraints_without_a_name_have_none() {
        let mut conn = conn();
        let vet = conn.execute_sql("INSERT INTO pet (id, vet) VALUES (2, 99)", &[]);
        assert_eq!(names(vet), (None, some("pet"), some("vet")));
        let tag = conn.execute_sql("INSERT INTO pet (id, tag) VALUES (2, 'rex')", &[]);
        assert_eq!(names(tag), (None, some("pet"), some("tag")));
    }

    #[test]
    fn temporary_tables_are_named_too() {
        let mut conn = conn();
        conn.batch_execute(
            "CREATE TEMP TABLE writer (id INTEGER PRIMARY KEY); \
             CREATE TEMP TABLE note (id INTEGER PRIMARY KEY, \
             author INTEGER CONSTRAINT note_author_fk REFERENCES writer (id), \
             body TEXT CONSTRAINT note_body_key UNIQUE)",
        )
        .unwrap();
        let author = conn.execute_sql("INSERT INTO note (id, author) VALUES (1, 99)", &[]);
        assert_eq!(
            names(author),
            (some("note_author_fk"), some("note"), some("author"))
        );
        conn.execute_sql("INSERT INTO note (id, body) VALUES (1, 'x')", &[])
            .unwrap();
        let body = conn.execute_sql("INSERT INTO note (id, body) VALUES (2, 'x')", &[]);
        assert_eq!(
            names(body),
            (some("note_body_key"), some("note"), some("body"))
        );
    }

    #[test]
    fn deleting_a_parent_names_the_child_key() {
        let mut conn = conn();
        let delete = conn.execute_sql("DELETE FROM person WHERE id = ?", &[1_i64.into()]);
        // Both keys of `pet` lose their parent; the first reported is one of them.
        let (constraint, table, _) = names(delete);
        assert_eq!(table, some("pet"));
        assert!(constraint.is_none() || constraint == some("pet_owner_fk"));
    }

    #[test]
    fn the_second_run_leaves_nothing_behind() {
        let mut conn = conn();
        conn.transaction(|tx| {
            tx.execute_sql("INSERT INTO person (id) VALUES (2)", &[])?;
            let orphan = tx.execute_sql("INSERT INTO pet (id, owner) VALUES (3, 99)", &[]);
            assert_eq!(names(orphan).0, some("pet_owner_fk"));
            // Foreign keys are enforced at once again, and the transaction is still open.
            let again = tx.execute_sql("INSERT INTO pet (id, owner) VALUES (4, 98)", &[]);
            assert!(matches!(again, Err(Error::ForeignKeyViolation(_))));
            assert_eq!(tx.transaction_depth(), 1);
            Ok::<_, Error>(())
        })
        .unwrap();
        let rows = conn
            .query_sql(
                "SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM pet)",
                &[],
            )
            .unwrap();
        assert_eq!(
            (
                rows[0].get::<i64>(0).unwrap(),
                rows[0].get::<i64>(1).unwrap()
            ),
            (2, 1)
        );
        let deferred = conn.query_sql("PRAGMA defer_foreign_keys", &[]).unwrap();
        assert_eq!(deferred[0].get::<i64>(0).unwrap(), 0);
    }

    #[test]
    fn rows_already_without_a_parent_are_not_blamed() {
        let mut conn = conn();
        // An orphan from a time foreign keys were off, and one pending under a deferred key.
        conn.batch_execute(
            "PRAGMA foreign_keys = OFF; INSERT INTO pet (id, owner) VALUES (7, 70); \
             PRAGMA foreign_keys = ON",
        )
        .unwrap();
        conn.transaction(|tx| {
            tx.execute_sql("INSERT INTO visit (pet, day) VALUES (42, 'monday')", &[])?;
            let vet = tx.execute_sql("INSERT INTO pet (id, vet) VALUES (8, 99)", &[]);
            assert_eq!(names(vet), (None, some("pet"), some("vet")));
            let owner = tx.execute_sql("UPDATE pet SET owner = 98 WHERE id = 1", &[]);
            assert_eq!(
                names(owner),
                (some("pet_owner_fk"), some("pet"), some("owner"))
            );
            tx.execute_sql("DELETE FROM visit", &[])?;
            Ok::<_, Error>(())
        })
        .unwrap();
    }

    #[test]
    fn a_deferred_key_is_named_when_the_commit_fails() {
        let mut conn = conn();
        let failed = conn.transaction(|tx| {
            tx.execute_sql("INSERT INTO visit (pet, day) VALUES (42, 'monday')", &[])?;
            Ok::<_, Error>(())
        });
        match failed {
            Err(Error::ForeignKeyViolation(v)) => {
                assert_eq!(
                    (v.constraint(), v.table(), v.column()),
                    (Some("visit_pet_fk"), Some("visit"), Some("pet"))
                );
            }
            other => panic!("expected a foreign key violation at commit, got {other:?}"),
        }
        let visits = conn.query_sql("SELECT count(*) FROM visit", &[]).unwrap();
        assert_eq!(visits[0].get::<i64>(0).unwrap(), 0);
    }
}
