// VALUES holds one row's values: an aggregate has no place in it.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(employee::table).values((employee::name.set("new"), employee::salary.set(count_star()))).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
