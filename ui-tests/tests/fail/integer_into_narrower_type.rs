// An `Integer` reads into `i32` or `i64`, not `i16`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i16> = customer::table.select(customer::id).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
