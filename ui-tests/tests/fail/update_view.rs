// A view is read-only: no UPDATE.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(customer_spending::table).set(customer_spending::name.set("x")).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
