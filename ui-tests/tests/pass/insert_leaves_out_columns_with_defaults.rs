// Columns with defaults, identities and nullable columns may be left out of an INSERT.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table).values(customer::name.set("Ada")).execute(conn).unwrap();
    insert_into(visit::table).values(visit::path.set("/")).execute(conn).unwrap();
}

fn main() {
    let _ = check;
}
