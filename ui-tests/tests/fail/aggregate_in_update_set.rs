// UPDATE sets each row from that row: an aggregate has no place in SET.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(employee::table).set(employee::salary.set(max(employee::salary))).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
