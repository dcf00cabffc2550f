// After a RIGHT JOIN the tables joined before it may be NULL: their columns read into `Option`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = orders::table
        .right_join_on(customer::table, orders::customer_id.eq(customer::id))
        .select(orders::id)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
