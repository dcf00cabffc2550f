// Writes that set each column once: an UPDATE across several `.set(…)` calls, INSERT rows that
// set the same columns in another order, and a DO UPDATE list.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(product::table)
        .set(product::name.set("Kettle"))
        .filter(product::id.eq(1))
        .set((product::price.set(rust_decimal::Decimal::new(2550, 2)), product::description.set(None::<&str>)))
        .execute(conn)
        .unwrap();
    insert_into(customer::table)
        .values((customer::name.set("Ada"), customer::email.set(Some("ada@example.com"))))
        .values((customer::email.set(None::<&str>), customer::name.set("Brian")))
        .execute(conn)
        .unwrap();
    insert_into(order_line::table)
        .values((order_line::order_id.set(1), order_line::product_id.set(2), order_line::quantity.set(3)))
        .on_conflict((order_line::order_id, order_line::product_id))
        .do_update((order_line::quantity.set(excluded(order_line::quantity)),))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
