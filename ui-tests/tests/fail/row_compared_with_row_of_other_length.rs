// A row is compared with a row of as many values.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table
        .filter((product::name, product::id).gt(("Mug", 3, 4)))
        .select(product::name)
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
