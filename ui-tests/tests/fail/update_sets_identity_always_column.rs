// A `GENERATED ALWAYS AS IDENTITY` column is numbered by the database: no UPDATE sets it.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(coupon::table).set(coupon::id.set(7)).filter(coupon::code.eq("WELCOME")).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
