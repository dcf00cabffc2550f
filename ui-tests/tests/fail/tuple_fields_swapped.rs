// Swapped tuple fields: each column read into the wrong place is its own error, naming its
// position and the Rust type that would fit.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(i32, String)> = customer::table.select((customer::name, customer::id)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
