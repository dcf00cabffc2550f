//! The async workloads with sqlx, named like `../../benches/runtime_async.rs` names
//! dovetail's and the raw async drivers' (`<workload>/<backend>/<size>`, function `sqlx`);
//! `../run.sh` runs both into one criterion directory.

use criterion::{Criterion, criterion_group, criterion_main};
use dovetail_bench_sqlx::driver_async::run;
use dovetail_bench_sqlx::fixture::Target;
use dovetail_bench_sqlx::{MySqlSubject, PgSubject, SqliteSubject};

fn runtime_sqlx(c: &mut Criterion) {
    for target in Target::all() {
        let backend = target.label();
        let ran = match &target {
            Target::SqliteMemory | Target::SqliteFile(_) => {
                run(c, backend, "sqlx", SqliteSubject::open(&target))
            }
            Target::Postgres(url) => run(c, backend, "sqlx", PgSubject::open(url)),
            Target::MySql(url) => run(c, backend, "sqlx", MySqlSubject::open(url)),
        };
        if let Err(error) = ran {
            eprintln!("skipping {backend}: cannot connect ({error})");
        }
        if let Target::SqliteFile(dir) = &target {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

criterion_group!(benches, runtime_sqlx);
criterion_main!(benches);
