// GROUP BY comes before the selection, which is checked against it.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = order_line::table
        .select(order_line::order_id)
        .group_by(order_line::order_id)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
