// After GROUP BY a table's one-column primary key, every column of that table may be selected.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn main() {
    let _ = customer::table
        .join_children_via(orders::fk::buyer, orders::table)
        .group_by(customer::id)
        .select((customer::id, customer::name, customer::email, count_star()))
        .having(customer::name.ne("nobody"))
        .order_by(customer::name);
}
