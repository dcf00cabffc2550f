//! Expressions.

use super::*;

fn where_clause(condition: Expr) -> Query {
    select(table("t"), vec![Expr::bare_column("id")])
        .filter(condition)
        .into_query()
}

fn binary(left: Expr, op: BinaryOp, right: Expr) -> Expr {
    left.binary(op, right)
}

#[test]
fn qualified_bare_and_wildcard_columns() {
    let query = select(
        table("t"),
        vec![
            col("t", "a"),
            Expr::bare_column("b"),
            Expr::Wildcard {
                table: Some("t".into()),
            },
            Expr::Wildcard { table: None },
        ],
    );
    insta::assert_snapshot!(render_all(query.into_query()));
}

#[test]
fn identifiers_with_embedded_quotes_are_escaped() {
    let query = select(
        table("we\"ird `table`"),
        vec![
            Expr::column("we\"ird `table`", "col\"umn`s"),
            Expr::bare_column("select"),
        ],
    );
    insta::assert_snapshot!(render_all(query.into_query()));
}

#[test]
fn identifier_longer_than_the_server_keeps_is_rejected() {
    insta::assert_snapshot!(render_all(select_expr(Expr::bare_column("x".repeat(65)))));
}

#[test]
fn empty_identifier_is_rejected() {
    insta::assert_snapshot!(render_all(select_expr(Expr::bare_column(""))));
}

#[test]
fn null_and_boolean_literals() {
    let query = select(
        table("t"),
        vec![Expr::Null, Expr::Bool(true), Expr::Bool(false)],
    );
    insta::assert_snapshot!(render_all(query.into_query()));
}

#[test]
fn parameters_are_numbered_in_order() {
    let condition = col("t", "a")
        .eq(param(1_i64))
        .and(col("t", "b").eq(param("x")))
        .or(col("t", "c").eq(param(Value::Null)));
    insta::assert_snapshot!(render_all(where_clause(condition)));
}

#[test]
fn not_and_negation() {
    let condition = (!col("t", "a").eq(param(1_i64))).and(binary(
        Expr::Unary {
            op: UnaryOp::Neg,
            expr: Box::new(col("t", "b")),
        },
        BinaryOp::Lt,
        param(0_i64),
    ));
    insta::assert_snapshot!(render_all(where_clause(condition)));
}

#[test]
fn comparison_operators() {
    let ops = [
        BinaryOp::Eq,
        BinaryOp::NotEq,
        BinaryOp::Lt,
        BinaryOp::LtEq,
        BinaryOp::Gt,
        BinaryOp::GtEq,
    ];
    let condition = ops
        .into_iter()
        .map(|op| binary(col("t", "a"), op, param(1_i64)))
        .reduce(Expr::and)
        .unwrap();
    insta::assert_snapshot!(render_all(where_clause(condition)));
}

#[test]
fn arithmetic_keeps_the_tree_grouping() {
    // (a + 1) * (b - 2) / c % 3
    let sum = binary(col("t", "a"), BinaryOp::Add, param(1_i64));
    let difference = binary(col("t", "b"), BinaryOp::Sub, param(2_i64));
    let product = binary(sum, BinaryOp::Mul, difference);
    let quotient = binary(product, BinaryOp::Div, col("t", "c"));
    insta::assert_snapshot!(render_all(select_expr(binary(
        quotient,
        BinaryOp::Mod,
        param(3_i64)
    ))));
}

/// Integer division is `/` where dividing integers gives an integer, `DIV` on MySQL.
#[test]
fn integer_division_is_div_on_mysql() {
    insta::assert_snapshot!(render_all(select_expr(binary(
        col("t", "a"),
        BinaryOp::IntDiv,
        param(3_i64)
    ))));
}

#[test]
fn or_inside_and_is_parenthesised() {
    let either = col("t", "a")
        .eq(param(1_i64))
        .or(col("t", "a").eq(param(2_i64)));
    insta::assert_snapshot!(render_all(where_clause(
        either.and(col("t", "b").eq(param(3_i64)))
    )));
}

#[test]
fn string_concatenation() {
    let full = binary(
        binary(col("t", "first"), BinaryOp::Concat, param(" ")),
        BinaryOp::Concat,
        col("t", "last"),
    );
    insta::assert_snapshot!(render_all(select_expr(full)));
}

