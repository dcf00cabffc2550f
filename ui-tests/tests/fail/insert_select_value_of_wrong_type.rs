// INSERT … SELECT writes each selected value to its column: of a type the column holds.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(tag::table).from_query(tag::name, product::table.select(product::id)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
