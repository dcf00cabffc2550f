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
