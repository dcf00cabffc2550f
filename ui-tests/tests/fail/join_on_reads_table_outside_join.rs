// A join condition may only read the tables joined so far and the joined table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = order_line::table
        .join_on(product::table, product::id.eq(tag::id))
        .select(product::name)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
