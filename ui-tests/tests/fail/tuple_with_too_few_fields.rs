// A selection of three columns reads into a tuple of three.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, String)> = customer::table.select((customer::name, customer::name, customer::id)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
