//! Queries: SELECT clauses, joins, set operations, CTEs, paging and locks.

use super::*;

fn users() -> Select {
    select(
        table("users"),
        vec![col("users", "id"), col("users", "name")],
    )
}

fn join(operator: JoinOperator, relation: TableRef) -> Join {
    Join {
        operator,
        relation: TableFactor::Table(relation),
    }
}

fn users_with(joins: Vec<Join>) -> Query {
    let from = TableWithJoins {
        relation: TableFactor::Table(table("users").aliased("u")),
        joins,
    };
    Select {
        from: vec![from],
        ..select(table("x"), vec![col("u", "id"), col("p", "title")])
    }
    .into_query()
}

fn on_author() -> Expr {
    col("p", "author_id").eq(col("u", "id"))
}

#[test]
fn projection_with_aliases() {
    let query = Select::from(table("users"))
        .project(col("users", "id").alias("user id"))
        .project(col("users", "name").alias("name"));
    insta::assert_snapshot!(render_all(query.into_query()));
}

#[test]
fn select_without_projection_is_an_invalid_statement() {
    insta::assert_snapshot!(render_all(Select::from(table("users")).into_query()));
}

#[test]
fn select_without_from() {
    let query = Select {
        projection: vec![param(1_i64).item()],
        ..Select::default()
    };
    insta::assert_snapshot!(render_all(query.into_query()));
}

#[test]
fn select_distinct() {
    let query = Select {
        distinct: Some(Distinct::All),
        ..users()
    };
    insta::assert_snapshot!(render_all(query.into_query()));
}

#[test]
fn distinct_on_is_postgres_only() {
    let query = Select {
        distinct: Some(Distinct::On(vec![col("users", "name")])),
        ..users()
    };
    insta::assert_snapshot!(render_all(query.into_query()));
}

#[test]
fn schema_qualified_and_aliased_table() {
    let from = TableRef {
        schema: Some("shop".into()),
        name: "order".into(),
        alias: Some("o".into()),
    };
    insta::assert_snapshot!(render_all(select(from, vec![col("o", "id")]).into_query()));
}

#[test]
fn inner_left_and_right_joins() {
    let query = users_with(vec![
        join(
            JoinOperator::Inner(on_author()),
            table("posts").aliased("p"),
        ),
        join(
            JoinOperator::Left(col("c", "post_id").eq(col("p", "id"))),
            table("comments").aliased("c"),
        ),
        join(
            JoinOperator::Right(col("t", "id").eq(col("c", "tag_id"))),
            table("tags").aliased("t"),
        ),
    ]);
    insta::assert_snapshot!(render_all(query));
}

#[test]
fn full_join_is_unsupported_on_mysql() {
    insta::assert_snapshot!(render_all(users_with(vec![join(
        JoinOperator::Full(on_author()),
        table("posts").aliased("p")
    )])));
}

#[test]
fn cross_join_and_comma_separated_from() {
    let mut query = users_with(vec![join(JoinOperator::Cross, table("posts").aliased("p"))]);
    if let QueryBody::Select(select) = &mut query.body {
        select.from.push(table("tags").into());
    }
    insta::assert_snapshot!(render_all(query));
}

#[test]
fn subquery_in_from() {
    let inner = users()
        .filter(col("users", "active").eq(param(true)))
        .into_query();
    let from = TableWithJoins {
        relation: TableFactor::Derived {
            subquery: Box::new(inner),
            alias: "active".into(),
        },
        joins: vec![],
    };
    let query = Select {
        from: vec![from],
        ..select(table("x"), vec![col("active", "name")])
    };
    insta::assert_snapshot!(render_all(query.into_query()));
}

#[test]
fn where_group_by_having() {
    let count = Expr::Aggregate(Aggregate {
        function: AggregateFunction::Count,
        args: vec![Expr::Wildcard { table: None }],
        distinct: false,
        filter: None,
    });
    let query = Select {
        group_by: vec![col("orders", "customer_id")],
        having: Some(count.clone().binary(BinaryOp::Gt, param(5_i64))),
        ..select(table("orders"), vec![col("orders", "customer_id"), count])
            .filter(col("orders", "status").eq(param("paid")))
    };
    insta::assert_snapshot!(render_all(query.into_query()));
}

