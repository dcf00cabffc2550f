// A column of a table joined later is not in scope earlier.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<String> = product::table
        .filter(tag::name.eq("gift"))
        .select(product::name)
        .load(conn)
        .unwrap();
    let _ = product::table.join_fk(product_tag::table);
}

fn main() {
    let _ = check;
}
