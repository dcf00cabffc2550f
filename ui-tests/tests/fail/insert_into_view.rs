// A view is read-only: no INSERT.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer_spending::table).values(customer_spending::name.set("x")).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
