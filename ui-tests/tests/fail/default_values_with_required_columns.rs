// DEFAULT VALUES needs every NOT NULL column to have a default.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(tag::table).default_values().execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
