//! Typed SELECTs over the shop, on every backend, asserting the exact rows.

use chrono::NaiveDate;
use dovetail::dsl::SelectQuery;
use dovetail::dsl::distinct::Unsorted;
use dovetail::dsl::grouping::Ungrouped;
use dovetail::dsl::scope::{Cons, Nil};
use dovetail::prelude::*;
use dovetail_tests::shop::*;
use rust_decimal::Decimal;

use crate::harness::backend_test;
use crate::shop_fixture;

/// A query for product names, not ordered yet: its last parameter records the selection, which
/// a DISTINCT query's ORDER BY would be checked against.
type ProductNames =
    SelectQuery<Cons<product::table, Nil>, Ungrouped, Text, Unsorted<product::name>>;

fn names(query: ProductNames, conn: &mut dyn Connection) -> Vec<String> {
    query.order_by(product::id).load(conn).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

backend_test! {
    /// Filter, order and select two columns of one table.
    fn filter_order_and_select_columns(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, Decimal)> = product::table
            .filter(product::price.gt(dec("5")))
            .select((product::name, product::price))
            .order_by(product::price.desc())
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![("Teapot".into(), dec("40.00")), ("Kettle".into(), dec("25.50")), ("Mug".into(), dec("7.25"))]
        );
    }
}

backend_test! {
    /// A nullable column reads as `Option`; `is_null` finds the NULLs.
    fn nullable_columns_read_as_option(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, Option<String>)> = customer::table
            .select((customer::name, customer::email))
            .order_by(customer::id)
            .load(conn)
            .unwrap();
        assert_eq!(rows[2], ("Chloe".into(), None));
        assert_eq!(rows[0].1.as_deref(), Some("ada@example.com"));
        let without_email: Vec<String> = customer::table
            .filter(customer::email.is_null())
            .select(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(without_email, vec!["Chloe".to_string()]);
    }
}

backend_test! {
    /// Joins along foreign keys in both directions, through a link table.
    fn join_fk_through_a_many_to_many_link(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, String)> = product::table
            .join_fk(product_tag::table)
            .join_fk(tag::table)
            .filter(tag::name.eq("kitchen"))
            .select((product::name, tag::name))
            .order_by(product::name)
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![("Kettle".into(), "kitchen".into()), ("Teapot".into(), "kitchen".into())]
        );
    }
}

backend_test! {
    /// `join_via` picks one of two foreign keys to the same parent, and an alias reads the
    /// parent a second time.
    fn join_via_chooses_among_foreign_keys(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, Option<String>, NaiveDate)> = orders::table
            .join_via(orders::fk::buyer, customer::table)
            .left_join_via(orders::fk::recipient, Recipient)
            .select((customer::name, Recipient.col(customer::name), orders::placed_on))
            .order_by(orders::id)
            .load(conn)
            .unwrap();
        let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            rows,
            vec![
                ("Ada".into(), None, date(1, 5)),
                ("Ada".into(), Some("Chloe".into()), date(2, 14)),
                ("Brian".into(), None, date(3, 1)),
            ]
        );
    }
}

backend_test! {
    /// A self-join through an alias, left-joined so the top manager appears with `None`.
    fn self_join_through_an_alias(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, Option<String>)> = employee::table
            .left_join_via(employee::fk::manager, Manager)
            .select((employee::name, Manager.col(employee::name)))
            .order_by(employee::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("Grace".into(), None),
                ("Alan".into(), Some("Grace".into())),
                ("Edsger".into(), Some("Grace".into())),
                ("Barbara".into(), Some("Alan".into())),
            ]
        );
    }
}

backend_test! {
    /// Columns of a left-joined table read as `Option`, even when NOT NULL in the table.
    fn left_join_columns_read_as_option(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, Option<String>)> = customer::table
            .left_join_fk(visit::table)
            .select((customer::name, visit::path))
            .order_by((customer::id, visit::path))
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("Ada".into(), Some("/kettle".into())),
                ("Ada".into(), Some("/mug".into())),
                ("Brian".into(), None),
                ("Chloe".into(), None),
                ("Dmitri".into(), None),
            ]
        );
    }
}

