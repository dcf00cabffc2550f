//! The two caches a repeated typed query goes through, each measured on and off with one typed
//! query by primary key run again and again on one connection:
//! - the prepared-statement cache (off: prepare, run and close every time);
//! - the process-wide cache of SQL by statement shape (off: the SQL is written on every call).

use criterion::{Criterion, criterion_group, criterion_main};
use dovetail::prelude::*;
use dovetail::render::{DEFAULT_SHAPE_CACHE_CAPACITY, set_shape_cache_capacity};
use dovetail_bench::runtime::users;

/// Benchmarks the query by primary key under `name/{backend}/{label}` for each setting, which
/// `configure` applies to the connection before its run.
fn on_and_off(
    c: &mut Criterion,
    name: &str,
    settings: [(&str, usize); 2],
    configure: fn(&mut dyn Connection, usize),
) {
    let mut group = c.benchmark_group(name);
    for (backend, url) in dovetail_bench::backends() {
        let Ok(mut conn) = dovetail::connect(&url) else {
            eprintln!("skipping {backend}: cannot connect to {url}");
            continue;
        };
        dovetail_bench::users(&mut *conn, 100);
        for (label, capacity) in settings {
            configure(&mut *conn, capacity);
            let mut id = 0;
            group.bench_function(format!("{backend}/{label}"), |b| {
                b.iter(|| {
                    id = id % 100 + 1;
                    let row: Option<(i32, String, Option<String>)> = users::table
                        .filter(users::id.eq(id))
                        .select((users::id, users::name, users::hair_color))
                        .first(&mut *conn)
                        .unwrap();
                    assert!(row.is_some());
                });
            });
        }
        configure(&mut *conn, settings[0].1);
    }
    group.finish();
}

fn statement_cache(c: &mut Criterion) {
    on_and_off(
        c,
        "statement_cache",
        [("cached", 256), ("uncached", 0)],
        |conn, capacity| conn.set_statement_cache_capacity(capacity),
    );
}

fn shape_cache(c: &mut Criterion) {
    on_and_off(
        c,
        "shape_cache",
        [("cached", DEFAULT_SHAPE_CACHE_CAPACITY), ("uncached", 0)],
        |_, capacity| set_shape_cache_capacity(capacity),
    );
}

criterion_group!(benches, statement_cache, shape_cache);
criterion_main!(benches);
