//! The prepared-statement cache: one typed query by primary key, run again and again on one
//! connection, with the cache on (the default) and off (prepare, run and close every time).

use criterion::{Criterion, criterion_group, criterion_main};
use dovetail::prelude::*;

dovetail::table! {
    users { id: Integer, name: Text, hair_color: Nullable<Text> }
    primary_key (id);
}

fn statement_cache(c: &mut Criterion) {
    let mut group = c.benchmark_group("statement_cache");
    for (backend, url) in dovetail_bench::backends() {
        let Ok(mut conn) = dovetail::connect(&url) else {
            eprintln!("skipping {backend}: cannot connect to {url}");
            continue;
        };
        dovetail_bench::users(&mut *conn, 100);
        for (label, capacity) in [("cached", 256), ("uncached", 0)] {
            conn.set_statement_cache_capacity(capacity);
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
    }
    group.finish();
}

criterion_group!(benches, statement_cache);
criterion_main!(benches);