backend_test! {
    /// An explicit ON condition, and a cross join.
    fn join_on_and_cross_join(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, i32)> = order_line::table
            .join_on(product::table, product::id.eq(order_line::product_id).and(order_line::quantity.ge(3)))
            .select((product::name, order_line::quantity))
            .order_by(product::name)
            .load(conn)
            .unwrap();
        assert_eq!(rows, vec![("Mug".into(), 4), ("Tea towel".into(), 3)]);
        let pairs: Vec<(String, String)> = tag::table
            .cross_join(Manager)
            .filter(tag::name.eq("gift").and(Manager.col(employee::id).le(2)))
            .select((tag::name, Manager.col(employee::name)))
            .order_by(Manager.col(employee::id))
            .load(conn)
            .unwrap();
        assert_eq!(pairs, vec![("gift".into(), "Grace".into()), ("gift".into(), "Alan".into())]);
    }
}

backend_test! {
    /// GROUP BY with aggregates and HAVING.
    fn group_by_with_having(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(i32, i64, Option<i64>)> = order_line::table
            .group_by(order_line::order_id)
            .select((order_line::order_id, count_star(), sum(order_line::quantity)))
            .having(sum(order_line::quantity).gt(2_i64))
            .order_by(order_line::order_id)
            .load(conn)
            .unwrap();
        assert_eq!(rows, vec![(1, 2, Some(5)), (3, 2, Some(5))]);
    }
}

backend_test! {
    /// Aggregates over a whole table, and over no rows.
    fn aggregates_without_group_by(conn, backend) {
        shop_fixture::create(conn, backend);
        let (rows, cheapest, priciest, distinct): (i64, Option<Decimal>, Option<Decimal>, i64) =
            product::table
                .select((count_star(), min(product::price), max(product::price), count_distinct(product::description)))
                .first(conn)
                .unwrap()
                .unwrap();
        assert_eq!((rows, cheapest, priciest, distinct), (4, Some(dec("3.00")), Some(dec("40.00")), 2));
        let (none, empty_sum): (i64, Option<i64>) = employee::table
            .filter(employee::id.gt(100))
            .select((count(employee::salary), sum(employee::salary)))
            .first(conn)
            .unwrap()
            .unwrap();
        assert_eq!((none, empty_sum), (0, None));
        let average: Option<Decimal> = employee::table.select(avg(employee::salary)).first(conn).unwrap().unwrap();
        assert_eq!(average.map(|a| a.round_dp(2)), Some(dec("7333.33")));
    }
}

backend_test! {
    /// LIKE, ILIKE, IN (including an empty list), BETWEEN, NOT and OR.
    fn predicates(conn, backend) {
        shop_fixture::create(conn, backend);
        let like = product::table.filter(product::name.like("Tea%")).select(product::name);
        assert_eq!(names(like, conn), vec!["Teapot".to_string(), "Tea towel".into()]);
        let ilike = product::table.filter(product::name.ilike("%KETTLE%")).select(product::name);
        assert_eq!(names(ilike, conn), vec!["Kettle".to_string()]);
        let listed = product::table.filter(product::id.in_list([1, 3])).select(product::name);
        assert_eq!(names(listed, conn), vec!["Kettle".to_string(), "Mug".into()]);
        let none = product::table.filter(product::id.in_list(Vec::<i32>::new())).select(product::name);
        assert!(names(none, conn).is_empty());
        let all = product::table.filter(product::id.not_in_list(Vec::<i32>::new())).select(product::name);
        assert_eq!(names(all, conn).len(), 4);
        let between = product::table
            .filter(product::price.between(dec("5"), dec("30")))
            .select(product::name);
        assert_eq!(names(between, conn), vec!["Kettle".to_string(), "Mug".into()]);
        let either = product::table
            .filter(not(product::description.is_null()).or(product::price.lt(dec("4"))))
            .select(product::name);
        assert_eq!(names(either, conn), vec!["Kettle".to_string(), "Mug".into(), "Tea towel".into()]);
    }
}

backend_test! {
    /// Arithmetic, concatenation, COALESCE and CAST in a selection.
    fn computed_selections(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, Decimal, String, i64)> = product::table
            .filter(product::id.le(2))
            .select((
                product::name.concat("!"),
                product::price * dec("2") - dec("0.50"),
                product::description.coalesce("n/a"),
                product::id.cast::<BigInt>() + 10_i64,
            ))
            .order_by(product::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("Kettle!".into(), dec("50.50"), "Boils water".into(), 11),
                ("Teapot!".into(), dec("79.50"), "n/a".into(), 12),
            ]
        );
    }
}

