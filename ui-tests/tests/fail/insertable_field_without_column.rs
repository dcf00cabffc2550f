// Each Insertable field names a column of its table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(dovetail::Insertable)]
#[dovetail(table = tag)]
struct NewTag {
    label: String,
}

fn check(conn: &mut dyn Connection) {
    insert_into(tag::table).values(NewTag { label: "x".into() }).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
