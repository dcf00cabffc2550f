// BETWEEN bounds have the SQL type of the tested expression.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(product::id.between(1, "ten")).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
