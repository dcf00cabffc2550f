// Each field of a change set is an `Option`: `None` leaves its column as it is.
use dovetail::prelude::*;

#[derive(Changeset)]
#[dovetail(table = customer)]
struct Rename {
    name: String,
}

fn main() {}
