// A NOT NULL column cannot be set to `None`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(tag::table).values(tag::name.set(None::<&str>)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
