// A DISTINCT query's rows are its distinct selections: it can only be ordered by what it
// selects (PostgreSQL and MySQL refuse the rest).
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table.select(customer::name).distinct().order_by(customer::id).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
