// An aggregate of a window function.
use dovetail::dsl::window::{rank, window};
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let place = rank().over(window().order_by(product::price));
    let _: Vec<Option<i64>> = product::table.select(max(place)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
