//! Renders one statement N times, with the shape cache on or off, for an instruction count:
//! on a machine whose timings are noisy, the count of `valgrind --tool=cachegrind` is exact.
//!
//! ```sh
//! cargo build --release --example render_instructions
//! valgrind --tool=cachegrind --cache-sim=no target/release/examples/render_instructions medium on 20000
//! ```
//!
//! Statements: `medium` (the medium query of `benches/render.rs`, PostgreSQL), `by_id` (a
//! query by primary key, SQLite), `insert_row` and `insert` (an INSERT of 1 and of 100 rows of
//! 3 columns, SQLite). Subtract the count of a run with N = 0 and divide by N for the
//! instructions per call.

use std::hint::black_box;

use dovetail::prelude::*;
use dovetail::render::{Sqlite, set_shape_cache_capacity};
use dovetail_bench::runtime::{posts, users};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: render_instructions medium|by_id|insert_row|insert on|off N";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [statement, cache, n] = args.as_slice() else {
        return Err(usage.into());
    };
    let n: u64 = n.parse()?;
    match cache.as_str() {
        "on" => {}
        "off" => set_shape_cache_capacity(0),
        _ => return Err(usage.into()),
    }
    let medium = users::table
        .left_join_children_via(posts::fk::author, posts::table)
        .filter(users::hair_color.eq("black"))
        .select((users::id, users::name, posts::id, posts::title))
        .order_by(users::id)
        .limit(100);
    let by_id =
        users::table
            .filter(users::id.eq(5))
            .select((users::id, users::name, users::hair_color));
    let insert = |rows| {
        insert_into(users::table).values_many((0..rows).map(|i| {
            (
                users::id.set(i),
                users::name.set(format!("user {i}")),
                users::hair_color.set(None::<String>),
            )
        }))
    };
    let (insert_row, insert) = (insert(1), insert(100));
    let sqlite = Sqlite::default();
    for _ in 0..n {
        match statement.as_str() {
            "medium" => drop(black_box(medium.to_cached_sql(&Postgres)?)),
            "by_id" => drop(black_box(by_id.to_cached_sql(&sqlite)?)),
            "insert_row" => drop(black_box(insert_row.batches(&sqlite)?)),
            "insert" => drop(black_box(insert.batches(&sqlite)?)),
            _ => return Err(usage.into()),
        }
    }
    Ok(())
}
