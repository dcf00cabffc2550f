// A CASE whose branches have different SQL types.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let band = case_when(product::price.lt(10), product::name).otherwise(product::price);
    let _: Vec<String> = product::table.select(band).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
