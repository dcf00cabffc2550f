// An `Integer` column takes `i32` values, not `i64`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(product::id.eq(5_i64)).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
