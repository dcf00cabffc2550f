// ORDER BY of a grouped query may only read grouped columns and aggregates.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = order_line::table
        .group_by(order_line::order_id)
        .select(order_line::order_id)
        .order_by(order_line::quantity)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
