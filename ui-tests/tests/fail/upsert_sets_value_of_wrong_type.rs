// An upsert's DO UPDATE sets values of the column's SQL type, the proposed row's included.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table)
        .values(customer::name.set("Ada"))
        .on_conflict(customer::email)
        .do_update(customer::name.set(excluded(customer::id)))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
