// A join condition compares columns of the same SQL type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = order_line::table
        .join_on(product::table, product::name.eq(order_line::product_id))
        .select(order_line::quantity)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
