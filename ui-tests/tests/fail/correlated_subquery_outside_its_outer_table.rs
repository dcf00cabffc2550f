// A subquery correlated with `customer` is used in a query that does not read `customer`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let ordered = orders::table.correlate(customer::table).filter(orders::customer_id.eq(customer::id));
    let _: Vec<String> = product::table.filter(exists(&ordered)).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
