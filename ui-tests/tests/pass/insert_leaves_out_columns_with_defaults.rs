// Columns with defaults, identities, generated columns and nullable columns may be left out of
// an INSERT.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table).values(customer::name.set("Ada")).execute(conn).unwrap();
    insert_into(visit::table).values(visit::path.set("/")).execute(conn).unwrap();
    insert_into(employee::table).values(employee::name.set("Grace")).execute(conn).unwrap();
    insert_into(coupon::table)
        .values((coupon::code.set("SPRING"), coupon::percent.set(15)))
        .execute(conn)
        .unwrap();
    // An identity numbered by default may still be written.
    insert_into(tag::table).values((tag::id.set(9), tag::name.set("tea"))).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
