// An upsert's conflict target is a column of the inserted table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table)
        .values(customer::name.set("Ada"))
        .on_conflict(tag::name)
        .do_nothing()
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
