// A Queryable struct reads `all_columns`; an Insertable struct writes a row.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(dovetail::Queryable)]
#[allow(dead_code)]
struct Tag {
    id: i32,
    name: String,
}

#[derive(dovetail::Insertable)]
#[dovetail(table = tag)]
struct NewTag {
    name: String,
}

fn check(conn: &mut dyn Connection) {
    let _: Vec<Tag> = tag::table.select(tag::all_columns).load(conn).unwrap();
    insert_into(tag::table).values(NewTag { name: "x".into() }).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