#[test]
fn is_null_and_is_not_null() {
    let condition = Expr::IsNull {
        expr: Box::new(col("t", "a")),
        negated: false,
    }
    .and(Expr::IsNull {
        expr: Box::new(col("t", "b")),
        negated: true,
    });
    insta::assert_snapshot!(render_all(where_clause(condition)));
}

#[test]
fn is_distinct_from_and_is_not_distinct_from() {
    let distinct = Expr::IsDistinctFrom {
        left: Box::new(col("t", "a")),
        right: Box::new(param(1_i64)),
        negated: false,
    };
    let same = Expr::IsDistinctFrom {
        left: Box::new(col("t", "b")),
        right: Box::new(col("t", "c")),
        negated: true,
    };
    insta::assert_snapshot!(render_all(where_clause(distinct.and(same))));
}

#[test]
fn in_list_and_not_in_list() {
    let within = Expr::InList {
        expr: Box::new(col("t", "a")),
        list: vec![param(1_i64), param(2_i64)],
        negated: false,
    };
    let outside = Expr::InList {
        expr: Box::new(col("t", "b")),
        list: vec![param("x")],
        negated: true,
    };
    insta::assert_snapshot!(render_all(where_clause(within.and(outside))));
}

/// Lists of values are padded to a power of two with their last value where each value is a
/// parameter, and not where expressions are listed or the whole list is one array.
#[test]
fn in_lists_of_values_are_padded_to_a_power_of_two() {
    let values = Expr::InList {
        expr: Box::new(col("t", "a")),
        list: vec![param(1_i64), param(2_i64), param(3_i64)],
        negated: false,
    };
    let columns = Expr::InList {
        expr: Box::new(col("t", "b")),
        list: vec![col("t", "a"), col("t", "c"), param(4_i64)],
        negated: false,
    };
    insta::assert_snapshot!(render_all(where_clause(values.and(columns))));
}

#[test]
fn empty_in_list_is_a_false_predicate() {
    let within = Expr::InList {
        expr: Box::new(col("t", "a")),
        list: vec![],
        negated: false,
    };
    let outside = Expr::InList {
        expr: Box::new(col("t", "b")),
        list: vec![],
        negated: true,
    };
    insta::assert_snapshot!(render_all(where_clause(within.or(outside))));
}

fn ids_of_u() -> Box<Query> {
    Box::new(
        select(table("u"), vec![col("u", "id")])
            .filter(col("u", "active").eq(param(true)))
            .into_query(),
    )
}

#[test]
fn in_subquery_and_not_in_subquery() {
    let within = Expr::InSubquery {
        expr: Box::new(col("t", "a")),
        subquery: ids_of_u(),
        negated: false,
    };
    let outside = Expr::InSubquery {
        expr: Box::new(col("t", "b")),
        subquery: ids_of_u(),
        negated: true,
    };
    insta::assert_snapshot!(render_all(where_clause(within.and(outside))));
}

/// MySQL refuses `LIMIT` in an `IN` subquery: it reads the same rows through a derived table.
#[test]
fn in_subquery_with_a_limit() {
    let mut subquery = ids_of_u();
    subquery.limit = Some(param(2_i64));
    let within = Expr::InSubquery {
        expr: Box::new(col("t", "a")),
        subquery,
        negated: false,
    };
    insta::assert_snapshot!(render_all(where_clause(within)));
}

#[test]
fn exists_and_not_exists() {
    let exists = Expr::Exists {
        subquery: ids_of_u(),
        negated: false,
    };
    let missing = Expr::Exists {
        subquery: ids_of_u(),
        negated: true,
    };
    insta::assert_snapshot!(render_all(where_clause(exists.or(missing))));
}

#[test]
fn between_and_not_between() {
    let inside = Expr::Between {
        expr: Box::new(col("t", "a")),
        low: Box::new(param(1_i64)),
        high: Box::new(param(9_i64)),
        negated: false,
    };
    let outside = Expr::Between {
        expr: Box::new(col("t", "b")),
        low: Box::new(col("t", "lo")),
        high: Box::new(col("t", "hi")),
        negated: true,
    };
    insta::assert_snapshot!(render_all(where_clause(inside.and(outside))));
}

