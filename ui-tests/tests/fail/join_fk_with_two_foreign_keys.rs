// `join_fk` cannot choose between two foreign keys to the same table; use `join_via`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = orders::table.join_fk(customer::table).select(customer::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
