// A subquery tested with IN selects one column of the tested expression's SQL type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let names = tag::table.select(tag::name);
    let _: Vec<String> = product::table.filter(product::id.in_query(names)).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
