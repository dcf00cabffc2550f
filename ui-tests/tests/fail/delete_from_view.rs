// A view is read-only: no DELETE.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    delete(customer_spending::table).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
