// A generated column is computed by the database: no INSERT sets it.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(employee::table)
        .values((employee::name.set("Grace"), employee::yearly.set(Some(120_000_i64))))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
