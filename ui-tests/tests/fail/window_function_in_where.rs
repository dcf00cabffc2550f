// A window function in WHERE, which runs before it is computed.
use dovetail::dsl::window::{row_number, window};
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let first = row_number().over(window().order_by(product::price));
    let _: Vec<String> = product::table.filter(first.eq(1_i64)).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
