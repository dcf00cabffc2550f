// A query of plain rows cannot be ordered by an aggregate.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = order_line::table
        .select(order_line::quantity)
        .order_by(count_star())
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
