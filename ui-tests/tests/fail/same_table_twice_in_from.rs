// Both foreign keys of `orders` lead to `customer`: joining it twice without an alias names
// two tables alike, which every server refuses.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = orders::table
        .join_via(orders::fk::buyer, customer::table)
        .join_via(orders::fk::recipient, customer::table)
        .select(customer::name)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
