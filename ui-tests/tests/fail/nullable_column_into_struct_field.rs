// A struct field for a nullable column is an `Option<_>`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(dovetail::Queryable)]
#[allow(dead_code)]
struct Customer {
    id: i32,
    name: String,
    email: String,
    referred_by: Option<i32>,
}

fn check(conn: &mut dyn Connection) {
    let _: Vec<Customer> = customer::table.select(customer::all_columns).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
