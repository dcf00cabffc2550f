// INSERT … SELECT sets every NOT NULL column without a default, like a row of values.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(product::table).from_query(product::name, tag::table.select(tag::name)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
