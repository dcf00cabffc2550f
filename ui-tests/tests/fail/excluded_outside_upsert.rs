// Only an upsert's DO UPDATE reads the proposed row.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table
        .select(excluded(customer::name))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
