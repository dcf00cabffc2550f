// UNION pairs columns by position: each pair has one SQL type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table
        .select(customer::name)
        .union(employee::table.select(employee::id))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
