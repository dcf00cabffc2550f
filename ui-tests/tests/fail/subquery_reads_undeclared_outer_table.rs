// A subquery reads a column of the enclosing query's table without declaring it outer.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let ordered = orders::table.filter(orders::customer_id.eq(customer::id));
    let _: Vec<String> = customer::table.filter(exists(&ordered)).select(customer::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
