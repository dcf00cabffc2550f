// RETURNING reads each written row: an aggregate cannot be returned.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i64> = delete(tag::table)
        .filter(tag::id.gt(2))
        .returning(count_star())
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
