// An INSERT runs only with rows.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(tag::table).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
