// Comparing with NULL is never true: `eq(None)` is rejected; use `.is_null()`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table.filter(customer::email.eq(None::<&str>)).select(customer::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
