// A selected column must belong to a table of the query.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, String)> = product::table.select((product::name, tag::name)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
