// SUM is NULL over no rows, so it reads into `Option<_>`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let _: Vec<i64> = order_line::table.select(sum(order_line::quantity)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
