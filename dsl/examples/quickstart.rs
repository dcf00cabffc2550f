//! Builds the example shop in SQLite, renders one query for every dialect and runs it.
//!
//! ```text
//! cargo run -p dovetail --example quickstart                       # in-memory SQLite
//! cargo run -p dovetail --example quickstart -- sqlite://shop.db   # or a SQLite file
//! ```

use dovetail::ast::*;
use dovetail::render::{Dialect, MySql, Postgres, Sqlite, render};

const SHOP_SCHEMA: &str = include_str!("shop.sql");

fn main() {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sqlite::memory:".into());
    if !url.starts_with("sqlite:") {
        eprintln!("error: the example shop is written in SQLite's SQL; give a `sqlite:` URL");
        std::process::exit(2);
    }
    if let Err(error) = run(&url) {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

fn run(url: &str) -> dovetail::Result<()> {
    let statement = Statement::from(best_customers(10));
    let dialects: [&dyn Dialect; 3] = [&Postgres, &MySql::default(), &Sqlite::default()];
    for dialect in dialects {
        println!(
            "{:<10} {}",
            dialect.name(),
            render(&statement, dialect)?.sql
        );
    }

    let mut conn = dovetail::connect(url)?;
    conn.batch_execute(SHOP_SCHEMA)?;
    println!("\ncustomers who bought at least 10 items, on {url}:");
    for row in conn.query(&statement)? {
        let name: String = row.get(0)?;
        let items: i64 = row.get(1)?;
        let referrer: Option<String> = row.get(2)?;
        let referrer = referrer.as_deref().unwrap_or("nobody");
        println!("  {name:<16} {items:>4} items  (referred by {referrer})");
    }
    Ok(())
}

/// Customers by the number of items they bought, with who referred them:
///
/// ```sql
/// SELECT c.name, SUM(l.quantity) AS items, r.name AS referrer
/// FROM customer c JOIN "order" o ON o.customer_id = c.id
///   JOIN order_line l ON l.order_id = o.id LEFT JOIN customer r ON r.id = c.referred_by
/// GROUP BY c.id, c.name, r.name HAVING SUM(l.quantity) >= $1 ORDER BY items DESC
/// ```
fn best_customers(min_items: i64) -> Query {
    let items = Expr::Aggregate(Aggregate {
        function: AggregateFunction::Sum,
        args: vec![Expr::column("l", "quantity")],
        distinct: false,
        filter: None,
    });
    let join = |operator: fn(Expr) -> JoinOperator, table: &str, alias: &str, on: Expr| Join {
        operator: operator(on),
        relation: TableFactor::Table(TableRef::named(table).aliased(alias)),
    };
    let from = TableWithJoins {
        relation: TableFactor::Table(TableRef::named("customer").aliased("c")),
        joins: vec![
            join(
                JoinOperator::Inner,
                "order",
                "o",
                Expr::column("o", "customer_id").eq(Expr::column("c", "id")),
            ),
            join(
                JoinOperator::Inner,
                "order_line",
                "l",
                Expr::column("l", "order_id").eq(Expr::column("o", "id")),
            ),
            join(
                JoinOperator::Left,
                "customer",
                "r",
                Expr::column("r", "id").eq(Expr::column("c", "referred_by")),
            ),
        ],
    };
    let select = Select {
        projection: vec![
            Expr::column("c", "name").item(),
            items.clone().alias("items"),
            Expr::column("r", "name").alias("referrer"),
        ],
        from: vec![from],
        group_by: vec![
            Expr::column("c", "id"),
            Expr::column("c", "name"),
            Expr::column("r", "name"),
        ],
        having: Some(items.binary(BinaryOp::GtEq, Expr::param(min_items))),
        ..Select::default()
    };
    Query {
        order_by: vec![Expr::bare_column("items").desc()],
        ..select.into_query()
    }
}
