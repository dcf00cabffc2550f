//! Writes: INSERT (multi-row, defaults, from a query, upserts), UPDATE, DELETE, RETURNING.

use super::*;

fn insert(rows: Vec<Vec<Expr>>) -> Insert {
    Insert {
        table: table("users"),
        columns: vec!["email".into(), "name".into()],
        source: InsertSource::Values(rows),
        on_conflict: None,
        returning: vec![],
    }
}

fn ada() -> Vec<Expr> {
    vec![param("ada@example.com"), param("Ada")]
}

fn upsert(action: ConflictAction) -> Insert {
    Insert {
        on_conflict: Some(OnConflict {
            target: vec!["email".into()],
            action,
        }),
        ..insert(vec![ada()])
    }
}

#[test]
fn insert_one_row() {
    insta::assert_snapshot!(render_all(insert(vec![ada()])));
}

#[test]
fn insert_several_rows() {
    insta::assert_snapshot!(render_all(insert(vec![
        ada(),
        vec![param("bob@example.com"), param(Value::Null)]
    ])));
}

#[test]
fn insert_row_of_the_wrong_length_is_an_invalid_statement() {
    insta::assert_snapshot!(render_all(insert(vec![
        ada(),
        vec![param("bob@example.com")]
    ])));
}

#[test]
fn insert_default_values() {
    let defaults = Insert {
        columns: vec![],
        source: InsertSource::DefaultValues,
        ..insert(vec![])
    };
    insta::assert_snapshot!(render_all(defaults));
}

fn archived() -> Box<Query> {
    Box::new(
        select(
            table("archive"),
            vec![col("archive", "email"), col("archive", "name")],
        )
        .into_query(),
    )
}

#[test]
fn insert_from_select() {
    insta::assert_snapshot!(render_all(Insert {
        source: InsertSource::Query(archived()),
        ..insert(vec![])
    }));
}

#[test]
fn upsert_do_nothing() {
    insta::assert_snapshot!(render_all(upsert(ConflictAction::DoNothing)));
}

#[test]
fn upsert_do_update_with_the_proposed_row() {
    let set = vec![
        Assignment {
            column: "name".into(),
            value: Expr::Excluded("name".into()),
        },
        Assignment {
            column: "visits".into(),
            value: col("users", "visits").binary(BinaryOp::Add, param(1_i64)),
        },
    ];
    insta::assert_snapshot!(render_all(upsert(ConflictAction::DoUpdate(set))));
}

#[test]
fn upsert_from_select() {
    let set = vec![Assignment {
        column: "name".into(),
        value: Expr::Excluded("name".into()),
    }];
    insta::assert_snapshot!(render_all(Insert {
        source: InsertSource::Query(archived()),
        ..upsert(ConflictAction::DoUpdate(set))
    }));
}

#[test]
fn upsert_update_without_conflict_target_is_an_invalid_statement() {
    let set = vec![Assignment {
        column: "name".into(),
        value: Expr::Excluded("name".into()),
    }];
    let mut statement = upsert(ConflictAction::DoUpdate(set));
    statement.on_conflict.as_mut().unwrap().target.clear();
    insta::assert_snapshot!(render_all(statement));
}

#[test]
fn insert_returning() {
    let returning = vec![col("users", "id").item(), col("users", "name").alias("who")];
    insta::assert_snapshot!(render_all(Insert {
        returning,
        ..insert(vec![ada()])
    }));
}

fn rename() -> Update {
    Update {
        table: table("users"),
        assignments: vec![
            Assignment {
                column: "name".into(),
                value: param("Ada L."),
            },
            Assignment {
                column: "visits".into(),
                value: col("users", "visits").binary(BinaryOp::Add, param(1_i64)),
            },
        ],
        from: vec![],
        selection: Some(col("users", "id").eq(param(7_i64))),
        returning: vec![],
    }
}

#[test]
fn update_set_where() {
    insta::assert_snapshot!(render_all(rename()));
}

#[test]
fn update_without_assignments_is_an_invalid_statement() {
    insta::assert_snapshot!(render_all(Update {
        assignments: vec![],
        ..rename()
    }));
}

#[test]
fn update_from_other_tables() {
    let update = Update {
        table: table("orders").aliased("o"),
        assignments: vec![Assignment {
            column: "status".into(),
            value: col("c", "default_status"),
        }],
        from: vec![table("customers").aliased("c").into()],
        selection: Some(
            col("o", "customer_id")
                .eq(col("c", "id"))
                .and(col("c", "vip").eq(param(true))),
        ),
        returning: vec![],
    };
    insta::assert_snapshot!(render_all(update));
}

#[test]
fn update_returning() {
    insta::assert_snapshot!(render_all(Update {
        returning: vec![col("users", "visits").item()],
        ..rename()
    }));
}

fn delete() -> Delete {
    Delete {
        table: table("sessions"),
        using: vec![],
        selection: Some(col("sessions", "expires").binary(BinaryOp::Lt, param(100_i64))),
        returning: vec![],
    }
}

#[test]
fn delete_where() {
    insta::assert_snapshot!(render_all(delete()));
}

#[test]
fn delete_everything() {
    insta::assert_snapshot!(render_all(Delete {
        selection: None,
        ..delete()
    }));
}

#[test]
fn delete_using_another_table() {
    insta::assert_snapshot!(render_all(Delete {
        using: vec![table("users").into()],
        selection: Some(
            col("sessions", "user_id")
                .eq(col("users", "id"))
                .and(col("users", "blocked")),
        ),
        ..delete()
    }));
}

#[test]
fn delete_returning() {
    insta::assert_snapshot!(render_all(Delete {
        returning: vec![col("sessions", "id").item()],
        ..delete()
    }));
}
