// Arithmetic needs numeric operands.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.select(product::name + 1).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
