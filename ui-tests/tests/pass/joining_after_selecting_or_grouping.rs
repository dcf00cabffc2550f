// A join may come after the selection, the grouping or the ordering: the FROM clause is one
// clause whenever it is built.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn main() {
    let quantities = order_line::table
        .select(order_line::quantity)
        .order_by(order_line::quantity)
        .join_fk(product::table)
        .filter(product::name.eq("Mug"));
    let sql = quantities.to_sql(&Postgres).unwrap().sql;
    assert_eq!(
        sql,
        r#"SELECT "order_line"."quantity" FROM "order_line" INNER JOIN "product" ON "order_line"."product_id" = "product"."id" WHERE "product"."name" = $1 ORDER BY "order_line"."quantity" ASC"#
    );
    let per_product = order_line::table
        .group_by(order_line::product_id)
        .select((order_line::product_id, sum(order_line::quantity)))
        .left_join_fk(product::table);
    assert!(per_product.to_sql(&Sqlite::default()).unwrap().sql.contains("LEFT JOIN"));
}
