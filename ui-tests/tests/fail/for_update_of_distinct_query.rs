// The rows of a DISTINCT query may each merge several table rows: nothing to lock.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table.select(customer::name).distinct().for_update().load(conn).unwrap();
}

fn main() {
    let _ = check;
}
