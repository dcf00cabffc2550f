// A nullable column reads into `Option<_>`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table.select(customer::email).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
