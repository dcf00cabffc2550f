//! Queries that compile run, and give the same answer on every backend.

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
