//! The runtime workloads of Diesel's own benchmarks (a trivial query, a medium complex query,
//! inserts and loading associations) on every backend, with dovetail and with the raw driver;
//! `diesel/benches/runtime_diesel.rs` adds Diesel under the same names. `run.sh` runs both.

use criterion::{Criterion, criterion_group, criterion_main};
use dovetail_bench::driver::{Subject, run, run_associations};
use dovetail_bench::fixture::Target;
use dovetail_bench::runtime::{
    DovetailSubject, ModelsSubject, MySqlSubject, PostgresSubject, RusqliteSubject,
};

fn runtime(c: &mut Criterion) {
    for target in Target::all() {
        let backend = target.label();
        let mut dovetail = match DovetailSubject::open(&target) {
            Ok(subject) => subject,
            Err(error) => {
                eprintln!("skipping {backend}: cannot connect ({error})");
                continue;
            }
        };
        run(c, backend, "dovetail", &mut dovetail);
        drop(dovetail);
        if let Ok(mut models) = ModelsSubject::open(&target) {
            run_associations(c, backend, "models", &mut models);
            models.finish();
        }
        let raw = match &target {
            Target::SqliteMemory | Target::SqliteFile(_) => {
                RusqliteSubject::open(&target).map(|mut s| run(c, backend, "raw", &mut s))
            }
            Target::Postgres(url) => {
                PostgresSubject::open(url).map(|mut s| run(c, backend, "raw", &mut s))
            }
            Target::MySql(url) => {
                MySqlSubject::open(url).map(|mut s| run(c, backend, "raw", &mut s))
            }
        };
        if let Err(error) = raw {
            eprintln!("skipping the raw driver on {backend}: {error}");
        }
        if let Target::SqliteFile(dir) = &target {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

criterion_group!(benches, runtime);
criterion_main!(benches);
