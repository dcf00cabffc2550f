//! Queries that compile run, and give the same answer on every backend.

use chrono::{NaiveDate, NaiveDateTime};
use dovetail::Backend;
use dovetail::dsl::constant;
use dovetail::prelude::*;
use dovetail_tests::shop::*;

use crate::harness::backend_test;
use crate::shop_fixture;

backend_test! {
    /// Dividing integers gives the integer the type promises, truncated toward zero, on
    /// every backend (MySQL's `/` would give a decimal).
    fn integer_division_is_integer_on_every_backend(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(i32, i32, i32)> = order_line::table
            .select((order_line::quantity, order_line::quantity / 3, (order_line::quantity - 5) / 2))
            .order_by((order_line::order_id, order_line::product_id))
            .load(conn)
            .unwrap();
        assert_eq!(rows, [(1, 0, -2), (4, 1, 0), (1, 0, -2), (2, 0, -1), (3, 1, -1)]);
    }
}

backend_test! {
    /// `IN (subquery … LIMIT n)` runs everywhere: MySQL and MariaDB, which refuse a limit
    /// there, read the subquery through a derived table.
    fn in_subqueries_with_a_limit_run_on_every_backend(conn, backend) {
        shop_fixture::create(conn, backend);
        let top_two = product::table.select(product::id).order_by(product::price.desc()).limit(2);
        let names: Vec<String> = product::table
            .filter(product::id.in_query(top_two))
            .select(product::name)
            .order_by(product::name)
            .load(conn)
            .unwrap();
        assert_eq!(names, ["Kettle", "Teapot"]);
        let rest = product::table.select(product::id).order_by(product::price.desc()).limit(2).offset(1);
        let outside: Vec<String> = product::table
            .filter(product::id.not_in_query(rest))
            .select(product::name)
            .order_by(product::name)
            .load(conn)
            .unwrap();
        assert_eq!(outside.len(), 2, "{outside:?}");
        assert!(outside.contains(&"Teapot".to_string()), "{outside:?}");
    }
}

backend_test! {
    /// `cast::<T>()` yields a `T` on every backend — on SQLite a date from a timestamp's text,
    /// not the text — and expressions holding a cast are `Copy` like the others.
    fn casts_yield_their_type_on_every_backend(conn, backend) {
        shop_fixture::create(conn, backend);
        let as_text = orders::placed_on.cast::<Text>();
        let stamp = as_text.concat(" 13:45:30").cast::<Timestamp>();
        let (copy_a, copy_b) = (stamp.clone(), stamp);
        let wide_id = orders::id.cast::<BigInt>();
        let (id_a, id_b) = (wide_id, wide_id);
        let rows: Vec<(NaiveDate, NaiveDateTime, NaiveDate, i64)> = orders::table
            .filter(orders::id.eq(1))
            .select((
                copy_a.cast::<Date>(),
                copy_b,
                as_text.cast::<Date>(),
                id_a + orders::customer_id.cast::<BigInt>() + id_b - 1,
            ))
            .load(conn)
            .unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(rows, [(day, day.and_hms_opt(13, 45, 30).unwrap(), day, 2)]);
    }
}

backend_test! {
    /// Constants in a select list, in `EXISTS (SELECT …)` and in a `GROUP BY` term repeated from
    /// the select list run on every backend, typed as the Rust values say.
    fn constants_in_select_lists_and_group_by_run_on_every_backend(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, i32, i64, bool)> = product::table
            .filter(product::id.eq(1))
            .select((product::name, constant(7_i32), constant(8_i64), constant(true)))
            .load(conn)
            .unwrap();
        assert_eq!(rows, [("Kettle".to_string(), 7, 8, true)]);
        let some_order = orders::table.select(constant(1_i32));
        let with_orders: Vec<String> = customer::table
            .filter(exists(&some_order.filter(orders::customer_id.eq(1))))
            .filter(customer::id.eq(1))
            .select(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(with_orders.len(), 1);
    }
}

