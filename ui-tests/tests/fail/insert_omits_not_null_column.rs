// An INSERT sets every NOT NULL column without a default.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table).values(customer::email.set(Some("a@example.com"))).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
