// A struct reads a selection with as many columns as it has fields.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(dovetail::Queryable)]
#[allow(dead_code)]
struct Tag {
    id: i32,
}

fn check(conn: &mut dyn Connection) {
    let _: Vec<Tag> = tag::table.select(tag::all_columns).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
