//! Awkward identifiers survive quoting, through the renderer, on every backend.

use dovetail::ast::{Expr, Insert, InsertSource, Query, Select, Statement, TableRef};

use crate::harness::{backend_test, quote};

const TABLE: &str = "we\"ird `table` name";
const COLUMNS: [&str; 4] = ["select", "order", "user", "it's a \"column\""];

backend_test! {
    fn quoted_identifiers_round_trip_through_the_renderer(conn, backend) {
        let dialect = conn.dialect();
        let columns: Vec<String> = COLUMNS.iter().map(|c| format!("{} TEXT", quote(dialect, c))).collect();
        let create = format!("CREATE TABLE {} ({})", quote(dialect, TABLE), columns.join(", "));
        conn.batch_execute(&create).unwrap();

        let row = |n: i64| COLUMNS.iter().map(|c| Expr::param(format!("{c} {n}"))).collect();
        let insert = Insert {
            table: TableRef::named(TABLE),
            columns: COLUMNS.iter().map(|c| c.to_string().into()).collect(),
            source: InsertSource::Values(vec![row(1), row(2)]),
            on_conflict: None,
            returning: vec![],
        };
        assert_eq!(conn.execute(&Statement::from(insert)).unwrap(), 2);

        let select = Select::from(TableRef::named(TABLE))
            .project(Expr::bare_column("select"))
            .project(Expr::bare_column("it's a \"column\"").alias("user"))
            .filter(Expr::bare_column("order").eq(Expr::param("order 2")));
        let query = Query { order_by: vec![Expr::bare_column("user").desc()], ..select.into_query() };
        let rows = conn.query(&Statement::from(query)).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].columns(), ["select", "user"]);
        assert_eq!(rows[0].get::<String>(0).unwrap(), "select 2");
        assert_eq!(rows[0].get_by_name::<String>("user").unwrap(), "it's a \"column\" 2");
    }
}
