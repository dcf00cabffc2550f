//! Typed upserts: DO NOTHING and DO UPDATE on every dialect, with composite targets, several
//! rows, `RETURNING`, and the constructs a dialect cannot write faithfully.

use dovetail::prelude::*;

use super::render_all;

dovetail::table! {
    member {
        id: Integer [identity],
        email: Text,
        name: Text,
        visits: Integer [default],
    }
    primary_key (id);
    unique email_key (email);
}

dovetail::table! {
    stock {
        shop: Integer,
        item: Text,
        quantity: Integer,
    }
    primary_key (shop, item);
}

dovetail::table! {
    counter {
        id: Integer [identity],
    }
    primary_key (id);
}

fn ada() -> (
    dovetail::dsl::Assign<member::email, dovetail::dsl::Bind<Text>>,
    dovetail::dsl::Assign<member::name, dovetail::dsl::Bind<Text>>,
) {
    (
        member::email.set("ada@example.com"),
        member::name.set("Ada"),
    )
}

#[test]
fn typed_do_nothing_on_one_column() {
    let upsert = insert_into(member::table)
        .values(ada())
        .on_conflict(member::email)
        .do_nothing();
    insta::assert_snapshot!(render_all(upsert.to_statement()));
}

#[test]
fn typed_do_update_with_the_proposed_and_the_existing_row() {
    let upsert = insert_into(member::table)
        .values(ada())
        .on_conflict(member::email)
        .do_update((
            member::name.set(excluded(member::name)),
            member::visits.set(member::visits + 1),
        ));
    insta::assert_snapshot!(render_all(upsert.to_statement()));
}

#[test]
fn typed_do_nothing_on_a_composite_key_names_its_first_column_on_mysql() {
    let upsert = insert_into(stock::table)
        .values((
            stock::shop.set(1),
            stock::item.set("kettle"),
            stock::quantity.set(5),
        ))
        .on_conflict((stock::shop, stock::item))
        .do_nothing();
    insta::assert_snapshot!(render_all(upsert.to_statement()));
}

#[test]
fn typed_do_update_of_several_rows_adds_the_proposed_quantity() {
    let rows = [("kettle", 5), ("mug", 2)].map(|(item, n)| {
        (
            stock::shop.set(1),
            stock::item.set(item),
            stock::quantity.set(n),
        )
    });
    let upsert = insert_into(stock::table)
        .values_many(rows)
        .on_conflict((stock::shop, stock::item))
        .do_update(stock::quantity.set(stock::quantity + excluded(stock::quantity)));
    insta::assert_snapshot!(render_all(upsert.to_statement()));
}

#[test]
fn typed_do_update_returning_is_unsupported_on_mysql() {
    let upsert = insert_into(member::table)
        .values(ada())
        .on_conflict(member::email)
        .do_update(member::name.set(excluded(member::name)))
        .returning((member::id, member::visits));
    insta::assert_snapshot!(render_all(upsert.to_statement()));
}

#[test]
fn typed_do_nothing_returning_is_unsupported_on_mysql_and_mariadb() {
    let upsert = insert_into(member::table)
        .values(ada())
        .on_conflict(member::email)
        .do_nothing()
        .returning(member::id);
    insta::assert_snapshot!(render_all(upsert.to_statement()));
}

#[test]
fn typed_upsert_after_default_values_is_unsupported_on_sqlite() {
    let upsert = insert_into(counter::table)
        .default_values()
        .on_conflict(counter::id)
        .do_nothing();
    insta::assert_snapshot!(render_all(upsert.to_statement()));
}

#[test]
fn rows_of_a_cached_many_row_insert_come_before_its_do_update_values() {
    let upsert = |quantities: [i32; 3]| {
        insert_into(stock::table)
            .values_many(quantities.map(|quantity| {
                (
                    stock::shop.set(quantity),
                    stock::item.set("kettle"),
                    stock::quantity.set(quantity),
                )
            }))
            .on_conflict((stock::shop, stock::item))
            .do_update(stock::quantity.set(stock::quantity + 100))
    };
    // The first render writes the text for three rows, the second takes it from the cache
    // (keyed by the first row's shape and the row count), with its own values in order.
    let first = upsert([1, 2, 3]).batches(&Postgres).unwrap();
    let second = upsert([4, 5, 6]).batches(&Postgres).unwrap();
    assert_eq!(first[0].sql, second[0].sql);
    assert!(first[0].sql.contains("($7, $8, $9)"), "{}", first[0].sql);
    let ints = |params: &[dovetail::value::Value]| -> Vec<Option<i64>> {
        params
            .iter()
            .map(|value| match value {
                dovetail::value::Value::I32(n) => Some(i64::from(*n)),
                dovetail::value::Value::I64(n) => Some(*n),
                _ => None,
            })
            .collect()
    };
    let kettle = None;
    assert_eq!(
        ints(&second[0].params),
        vec![
            Some(4),
            kettle,
            Some(4),
            Some(5),
            kettle,
            Some(5),
            Some(6),
            kettle,
            Some(6),
            Some(100)
        ]
    );
}
