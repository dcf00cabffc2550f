// The FILTER of an aggregate reads rows, not other aggregates.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i64> = order_line::table
        .select(count_star().filter(sum(order_line::quantity).gt(3_i64)))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
