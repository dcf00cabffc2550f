// Arithmetic operands have one numeric type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i32> = product::table.select(product::id + 1.5_f64).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
