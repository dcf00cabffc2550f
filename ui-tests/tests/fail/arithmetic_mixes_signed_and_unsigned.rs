// Signed and unsigned integers compare, but do not combine in arithmetic: MySQL computes an
// unsigned result, which fails when it would be negative.
use dovetail::prelude::*;

dovetail::table! {
    counter {
        id: Integer,
        hits: UnsignedInt,
    }
    primary_key (id);
}

fn check(conn: &mut dyn Connection) {
    let _: Vec<i64> = counter::table.select(counter::hits - counter::id).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
