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
