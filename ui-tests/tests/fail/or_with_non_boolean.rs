// OR joins boolean conditions.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(product::id.eq(1).or(product::name)).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
