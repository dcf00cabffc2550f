//! Typed INSERT, UPDATE and DELETE over the shop, on every backend.

use dovetail::prelude::*;
use dovetail::render::WriteKind;
use dovetail::{Backend, Error};
use dovetail_tests::shop::*;

use crate::harness::backend_test;
use crate::shop_fixture;

/// A new tag, inserted with the derive.
#[derive(dovetail::Insertable)]
#[dovetail(table = tag)]
struct NewTag {
    name: String,
}

fn tag_names(conn: &mut dyn Connection) -> Vec<String> {
    tag::table
        .select(tag::name)
        .order_by(tag::id)
        .load(conn)
        .unwrap()
}

backend_test! {
    /// One row from column assignments; columns with defaults may be left out.
    fn insert_one_row(conn, backend) {
        shop_fixture::create(conn, backend);
        let written = insert_into(visit::table)
            .values((visit::path.set("/teapot"), visit::customer_id.set(Some(2))))
            .execute(conn)
            .unwrap();
        assert_eq!(written, 1);
        let rows: Vec<(String, Option<i32>)> = visit::table
            .filter(visit::path.eq("/teapot"))
            .select((visit::path, visit::customer_id))
            .load(conn)
            .unwrap();
        assert_eq!(rows, vec![("/teapot".into(), Some(2))]);
    }
}

backend_test! {
    /// Several rows in one statement, from derived structs.
    fn insert_many_rows_from_structs(conn, backend) {
        shop_fixture::create(conn, backend);
        let new = ["tea", "coffee"].map(|name| NewTag { name: name.into() });
        let written = insert_into(tag::table).values_many(new).execute(conn).unwrap();
        assert_eq!(written, 2);
        assert_eq!(tag_names(conn), vec!["kitchen", "gift", "cheap", "tea", "coffee"]);
    }
}