fn ordered(order_by: Vec<OrderBy>) -> Query {
    Query {
        order_by,
        ..users().into_query()
    }
}

#[test]
fn order_by_ascending_and_descending() {
    insta::assert_snapshot!(render_all(ordered(vec![
        col("users", "name").asc(),
        col("users", "id").desc()
    ])));
}

#[test]
fn nulls_first_and_last_are_native_or_emulated() {
    let first = OrderBy {
        nulls: Some(NullsOrder::First),
        ..col("users", "nick").asc()
    };
    let last = OrderBy {
        nulls: Some(NullsOrder::Last),
        ..col("users", "born").desc()
    };
    insta::assert_snapshot!(render_all(ordered(vec![first, last])));
}

#[test]
fn limit_without_offset() {
    insta::assert_snapshot!(render_all(Query {
        limit: Some(param(10_i64)),
        ..users().into_query()
    }));
}

#[test]
fn limit_with_offset() {
    insta::assert_snapshot!(render_all(Query {
        limit: Some(param(10_i64)),
        offset: Some(param(20_i64)),
        ..users().into_query()
    }));
}

#[test]
fn offset_without_limit() {
    insta::assert_snapshot!(render_all(Query {
        offset: Some(param(20_i64)),
        ..users().into_query()
    }));
}

fn set_operation(op: SetOperator, all: bool, left: Query, right: Query) -> Query {
    Query::new(QueryBody::SetOperation {
        op,
        all,
        left: Box::new(left),
        right: Box::new(right),
    })
}

fn names(from: &'static str) -> Query {
    select(table(from), vec![col(from, "name")]).into_query()
}

#[test]
fn union_and_union_all() {
    let union = set_operation(
        SetOperator::Union,
        false,
        names("customers"),
        names("suppliers"),
    );
    let union_all = set_operation(
        SetOperator::Union,
        true,
        names("customers"),
        names("suppliers"),
    );
    insta::assert_snapshot!(format!("{}\n{}", render_all(union), render_all(union_all)));
}

#[test]
fn intersect_and_except() {
    let intersect = set_operation(
        SetOperator::Intersect,
        false,
        names("customers"),
        names("suppliers"),
    );
    let except = set_operation(
        SetOperator::Except,
        false,
        names("customers"),
        names("suppliers"),
    );
    insta::assert_snapshot!(format!("{}\n{}", render_all(intersect), render_all(except)));
}

#[test]
fn intersect_all_and_except_all_are_unsupported_on_sqlite() {
    let intersect = set_operation(
        SetOperator::Intersect,
        true,
        names("customers"),
        names("suppliers"),
    );
    let except = set_operation(
        SetOperator::Except,
        true,
        names("customers"),
        names("suppliers"),
    );
    insta::assert_snapshot!(format!("{}\n{}", render_all(intersect), render_all(except)));
}

#[test]
fn intersect_is_unsupported_before_mysql_8_0_31() {
    let intersect = set_operation(
        SetOperator::Intersect,
        false,
        names("customers"),
        names("suppliers"),
    );
    let error = render(&intersect.into(), &MySql::mysql(Version::new(8, 0, 30))).unwrap_err();
    insta::assert_snapshot!(error.to_string());
}

#[test]
fn set_operation_arms_with_limit_are_grouped() {
    let first = Query {
        limit: Some(param(1_i64)),
        order_by: vec![col("customers", "name").asc()],
        ..names("customers")
    };
    let query = Query {
        order_by: vec![Expr::bare_column("name").desc()],
        limit: Some(param(5_i64)),
        ..set_operation(SetOperator::Union, false, first, names("suppliers"))
    };
    insta::assert_snapshot!(render_all(query));
}

