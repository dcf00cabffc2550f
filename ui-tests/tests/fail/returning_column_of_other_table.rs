// RETURNING may only read the written table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = insert_into(tag::table).values(tag::name.set("x")).returning(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
