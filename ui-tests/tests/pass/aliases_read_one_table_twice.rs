// An alias reads a table a second time.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, Option<String>)> = employee::table
        .left_join_via(employee::fk::manager, Manager)
        .select((employee::name, Manager.col(employee::name)))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
