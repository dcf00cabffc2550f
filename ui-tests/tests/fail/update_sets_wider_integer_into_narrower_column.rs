// A BIGINT expression may not fit an INTEGER column: a write takes only what the column holds.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(employee::table).set(employee::manager_id.set(employee::salary)).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
