//! Render snapshots: every node of the tree, on every dialect, named after the behaviour.
//!
//! Each snapshot shows the SQL and parameters (or the typed error) for PostgreSQL, MySQL 8,
//! MariaDB 10.11 and SQLite, so a dialect difference reads side by side.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod expr;
mod query;
mod shapes;
mod upsert;
mod write;

use dovetail::ast::*;
use dovetail::render::{Dialect, MySql, Postgres, Sqlite, Version, render, render_cached};
use dovetail::value::Value;

/// Renders `statement` for each dialect, one block per dialect.
///
/// Each statement is also rendered through the process-wide shape cache, twice (a miss or a
/// hit, then a hit), which must give the same text and parameters, or the same error: every
/// snapshot test, running in parallel in one process, fills the one cache, so two distinct
/// statements that shared a shape key would fail here.
fn render_all(statement: impl Into<Statement>) -> String {
    let statement = statement.into();
    let dialects: [(&str, &dyn Dialect); 4] = [
        ("postgres", &Postgres),
        ("mysql", &MySql::mysql(Version::new(8, 0, 36))),
        ("mariadb", &MySql::mariadb(Version::new(10, 11, 6))),
        ("sqlite", &Sqlite::new(Version::new(3, 46, 0))),
    ];
    let mut out = String::new();
    for (name, dialect) in dialects {
        assert_cached_render_matches(&statement, dialect);
        match render(&statement, dialect) {
            Ok(rendered) => {
                out.push_str(&format!("{name:<8} {}\n", rendered.sql));
                if !rendered.params.is_empty() {
                    out.push_str(&format!("         params: {:?}\n", rendered.params));
                }
            }
            Err(error) => out.push_str(&format!("{name:<8} error: {error}\n")),
        }
    }
    out
}

fn assert_cached_render_matches(statement: &Statement, dialect: &dyn Dialect) {
    let fresh = render(statement, dialect);
    for _ in 0..2 {
        match (&fresh, render_cached(statement, dialect)) {
            (Ok(fresh), Ok(cached)) => {
                assert_eq!(*cached.sql, *fresh.sql, "{dialect:?}");
                assert_eq!(cached.params, fresh.params, "{dialect:?}");
            }
            (Err(fresh), Err(cached)) => assert_eq!(cached.to_string(), fresh.to_string()),
            (fresh, cached) => panic!("{dialect:?}: rendered {fresh:?}, from the cache {cached:?}"),
        }
    }
}

fn col(table: &'static str, name: &'static str) -> Expr {
    Expr::column(table, name)
}

fn param(value: impl Into<Value>) -> Expr {
    Expr::param(value)
}

fn table(name: &'static str) -> TableRef {
    TableRef::named(name)
}

/// `SELECT items FROM from`.
fn select(from: TableRef, items: Vec<Expr>) -> Select {
    items
        .into_iter()
        .fold(Select::from(from), |select, item| select.project(item))
}

/// `SELECT expr FROM t`: the frame for expression snapshots.
fn select_expr(expr: Expr) -> Query {
    select(table("t"), vec![expr]).into_query()
}
