// `#[derive(Insertable)]` needs to know its table.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(dovetail::Insertable)]
struct NewTag {
    name: String,
}

fn check(conn: &mut dyn Connection) {
    let _ = NewTag { name: String::new() }.name;
}

fn main() {
    let _ = check;
}
