// An output column name in WHERE, which runs before the selection names it.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let shout = product::name.upper().alias("shout");
    let _: Vec<String> = product::table.filter(shout.eq("MUG")).select(shout).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
