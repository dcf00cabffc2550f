// Each field of a change set is an `Option`: `None` leaves its column as it is.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(Changeset)]
#[dovetail(table = customer)]
struct Rename {
    name: String,
}

fn main() {}
