// Aggregates are not allowed in WHERE; use HAVING.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(count_star().gt(1_i64)).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
