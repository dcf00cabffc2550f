// A query may be ordered before or after it is selected, aggregated or not: the grouping is
// settled by whichever comes first.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn main() {
    let _ = order_line::table
        .order_by(order_line::order_id)
        .select((order_line::order_id, order_line::quantity));
    let _ = order_line::table.order_by(count_star()).select(max(order_line::quantity));
    let _ = order_line::table
        .group_by(order_line::order_id)
        .order_by(sum(order_line::quantity).desc())
        .select((order_line::order_id, count_star()));
    let _ = order_line::table.select(order_line::quantity).for_update();
}
