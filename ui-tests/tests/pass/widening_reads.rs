// `Integer` reads into `i64`, nullable into nested `Option` of a wider type.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(i64, Option<i64>)> = customer::table.select((customer::id, customer::referred_by)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
