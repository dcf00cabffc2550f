// A column compares only with values of its own SQL type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(product::id.eq("one")).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
