// A DELETE's filter may only read the table it deletes from.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    delete(product::table).filter(tag::id.eq(1)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