#[test]
fn nested_set_operations_keep_their_grouping() {
    let inner = set_operation(
        SetOperator::Intersect,
        false,
        names("suppliers"),
        names("partners"),
    );
    insta::assert_snapshot!(render_all(set_operation(
        SetOperator::Union,
        false,
        names("customers"),
        inner
    )));
}

#[test]
fn with_common_table_expression() {
    let with = With {
        recursive: false,
        ctes: vec![Cte {
            name: "big spenders".into(),
            columns: vec![],
            query: Box::new(
                users()
                    .filter(col("users", "spent").binary(BinaryOp::Gt, param(1000_i64)))
                    .into_query()
                    .into(),
            ),
        }],
    };
    insta::assert_snapshot!(render_all(Query {
        with: Some(with),
        ..names("big spenders")
    }));
}

#[test]
fn with_recursive_and_column_names() {
    let anchor = select(table("employees"), vec![col("employees", "id")]).filter(!Expr::IsNull {
        expr: Box::new(col("employees", "manager_id")),
        negated: true,
    });
    let step = Select {
        from: vec![TableWithJoins {
            relation: TableFactor::Table(table("employees").aliased("e")),
            joins: vec![join(
                JoinOperator::Inner(col("e", "manager_id").eq(col("chain", "id"))),
                table("chain"),
            )],
        }],
        ..select(table("x"), vec![col("e", "id")])
    };
    let body = set_operation(
        SetOperator::Union,
        true,
        anchor.into_query(),
        step.into_query(),
    );
    let with = With {
        recursive: true,
        ctes: vec![Cte {
            name: "chain".into(),
            columns: vec!["id".into()],
            query: Box::new(body.into()),
        }],
    };
    insta::assert_snapshot!(render_all(Query {
        with: Some(with),
        ..select(table("chain"), vec![col("chain", "id")]).into_query()
    }));
}

#[test]
fn for_update_is_unsupported_on_sqlite() {
    let lock = Lock {
        mode: LockMode::Update,
        of: Vec::new(),
        wait: LockWait::Wait,
    };
    insta::assert_snapshot!(render_all(Query {
        lock: Some(lock),
        ..users().into_query()
    }));
}

#[test]
fn for_share_with_nowait_and_skip_locked() {
    let share = Query {
        lock: Some(Lock {
            mode: LockMode::Share,
            of: Vec::new(),
            wait: LockWait::NoWait,
        }),
        ..users().into_query()
    };
    let skip = Query {
        lock: Some(Lock {
            mode: LockMode::Update,
            of: vec!["users".into()],
            wait: LockWait::SkipLocked,
        }),
        ..users().into_query()
    };
    insta::assert_snapshot!(format!("{}\n{}", render_all(share), render_all(skip)));
}

/// A `GROUP BY` or `ORDER BY` term that repeats a select-list item with bound values is
/// written as the item's position (the server cannot match `$3` with `$1`); plain columns
/// and terms without values are written out.
#[test]
fn grouped_terms_with_values_refer_to_their_select_item() {
    let half = col("t", "a").binary(BinaryOp::IntDiv, param(2_i64));
    let mut select = select(table("t"), vec![half.clone(), col("t", "b")]);
    select.group_by = vec![half.clone(), col("t", "b")];
    let mut query = select.into_query();
    query.order_by = vec![half.desc(), col("t", "b").asc()];
    insta::assert_snapshot!(render_all(query));
}

/// A FROM clause naming two of its tables alike (a table joined again without an alias) is
/// refused on every dialect, before any server sees it.
#[test]
fn a_table_twice_under_one_name_is_refused() {
    let join = Join {
        operator: JoinOperator::Cross,
        relation: TableFactor::Table(table("users")),
    };
    insta::assert_snapshot!(render_all(users_with_plain(vec![join])));
}

fn users_with_plain(joins: Vec<Join>) -> Query {
    Select {
        from: vec![TableWithJoins {
            relation: TableFactor::Table(table("users")),
            joins,
        }],
        ..users()
    }
    .into_query()
}
