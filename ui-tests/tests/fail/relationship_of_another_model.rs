// Eager loading takes the relationships of the query's model: a relationship that starts from
// another model is refused.
use dovetail::model::{BelongsTo, Model};
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
#[dovetail(table = orders)]
struct Order {
    id: i32,
    customer_id: i32,
    gift_for: Option<i32>,
    placed_on: dovetail::chrono::NaiveDate,
    note: Option<String>,
}

#[allow(non_upper_case_globals)]
impl Order {
    const buyer: BelongsTo<Order, Customer, orders::fk::buyer> = BelongsTo::new();
}

fn check(conn: &mut dyn Connection) {
    let _ = Customer::query().with(Order::buyer).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