fn like(
    column: &'static str,
    pattern: &str,
    escape: Option<char>,
    case_insensitive: bool,
    negated: bool,
) -> Expr {
    Expr::Like {
        expr: Box::new(col("t", column)),
        pattern: Box::new(param(pattern)),
        escape,
        case_insensitive,
        negated,
    }
}

#[test]
fn like_and_not_like_with_escape() {
    let condition = like("a", "50!%%", Some('!'), false, false).and(like(
        "b",
        "x\\_%",
        Some('\\'),
        false,
        true,
    ));
    insta::assert_snapshot!(render_all(where_clause(condition)));
}

#[test]
fn ilike_is_native_on_postgres_and_lowered_elsewhere() {
    let condition =
        like("a", "ab%", None, true, false).and(like("b", "c'd%", Some('\''), true, true));
    insta::assert_snapshot!(render_all(where_clause(condition)));
}

#[test]
fn searched_and_simple_case() {
    let searched = Expr::Case {
        operand: None,
        branches: vec![(
            binary(col("t", "a"), BinaryOp::Gt, param(10_i64)),
            param("big"),
        )],
        otherwise: Some(Box::new(param("small"))),
    };
    let simple = Expr::Case {
        operand: Some(Box::new(col("t", "kind"))),
        branches: vec![(param(1_i64), param("one")), (param(2_i64), param("two"))],
        otherwise: None,
    };
    insta::assert_snapshot!(render_all(
        select(table("t"), vec![searched, simple]).into_query()
    ));
}

#[test]
fn case_without_branches_is_an_invalid_statement() {
    let empty = Expr::Case {
        operand: None,
        branches: vec![],
        otherwise: None,
    };
    insta::assert_snapshot!(render_all(select_expr(empty)));
}

fn cast(ty: SqlType) -> Expr {
    Expr::Cast {
        expr: Box::new(col("t", "a")),
        ty,
    }
}

#[test]
fn cast_to_portable_types() {
    let types = [
        SqlType::SmallInt,
        SqlType::Integer,
        SqlType::BigInt,
        SqlType::Real,
        SqlType::Double,
        SqlType::Decimal(None),
        SqlType::Decimal(Some((10, 2))),
        SqlType::Text,
        SqlType::Bytes,
        SqlType::Date,
        SqlType::Time,
        SqlType::Timestamp,
        SqlType::TimestampTz,
        SqlType::Uuid,
    ];
    insta::assert_snapshot!(render_all(
        select(table("t"), types.into_iter().map(cast).collect()).into_query()
    ));
}

#[test]
fn cast_to_boolean_is_unsupported_on_mysql() {
    insta::assert_snapshot!(render_all(select_expr(cast(SqlType::Boolean))));
}

#[test]
fn cast_to_json_is_unsupported_on_mariadb() {
    insta::assert_snapshot!(render_all(select_expr(cast(SqlType::Json))));
}

fn function(name: &str, args: Vec<Expr>) -> Expr {
    Expr::Function(Function {
        name: name.into(),
        args,
    })
}

#[test]
fn function_calls() {
    let coalesce = function(
        "coalesce",
        vec![col("t", "nick"), col("t", "name"), param("anonymous")],
    );
    let lower = function("lower", vec![col("t", "email")]);
    let now = function("pg_catalog.now", vec![]);
    insta::assert_snapshot!(render_all(
        select(table("t"), vec![coalesce, lower, now]).into_query()
    ));
}

#[test]
fn function_name_that_is_not_an_identifier_is_rejected() {
    insta::assert_snapshot!(render_all(select_expr(function(
        "drop table x; --",
        vec![]
    ))));
}

fn aggregate(function: AggregateFunction, arg: Expr, distinct: bool, filter: Option<Expr>) -> Expr {
    Expr::Aggregate(Aggregate {
        function,
        args: vec![arg],
        distinct,
        filter: filter.map(Box::new),
    })
}

