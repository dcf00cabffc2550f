// `join_via` names one of several foreign keys to the same parent.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, Option<String>)> = orders::table
        .join_via(orders::fk::buyer, customer::table)
        .left_join_via(orders::fk::recipient, Recipient)
        .select((customer::name, Recipient.col(customer::name)))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
