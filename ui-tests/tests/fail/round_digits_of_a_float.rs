// round(x, digits) of a float: PostgreSQL rounds only NUMERIC to digits.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let ratio = product::price.cast::<Double>();
    let _: Vec<f64> = product::table.select(ratio.round(2)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
