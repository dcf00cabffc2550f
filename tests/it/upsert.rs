//! Typed upserts over the shop, on every backend: the proposed values win with DO UPDATE, the
//! existing row stays with DO NOTHING, several rows at once, RETURNING, and rows-affected
//! counts that mean the same everywhere.

use dovetail::Error;
use dovetail::dsl::scope::{Cons, Nil};
use dovetail::dsl::written::Rows;
use dovetail::prelude::*;
use dovetail::render::{UpsertStyle, WriteKind};
use dovetail_tests::shop::*;

use crate::harness::{backend_test, pick};
use crate::shop_fixture;

/// `(name, email)` of every customer, by id.
fn customers(conn: &mut dyn Connection) -> Vec<(String, Option<String>)> {
    customer::table
        .select((customer::name, customer::email))
        .order_by(customer::id)
        .load(conn)
        .unwrap()
}

/// `(order, product, quantity)` of every line of order 1.
fn lines_of_order_1(conn: &mut dyn Connection) -> Vec<(i32, i32, i32)> {
    order_line::table
        .filter(order_line::order_id.eq(1))
        .select((
            order_line::order_id,
            order_line::product_id,
            order_line::quantity,
        ))
        .order_by(order_line::product_id)
        .load(conn)
        .unwrap()
}

/// A customer row: a name and an email address.
type CustomerRow = (
    dovetail::dsl::Assign<customer::name, dovetail::dsl::Bind<Text>>,
    dovetail::dsl::Assign<customer::email, dovetail::dsl::Bind<Nullable<Text>>>,
);

/// An INSERT of customer rows: their columns are part of its type.
type CustomerInsert = dovetail::dsl::write::InsertStatement<
    customer::table,
    (),
    Rows<Cons<customer::name, Cons<customer::email, Nil>>>,
>;

/// A customer row proposing `name` for the address `email`.
fn proposed(name: &str, email: &str) -> CustomerRow {
    (
        customer::name.set(name.to_owned()),
        customer::email.set(Some(email.to_owned())),
    )
}

fn renaming(rows: impl IntoIterator<Item = (&'static str, &'static str)>) -> CustomerInsert {
    insert_into(customer::table)
        .values_many(rows.into_iter().map(|(name, email)| proposed(name, email)))
        .on_conflict(customer::email)
        .do_update(customer::name.set(excluded(customer::name)))
}

fn keeping(rows: impl IntoIterator<Item = (&'static str, &'static str)>) -> CustomerInsert {
    insert_into(customer::table)
        .values_many(rows.into_iter().map(|(name, email)| proposed(name, email)))
        .on_conflict(customer::email)
        .do_nothing()
}

backend_test! {
    /// Insert, then upsert the same key: the row takes the proposed values, and no row is added.
    fn do_update_writes_the_proposed_values(conn, backend) {
        shop_fixture::create(conn, backend);
        let inserted = renaming([("Eve", "eve@example.com")]).execute(conn).unwrap();
        assert_eq!(inserted, 1);
        let updated = renaming([("Eve Online", "eve@example.com")]).execute(conn).unwrap();
        assert_eq!(updated, 1);
        let rows = customers(conn);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[4], ("Eve Online".into(), Some("eve@example.com".into())));
    }
}

backend_test! {
    /// DO NOTHING keeps the existing row, and counts no row written for it.
    fn do_nothing_keeps_the_existing_row(conn, backend) {
        shop_fixture::create(conn, backend);
        let written = keeping([("Impostor", "ada@example.com")]).execute(conn).unwrap();
        assert_eq!(written, 0);
        let rows = customers(conn);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0], ("Ada".into(), Some("ada@example.com".into())));
    }
}

backend_test! {
    /// Several rows, some of them conflicting: each conflict updates, the others insert, and
    /// the count is every row written.
    fn several_rows_some_conflicting(conn, backend) {
        shop_fixture::create(conn, backend);
        let rows = [(1, 2), (2, 5), (3, 1)].map(|(product, quantity)| {
            (
                order_line::order_id.set(1),
                order_line::product_id.set(product),
                order_line::quantity.set(quantity),
            )
        });
        let written = insert_into(order_line::table)
            .values_many(rows)
            .on_conflict((order_line::order_id, order_line::product_id))
            .do_update(order_line::quantity.set(order_line::quantity + excluded(order_line::quantity)))
            .execute(conn)
            .unwrap();
        assert_eq!(written, 3);
        assert_eq!(lines_of_order_1(conn), vec![(1, 1, 3), (1, 2, 5), (1, 3, 5)]);

        let kept = keeping([("Ada", "ada@example.com"), ("Fay", "fay@example.com")]).execute(conn).unwrap();
        assert_eq!(kept, 1);
        let names: Vec<String> = customers(conn).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, vec!["Ada", "Brian", "Chloe", "Dmitri", "Fay"]);
    }
}

backend_test! {
    /// An update that leaves the values as they were still counts as a row written.
    fn do_update_to_the_same_values_counts_the_row(conn, backend) {
        shop_fixture::create(conn, backend);
        let written = renaming([("Ada", "ada@example.com"), ("Brian", "brian@example.com")])
            .execute(conn)
            .unwrap();
        assert_eq!(written, 2);
        assert_eq!(customers(conn)[..2], [
            ("Ada".into(), Some("ada@example.com".into())),
            ("Brian".into(), Some("brian@example.com".into())),
        ]);
    }
}

