// A column of a derived table, in a query that does not read the derived table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let totals = orders::table
        .join_fk(order_line::table)
        .group_by(orders::customer_id)
        .select((orders::customer_id, sum(order_line::quantity)));
    let _spend = totals.as_table(spend::table);
    let _: Vec<String> = customer::table.filter(spend::items.gt(3_i64)).select(customer::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
