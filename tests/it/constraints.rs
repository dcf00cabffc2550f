//! Constraint violations map to the same typed errors, with the names the server gives.

use dovetail::value::Value;
use dovetail::{Backend, Connection, Error, Violation};

use crate::harness::{backend_test, pick, placeholders};

const SCHEMA: &str = "
    CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE child (
        id INTEGER PRIMARY KEY,
        parent_id INTEGER,
        name VARCHAR(50) NOT NULL,
        email VARCHAR(100),
        qty INTEGER,
        CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id),
        CONSTRAINT child_email_key UNIQUE (email),
        CONSTRAINT qty_positive CHECK (qty > 0)
    );
    INSERT INTO parent (id) VALUES (1);
    INSERT INTO child (id, parent_id, name, email, qty) VALUES (1, 1, 'first', 'a@example.com', 1)";

/// The error of inserting the child `(id, parent_id, name, email, qty)`, which must fail.
fn insert_child(conn: &mut dyn Connection, row: [Value; 5]) -> Error {
    let marks = placeholders(conn, 5).join(", ");
    let sql = format!("INSERT INTO child (id, parent_id, name, email, qty) VALUES ({marks})");
    conn.execute_sql(&sql, &row)
        .expect_err("the insert violates a constraint")
}

fn child(id: i64, parent: i64, name: Option<&str>, email: &str, qty: i64) -> [Value; 5] {
    [
        id.into(),
        parent.into(),
        name.into(),
        email.into(),
        qty.into(),
    ]
}

/// The violation's (constraint, table, column).
fn names(violation: &Violation) -> (Option<&str>, Option<&str>, Option<&str>) {
    (
        violation.constraint(),
        violation.table(),
        violation.column(),
    )
}

backend_test! {
    fn unique_violations_name_the_constraint(conn, backend) {
        conn.batch_execute(SCHEMA).unwrap();
        match insert_child(conn, child(2, 1, Some("second"), "a@example.com", 1)) {
            Error::UniqueViolation(v) => {
                assert_eq!(v.backend(), backend);
                let expected = pick(
                    backend,
                    (Some("child_email_key"), Some("child"), Some("email")),
                    (Some("child_email_key"), Some("child"), None),
                    (Some("child_email_key"), None, None),
                );
                assert_eq!(names(&v), expected, "{v}");
            }
            other => panic!("expected a unique violation, got {other:?}"),
        }
        match insert_child(conn, child(1, 1, Some("again"), "b@example.com", 1)) {
            Error::UniqueViolation(v) => {
                let expected = pick(
                    backend,
                    (None, Some("child"), Some("id")),
                    (Some("child_pkey"), Some("child"), None),
                    (Some("PRIMARY"), None, None),
                );
                assert_eq!(names(&v), expected, "{v}");
            }
            other => panic!("expected a primary key violation, got {other:?}"),
        }
    }
}

backend_test! {
    /// A unique index created by name is named on every backend (SQLite reports only table and
    /// columns; the name is looked up among the table's indexes), composite ones too.
    fn unique_indexes_are_named_everywhere(conn, backend) {
        conn.batch_execute(
            "CREATE TABLE tag (id INTEGER PRIMARY KEY, label VARCHAR(50) NOT NULL, \
             scope VARCHAR(20) NOT NULL, kind VARCHAR(20) NOT NULL); \
             CREATE UNIQUE INDEX tag_label_key ON tag (label); \
             CREATE UNIQUE INDEX tag_scope_kind_key ON tag (scope, kind)",
        )
        .unwrap();
        let marks = placeholders(conn, 4).join(", ");
        let sql = format!("INSERT INTO tag (id, label, scope, kind) VALUES ({marks})");
        let mut insert = |row: [Value; 4]| conn.execute_sql(&sql, &row);
        insert([1_i64.into(), "rust".into(), "lang".into(), "a".into()]).unwrap();
        for (row, expected) in [
            ([2_i64.into(), "rust".into(), "lang".into(), "b".into()], "tag_label_key"),
            ([3_i64.into(), "go".into(), "lang".into(), "a".into()], "tag_scope_kind_key"),
        ] {
            match insert(row) {
                Err(Error::UniqueViolation(v)) => assert_eq!(v.constraint(), Some(expected), "{v}"),
                other => panic!("expected a unique violation, got {other:?}"),
            }
        }
    }
}

backend_test! {
    fn foreign_key_violations_name_the_constraint(conn, backend) {
        conn.batch_execute(SCHEMA).unwrap();
        let on_insert = pick(
            backend,
            (Some("child_parent_fk"), Some("child"), Some("parent_id")),
            (Some("child_parent_fk"), Some("child"), None),
            (Some("child_parent_fk"), Some("child"), Some("parent_id")),
        );
        match insert_child(conn, child(2, 99, Some("orphan"), "o@example.com", 1)) {
            Error::ForeignKeyViolation(v) => assert_eq!(names(&v), on_insert, "{v}"),
            other => panic!("expected a foreign key violation, got {other:?}"),
        }
        match conn.execute_sql("DELETE FROM parent", &[]) {
            Err(Error::ForeignKeyViolation(v)) => assert_eq!(names(&v), on_insert, "{v}"),
            other => panic!("expected a foreign key violation, got {other:?}"),
        }
    }
}

backend_test! {
    fn not_null_violations_name_the_column(conn, backend) {
        conn.batch_execute(SCHEMA).unwrap();
        match insert_child(conn, child(2, 1, None, "n@example.com", 1)) {
            Error::NotNullViolation(v) => {
                let expected = pick(
                    backend,
                    (None, Some("child"), Some("name")),
                    (None, Some("child"), Some("name")),
                    (None, None, Some("name")),
                );
                assert_eq!(names(&v), expected, "{v}");
            }
            other => panic!("expected a not-null violation, got {other:?}"),
        }
    }
}

backend_test! {
    fn check_violations_name_the_constraint(conn, backend) {
        conn.batch_execute(SCHEMA).unwrap();
        match insert_child(conn, child(2, 1, Some("none"), "c@example.com", 0)) {
            Error::CheckViolation(v) => {
                let mariadb = conn.dialect().name() == "MariaDB";
                let table = match backend {
                    Backend::Sqlite => None,
                    Backend::MySql if !mariadb => None,
                    _ => Some("child"),
                };
                assert_eq!(names(&v), (Some("qty_positive"), table, None), "{v}");
            }
            other => panic!("expected a check violation, got {other:?}"),
        }
        let unchanged = conn.query_sql("SELECT COUNT(*) FROM child", &[]).unwrap();
        assert_eq!(unchanged[0].get::<i64>(0).unwrap(), 1);
    }
}

#[test]
fn sqlite_enforces_foreign_keys() {
    crate::harness::run_sqlite(|conn, _| {
        let pragma = conn.query_sql("PRAGMA foreign_keys", &[]).unwrap();
        assert!(pragma[0].get::<bool>(0).unwrap());
        conn.batch_execute(SCHEMA).unwrap();
        let orphan = conn.execute_sql("UPDATE child SET parent_id = 2", &[]);
        assert!(
            matches!(orphan, Err(Error::ForeignKeyViolation(_))),
            "{orphan:?}"
        );
    });
}
