// A set operation's result is ordered by the columns its first side selects.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table
        .select(customer::name)
        .union(employee::table.select(employee::name))
        .order_by(customer::id)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
