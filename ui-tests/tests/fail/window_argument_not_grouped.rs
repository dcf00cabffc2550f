// In a grouped query, a window function's ordering reads a column that is not grouped.
use dovetail::dsl::window::{rank, window};
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(i32, i64)> = order_line::table
        .group_by(order_line::order_id)
        .select((order_line::order_id, rank().over(window().order_by(order_line::quantity))))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
