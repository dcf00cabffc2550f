// `.distinct()` comes before `.order_by(…)`, which is then checked against the selection.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = customer::table.select(customer::name).order_by(customer::name).distinct().load(conn).unwrap();
}

fn main() {
    let _ = check;
}
