// FOR UPDATE locks rows, which a grouped query does not return.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(i32, i64)> = order_line::table
        .group_by(order_line::order_id)
        .select((order_line::order_id, count_star()))
        .for_update()
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
