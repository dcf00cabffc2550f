// A query reads rows only after `.select(…)` says what.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(product::id.eq(1)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
