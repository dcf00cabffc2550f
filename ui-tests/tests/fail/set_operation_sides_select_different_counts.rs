// UNION pairs columns by position: both sides select as many.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table
        .select(customer::name)
        .union(employee::table.select((employee::name, employee::id)))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
