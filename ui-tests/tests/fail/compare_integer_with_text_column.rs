// Two columns compare only when their SQL types match.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(product::id.eq(product::name)).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
