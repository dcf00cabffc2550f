// Numbers of different kinds combine as SQL promotes them, integer literals compare with
// Numeric columns, and a date compares with a timestamp.
use dovetail::dsl::SelectQuery;
use dovetail::prelude::*;
use dovetail_tests::shop::*;
use rust_decimal::Decimal;

/// Checks a query's selected SQL types.
fn selects<S, F, G, D>(_: &SelectQuery<F, G, S, D>) {}

fn main() {
    let promoted = order_line::table
        .join_fk(product::table)
        .filter(product::price.gt(5))
        .filter(order_line::quantity.lt(product::price))
        .select((
            product::price * order_line::quantity,
            order_line::quantity * product::price,
            order_line::quantity + constant(1_i64),
        ));
    selects::<(Numeric, Numeric, BigInt), _, _, _>(&promoted);
    let _ = orders::table.cross_join(visit::table).filter(orders::placed_on.le(visit::seen_at));
    let _ = product::table.filter(product::price.eq(Decimal::new(725, 2)));
}
