// An aggregate query without GROUP BY has one group: ORDER BY cannot read a plain column.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i64> = order_line::table
        .select(count_star())
        .order_by(order_line::quantity)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
