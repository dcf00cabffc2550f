// An `Option` of the wrong type for a NOT NULL column is one mistake, reported once: the type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(product::table).set(product::name.set(Some(5))).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
