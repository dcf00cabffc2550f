// HAVING may only read tables of the query.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = order_line::table
        .group_by(order_line::order_id)
        .select(order_line::order_id)
        .having(max(product::price).gt(rust_decimal::Decimal::ONE))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
