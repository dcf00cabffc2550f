// A RIGHT JOIN changes the nullability of what was selected before it: it comes first.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = orders::table
        .select(orders::id)
        .right_join_on(customer::table, orders::customer_id.eq(customer::id))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
