// Two aliases that give the query one name for two tables are as ambiguous as one table
// joined twice.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

dovetail::alias!(Boss = employee as "manager");

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = employee::table
        .join_via(employee::fk::manager, Manager)
        .join_via(employee::fk::manager, Boss)
        .select(employee::name)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
