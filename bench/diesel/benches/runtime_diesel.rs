//! The runtime workloads with Diesel, named like `../../benches/runtime.rs` names dovetail's and
//! the raw drivers' (`<workload>/<backend>/<size>`, function `diesel`); `../run.sh` runs both
//! into one criterion directory.

use criterion::{Criterion, criterion_group, criterion_main};
use dovetail_bench_diesel::driver::run;
use dovetail_bench_diesel::fixture::Target;
use dovetail_bench_diesel::{MysqlSubject, PgSubject, SqliteSubject};

fn runtime(c: &mut Criterion) {
    for target in Target::all() {
        let backend = target.label();
        let ran = match &target {
            Target::SqliteMemory | Target::SqliteFile(_) => {
                SqliteSubject::open(&target).map(|mut s| run(c, backend, "diesel", &mut s))
            }
            Target::Postgres(_) => {
                PgSubject::open(&target).map(|mut s| run(c, backend, "diesel", &mut s))
            }
            Target::MySql(_) => {
                MysqlSubject::open(&target).map(|mut s| run(c, backend, "diesel", &mut s))
            }
        };
        if let Err(error) = ran {
            eprintln!("skipping {backend}: cannot connect ({error})");
        }
        if let Target::SqliteFile(dir) = &target {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

criterion_group!(benches, runtime);
criterion_main!(benches);
