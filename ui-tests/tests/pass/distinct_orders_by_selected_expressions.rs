// A DISTINCT query orders by what it selects, in either direction, with DISTINCT before or
// after the selection; a query without DISTINCT orders by anything it reads.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn main() {
    let by_email = customer::table
        .select((customer::name, customer::email))
        .distinct()
        .order_by((customer::email.desc(), customer::name));
    let sql = by_email.to_sql(&Postgres).unwrap().sql;
    assert_eq!(
        sql,
        r#"SELECT DISTINCT "customer"."name", "customer"."email" FROM "customer" ORDER BY "customer"."email" DESC, "customer"."name" ASC"#
    );
    let first = customer::table.distinct().select(customer::name).order_by(customer::name);
    assert!(first.to_sql(&MySql::default()).unwrap().sql.starts_with("SELECT DISTINCT"));
    let plain = customer::table.select(customer::name).order_by(customer::id);
    assert!(plain.to_sql(&Sqlite::default()).unwrap().sql.ends_with(r#"ORDER BY "customer"."id" ASC"#));
}
