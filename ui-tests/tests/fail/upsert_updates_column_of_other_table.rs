// An upsert's DO UPDATE assigns only columns of the inserted table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table)
        .values(customer::name.set("Ada"))
        .on_conflict(customer::email)
        .do_update(tag::name.set("x"))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
