// An upsert's DO UPDATE reads the proposed row (`excluded`) and the existing one, on one column
// or a composite key, and RETURNING follows it.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table)
        .values((
            customer::name.set("Ada"),
            customer::email.set(Some("ada@example.com")),
        ))
        .on_conflict(customer::email)
        .do_update((
            customer::name.set(excluded(customer::name)),
            customer::referred_by.set(customer::referred_by),
        ))
        .execute(conn)
        .unwrap();
    let _: Vec<i32> = insert_into(order_line::table)
        .values((
            order_line::order_id.set(1),
            order_line::product_id.set(2),
            order_line::quantity.set(3),
        ))
        .on_conflict((order_line::order_id, order_line::product_id))
        .do_update(order_line::quantity.set(order_line::quantity + excluded(order_line::quantity)))
        .returning(order_line::quantity)
        .load(conn)
        .unwrap();
    insert_into(tag::table)
        .values(tag::name.set("tea"))
        .on_conflict(tag::id)
        .do_nothing()
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
