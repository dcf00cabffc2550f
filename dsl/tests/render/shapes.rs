//! The process-wide shape cache: statements that differ in anything but their values never
//! share SQL, and those that differ only in values do.

use std::sync::Arc;

use super::*;

/// Statements that differ from each other in one detail each: a run-time name of the same
/// length, a name fixed in the program against the same text known at run time, an operator,
/// the length of an IN list, a LIKE escape character, a window frame offset.
fn near_twins() -> Vec<Statement> {
    let filtered = |condition: Expr| {
        Statement::from(
            select(table("t"), vec![Expr::bare_column("id")])
                .filter(condition)
                .into_query(),
        )
    };
    let like = |escape| Expr::Like {
        expr: Box::new(Expr::bare_column("name")),
        pattern: Box::new(param("a%")),
        escape,
        case_insensitive: false,
        negated: false,
    };
    let frame = |n| {
        Statement::from(select_expr(Expr::Window(Box::new(WindowFunction {
            function: Expr::Function(Function {
                name: "rank".into(),
                args: vec![],
            }),
            partition_by: vec![],
            order_by: vec![],
            frame: Some(WindowFrame {
                units: FrameUnits::Rows,
                start: FrameBound::Preceding(n),
                end: None,
            }),
        }))))
    };
    let owned = |name: &str| Expr::bare_column(Name::Owned(name.to_owned()));
    let in_list = |len: i64| Expr::InList {
        expr: Box::new(Expr::bare_column("abc")),
        list: (0..len).map(param).collect(),
        negated: false,
    };
    vec![
        filtered(owned("abc").eq(param(1))),
        filtered(owned("abd").eq(param(1))),
        filtered(Expr::bare_column("abc").eq(param(1))),
        filtered(Expr::bare_column("abc").binary(BinaryOp::NotEq, param(1))),
        filtered(in_list(2)),
        filtered(in_list(3)),
        filtered(like(None)),
        filtered(like(Some('!'))),
        filtered(like(Some('#'))),
        frame(1),
        frame(2),
    ]
}

#[test]
fn statements_that_differ_in_shape_get_their_own_sql() {
    let dialects: [&dyn Dialect; 3] = [&Postgres, &MySql::default(), &Sqlite::default()];
    for dialect in dialects {
        // Twice over: first filling the cache, then reading it.
        for _ in 0..2 {
            for statement in near_twins() {
                assert_cached_render_matches(&statement, dialect);
            }
        }
    }
}

#[test]
fn statements_that_differ_only_in_values_share_one_sql_text() {
    let by_name = |name: &str| {
        Statement::from(
            select(table("shapes_album"), vec![col("shapes_album", "id")])
                .filter(col("shapes_album", "title").eq(param(name)))
                .into_query(),
        )
    };
    let first = render_cached(&by_name("Jagged Little Pill"), &Postgres).unwrap();
    let second = render_cached(&by_name("Ten"), &Postgres).unwrap();
    assert!(Arc::ptr_eq(&first.sql, &second.sql));
    assert_eq!(second.params, vec![Value::from("Ten")]);
    // Another dialect writes its own text for the same shape.
    let sqlite = render_cached(&by_name("Ten"), &Sqlite::default()).unwrap();
    assert_eq!(
        &*sqlite.sql,
        r#"SELECT "shapes_album"."id" FROM "shapes_album" WHERE "shapes_album"."title" = ?"#
    );
}
