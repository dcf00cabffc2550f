// Under GROUP BY, a column read through an alias is grouped only if it is in the group list.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, String)> = employee::table
        .join_via(employee::fk::manager, Manager)
        .group_by(employee::name)
        .select((employee::name, Manager.col(employee::name)))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
