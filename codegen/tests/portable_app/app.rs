// One application over the portable shop, included once per backend by `portable_app.rs` with
// `schema` standing for the schema.rs schema-gen wrote from that backend: the same source must
// compile against each, and run on each.

use dovetail::chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use dovetail::prelude::*;
use dovetail::rust_decimal::Decimal;
use dovetail::serde_json::json;

use schema::*;

/// A product, read through `product::all_columns`.
#[derive(Debug, PartialEq, dovetail::Queryable)]
pub struct Product {
    pub id: i32,
    pub name: String,
    pub price: Decimal,
    pub weight: Option<f64>,
    pub stock: i64,
    pub rating: Option<i16>,
    pub views: Decimal,
    pub active: bool,
    pub picture: Option<Vec<u8>>,
    pub attributes: Option<dovetail::serde_json::Value>,
}

/// A customer to sign up.
#[derive(dovetail::Insertable)]
#[dovetail(table = customer)]
pub struct NewCustomer {
    pub name: String,
    pub email: Option<String>,
}

fn kettle() -> Product {
    Product {
        id: 1,
        name: "Kettle".into(),
        price: Decimal::new(2550, 2),
        weight: Some(1.5),
        stock: 4_000_000_000,
        rating: Some(200),
        // Past `i64::MAX`, as MySQL's `BIGINT UNSIGNED` allows, and a float whose shortest
        // form is exact, as SQLite's NUMERIC keeps a number this large.
        views: Decimal::from(10_000_000_000_000_000_000_u64),
        active: true,
        picture: Some(vec![0, 159, 255]),
        attributes: Some(json!({"colour": "red"})),
    }
}

/// Signs customers up, sells a kettle, reviews it, and reads it all back.
pub fn run(conn: &mut dyn Connection) -> dovetail::Result<()> {
    insert_into(customer::table)
        .values_many([
            NewCustomer { name: "Ada".into(), email: Some("ada@example.com".into()) },
            NewCustomer { name: "Brian".into(), email: None },
        ])
        .execute(conn)?;
    let k = kettle();
    insert_into(product::table)
        .values((
            product::id.set(k.id),
            product::name.set(k.name.clone()),
            product::price.set(k.price),
            product::weight.set(k.weight),
            product::stock.set(k.stock),
            product::rating.set(k.rating),
            product::views.set(k.views),
            product::active.set(k.active),
            product::picture.set(k.picture.clone()),
            product::attributes.set(k.attributes.clone()),
        ))
        .execute(conn)?;
    let products: Vec<Product> = product::table.select(product::all_columns).load(conn)?;
    assert_eq!(products, vec![kettle()]);

    let placed_at: DateTime<Utc> = "2026-01-05T10:00:00Z".parse().unwrap_or_default();
    let deliver_on: NaiveDateTime = NaiveDate::from_ymd_opt(2026, 1, 9)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN);
    insert_into(order::table)
        .values((
            order::id.set(1),
            order::buyer.set(1),
            order::gift_for.set(Some(2)),
            order::placed_at.set(placed_at),
            order::deliver_on.set(Some(deliver_on)),
        ))
        .execute(conn)?;
    insert_into(order_line::table)
        .values((
            order_line::order_id.set(1),
            order_line::product_id.set(1),
            order_line::quantity.set(3),
        ))
        .execute(conn)?;
    let sold: Vec<(String, i32, DateTime<Utc>, Option<NaiveDateTime>)> = order_line::table
        .join_fk(product::table)
        .join_fk(order::table)
        .select((product::name, order_line::quantity, order::placed_at, order::deliver_on))
        .load(conn)?;
    assert_eq!(sold, vec![("Kettle".into(), 3, placed_at, Some(deliver_on))]);

    insert_into(review::table)
        .values((
            review::product_id.set(1),
            review::mood.set(Mood::SoSo),
            review::previous.set(Some(Mood::Happy)),
        ))
        .execute(conn)?;
    let moods: Vec<(String, Mood, Option<Mood>)> = review::table
        .join_fk(product::table)
        .filter(review::mood.in_list([Mood::SoSo, Mood::Sad]))
        .select((product::name, review::mood, review::previous))
        .load(conn)?;
    assert_eq!(moods, vec![("Kettle".into(), Mood::SoSo, Some(Mood::Happy))]);
    let seen: Vec<(Option<String>, Option<Mood>)> = product_review::table
        .select((product_review::name, product_review::mood))
        .load(conn)?;
    assert_eq!(seen, vec![(Some("Kettle".into()), Some(Mood::SoSo))]);

    insert_into(voucher::table).values(voucher::code.set("SPRING")).execute(conn)?;
    let vouchers: Vec<(String, Option<i32>)> = voucher::table
        .select((voucher::code, voucher::code_length))
        .load(conn)?;
    assert_eq!(vouchers, vec![("SPRING".into(), Some(6))]);
    let vips: Vec<(String, bool)> = customer::table
        .filter(customer::vip.eq(false))
        .select((customer::name, customer::vip))
        .order_by(customer::name)
        .load(conn)?;
    assert_eq!(vips, vec![("Ada".into(), false), ("Brian".into(), false)]);
    Ok(())
}