backend_test! {
    /// DISTINCT, LIMIT and OFFSET.
    fn distinct_limit_offset(conn, backend) {
        shop_fixture::create(conn, backend);
        let buyers: Vec<i32> = orders::table
            .select(orders::customer_id)
            .distinct()
            .order_by(orders::customer_id)
            .load(conn)
            .unwrap();
        assert_eq!(buyers, vec![1, 2]);
        let page: Vec<String> = product::table
            .select(product::name)
            .order_by(product::id)
            .limit(2)
            .offset(1)
            .load(conn)
            .unwrap();
        assert_eq!(page, vec!["Teapot".to_string(), "Mug".into()]);
        let skipped: Vec<String> = product::table.select(product::name).order_by(product::id).offset(3).load(conn).unwrap();
        assert_eq!(skipped, vec!["Tea towel".to_string()]);
    }
}

backend_test! {
    /// A view reads like a table.
    fn view_reads_like_a_table(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, Option<i64>)> = customer_spending::table
            .select((customer_spending::name, customer_spending::items))
            .order_by(customer_spending::customer_id)
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![("Ada".into(), Some(6)), ("Brian".into(), Some(5)), ("Chloe".into(), None), ("Dmitri".into(), None)]
        );
    }
}

/// A customer as a struct, read with the derive.
#[derive(Debug, PartialEq, dovetail::Queryable)]
struct Customer {
    id: i32,
    name: String,
    email: Option<String>,
    referred_by: Option<i32>,
}

backend_test! {
    /// Rows decode into a struct whose fields match `all_columns`.
    fn rows_decode_into_a_queryable_struct(conn, backend) {
        shop_fixture::create(conn, backend);
        let referred: Vec<Customer> = customer::table
            .filter(customer::referred_by.eq(1))
            .select(customer::all_columns)
            .order_by(customer::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            referred,
            vec![
                Customer { id: 2, name: "Brian".into(), email: Some("brian@example.com".into()), referred_by: Some(1) },
                Customer { id: 3, name: "Chloe".into(), email: None, referred_by: Some(1) },
            ]
        );
    }
}

backend_test! {
    /// IN (subquery), NOT IN (subquery), EXISTS and NOT EXISTS.
    fn subqueries(conn, backend) {
        shop_fixture::create(conn, backend);
        let buyers = orders::table.select(orders::customer_id);
        let bought: Vec<String> = customer::table
            .filter(customer::id.in_query(buyers.clone()))
            .select(customer::name)
            .order_by(customer::id)
            .load(conn)
            .unwrap();
        assert_eq!(bought, vec!["Ada".to_string(), "Brian".into()]);
        let never: Vec<String> = customer::table
            .filter(customer::id.not_in_query(buyers))
            .select(customer::name)
            .order_by(customer::id)
            .load(conn)
            .unwrap();
        assert_eq!(never, vec!["Chloe".to_string(), "Dmitri".into()]);
        let gifts = orders::table.filter(orders::gift_for.is_not_null()).select(orders::id);
        let any: Vec<i64> = tag::table.filter(exists(&gifts)).select(count_star()).load(conn).unwrap();
        assert_eq!(any, vec![3]);
        let none: Vec<i64> = tag::table.filter(not_exists(&gifts)).select(count_star()).load(conn).unwrap();
        assert_eq!(none, vec![0]);
    }
}

backend_test! {
    /// From the parent, join the children along one chosen foreign key of several.
    fn join_children_along_a_chosen_foreign_key(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows: Vec<(String, i32)> = customer::table
            .join_children_via(orders::fk::recipient, orders::table)
            .select((customer::name, orders::id))
            .load(conn)
            .unwrap();
        assert_eq!(rows, vec![("Chloe".into(), 2)]);
        let counts: Vec<(String, i64)> = customer::table
            .left_join_children_via(orders::fk::buyer, orders::table)
            .group_by((customer::id, customer::name))
            .select((customer::name, count(orders::id)))
            .order_by(customer::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            counts,
            vec![("Ada".into(), 2), ("Brian".into(), 1), ("Chloe".into(), 0), ("Dmitri".into(), 0)]
        );
    }
}
