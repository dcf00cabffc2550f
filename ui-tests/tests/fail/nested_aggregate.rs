// Aggregate functions cannot be nested: MAX(SUM(x)) needs a subquery.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<Option<i64>> = order_line::table
        .select(max(sum(order_line::quantity)))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
