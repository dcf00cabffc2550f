// A relationship follows a foreign key between its two models' tables.
use dovetail::model::{HasMany, Model};
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(Model, Clone)]
#[dovetail(table = customer)]
struct Customer {
    id: i32,
    name: String,
    email: Option<String>,
    referred_by: Option<i32>,
}

#[derive(Model, Clone)]
#[dovetail(table = order_line)]
struct OrderLine {
    order_id: i32,
    product_id: i32,
    quantity: i32,
}

#[allow(non_upper_case_globals)]
impl Customer {
    const lines: HasMany<Customer, OrderLine, orders::fk::buyer> = HasMany::new();
}

fn check(conn: &mut dyn Connection) {
    let _ = Customer::query().with(Customer::lines).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
