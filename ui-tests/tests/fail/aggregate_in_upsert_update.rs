// DO UPDATE sets the conflicting row from itself and the proposed row: no aggregate.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(employee::table)
        .values((employee::id.set(1), employee::name.set("new")))
        .on_conflict(employee::id)
        .do_update(employee::salary.set(max(employee::salary)))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
