// Aggregates and plain columns mix only with GROUP BY.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, i64)> = product::table.select((product::name, count_star())).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
