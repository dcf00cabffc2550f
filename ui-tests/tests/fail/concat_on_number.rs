// Concatenation needs text.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.select(product::id.concat("x")).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
