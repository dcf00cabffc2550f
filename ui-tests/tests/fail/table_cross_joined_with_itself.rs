// A self join without an alias names one table twice.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i64> = tag::table.cross_join(tag::table).select(count_star()).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
