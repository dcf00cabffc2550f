// An UPDATE reads a CTE, which would need a WITH clause.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let totals = orders::table
        .join_fk(order_line::table)
        .group_by(orders::customer_id)
        .select((orders::customer_id, sum(order_line::quantity)));
    let _ = update(employee::table)
        .from(totals.as_cte(spend::table))
        .filter(spend::customer_id.eq(employee::id))
        .set(employee::salary.set(spend::items))
        .execute(conn);
}

fn main() {
    let _ = check;
}
