// greatest() of a nullable column: PostgreSQL skips NULL, MySQL and SQLite return it.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = customer::table.select(customer::id.greatest(customer::referred_by)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
