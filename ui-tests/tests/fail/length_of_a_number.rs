// length() is a function of text.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = product::table.select(product::id.length()).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
