// Models, relationships of every kind, change sets and new rows over the shop schema.
use dovetail::model::{BelongsTo, HasMany, ManyToMany, Model};
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

#[derive(Model, Clone)]
#[dovetail(table = product)]
struct Product {
    id: i32,
    name: String,
    price: dovetail::rust_decimal::Decimal,
    description: Option<String>,
}

#[derive(Insertable)]
#[dovetail(table = customer, model = Customer)]
struct NewCustomer<'a> {
    name: &'a str,
}

#[derive(Changeset, Default)]
#[dovetail(table = customer)]
struct CustomerChanges {
    name: Option<String>,
    email: Option<Option<String>>,
}

#[allow(non_upper_case_globals)]
impl Customer {
    const referrer: BelongsTo<Customer, Customer, customer::fk::referrer> = BelongsTo::new();
    const orders: HasMany<Customer, Order, orders::fk::buyer> = HasMany::new();
    const gifts: HasMany<Customer, Order, orders::fk::recipient> = HasMany::new();
}

#[allow(non_upper_case_globals)]
impl Order {
    const buyer: BelongsTo<Order, Customer, orders::fk::buyer> = BelongsTo::new();
    const recipient: BelongsTo<Order, Customer, orders::fk::recipient> = BelongsTo::new();
    const products: ManyToMany<Order, Product, order_line::fk::order, order_line::fk::product> =
        ManyToMany::new();
}

fn check(conn: &mut dyn Connection) -> dovetail::Result<()> {
    let ada = NewCustomer { name: "Ada" }.insert(conn)?;
    let ada = ada.update(conn, CustomerChanges { name: Some("Ada L.".into()), ..Default::default() })?;
    let _: Vec<(Customer, (Option<Customer>, Vec<(Order, Vec<Product>)>, Vec<Order>))> = Customer::query()
        .with((Customer::referrer, Customer::orders.with(Order::products), Customer::gifts))
        .load(conn)?;
    let _: Vec<(Order, (Customer, Option<Customer>))> =
        Order::query().with((Order::buyer, Order::recipient)).load(conn)?;
    let _: Option<Customer> = Customer::find(conn, ada.id)?;
    ada.delete(conn)
}

fn main() {
    let _ = check;
}