backend_test! {
    /// A `GROUP BY` or `ORDER BY` term repeated from the select list with bound values
    /// (`quantity / $1` twice) is the same expression to every backend.
    fn grouping_by_a_selected_expression_with_values_runs_on_every_backend(conn, backend) {
        use dovetail::ast::{Aggregate, AggregateFunction, BinaryOp, Expr, Select, TableRef};
        shop_fixture::create(conn, backend);
        let half = Expr::bare_column("quantity").binary(BinaryOp::IntDiv, Expr::param(2_i32));
        let count = Expr::Aggregate(Aggregate {
            function: AggregateFunction::Count,
            args: vec![Expr::Wildcard { table: None }],
            distinct: false,
            filter: None,
        });
        let mut select = Select::from(TableRef::named("order_line")).project(half.clone()).project(count);
        select.group_by = vec![half.clone()];
        let mut query = select.into_query();
        query.order_by = vec![half.asc()];
        let rows = conn.query(&query.into()).unwrap();
        let counts: Vec<(i64, i64)> = rows.iter().map(|r| (r.get(0).unwrap(), r.get(1).unwrap())).collect();
        // Quantities 1, 4, 1, 2, 3: halves 0, 2, 0, 1, 1.
        assert_eq!(counts, [(0, 2), (1, 2), (2, 1)]);
    }
}

backend_test! {
    /// `bool_and` and `bool_or` aggregate conditions on every backend (`MIN`/`MAX` where
    /// booleans are 0 and 1).
    fn boolean_aggregates_run_on_every_backend(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(i32, Option<bool>, Option<bool>)> = order_line::table
            .group_by(order_line::order_id)
            .select((
                order_line::order_id,
                bool_and(order_line::quantity.gt(1)),
                bool_or(order_line::quantity.gt(3)),
            ))
            .order_by(order_line::order_id)
            .load(conn)
            .unwrap();
        assert_eq!(rows, [(1, Some(false), Some(true)), (2, Some(false), Some(false)), (3, Some(true), Some(false))]);
    }
}

backend_test! {
    /// After GROUP BY a table's primary key, the table's other columns may be selected: they
    /// depend on the key.
    fn grouping_by_a_primary_key_groups_its_tables_columns(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, Option<String>, i64)> = customer::table
            .join_children_via(orders::fk::buyer, orders::table)
            .group_by(customer::id)
            .select((customer::name, customer::email, count_star()))
            .order_by(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows.iter().map(|r| r.2).sum::<i64>(), 3);
    }
}

backend_test! {
    /// `FOR UPDATE` after an outer join locks the rows of the preserved side (PostgreSQL
    /// refuses to lock the nullable side); SQLite has no row locks and says so.
    fn for_update_after_an_outer_join_locks_the_preserved_side(conn, backend) {
        use dovetail::connection::TransactionExt;
        shop_fixture::create(conn, backend);
        let query = customer::table
            .left_join_children_via(orders::fk::buyer, orders::table)
            .select((customer::name, orders::id))
            .order_by((customer::name, orders::id))
            .for_update();
        let locked = conn.transaction(|tx| query.load::<(String, Option<i32>), _>(tx));
        match backend {
            Backend::Sqlite => assert!(matches!(locked, Err(dovetail::Error::Unsupported { .. })), "{locked:?}"),
            _ => assert_eq!(locked.unwrap().len(), 5),
        }
    }
}

backend_test! {
    /// A table joined twice without an alias does not compile in the typed layer
    /// (`ui-tests/tests/fail/same_table_twice_in_from.rs`); built by hand, it is a typed error
    /// before anything is sent.
    fn a_table_joined_twice_without_an_alias_is_refused(conn, backend) {
        shop_fixture::create(conn, backend);
        let twice = dovetail::dsl::dynamic::DynamicQuery::from(customer::table)
            .join(dovetail::ast::Join {
                operator: dovetail::ast::JoinOperator::Cross,
                relation: dovetail::ast::TableFactor::Table(dovetail::ast::TableRef::named("customer")),
            })
            .column("customer", "id")
            .load(conn);
        assert!(matches!(&twice, Err(dovetail::Error::InvalidStatement(m)) if m.contains("`customer` appears twice")), "{twice:?}");
    }
}

backend_test! {
    /// Numbers of different kinds combine and compare as SQL promotes them (an integer with a
    /// `Numeric` is a `Numeric`, in either order), integer literals compare with `Numeric`
    /// columns, and a date compares with a timestamp.
    fn numbers_promote_and_dates_compare_with_timestamps(conn, backend) {
        shop_fixture::create(conn, backend);
        let dec = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        let totals: Vec<(i32, rust_decimal::Decimal, rust_decimal::Decimal)> = order_line::table
            .join_fk(product::table)
            .filter(product::price.gt(5))
            .select((order_line::order_id, product::price * order_line::quantity, order_line::quantity * product::price))
            .order_by((order_line::order_id, order_line::product_id))
            .load(conn)
            .unwrap();
        assert!(!totals.is_empty());
        for (_, a, b) in &totals {
            assert_eq!(a, b);
            assert!(*a > dec("5"));
        }
        let later: Vec<i64> = orders::table
            .cross_join(visit::table)
            .filter(orders::placed_on.lt(visit::seen_at))
            .select(count_star())
            .load(conn)
            .unwrap();
        assert_eq!(later.len(), 1);
    }
}

