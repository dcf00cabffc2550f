// An Insertable struct sets every NOT NULL column without a default.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(dovetail::Insertable)]
#[dovetail(table = orders)]
struct NewOrder {
    customer_id: i32,
}

fn check(conn: &mut dyn Connection) {
    insert_into(orders::table).values(NewOrder { customer_id: 1 }).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