backend_test! {
    /// The conflict target is a key as a set of columns: the composite primary key named in
    /// another order, and a unique key other than the primary key.
    fn conflict_targets_are_keys_in_any_order(conn, backend) {
        shop_fixture::create(conn, backend);
        let written = insert_into(order_line::table)
            .values((
                order_line::order_id.set(1),
                order_line::product_id.set(1),
                order_line::quantity.set(5),
            ))
            .on_conflict((order_line::product_id, order_line::order_id))
            .do_update(order_line::quantity.set(excluded(order_line::quantity)))
            .execute(conn)
            .unwrap();
        assert_eq!(written, 1);
        assert_eq!(lines_of_order_1(conn), vec![(1, 1, 5), (1, 3, 4)]);
        insert_into(coupon::table)
            .values((coupon::code.set("WELCOME"), coupon::percent.set(25)))
            .on_conflict(coupon::code)
            .do_update(coupon::percent.set(excluded(coupon::percent)))
            .execute(conn)
            .unwrap();
        let coupons: Vec<(i32, String, i32)> = coupon::table
            .select((coupon::id, coupon::code, coupon::percent))
            .load(conn)
            .unwrap();
        assert_eq!(coupons, vec![(1, "WELCOME".into(), 25)]);
    }
}

backend_test! {
    /// What each server itself reports for an upsert, which `execute` makes uniform for
    /// DO UPDATE: MySQL counts 2 for a changed row and 0 for an unchanged or skipped one.
    fn servers_count_upserts_differently(conn, backend) {
        shop_fixture::create(conn, backend);
        let mut reported = |statement: CustomerInsert| {
            conn.execute(&statement.to_statement()).unwrap()
        };
        let plain = insert_into(customer::table).values(proposed("Gil", "gil@example.com"));
        assert_eq!(reported(plain), 1);
        assert_eq!(reported(renaming([("Hal", "hal@example.com")])), 1, "upsert inserting");
        assert_eq!(reported(renaming([("Hal H.", "hal@example.com")])), pick(backend, 1, 1, 2), "changed");
        assert_eq!(reported(renaming([("Hal H.", "hal@example.com")])), pick(backend, 1, 1, 0), "unchanged");
        assert_eq!(reported(keeping([("Hal", "hal@example.com")])), 0, "skipped");
        let mixed = renaming([("Ivy", "ivy@example.com"), ("Hal", "hal@example.com"), ("Gil", "gil@example.com")]);
        assert_eq!(reported(mixed), 3, "one inserted, one changed (2 on MySQL), one unchanged (0)");
    }
}

backend_test! {
    /// DO NOTHING resolves only the conflict: a row that breaks another rule is still an
    /// error (which `INSERT IGNORE` would have turned into a warning on MySQL).
    fn do_nothing_still_reports_other_errors(conn, backend) {
        shop_fixture::create(conn, backend);
        let result = insert_into(order_line::table)
            .values((
                order_line::order_id.set(2),
                order_line::product_id.set(3),
                order_line::quantity.set(0),
            ))
            .on_conflict((order_line::order_id, order_line::product_id))
            .do_nothing()
            .execute(conn);
        assert!(result.is_err(), "{result:?}");
    }
}

backend_test! {
    /// RETURNING yields the inserted and the updated rows where the dialect can say so; a
    /// typed error on MySQL (no RETURNING) and, for DO NOTHING, on MariaDB (whose no-op update
    /// would return the skipped rows too).
    fn returning_inserted_and_updated_rows(conn, backend) {
        shop_fixture::create(conn, backend);
        let upsert = renaming([("Ada L.", "ada@example.com"), ("Jo", "jo@example.com")])
            .returning((customer::name, customer::email));
        let result: dovetail::Result<Vec<(String, Option<String>)>> = upsert.load(conn);
        let returning = conn.dialect().supports_returning(WriteKind::Insert);
        match returning {
            true => {
                let mut rows = result.unwrap();
                rows.sort();
                assert_eq!(rows, vec![
                    ("Ada L.".into(), Some("ada@example.com".into())),
                    ("Jo".into(), Some("jo@example.com".into())),
                ]);
            }
            false => assert!(matches!(result, Err(Error::Unsupported { .. })), "{result:?}"),
        }

        let skipped = keeping([("Impostor", "ada@example.com"), ("Kim", "kim@example.com")])
            .returning(customer::name);
        let result: dovetail::Result<Vec<String>> = skipped.load(conn);
        let emulated = conn.dialect().upsert_style() == UpsertStyle::OnDuplicateKey;
        match returning && !emulated {
            true => assert_eq!(result.unwrap(), vec!["Kim".to_string()]),
            false => assert!(matches!(result, Err(Error::Unsupported { .. })), "{result:?}"),
        }
        let names: Vec<String> = customers(conn).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names.len(), pick(backend, 6, 6, 4 + usize::from(returning)));
    }
}
