// A selected column of a grouped query must be in GROUP BY or aggregated.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(i32, i32)> = order_line::table
        .group_by(order_line::order_id)
        .select((order_line::order_id, order_line::quantity))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
