// An INSERT sets each column once.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(tag::table)
        .values((tag::name.set("kitchen"), tag::name.set("gift")))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
