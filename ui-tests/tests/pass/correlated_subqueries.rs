// Correlated subqueries: in WHERE, in the selection of a query grouped by the correlated
// table's key, nested two deep, and reading a table joined in the enclosing query.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) -> dovetail::Result<()> {
    // Grouped by customer.id, the primary key: the subquery reads only grouped rows.
    let orders_of = orders::table
        .correlate(customer::table)
        .filter(orders::customer_id.eq(customer::id))
        .select(count_star())
        .single_value();
    let _: Vec<(String, Option<i64>, i64)> = customer::table
        .left_join_fk(visit::table)
        .group_by(customer::id)
        .select((customer::name, orders_of, count(visit::path)))
        .load(conn)?;

    // Customers who bought a product tagged "gift": the innermost subquery reads the table of
    // the middle one, the middle one the outermost.
    let gift_tag = product_tag::table
        .join_fk(tag::table)
        .correlate(order_line::table)
        .filter(product_tag::product_id.eq(order_line::product_id).and(tag::name.eq("gift")));
    let gift_lines = order_line::table
        .join_fk(orders::table)
        .correlate(customer::table)
        .filter(orders::customer_id.eq(customer::id).and(exists(&gift_tag)));
    let _: Vec<String> = customer::table.filter(exists(&gift_lines)).select(customer::name).load(conn)?;

    // The outer table may be one joined in the enclosing query.
    let later_visit = visit::table
        .correlate(orders::table)
        .filter(visit::customer_id.eq(orders::customer_id));
    let _: Vec<(String, i32)> = customer::table
        .join_children_via(orders::fk::buyer, orders::table)
        .filter(not_exists(&later_visit))
        .select((customer::name, orders::id))
        .load(conn)?;
    Ok(())
}

fn main() {
    let _ = check;
}
