//! `#[derive(Queryable)]` expansions (snapshots) and misuses.

use insta::assert_snapshot;

use super::expand;
use crate::testing::{error, pretty};

#[test]
fn named_struct_reads_fields_in_order() {
    assert_snapshot!(pretty(
        expand,
        "struct Album { id: i32, title: String, note: Option<String> }"
    ));
}

#[test]
fn tuple_struct_reads_fields_in_order() {
    assert_snapshot!(pretty(expand, "pub struct Pair(i64, String);"));
}

#[test]
fn one_field_reads_a_one_tuple() {
    assert_snapshot!(pretty(expand, "struct Name { name: String }"));
}

#[test]
fn type_generics_are_kept() {
    assert_snapshot!(pretty(
        expand,
        "struct Tagged<T: Clone, const N: usize> where T: Default { id: i32, tag: T }"
    ));
}

#[test]
fn wide_struct_nests_sql_types_in_chunks_of_12() {
    let fields: Vec<String> = (0..14).map(|i| format!("f{i}: i32")).collect();
    assert_snapshot!(pretty(
        expand,
        &format!("struct Wide {{ {} }}", fields.join(", "))
    ));
}

#[test]
fn enum_is_an_error() {
    assert_eq!(
        error(expand, "enum E { A }"),
        "Queryable needs a struct @ enum"
    );
}

#[test]
fn union_is_an_error() {
    assert_eq!(
        error(expand, "union U { a: i32 }"),
        "Queryable needs a struct @ union"
    );
}

#[test]
fn struct_without_fields_is_an_error() {
    assert_eq!(
        error(expand, "struct Unit;"),
        "Queryable needs at least one field @ Unit"
    );
}

#[test]
fn lifetime_parameter_is_an_error() {
    assert_eq!(
        error(expand, "struct Borrowed<'a> { name: &'a str }"),
        "Queryable does not support lifetime parameters: it reads owned values @ 'a"
    );
}
