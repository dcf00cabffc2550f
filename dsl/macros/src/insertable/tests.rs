//! `#[derive(Insertable)]` expansions (snapshots) and misuses.

use insta::assert_snapshot;

use super::expand;
use crate::testing::{error, pretty};

#[test]
fn fields_set_columns_of_their_names() {
    assert_snapshot!(pretty(
        expand,
        "#[dovetail(table = album)] struct NewAlbum { title: String, artist_id: i32 }"
    ));
}

#[test]
fn column_attribute_renames_and_skip_leaves_out() {
    assert_snapshot!(pretty(
        expand,
        r#"#[derive(Debug)]
        #[dovetail(table = crate::schema::album)]
        pub struct NewAlbum<'a> {
            #[dovetail(column = title)]
            name: &'a str,
            #[dovetail(skip)]
            cached: Vec<u8>,
            r#type: i32,
        }"#
    ));
}

#[test]
fn missing_table_is_an_error() {
    assert_eq!(
        error(expand, "struct NewAlbum { title: String }"),
        "Insertable needs `#[dovetail(table = path::to::table_module)]` @ NewAlbum"
    );
}

#[test]
fn unknown_struct_key_is_an_error() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = album, schema = x)] struct A { title: String }"
        ),
        "unknown `dovetail` attribute `schema`; expected `table = path::to::table_module` or `model = Model` @ schema"
    );
}

#[test]
fn unknown_field_key_is_an_error() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = album)] struct A { #[dovetail(rename = t)] title: String }"
        ),
        "unknown `dovetail` attribute `rename`; expected `column = name` or `skip` @ rename"
    );
}

#[test]
fn duplicate_table_is_an_error() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = a)] #[dovetail(table = b)] struct A { t: String }"
        ),
        "duplicate `table` @ table"
    );
}

#[test]
fn duplicate_column_is_an_error() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = a)] struct A { #[dovetail(column = x, column = y)] t: i32 }"
        ),
        "duplicate `column` @ column"
    );
}

#[test]
fn skip_with_column_is_an_error() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = a)] struct A { b: i32, #[dovetail(skip, column = x)] t: i32 }"
        ),
        "a skipped field sets no column: drop `column` or `skip` @ #[dovetail(skip, column = x)] t: i32"
    );
}

#[test]
fn every_field_skipped_is_an_error() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = a)] struct A { #[dovetail(skip)] t: i32 }"
        ),
        "Insertable needs at least one field that is not skipped @ A"
    );
}

#[test]
fn tuple_struct_is_an_error() {
    assert_eq!(
        error(expand, "#[dovetail(table = a)] struct A(i32);"),
        "Insertable needs a struct with named fields @ A"
    );
}

#[test]
fn enum_is_an_error() {
    assert_eq!(
        error(expand, "#[dovetail(table = a)] enum A { B }"),
        "Insertable needs a struct @ enum"
    );
}
