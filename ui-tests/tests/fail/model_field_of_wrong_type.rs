// A model's field reads its column: its type must be one the column's SQL type reads into.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

#[derive(Model)]
#[dovetail(table = customer)]
struct Customer {
    id: i32,
    name: i64,
    email: Option<String>,
    referred_by: Option<i32>,
}

fn main() {}
