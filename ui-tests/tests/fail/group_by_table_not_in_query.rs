// GROUP BY may only name columns of tables of the query.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i64> = product::table.group_by(tag::name).select(count_star()).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
