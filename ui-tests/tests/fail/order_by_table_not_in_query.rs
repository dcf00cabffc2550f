// ORDER BY may only read tables of the query.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.select(product::name).order_by(tag::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
