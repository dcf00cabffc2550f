// `join_fk` needs a declared foreign key between the tables.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table.join_fk(employee::table).select(product::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
