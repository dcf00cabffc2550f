// A window function in HAVING.
use dovetail::dsl::window::{rank, window};
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let place = rank().over(window().order_by(sum(order_line::quantity)));
    let _: Vec<i32> = order_line::table
        .group_by(order_line::order_id)
        .having(place.eq(1_i64))
        .select(order_line::order_id)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
