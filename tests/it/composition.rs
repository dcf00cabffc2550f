//! Query composition: correlated subqueries, and statements that read other tables through
//! them, with the same rows on every backend.

use dovetail::dsl::constant;
use dovetail::prelude::*;
use dovetail_tests::shop::*;

use crate::harness::backend_test;
use crate::shop_fixture;

backend_test! {
    /// `EXISTS` and `NOT EXISTS` of a subquery reading the enclosing query's row.
    fn correlated_exists_reads_the_enclosing_row(conn, backend) {
        shop_fixture::create(conn, backend);
        let orders_of_customer =
            || orders::table.correlate(customer::table).filter(orders::customer_id.eq(customer::id));
        let buyers: Vec<String> = customer::table
            .filter(exists(&orders_of_customer()))
            .select(customer::name)
            .order_by(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(buyers, vec!["Ada", "Brian"]);
        let others: Vec<String> = customer::table
            .filter(not_exists(&orders_of_customer()))
            .select(customer::name)
            .order_by(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(others, vec!["Chloe", "Dmitri"]);
    }
}

backend_test! {
    /// `IN (subquery)` where the subquery reads the enclosing row: the customers given a gift
    /// by the customer who referred them.
    fn correlated_in_query_reads_the_enclosing_row(conn, backend) {
        shop_fixture::create(conn, backend);
        let gifts_of_referrer = orders::table
            .correlate(customer::table)
            .filter(orders::customer_id.eq(customer::referred_by))
            .select(orders::gift_for);
        let thanked: Vec<String> = customer::table
            .filter(customer::id.in_query(gifts_of_referrer))
            .select(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(thanked, vec!["Chloe"]);
    }
}

backend_test! {
    /// A correlated scalar subquery as a selected value and as an ORDER BY term.
    fn correlated_scalar_subqueries_select_and_order(conn, backend) {
        shop_fixture::create(conn, backend);
        let order_count = || {
            orders::table
                .correlate(customer::table)
                .filter(orders::customer_id.eq(customer::id))
                .select(count_star())
                .single_value()
        };
        let rows: Vec<(String, Option<i64>)> = customer::table
            .select((customer::name, order_count()))
            .order_by((order_count().desc(), customer::name))
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("Ada".to_string(), Some(2)),
                ("Brian".to_string(), Some(1)),
                ("Chloe".to_string(), Some(0)),
                ("Dmitri".to_string(), Some(0)),
            ]
        );
    }
}

backend_test! {
    /// A correlated scalar subquery in a comparison, over an alias of the enclosing table:
    /// the employees who earn less than their manager.
    fn correlated_scalar_subquery_compares_with_the_enclosing_row(conn, backend) {
        shop_fixture::create(conn, backend);
        let manager_salary = Manager
            .query()
            .correlate(employee::table)
            .filter(Manager.col(employee::id).eq(employee::manager_id))
            .select(Manager.col(employee::salary))
            .single_value();
        let mut underpaid: Vec<String> = employee::table
            .filter(employee::salary.lt(manager_salary))
            .select(employee::name)
            .load(conn)
            .unwrap();
        underpaid.sort();
        assert_eq!(underpaid, vec!["Alan", "Barbara"]);
    }
}

backend_test! {
    /// DELETE and UPDATE whose conditions and values read other tables through correlated
    /// subqueries.
    fn writes_read_other_tables_through_correlated_subqueries(conn, backend) {
        shop_fixture::create(conn, backend);
        insert_into(tag::table).values(tag::name.set("unused")).execute(conn).unwrap();
        let tagged = product_tag::table
            .correlate(tag::table)
            .filter(product_tag::tag_id.eq(tag::id));
        let deleted = delete(tag::table).filter(not_exists(&tagged)).execute(conn).unwrap();
        assert_eq!(deleted, 1);
        let mut tags: Vec<String> = tag::table.select(tag::name).load(conn).unwrap();
        tags.sort();
        assert_eq!(tags, vec!["cheap", "gift", "kitchen"]);

        let recipient_name = customer::table
            .correlate(orders::table)
            .filter(customer::id.eq(orders::gift_for))
            .select(customer::name)
            .single_value();
        let updated = update(orders::table)
            .set(orders::note.set(recipient_name))
            .filter(orders::gift_for.is_not_null())
            .execute(conn)
            .unwrap();
        assert_eq!(updated, 1);
        let notes: Vec<(i32, Option<String>)> = orders::table
            .select((orders::id, orders::note))
            .order_by(orders::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            notes,
            vec![(1, Some("leave at the door".to_string())), (2, Some("Chloe".to_string())), (3, None)]
        );
    }
}

/// The items each customer bought, grouped inside the query that defines `spend`.
fn items_per_customer() -> impl DefiningQuery<Row = (Integer, Nullable<BigInt>)> {
    order_line::table
        .join_fk(orders::table)
        .group_by(orders::customer_id)
        .select((orders::customer_id, sum(order_line::quantity)))
}

backend_test! {
    /// A derived table: grouped inside, joined, filtered and ordered outside by its declared
    /// columns; LEFT JOINed, its columns read as nullable.
    fn derived_tables_read_like_tables(conn, backend) {
        shop_fixture::create(conn, backend);
        let spenders: Vec<(String, Option<i64>)> = customer::table
            .join_on(items_per_customer().as_table(spend::table), spend::customer_id.eq(customer::id))
            .filter(spend::items.gt(3_i64))
            .select((customer::name, spend::items))
            .order_by(spend::items.desc())
            .load(conn)
            .unwrap();
        assert_eq!(spenders, vec![("Ada".to_string(), Some(6)), ("Brian".to_string(), Some(5))]);
        let everyone: Vec<(String, Option<i64>)> = customer::table
            .left_join_on(items_per_customer().as_table(spend::table), spend::customer_id.eq(customer::id))
            .select((customer::name, spend::items))
            .order_by(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(
            everyone,
            vec![
                ("Ada".to_string(), Some(6)),
                ("Brian".to_string(), Some(5)),
                ("Chloe".to_string(), None),
                ("Dmitri".to_string(), None),
            ]
        );
        let most: Vec<Option<i64>> = items_per_customer()
            .as_table(spend::table)
            .query()
            .select(max(spend::items))
            .load(conn)
            .unwrap();
        assert_eq!(most, vec![Some(6)]);
    }
}

backend_test! {
    /// A CTE, read as the root of a query, joined, and in a subquery.
    fn common_table_expressions_read_like_tables(conn, backend) {
        shop_fixture::create(conn, backend);
        let spend = items_per_customer().as_cte(spend::table);
        let total: Vec<Option<i64>> = spend.query().select(sum(spend::items)).load(conn).unwrap();
        assert_eq!(total, vec![Some(11)]);
        let names: Vec<(String, Option<i64>)> = customer::table
            .join_on(spend.clone(), spend::customer_id.eq(customer::id))
            .select((customer::name, spend::items))
            .order_by(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(names, vec![("Ada".to_string(), Some(6)), ("Brian".to_string(), Some(5))]);
        let big_spender = spend.query().correlate(customer::table).filter(
            spend::customer_id.eq(customer::id).and(spend::items.ge(6_i64)),
        );
        let big: Vec<String> = customer::table
            .filter(exists(&big_spender))
            .select(customer::name)
            .load(conn)
            .unwrap();
        assert_eq!(big, vec!["Ada"]);
    }
}

backend_test! {
    /// A recursive CTE walks the management chain from the top: the seed selects the top, the
    /// step joins each employee to the chain of their manager.
    fn recursive_ctes_walk_a_hierarchy(conn, backend) {
        shop_fixture::create(conn, backend);
        let top = employee::table
            .filter(employee::manager_id.is_null())
            .select((employee::id, employee::name, constant(0_i32)));
        let below = employee::table
            .join_on(chain::table, employee::manager_id.eq(chain::id))
            .select((employee::id, employee::name, chain::depth + 1));
        let walk = top.as_recursive_cte(chain::table, below);
        let rows: Vec<(String, i32)> = walk
            .query()
            .select((chain::name, chain::depth))
            .order_by((chain::depth, chain::id))
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("Grace".to_string(), 0),
                ("Alan".to_string(), 1),
                ("Edsger".to_string(), 1),
                ("Barbara".to_string(), 2),
            ]
        );
    }
}

backend_test! {
    /// UPDATE reading another table and a derived table (`UPDATE … FROM` on PostgreSQL and
    /// SQLite, a multi-table UPDATE on MySQL and MariaDB), the rows related by the filter.
    fn updates_read_other_tables_and_derived_tables(conn, backend) {
        shop_fixture::create(conn, backend);
        let labelled = update(orders::table)
            .from(customer::table)
            .filter(orders::customer_id.eq(customer::id).and(customer::name.eq("Brian")))
            .set(orders::note.set(customer::name))
            .execute(conn)
            .unwrap();
        assert_eq!(labelled, 1);
        let notes: Vec<Option<String>> =
            orders::table.select(orders::note).order_by(orders::id).load(conn).unwrap();
        assert_eq!(notes, vec![Some("leave at the door".to_string()), None, Some("Brian".to_string())]);

        let raised = update(employee::table)
            .from(items_per_customer().as_table(spend::table))
            .filter(spend::customer_id.eq(employee::id))
            .set(employee::salary.set(spend::items))
            .execute(conn)
            .unwrap();
        assert_eq!(raised, 2);
        let salaries: Vec<(String, Option<i64>)> = employee::table
            .select((employee::name, employee::salary))
            .order_by(employee::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            salaries,
            vec![
                ("Grace".to_string(), Some(6)),
                ("Alan".to_string(), Some(5)),
                ("Edsger".to_string(), None),
                ("Barbara".to_string(), Some(6000)),
            ]
        );
    }
}

backend_test! {
    /// DELETE reading another table (`USING` on PostgreSQL, a multi-table DELETE on MySQL and
    /// MariaDB, `WHERE EXISTS` on SQLite): the same rows go on every backend.
    fn deletes_read_other_tables(conn, backend) {
        shop_fixture::create(conn, backend);
        let deleted = delete(visit::table)
            .using(customer::table)
            .filter(visit::customer_id.eq(customer::id).and(customer::name.eq("Ada")))
            .execute(conn)
            .unwrap();
        assert_eq!(deleted, 2);
        let left: Vec<String> = visit::table.select(visit::path).load(conn).unwrap();
        assert_eq!(left, vec!["/"]);
        let gone = delete(order_line::table)
            .using(items_per_customer().as_table(spend::table))
            .using(orders::table)
            .filter(
                order_line::order_id
                    .eq(orders::id)
                    .and(orders::customer_id.eq(spend::customer_id))
                    .and(spend::items.lt(6_i64)),
            )
            .execute(conn)
            .unwrap();
        assert_eq!(gone, 2);
        let lines: Vec<(i32, i32)> = order_line::table
            .select((order_line::order_id, order_line::product_id))
            .order_by((order_line::order_id, order_line::product_id))
            .load(conn)
            .unwrap();
        assert_eq!(lines, vec![(1, 1), (1, 3), (2, 2)]);
    }
}

backend_test! {
    /// A write in WITH: on PostgreSQL the rows a DELETE returns are moved by the INSERT that
    /// reads them, in one statement; elsewhere the statement is a typed `Unsupported` error
    /// and nothing changes.
    fn writes_in_with_move_rows_on_postgres(conn, backend) {
        shop_fixture::create(conn, backend);
        dovetail::table! { view removed { path: Text } }
        let removed_visits = delete(visit::table)
            .filter(visit::customer_id.is_not_null())
            .returning(visit::path)
            .as_cte(removed::table);
        let archive = insert_into(tag::table)
            .from_query(tag::name, removed_visits.query().select(removed::path));
        let moved = archive.execute(conn);
        let mut tags: Vec<String> = tag::table.select(tag::name).load(conn).unwrap();
        tags.sort();
        let visits: Vec<String> = visit::table.select(visit::path).load(conn).unwrap();
        match backend {
            dovetail::Backend::Postgres => {
                assert_eq!(moved.unwrap(), 2);
                assert_eq!(tags, vec!["/kettle", "/mug", "cheap", "gift", "kitchen"]);
                assert_eq!(visits, vec!["/"]);
            }
            _ => {
                assert!(matches!(moved, Err(dovetail::Error::Unsupported { .. })), "{moved:?}");
                assert_eq!(tags, vec!["cheap", "gift", "kitchen"]);
                assert_eq!(visits.len(), 3);
            }
        }
    }
}

backend_test! {
    /// A set operation as a derived table: its columns named after the shape's on its first
    /// side, then read like any table's.
    fn set_operations_as_derived_tables(conn, backend) {
        shop_fixture::create(conn, backend);
        dovetail::table! { view person { name: Text } }
        let people = customer::table
            .select(customer::name)
            .union(employee::table.select(employee::name))
            .as_table(person::table);
        let mut short: Vec<String> = people
            .query()
            .filter(person::name.like("_____"))
            .select(person::name)
            .load(conn)
            .unwrap();
        short.sort();
        assert_eq!(short, vec!["Brian", "Chloe", "Grace"]);
    }
}
