// Grouped columns and aggregates select together.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(i32, i64, Option<i64>)> = order_line::table
        .group_by(order_line::order_id)
        .select((order_line::order_id, count_star(), sum(order_line::quantity)))
        .having(count_star().gt(1_i64))
        .order_by(order_line::order_id)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
