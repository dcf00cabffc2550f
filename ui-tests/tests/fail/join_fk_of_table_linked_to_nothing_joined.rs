// `join_fk` links the new table to a table already in the query.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = order_line::table.join_fk(tag::table).select(tag::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
