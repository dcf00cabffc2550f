// A column read through an alias needs that alias in the query.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = employee::table.select(Manager.col(employee::name)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
