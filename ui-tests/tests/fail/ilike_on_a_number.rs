// ILIKE compares text.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.filter(product::id.ilike("1%")).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