backend_test! {
    /// A DISTINCT query ordered by a selected expression runs alike everywhere, whether
    /// `.distinct()` comes before or after the selection.
    fn distinct_rows_order_by_selected_expressions(conn, backend) {
        shop_fixture::create(conn, backend);
        let buyers: Vec<(String, i32)> = orders::table
            .join_via(orders::fk::buyer, customer::table)
            .select((customer::name, customer::id))
            .distinct()
            .order_by(customer::name.desc())
            .load(conn)
            .unwrap();
        assert_eq!(buyers, vec![("Brian".to_string(), 2), ("Ada".to_string(), 1)]);
        let quantities: Vec<i32> = order_line::table
            .distinct()
            .select(order_line::quantity)
            .order_by(order_line::quantity)
            .load(conn)
            .unwrap();
        assert_eq!(quantities, vec![1, 2, 3, 4]);
    }
}

backend_test! {
    /// UNION, UNION ALL, INTERSECT and EXCEPT of typed queries return the same rows on every
    /// backend, ordered by the first side's columns; a column nullable on one side reads as
    /// `Option` (doc examples render them per dialect).
    fn set_operations_of_typed_queries(conn, backend) {
        shop_fixture::create(conn, backend);
        let names: Vec<String> = customer::table
            .select(customer::name)
            .union(employee::table.select(employee::name))
            .order_by(customer::name.desc())
            .limit(3)
            .load(conn)
            .unwrap();
        assert_eq!(names, vec!["Grace", "Edsger", "Dmitri"]);
        let all: Vec<i32> = order_line::table
            .select(order_line::product_id)
            .union_all(product_tag::table.select(product_tag::product_id))
            .order_by(order_line::product_id)
            .load(conn)
            .unwrap();
        assert_eq!(all, vec![1, 1, 2, 2, 2, 3, 3, 3, 4, 4]);
        let tagged_and_ordered: Vec<i32> = order_line::table
            .select(order_line::product_id)
            .intersect(product_tag::table.filter(product_tag::tag_id.eq(1)).select(product_tag::product_id))
            .order_by(order_line::product_id)
            .load(conn)
            .unwrap();
        assert_eq!(tagged_and_ordered, vec![1, 2]);
        let never_ordered: Vec<i32> = product::table
            .select(product::id)
            .except(order_line::table.select(order_line::product_id))
            .load(conn)
            .unwrap();
        assert!(never_ordered.is_empty());
        let contacts: Vec<(String, Option<String>)> = customer::table
            .filter(customer::id.le(2))
            .select((customer::name, customer::email))
            .union(product::table.filter(product::id.eq(1)).select((product::name, product::description)))
            .order_by(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(
            contacts,
            vec![
                ("Ada".to_string(), Some("ada@example.com".to_string())),
                ("Brian".to_string(), Some("brian@example.com".to_string())),
                ("Kettle".to_string(), Some("Boils water".to_string())),
            ]
        );
    }
}

backend_test! {
    /// A one-column subquery is a value: compared with, selected and ordered by, typed as its
    /// column made nullable (it may return no row).
    fn scalar_subqueries_are_values(conn, backend) {
        shop_fixture::create(conn, backend);
        let average = product::table.select(avg(product::price)).single_value();
        let dear: Vec<String> = product::table
            .filter(product::price.gt(average))
            .select(product::name)
            .order_by(product::name)
            .load(conn)
            .unwrap();
        assert_eq!(dear, vec!["Kettle", "Teapot"]);
        let orders = orders::table.select(count_star()).single_value();
        let with_count: Vec<(String, Option<i64>)> = customer::table
            .filter(customer::id.le(2))
            .select((customer::name, orders))
            .order_by(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(with_count, vec![("Ada".to_string(), Some(3)), ("Brian".to_string(), Some(3))]);
        let nobody = customer::table.filter(customer::id.eq(99)).select(customer::name).single_value();
        let missing: Vec<Option<String>> = product::table
            .filter(product::id.eq(1))
            .select(nobody)
            .load(conn)
            .unwrap();
        assert_eq!(missing, vec![None]);
    }
}

backend_test! {
    /// After a RIGHT JOIN every table joined before reads as nullable, after a FULL JOIN every
    /// table does; MySQL and MariaDB, which have no FULL JOIN, refuse it with a typed error.
    fn right_and_full_joins_move_nullability(conn, backend) {
        shop_fixture::create(conn, backend);
        let per_customer: Vec<(String, Option<i32>)> = orders::table
            .right_join_on(customer::table, orders::customer_id.eq(customer::id))
            .select((customer::name, orders::id))
            .order_by((customer::name, orders::id))
            .load(conn)
            .unwrap();
        assert_eq!(
            per_customer,
            vec![
                ("Ada".to_string(), Some(1)),
                ("Ada".to_string(), Some(2)),
                ("Brian".to_string(), Some(3)),
                ("Chloe".to_string(), None),
                ("Dmitri".to_string(), None),
            ]
        );
        let everyone = customer::table
            .full_join_on(employee::table, customer::name.eq(employee::name))
            .select((customer::name, employee::name));
        let rows: dovetail::Result<Vec<(Option<String>, Option<String>)>> = everyone.load(conn);
        match backend {
            dovetail::Backend::MySql => assert!(matches!(rows, Err(dovetail::Error::Unsupported { .. })), "{rows:?}"),
            _ => {
                let rows = rows.unwrap();
                assert_eq!(rows.len(), 8);
                assert_eq!(rows.iter().filter(|(c, e)| c.is_some() && e.is_none()).count(), 4);
            }
        }
    }
}

backend_test! {
    /// Keyset pagination with a row comparison: each page starts after the last row of the one
    /// before, field by field, on every backend.
    fn row_values_page_through_a_keyset(conn, backend) {
        shop_fixture::create(conn, backend);
        let page = |after: (&str, i32), conn: &mut dyn Connection| -> Vec<(String, i32)> {
            order_line::table
                .join_fk(product::table)
                .filter((product::name, order_line::order_id).gt(after))
                .select((product::name, order_line::order_id))
                .order_by((product::name, order_line::order_id))
                .limit(2)
                .load(conn)
                .unwrap()
        };
        let first = page(("", 0), conn);
        assert_eq!(first, vec![("Kettle".to_string(), 1), ("Mug".to_string(), 1)]);
        let second = page(("Mug", 1), conn);
        assert_eq!(second, vec![("Mug".to_string(), 3), ("Tea towel".to_string(), 3)]);
        let last = page(("Tea towel", 3), conn);
        assert_eq!(last, vec![("Teapot".to_string(), 2)]);
    }
}

backend_test! {
    /// A column read through an alias can be grouped by and then selected.
    fn grouping_by_a_column_of_an_alias(conn, backend) {
        shop_fixture::create(conn, backend);
        let reports: Vec<(String, i64)> = employee::table
            .join_via(employee::fk::manager, Manager)
            .group_by(Manager.col(employee::name))
            .select((Manager.col(employee::name), count_star()))
            .order_by(Manager.col(employee::name))
            .load(conn)
            .unwrap();
        assert_eq!(reports, vec![("Alan".to_string(), 1), ("Grace".to_string(), 2)]);
    }
}

backend_test! {
    /// INSERT … SELECT writes a typed query's rows to the listed columns.
    fn insert_select_writes_the_rows_of_a_query(conn, backend) {
        shop_fixture::create(conn, backend);
        let written = insert_into(tag::table)
            .from_query(tag::name, product::table.filter(product::id.le(2)).select(product::name))
            .execute(conn)
            .unwrap();
        assert_eq!(written, 2);
        // Sorted in Rust: MariaDB's default collation orders case-insensitively.
        let mut names: Vec<String> = tag::table.select(tag::name).load(conn).unwrap();
        names.sort();
        assert_eq!(names, vec!["Kettle", "Teapot", "cheap", "gift", "kitchen"]);
        let copied = insert_into(employee::table)
            .from_query(
                (employee::name, employee::manager_id),
                customer::table.filter(customer::id.eq(3)).select((customer::name, customer::referred_by)),
            )
            .execute(conn)
            .unwrap();
        assert_eq!(copied, 1);
        let chloe: Vec<Option<i32>> = employee::table
            .filter(employee::name.eq("Chloe"))
            .select(employee::manager_id)
            .load(conn)
            .unwrap();
        assert_eq!(chloe, vec![Some(1)]);
    }
}
