// A generated column is computed by the database: no upsert updates it.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(employee::table)
        .values(employee::name.set("Grace"))
        .on_conflict(employee::id)
        .do_update(employee::yearly.set(excluded(employee::salary)))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