backend_test! {
    /// RETURNING gives back the generated key where the dialect has it, and a typed error
    /// on MySQL-family servers that lack it.
    fn insert_returning_generated_keys(conn, backend) {
        shop_fixture::create(conn, backend);
        let insert = insert_into(tag::table)
            .values_many([tag::name.set("a"), tag::name.set("b")])
            .returning((tag::id, tag::name));
        let result: dovetail::Result<Vec<(i32, String)>> = insert.load(conn);
        if !conn.dialect().supports_returning(WriteKind::Insert) {
            return assert!(matches!(result, Err(Error::Unsupported { .. })), "{result:?}");
        }
        // The keys are the database's to choose (a Galera node steps them by the cluster's
        // size): new, increasing in the order of the rows, and each the key of its row.
        let rows = result.unwrap();
        let names: Vec<&str> = rows.iter().map(|(_, name)| name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(3 < rows[0].0 && rows[0].0 < rows[1].0, "{rows:?}");
        for (id, name) in &rows {
            let stored: String = tag::table.filter(tag::id.eq(*id)).select(tag::name).one(conn).unwrap();
            assert_eq!(&stored, name);
        }
    }
}

backend_test! {
    /// UPDATE with an expression over the same row, filtered; rows-affected counts match.
    fn update_with_expression(conn, backend) {
        shop_fixture::create(conn, backend);
        let updated = update(product::table)
            .set((product::price.set(product::price * rust_decimal::Decimal::from(2)), product::description.set(None::<String>)))
            .filter(product::price.lt(rust_decimal::Decimal::from(10)))
            .execute(conn)
            .unwrap();
        assert_eq!(updated, 2);
        let rows: Vec<(String, rust_decimal::Decimal, Option<String>)> = product::table
            .filter(product::id.ge(3))
            .select((product::name, product::price, product::description))
            .order_by(product::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![("Mug".into(), "14.50".parse().unwrap(), None), ("Tea towel".into(), "6.00".parse().unwrap(), None)]
        );
    }
}

backend_test! {
    /// UPDATE … RETURNING where supported; MySQL and MariaDB have no UPDATE RETURNING.
    fn update_returning(conn, backend) {
        shop_fixture::create(conn, backend);
        let statement = update(employee::table)
            .set(employee::salary.set(Some(1_i64)))
            .filter(employee::salary.is_null())
            .returning(employee::name);
        let result: dovetail::Result<Vec<String>> = statement.load(conn);
        match backend {
            Backend::MySql => assert!(matches!(result, Err(Error::Unsupported { .. })), "{result:?}"),
            _ => assert_eq!(result.unwrap(), vec!["Edsger".to_string()]),
        }
    }
}

backend_test! {
    /// DELETE with a filter, and with RETURNING where supported.
    fn delete_with_filter(conn, backend) {
        shop_fixture::create(conn, backend);
        let deleted = delete(visit::table).filter(visit::customer_id.eq(1)).execute(conn).unwrap();
        assert_eq!(deleted, 2);
        let left: Vec<String> = visit::table.select(visit::path).load(conn).unwrap();
        assert_eq!(left, vec!["/".to_string()]);
        let statement = delete(product_tag::table).filter(product_tag::tag_id.eq(3)).returning(product_tag::product_id);
        let result: dovetail::Result<Vec<i32>> = statement.load(conn);
        match conn.dialect().supports_returning(WriteKind::Delete) {
            true => {
                let mut ids = result.unwrap();
                ids.sort();
                assert_eq!(ids, vec![3, 4]);
            }
            false => assert!(matches!(result, Err(Error::Unsupported { .. })), "{result:?}"),
        }
    }
}

backend_test! {
    /// An INSERT of no rows is an error, never a row of defaults; DEFAULT VALUES is explicit.
    fn empty_inserts_are_errors_and_defaults_are_explicit(conn, backend) {
        shop_fixture::create(conn, backend);
        let none: Vec<NewTag> = Vec::new();
        let result = insert_into(tag::table).values_many(none).execute(conn);
        assert!(matches!(result, Err(Error::InvalidStatement(_))), "{result:?}");
        assert_eq!(tag_names(conn).len(), 3);
    }
}

backend_test! {
    /// Rows that set the same columns in another order are written column by column: each
    /// value lands in the column it was set for.
    fn rows_set_their_columns_in_any_order(conn, backend) {
        shop_fixture::create(conn, backend);
        let written = insert_into(customer::table)
            .values((customer::name.set("Eve"), customer::email.set(Some("eve@example.com"))))
            .values((customer::email.set(Some("fay@example.com")), customer::name.set("Fay")))
            .execute(conn)
            .unwrap();
        assert_eq!(written, 2);
        let rows: Vec<(String, Option<String>)> = customer::table
            .filter(customer::id.gt(4))
            .select((customer::name, customer::email))
            .order_by(customer::id)
            .load(conn)
            .unwrap();
        assert_eq!(rows, vec![
            ("Eve".into(), Some("eve@example.com".into())),
            ("Fay".into(), Some("fay@example.com".into())),
        ]);
    }
}

backend_test! {
    /// A generated column is left to the database, on insert and on update, and reads back
    /// what it computed.
    fn generated_columns_are_computed_by_the_database(conn, backend) {
        shop_fixture::create(conn, backend);
        insert_into(employee::table)
            .values((employee::name.set("Ken"), employee::salary.set(Some(5000_i64))))
            .execute(conn)
            .unwrap();
        let yearly = |conn: &mut dyn Connection| -> Option<i64> {
            employee::table
                .filter(employee::name.eq("Ken"))
                .select(employee::yearly)
                .load(conn)
                .unwrap()[0]
        };
        assert_eq!(yearly(conn), Some(60_000));
        update(employee::table)
            .set(employee::salary.set(employee::salary + 1000_i64))
            .filter(employee::name.eq("Ken"))
            .execute(conn)
            .unwrap();
        assert_eq!(yearly(conn), Some(72_000));
    }
}

backend_test! {
    /// An always-generated identity is numbered by the database (PostgreSQL would refuse a
    /// written value; the typed schema never writes one).
    fn always_identities_are_numbered_by_the_database(conn, backend) {
        shop_fixture::create(conn, backend);
        insert_into(coupon::table)
            .values_many([
                (coupon::code.set("SPRING"), coupon::percent.set(15)),
                (coupon::code.set("SUMMER"), coupon::percent.set(20)),
            ])
            .execute(conn)
            .unwrap();
        let rows: Vec<(i32, String)> = coupon::table
            .select((coupon::id, coupon::code))
            .order_by(coupon::id)
            .load(conn)
            .unwrap();
        // Numbered by the database, in the order of the rows (by how much is its business: a
        // Galera node steps by the cluster's size).
        let codes: Vec<&str> = rows.iter().map(|(_, code)| code.as_str()).collect();
        assert_eq!(codes, ["WELCOME", "SPRING", "SUMMER"]);
        assert!(rows.windows(2).all(|pair| pair[0].0 < pair[1].0), "{rows:?}");
    }
}

backend_test! {
    /// Arrays are PostgreSQL's: elsewhere an array parameter is a typed error, not a guess.
    fn array_parameters_outside_postgres_are_errors(conn, backend) {
        let array = dovetail::value::Value::Array(vec![1_i32.into(), 2_i32.into()]);
        let sql = match backend {
            Backend::Postgres => "SELECT $1::int4[]",
            _ => "SELECT ?",
        };
        let result = conn.query_sql(sql, std::slice::from_ref(&array));
        match backend {
            Backend::Postgres => assert_eq!(result.unwrap()[0].values(), &[array]),
            _ => assert!(matches!(result, Err(Error::Encode { .. })), "{result:?}"),
        }
    }
}
