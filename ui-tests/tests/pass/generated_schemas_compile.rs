// Files written by schema-gen compile, hostile names included, and their tables query.
#![allow(dead_code)]

#[path = "../../../codegen/tests/generated/shop.rs"]
mod shop;

#[path = "../../../codegen/tests/generated/hostile.rs"]
mod hostile;

#[path = "../../../codegen/tests/generated/schemas.rs"]
mod schemas;

use dovetail::prelude::*;

dovetail::alias!(OtherRegion = schemas::region_2 as "other_region");

fn main() {
    let query = shop::order::table
        .join_via(shop::order::fk::gift_for, shop::customer::table)
        .select((shop::order::id, shop::customer::name));
    let sql = query.to_sql(&Postgres).unwrap().sql;
    assert!(sql.contains(r#"INNER JOIN "Customer" ON "order"."gift_for" = "Customer"."CustomerId""#), "{sql}");
    let hostile = hostile::r#type::table.select((hostile::r#type::self_, hostile::r#type::say_hi));
    let sql = hostile.to_sql(&MySql::default()).unwrap().sql;
    assert_eq!(sql, "SELECT `type`.`self`, `type`.`say \"hi\"` FROM `type`");
    // Two tables named `region` (in two schemas) are read together through an alias: one
    // FROM clause cannot name two tables alike (joining `region_2::table` itself does not
    // compile).
    let qualified = schemas::region::table
        .join_fk(OtherRegion)
        .select(OtherRegion.col(schemas::region_2::id));
    let sql = qualified.to_sql(&Postgres).unwrap().sql;
    assert!(sql.contains(r#"AS "other_region""#), "{sql}");
}
