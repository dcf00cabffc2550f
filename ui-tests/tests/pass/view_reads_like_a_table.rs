// A view is read like a table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, Option<i64>)> = customer_spending::table.select((customer_spending::name, customer_spending::items)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
