// A derived table's query selects a text where the declared column is a number.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let names = customer::table.select((customer::id, customer::name));
    let _: Vec<Option<i64>> = names.as_table(spend::table).query().select(spend::items).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
