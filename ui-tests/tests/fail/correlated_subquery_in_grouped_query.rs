// A correlated subquery reads rows that the enclosing query's GROUP BY merges.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let orders_of = orders::table
        .correlate(customer::table)
        .filter(orders::customer_id.eq(customer::id))
        .select(count_star())
        .single_value();
    let _: Vec<(Option<String>, Option<i64>)> = customer::table
        .group_by(customer::email)
        .select((customer::email, orders_of))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
