// A model is found by a value of its primary key's type.
use dovetail::model::Model;
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(Model)]
#[dovetail(table = customer)]
struct Customer {
    id: i32,
    name: String,
    email: Option<String>,
    referred_by: Option<i32>,
}

fn check(conn: &mut dyn Connection) {
    let _ = Customer::find(conn, "ada").unwrap();
}

fn main() {
    let _ = check;
}
