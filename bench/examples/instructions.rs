//! One runtime workload, with dovetail or the raw driver, run N times inside
//! `driver::measured_loop` for `instructions.sh` to count under callgrind:
//!
//! ```sh
//! instructions IMPLEMENTATION BACKEND WORKLOAD SIZE N
//! instructions dovetail postgres insert 100 20
//! ```
//!
//! IMPLEMENTATION is `dovetail`, `models` (dovetail's models) or `raw`, BACKEND a label of `fixture::Target`
//! (`sqlite-memory`, `sqlite-file`, `postgres`, `mysql`); on `postgres` also `dovetail-async`
//! and `raw-async` (tokio-postgres), whose work happens on the runtime's one thread, which
//! callgrind counts (the other backends' async connections work on a thread of their own).

use dovetail_bench::driver::count;
use dovetail_bench::driver_async;
use dovetail_bench::fixture::Target;
use dovetail_bench::runtime::{
    DovetailAsyncSubject, DovetailSubject, ModelsSubject, MySqlSubject, PostgresSubject,
    RusqliteSubject, TokioPostgresSubject,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [implementation, backend, workload, size, n] = args.as_slice() else {
        return Err("usage: instructions IMPLEMENTATION BACKEND WORKLOAD SIZE N".into());
    };
    let target = Target::named(backend).ok_or_else(|| format!("no backend named {backend}"))?;
    let (size, n) = (size.parse()?, n.parse()?);
    match (implementation.as_str(), &target) {
        ("dovetail", _) => count(
            &mut DovetailSubject::open(&target)?,
            (backend, implementation),
            workload,
            size,
            n,
        ),
        ("models", _) => count(
            &mut ModelsSubject::open(&target)?,
            (backend, implementation),
            workload,
            size,
            n,
        ),
        ("raw", Target::SqliteMemory | Target::SqliteFile(_)) => count(
            &mut RusqliteSubject::open(&target)?,
            (backend, implementation),
            workload,
            size,
            n,
        ),
        ("raw", Target::Postgres(url)) => count(
            &mut PostgresSubject::open(url)?,
            (backend, implementation),
            workload,
            size,
            n,
        ),
        ("raw", Target::MySql(url)) => count(
            &mut MySqlSubject::open(url)?,
            (backend, implementation),
            workload,
            size,
            n,
        ),
        ("dovetail-async", Target::Postgres(_)) => driver_async::count(
            DovetailAsyncSubject::open(&target),
            (backend, implementation),
            workload,
            size,
            n,
        )?,
        ("raw-async", Target::Postgres(url)) => driver_async::count(
            TokioPostgresSubject::open(url),
            (backend, implementation),
            workload,
            size,
            n,
        )?,
        (other, _) => return Err(format!("no implementation named {other}").into()),
    }
    if let Target::SqliteFile(dir) = &target {
        std::fs::remove_dir_all(dir)?;
    }
    Ok(())
}
