//! Typed queries over schemas written by schema-gen (the checked-in fixture cases of
//! `dovetail-codegen`), run against the database they were generated from.

use dovetail::Backend;
use dovetail::prelude::*;

use crate::harness::backend_test;

#[path = "../../codegen/tests/cases/shop/mysql.rs"]
#[allow(dead_code)]
#[rustfmt::skip] // checked in as schema-gen writes it
mod shop_mysql;
#[path = "../../codegen/tests/cases/shop/postgres.rs"]
#[allow(dead_code)]
#[rustfmt::skip] // checked in as schema-gen writes it
mod shop_postgres;
#[path = "../../codegen/tests/cases/shop/sqlite.rs"]
#[allow(dead_code)]
#[rustfmt::skip] // checked in as schema-gen writes it
mod shop_sqlite;

/// Inserts through the generated tables, then reads them back joined along the generated keys.
macro_rules! exercise {
    ($schema:ident, $conn:expr, $placed_at:expr) => {{
        use $schema::*;
        let conn = $conn;
        insert_into(customer::table)
            .values_many([customer::name.set("Ada"), customer::name.set("Brian")])
            .execute(conn)
            .unwrap();
        insert_into(product::table)
            .values((
                product::name.set("Kettle"),
                product::price.set(rust_decimal::Decimal::new(2550, 2)),
            ))
            .execute(conn)
            .unwrap();
        let buyers: Vec<(i32, String)> = customer::table
            .select((customer::id, customer::name))
            .order_by(customer::id)
            .load(conn)
            .unwrap();
        let (ada, brian) = (buyers[0].0, buyers[1].0);
        insert_into(order::table)
            .values((
                order::buyer.set(ada),
                order::gift_for.set(Some(brian)),
                order::placed_at.set($placed_at),
            ))
            .execute(conn)
            .unwrap();
        let rows: Vec<(String, Option<i32>)> = order::table
            .join_via(order::fk::buyer, customer::table)
            .left_join_children_via(order_line::fk::order_id, order_line::table)
            .select((customer::name, order_line::quantity))
            .load(conn)
            .unwrap();
        assert_eq!(rows, vec![("Ada".to_string(), None)]);
        let active: Vec<bool> = product::table.select(product::active).load(conn).unwrap();
        assert_eq!(active, vec![true]);
        // The identity and the generated column are the database's to fill.
        insert_into(voucher::table)
            .values(voucher::code.set("SPRING"))
            .execute(conn)
            .unwrap();
        let vouchers: Vec<(i32, Option<i32>)> = voucher::table
            .select((voucher::id, voucher::code_length))
            .load(conn)
            .unwrap();
        assert_eq!(vouchers, vec![(1, Some(6))]);
        // The generated models: a new row, a change set, relationships loaded eagerly.
        let carol = NewCustomer {
            name: "Carol".into(),
            email: None,
            referred_by: Some(ada),
        }
        .insert(conn)
        .unwrap();
        assert_eq!(carol.referred_by, Some(ada));
        let changes = CustomerChanges {
            email: Some(Some("carol@example.com".into())),
            ..Default::default()
        };
        let carol = carol.update(conn, changes).unwrap();
        assert_eq!(carol.email.as_deref(), Some("carol@example.com"));
        let customers = Customer::query()
            .order_by(customer::id)
            .with((
                Customer::referred_by,
                Customer::orders_by_buyer,
                Customer::orders_by_gift_for,
            ))
            .load(conn)
            .unwrap();
        let summary: Vec<(&str, Option<&str>, usize, usize)> = customers
            .iter()
            .map(|(c, (referrer, bought, gifts))| {
                (
                    c.name.as_str(),
                    referrer.as_ref().map(|r| r.name.as_str()),
                    bought.len(),
                    gifts.len(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("Ada", None, 1, 0),
                ("Brian", None, 0, 1),
                ("Carol", Some("Ada"), 0, 0)
            ]
        );
    }};
}

/// A wishlist row: product ids, moods, notes.
type Wish = (
    Vec<i32>,
    Option<Vec<shop_postgres::Mood>>,
    Option<Vec<String>>,
);

fn placed_at() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 5)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

backend_test! {
    /// The generated shop schema inserts, joins and decodes on the backend it came from.
    fn generated_shop_schema_runs(conn, backend) {
        let case = |file: &str| {
            std::fs::read_to_string(format!("{}/../codegen/tests/cases/shop/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
        };
        match backend {
            Backend::Sqlite => {
                conn.batch_execute(&case("sqlite.sql")).unwrap();
                exercise!(shop_sqlite, conn, placed_at());
            }
            Backend::Postgres => {
                conn.batch_execute(&case("postgres.sql")).unwrap();
                exercise!(shop_postgres, &mut *conn, placed_at().and_utc());
                use shop_postgres::{Mood, review};
                insert_into(review::table)
                    .values((review::product_id.set(1), review::mood.set(Mood::SoSo), review::previous.set(None::<Mood>)))
                    .execute(conn)
                    .unwrap();
                let moods: Vec<(Mood, Option<Mood>)> = review::table
                    .filter(review::mood.eq(Mood::SoSo))
                    .select((review::mood, review::previous))
                    .load(conn)
                    .unwrap();
                assert_eq!(moods, vec![(Mood::SoSo, None)]);
                use shop_postgres::wishlist;
                insert_into(wishlist::table)
                    .values((
                        wishlist::customer_id.set(1),
                        wishlist::products.set(vec![3, 1, 2]),
                        wishlist::moods.set(Some(vec![Mood::Happy, Mood::Sad])),
                        wishlist::notes.set(None::<Vec<String>>),
                    ))
                    .execute(conn)
                    .unwrap();
                let lists: Vec<Wish> = wishlist::table
                    .filter(wishlist::products.eq(vec![3, 1, 2]))
                    .select((wishlist::products, wishlist::moods, wishlist::notes))
                    .load(conn)
                    .unwrap();
                assert_eq!(lists, vec![(vec![3, 1, 2], Some(vec![Mood::Happy, Mood::Sad]), None)]);
            }
            Backend::MySql => {
                conn.batch_execute(&case("mysql.sql")).unwrap();
                exercise!(shop_mysql, &mut *conn, placed_at());
                use shop_mysql::{ReviewMood, ReviewPrevious, review};
                insert_into(review::table)
                    .values((review::product_id.set(1), review::mood.set(ReviewMood::SoSo), review::previous.set(Some(ReviewPrevious::Sad))))
                    .execute(conn)
                    .unwrap();
                let moods: Vec<(ReviewMood, Option<ReviewPrevious>)> = review::table
                    .filter(review::mood.in_list([ReviewMood::SoSo, ReviewMood::Happy]))
                    .select((review::mood, review::previous))
                    .load(conn)
                    .unwrap();
                assert_eq!(moods, vec![(ReviewMood::SoSo, Some(ReviewPrevious::Sad))]);
            }
        }
    }
}
