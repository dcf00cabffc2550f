//! The trivial query, the medium query and the insert of `runtime.rs`, async: dovetail's
//! `AsyncConnection` (`dovetail-async`) and the raw async drivers (`raw-async`: tokio-postgres,
//! mysql_async, and rusqlite on tokio's blocking pool), each on a current-thread tokio runtime
//! of its own, under the blocking benchmarks' names. `sqlx/benches/runtime_sqlx.rs` adds sqlx;
//! `run.sh` runs all of them.

use criterion::{Criterion, criterion_group, criterion_main};
use dovetail_bench::driver_async::run;
use dovetail_bench::fixture::Target;
use dovetail_bench::runtime::{
    DovetailAsyncSubject, MySqlAsyncSubject, RusqliteAsyncSubject, TokioPostgresSubject,
};

fn runtime_async(c: &mut Criterion) {
    for target in Target::all() {
        let backend = target.label();
        let opened = DovetailAsyncSubject::open(&target);
        if let Err(error) = run(c, backend, "dovetail-async", opened) {
            eprintln!("skipping {backend}: cannot connect ({error})");
            continue;
        }
        let raw = match &target {
            Target::SqliteMemory | Target::SqliteFile(_) => {
                let opened = RusqliteAsyncSubject::open(&target);
                run(c, backend, "raw-async", std::future::ready(opened))
            }
            Target::Postgres(url) => run(c, backend, "raw-async", TokioPostgresSubject::open(url)),
            Target::MySql(url) => run(c, backend, "raw-async", MySqlAsyncSubject::open(url)),
        };
        if let Err(error) = raw {
            eprintln!("skipping the raw async driver on {backend}: {error}");
        }
        if let Target::SqliteFile(dir) = &target {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

criterion_group!(benches, runtime_async);
criterion_main!(benches);
