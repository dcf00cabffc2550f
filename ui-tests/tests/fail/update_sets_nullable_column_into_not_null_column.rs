// A NOT NULL column cannot be set to an expression that may be NULL.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(customer::table).set(customer::name.set(customer::email)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
