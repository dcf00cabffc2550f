// An upsert's conflict target is exactly the primary key or a unique key, not part of one.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(order_line::table)
        .values((order_line::order_id.set(1), order_line::product_id.set(2), order_line::quantity.set(3)))
        .on_conflict(order_line::order_id)
        .do_nothing()
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
