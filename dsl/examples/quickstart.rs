//! Renders one typed query over the example shop for every dialect, and runs it on a shop
//! database built by the example migrations (`examples/shop/migrations`):
//!
//! ```text
//! cargo run -p dovetail-cli -- migrate run --migrations-dir dsl/examples/shop/migrations \
//!     --database-url sqlite://target/shop.db
//! cargo run -p dovetail --example quickstart -- sqlite://target/shop.db
//! ```
//!
//! The same migrations build the shop on PostgreSQL and MySQL/MariaDB; give their URL instead.

use dovetail::prelude::*;

dovetail::table! {
    /// People who buy, perhaps referred by another customer.
    customer {
        id: Integer [identity],
        name: Text,
        email: Text,
        referred_by: Nullable<Integer>,
    }
    primary_key (id);
    foreign_key referrer (referred_by) references customer (id);
}

dovetail::table! {
    /// An order (`order` is a reserved word; the SQL name is quoted wherever it appears).
    orders ("order") {
        id: Integer [identity],
        customer_id: Integer,
        placed_at: Timestamp,
    }
    primary_key (id);
    foreign_key customer (customer_id) references customer (id);
}

dovetail::table! {
    /// One product in an order.
    order_line {
        order_id: Integer,
        product_id: Integer,
        quantity: Integer,
    }
    primary_key (order_id, product_id);
    foreign_key order (order_id) references orders (id);
}

fn main() {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sqlite://target/shop.db".into());
    if let Err(error) = run(&url) {
        eprintln!("error: {error}");
        eprintln!(
            "(build the shop first: cargo run -p dovetail-cli -- migrate run \
             --migrations-dir dsl/examples/shop/migrations --database-url {url})"
        );
        std::process::exit(1);
    }
}

fn run(url: &str) -> dovetail::Result<()> {
    // Customers by the number of items they bought, at least `min_items`. Every column, join
    // and type below is checked by the compiler against the `table!` definitions above.
    let min_items = 10_i64;
    let items = sum(order_line::quantity);
    let query = customer::table
        .join_fk(orders::table)
        .join_fk(order_line::table)
        .group_by((customer::id, customer::name))
        .select((customer::name, items))
        .having(items.ge(min_items))
        .order_by(items.desc());

    for dialect in [
        &Postgres as &dyn dovetail::render::Dialect,
        &MySql::default(),
        &Sqlite::default(),
    ] {
        println!("{:<10} {}", dialect.name(), query.to_sql(dialect)?.sql);
    }

    let mut conn = dovetail::connect(url)?;
    println!("\ncustomers who bought at least {min_items} items, on {url}:");
    let rows: Vec<(String, Option<i64>)> = query.load(&mut *conn)?;
    for (name, items) in rows {
        println!("  {name:<16} {:>4} items", items.unwrap_or(0));
    }
    Ok(())
}
