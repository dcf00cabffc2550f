// A subquery used as a value selects one column.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let pair = customer::table.select((customer::id, customer::name)).single_value();
    let _: Vec<String> = product::table.filter(product::id.eq(pair)).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
