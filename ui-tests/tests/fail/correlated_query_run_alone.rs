// A correlated subquery reads the enclosing query's row: it cannot run by itself.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let ordered = orders::table
        .correlate(customer::table)
        .filter(orders::customer_id.eq(customer::id))
        .select(orders::id);
    let _: Vec<i32> = ordered.load(conn).unwrap();
}

fn main() {
    let _ = check;
}
