// Each struct field has the Rust type of its column.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(dovetail::Queryable)]
#[allow(dead_code)]
struct Tag {
    id: String,
    name: String,
}

fn check(conn: &mut dyn Connection) {
    let _: Vec<Tag> = tag::table.select(tag::all_columns).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
