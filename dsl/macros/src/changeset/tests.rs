//! `#[derive(Changeset)]` expansions (snapshots) and misuses.

use insta::assert_snapshot;

use super::expand;
use crate::testing::{error, pretty};

#[test]
fn some_fields_set_their_columns() {
    assert_snapshot!(pretty(
        expand,
        "#[dovetail(table = album)] struct AlbumChanges { title: Option<String>, #[dovetail(column = note)] remark: Option<Option<String>> }"
    ));
}

#[test]
fn fields_are_options() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = album)] struct C { title: String }"
        ),
        "a Changeset field is an `Option`: `None` leaves its column as it is @ String"
    );
}

#[test]
fn version_is_a_model_attribute() {
    assert_eq!(
        error(
            expand,
            "#[dovetail(table = album)] struct C { #[dovetail(version)] revision: Option<i32> }"
        ),
        "unknown `dovetail` attribute `version`; expected `column = name` or `skip` @ version"
    );
}
