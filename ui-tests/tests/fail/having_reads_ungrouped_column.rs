// HAVING may only read grouped columns and aggregates.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = order_line::table
        .group_by(order_line::order_id)
        .select(order_line::order_id)
        .having(order_line::quantity.gt(1))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
