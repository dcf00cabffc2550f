// An UPDATE assigns only columns of the updated table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(product::table).set(tag::name.set("x")).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
