// Each tuple field has the Rust type of its column.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(i32, String)> = customer::table.select((customer::name, customer::id)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
