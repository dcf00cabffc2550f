// An UPDATE sets each column once.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(product::table)
        .set((product::name.set("Kettle"), product::name.set("Teapot")))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