#[test]
fn aggregates_with_distinct() {
    let items = vec![
        aggregate(
            AggregateFunction::Count,
            Expr::Wildcard { table: None },
            false,
            None,
        ),
        aggregate(AggregateFunction::Count, col("t", "a"), true, None),
        aggregate(AggregateFunction::Sum, col("t", "a"), false, None),
        aggregate(AggregateFunction::Avg, col("t", "a"), false, None),
        aggregate(AggregateFunction::Min, col("t", "a"), false, None),
        aggregate(AggregateFunction::Max, col("t", "a"), false, None),
        aggregate(
            AggregateFunction::Other("string_agg".into()),
            col("t", "a"),
            false,
            None,
        ),
    ];
    insta::assert_snapshot!(render_all(select(table("t"), items).into_query()));
}

#[test]
fn aggregate_filter_is_native_or_moved_into_case() {
    let paid = col("t", "paid").eq(param(true));
    let items = vec![
        aggregate(
            AggregateFunction::Count,
            Expr::Wildcard { table: None },
            false,
            Some(paid.clone()),
        ),
        aggregate(AggregateFunction::Sum, col("t", "amount"), true, Some(paid)),
    ];
    insta::assert_snapshot!(render_all(select(table("t"), items).into_query()));
}

fn window(function: Expr, frame: Option<WindowFrame>) -> Expr {
    Expr::Window(Box::new(WindowFunction {
        function,
        partition_by: vec![col("t", "dept")],
        order_by: vec![col("t", "salary").desc()],
        frame,
    }))
}

#[test]
fn window_functions_with_partition_order_and_frame() {
    let rank = window(function("rank", vec![]), None);
    let running = window(
        aggregate(AggregateFunction::Sum, col("t", "salary"), false, None),
        Some(WindowFrame {
            units: FrameUnits::Rows,
            start: FrameBound::UnboundedPreceding,
            end: Some(FrameBound::CurrentRow),
        }),
    );
    let moving = window(
        aggregate(AggregateFunction::Avg, col("t", "salary"), false, None),
        Some(WindowFrame {
            units: FrameUnits::Range,
            start: FrameBound::Preceding(2),
            end: Some(FrameBound::Following(3)),
        }),
    );
    let tail = window(
        aggregate(AggregateFunction::Max, col("t", "salary"), false, None),
        Some(WindowFrame {
            units: FrameUnits::Rows,
            start: FrameBound::CurrentRow,
            end: Some(FrameBound::UnboundedFollowing),
        }),
    );
    let empty = Expr::Window(Box::new(WindowFunction {
        function: function("row_number", vec![]),
        partition_by: vec![],
        order_by: vec![],
        frame: None,
    }));
    insta::assert_snapshot!(render_all(
        select(table("t"), vec![rank, running, moving, tail, empty]).into_query()
    ));
}

#[test]
fn windowed_queries_are_sorted_outside_on_mysql() {
    let rank = window(function("rank", vec![]), None);
    let mut query = select(table("t"), vec![col("t", "dept"), rank]).into_query();
    query.order_by = vec![col("t", "dept").asc(), col("t", "hired").desc()];
    query.limit = Some(param(10_i64));
    insta::assert_snapshot!(render_all(query));
}

#[test]
fn groups_frame_is_unsupported_on_mysql() {
    let frame = WindowFrame {
        units: FrameUnits::Groups,
        start: FrameBound::Preceding(1),
        end: None,
    };
    insta::assert_snapshot!(render_all(select_expr(window(
        function("rank", vec![]),
        Some(frame)
    ))));
}

#[test]
fn scalar_subquery() {
    let latest = Query {
        limit: Some(param(1_i64)),
        order_by: vec![col("o", "placed_at").desc()],
        ..select(table("o"), vec![col("o", "placed_at")])
            .filter(col("o", "customer_id").eq(col("t", "id")))
            .into_query()
    };
    insta::assert_snapshot!(render_all(select_expr(Expr::Subquery(Box::new(latest)))));
}

#[test]
fn row_values_compare_field_by_field() {
    let condition = binary(
        Expr::Row(vec![Expr::bare_column("name"), Expr::bare_column("id")]),
        BinaryOp::Gt,
        Expr::Row(vec![Expr::param("Mug"), Expr::param(3_i64)]),
    );
    insta::assert_snapshot!(render_all(where_clause(condition)));
}
