// A grouped report ranked within each year, as the README shows it: grouping by an
// expression and a column, an aggregate of an arithmetic expression, and a window rank
// partitioned by the grouping expression and ordered by the aggregate.
use dovetail::dsl::grouping::group_key;
use dovetail::dsl::window::{rank, window};
use dovetail::prelude::*;
use dovetail_tests::shop::*;
use rust_decimal::Decimal;

fn check(conn: &mut dyn Connection) -> dovetail::Result<()> {
    let year = group_key(orders::placed_on.year());
    let product = product::name;
    let _: Vec<(i32, String, Option<Decimal>, i64)> = order_line::table
        .join_fk(orders::table)
        .join_fk(product::table)
        .group_by((year, product))
        .select((
            year,
            product,
            sum(product::price * order_line::quantity),
            rank().over(window().partition_by(year).order_by_desc(sum(product::price * order_line::quantity))),
        ))
        .order_by((year, product))
        .load(conn)?;
    Ok(())
}

fn main() {
    let _ = check;
}
