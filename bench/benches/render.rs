//! Building and rendering a medium query, without a database: the typed DSL and the dynamic
//! builder, for PostgreSQL.

use criterion::{Criterion, criterion_group, criterion_main};
use dovetail::ast::{Expr, Join, JoinOperator, TableFactor, TableRef};
use dovetail::dsl::dynamic::DynamicQuery;
use dovetail::prelude::*;
use dovetail_bench::runtime::{posts, users};
use std::hint::black_box;

/// users LEFT JOIN posts, filtered, ordered and limited: the medium query of the runtime
/// workloads.
macro_rules! medium_query {
    ($hair_color:expr, $limit:expr) => {
        users::table
            .left_join_children_via(posts::fk::author, posts::table)
            .filter(users::hair_color.eq($hair_color))
            .select((users::id, users::name, posts::id, posts::title))
            .order_by(users::id)
            .limit($limit)
    };
}

/// The medium query, rendered afresh.
fn medium_query(
    hair_color: &'static str,
    limit: u64,
) -> impl Fn(&dyn dovetail::render::Dialect) -> dovetail::Result<dovetail::render::Rendered> {
    let query = medium_query!(hair_color, limit);
    move |dialect| query.to_sql(dialect)
}

/// The same query through the process-wide shape cache, as running it renders it.
fn cached_medium_query(
    hair_color: &'static str,
    limit: u64,
) -> impl Fn(&dyn dovetail::render::Dialect) -> dovetail::Result<dovetail::render::SharedRendered> {
    let query = medium_query!(hair_color, limit);
    move |dialect| query.to_cached_sql(dialect)
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("build_and_render_medium_query");
    group.bench_function("static", |b| {
        b.iter(|| black_box(medium_query(black_box("black"), black_box(100))(&Postgres).unwrap()));
    });
    let prebuilt = medium_query("black", 100);
    group.bench_function("render_only", |b| {
        b.iter(|| black_box(prebuilt(&Postgres).unwrap()));
    });
    group.bench_function("static_cached", |b| {
        b.iter(|| {
            black_box(cached_medium_query(black_box("black"), black_box(100))(&Postgres).unwrap())
        });
    });
    let prebuilt_cached = cached_medium_query("black", 100);
    group.bench_function("render_only_cached", |b| {
        b.iter(|| black_box(prebuilt_cached(&Postgres).unwrap()));
    });
    group.bench_function("dynamic", |b| {
        b.iter(|| {
            let on = Expr::column("posts", "user_id").eq(Expr::column("users", "id"));
            let query = DynamicQuery::from(users::table)
                .column("users", "id")
                .column("users", "name")
                .column("posts", "id")
                .column("posts", "title")
                .join(Join {
                    operator: JoinOperator::Left(on),
                    relation: TableFactor::Table(TableRef::named("posts")),
                })
                .filter_eq("users", "hair_color", black_box("black"))
                .order_by("users", "id", false)
                .limit(black_box(100));
            black_box(query.to_sql(&Postgres).unwrap())
        });
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
