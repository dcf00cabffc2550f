//! `#[derive(Model)]` expansions (snapshots) and misuses.

use insta::assert_snapshot;

use super::expand;
use crate::testing::{error, pretty};

#[test]
fn fields_read_columns_and_the_version_is_declared() {
    assert_snapshot!(pretty(
        expand,
        "#[dovetail(table = album)] struct Album { id: i32, #[dovetail(column = name)] title: String, #[dovetail(version)] revision: i32 }"
    ));
}

#[test]
fn a_model_reads_every_field() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = album)] struct Album { id: i32, #[dovetail(skip)] cached: u8 }"
        ),
        "a Model reads every field from its column: it cannot skip one @ #[dovetail(skip)] cached: u8"
    );
}

#[test]
fn one_version_column_at_most() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = t)] struct T { #[dovetail(version)] a: i32, #[dovetail(version)] b: i32 }"
        ),
        "a Model has at most one `version` column @ #[dovetail(version)] b: i32"
    );
}
