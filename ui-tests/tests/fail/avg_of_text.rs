// AVG needs a number.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<Option<i64>> = product::table.select(avg(product::name)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
