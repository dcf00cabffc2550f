// A date has no hour.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = orders::table.select(orders::placed_on.hour()).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
