// A column read through an alias groups like any column: grouped, it may be selected.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn main() {
    let reports = employee::table
        .join_via(employee::fk::manager, Manager)
        .group_by(Manager.col(employee::name))
        .select((Manager.col(employee::name), count_star()))
        .order_by(Manager.col(employee::name));
    let sql = reports.to_sql(&Postgres).unwrap().sql;
    assert!(sql.contains(r#"GROUP BY "manager"."name""#), "{sql}");
    let both = employee::table
        .join_via(employee::fk::manager, Manager)
        .group_by((employee::name, Manager.col(employee::name)))
        .select((employee::name, Manager.col(employee::name)));
    assert!(both.to_sql(&Sqlite::default()).unwrap().sql.contains(r#"GROUP BY "employee"."name", "manager"."name""#));
}
