// Columns of a left-joined table read into `Option<_>`, even NOT NULL ones.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<(String, String)> = customer::table.left_join_fk(visit::table).select((customer::name, visit::path)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
