// Grouping by a table's primary key groups that table's columns, not those of joined tables.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, i32)> = customer::table
        .join_children_via(orders::fk::buyer, orders::table)
        .group_by(customer::id)
        .select((customer::name, orders::id))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
