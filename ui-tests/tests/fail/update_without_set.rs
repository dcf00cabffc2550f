// An UPDATE runs only with a SET list.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(product::table).filter(product::id.eq(1)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
