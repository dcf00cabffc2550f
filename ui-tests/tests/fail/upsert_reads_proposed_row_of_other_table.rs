// The proposed row of an upsert is a row of the inserted table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table)
        .values(customer::name.set("Ada"))
        .on_conflict(customer::email)
        .do_update(customer::name.set(excluded(tag::name)))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
