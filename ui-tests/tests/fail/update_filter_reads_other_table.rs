// An UPDATE's filter may only read the updated table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(product::table).set(product::name.set("x")).filter(tag::id.eq(1)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
