// An upsert conflicts on the primary key or a unique key, its columns in any order.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table)
        .values((customer::id.set(1), customer::name.set("Ada")))
        .on_conflict(customer::id)
        .do_nothing()
        .execute(conn)
        .unwrap();
    insert_into(coupon::table)
        .values((coupon::code.set("WELCOME"), coupon::percent.set(20)))
        .on_conflict(coupon::code)
        .do_update(coupon::percent.set(excluded(coupon::percent)))
        .execute(conn)
        .unwrap();
    insert_into(order_line::table)
        .values((order_line::order_id.set(1), order_line::product_id.set(2), order_line::quantity.set(3)))
        .on_conflict((order_line::product_id, order_line::order_id))
        .do_nothing()
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
