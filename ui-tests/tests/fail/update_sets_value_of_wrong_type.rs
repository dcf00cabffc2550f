// UPDATE assigns values of the column's SQL type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(product::table).set(product::name.set(42)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
