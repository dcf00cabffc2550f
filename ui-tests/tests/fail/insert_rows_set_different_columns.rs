// Every row of one INSERT sets the same columns.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    insert_into(customer::table)
        .values_many([customer::name.set("Ada"), customer::name.set("Brian")])
        .values_many([(customer::name.set("Chloe"), customer::email.set(Some("chloe@example.com")))])
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
