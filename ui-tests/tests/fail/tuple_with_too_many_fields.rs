// A selection of two columns reads into a tuple of two.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, i32, i32)> = customer::table.select((customer::name, customer::id)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
