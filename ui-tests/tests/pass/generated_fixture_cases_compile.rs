// What schema-gen writes for the fixture cases on every backend compiles, and its joins render.
#![allow(dead_code)]

#[path = "../../../codegen/tests/cases/shop/sqlite.rs"]
mod shop_sqlite;
#[path = "../../../codegen/tests/cases/shop/postgres.rs"]
mod shop_postgres;
#[path = "../../../codegen/tests/cases/shop/mysql.rs"]
mod shop_mysql;
#[path = "../../../codegen/tests/cases/hostile/sqlite.rs"]
mod hostile_sqlite;
#[path = "../../../codegen/tests/cases/hostile/postgres.rs"]
mod hostile_postgres;
#[path = "../../../codegen/tests/cases/hostile/mysql.rs"]
mod hostile_mysql;

use dovetail::prelude::*;

fn main() {
    use shop_postgres::*;
    let query = order_line::table
        .join_fk(product::table)
        .join_children_via(shipment::fk::order_id_product_id, shipment::table)
        .select((product::name, shipment::sent));
    let _ = query;
    let composite = shipment::table
        .join_fk(order_line::table)
        .select((shipment::sent, order_line::quantity));
    let sql = composite.to_sql(&Postgres).unwrap().sql;
    assert!(
        sql.contains(r#"ON ("shipment"."order_id" = "order_line"."order_id") AND ("shipment"."product_id" = "order_line"."product_id")"#),
        "{sql}"
    );
    let wide = hostile_postgres::wide::table.select((hostile_postgres::wide::c001, hostile_postgres::wide::c299));
    assert!(wide.to_sql(&Postgres).is_ok());
}
