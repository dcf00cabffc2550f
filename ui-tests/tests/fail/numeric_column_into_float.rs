// A NUMERIC column reads into `Decimal`, not a float: the message names the column's position
// and the type that fits.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, f64)> = product::table.select((product::name, product::price)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
