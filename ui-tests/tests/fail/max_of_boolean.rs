// MIN and MAX of a boolean are not portable (PostgreSQL has none): bool_and / bool_or are.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<Option<bool>> = order_line::table
        .select(max(order_line::quantity.gt(1)))
        .load(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
