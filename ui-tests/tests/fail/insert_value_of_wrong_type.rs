// INSERT sets values of the column's SQL type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(tag::table).values(tag::name.set(42)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
