// A filter must be a boolean condition.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(product::name).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
