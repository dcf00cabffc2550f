// Integers of any width and signedness compare with each other and with literals, and a Rust
// integer that holds every value of a column's type reads it.
use dovetail::prelude::*;

dovetail::table! {
    counter {
        id: Integer,
        hits: UnsignedInt,
        small: SmallInt,
        big: BigInt,
        tiny: UnsignedTinyInt,
    }
    primary_key (id);
}

fn check(conn: &mut dyn Connection) {
    let _: Vec<(i64, i16, i32, u64)> = counter::table
        .filter(counter::hits.gt(counter::small))
        .filter(counter::big.eq(counter::hits))
        .filter(counter::tiny.lt(counter::id))
        .filter(counter::hits.ge(5))
        .filter(counter::small.ne(7))
        .select((counter::hits, counter::tiny, counter::small, counter::hits))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
