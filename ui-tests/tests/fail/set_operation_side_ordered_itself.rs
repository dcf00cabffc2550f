// A side of a UNION is not ordered itself: the result is.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table
        .select(customer::name)
        .order_by(customer::name)
        .union(employee::table.select(employee::name))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
