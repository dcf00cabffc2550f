//! One runtime workload with Diesel, run N times inside `driver::measured_loop` for
//! `../instructions.sh` to count under callgrind (the dovetail side is
//! `../../examples/instructions.rs`):
//!
//! ```sh
//! instructions diesel BACKEND WORKLOAD SIZE N
//! ```

use dovetail_bench_diesel::driver::count;
use dovetail_bench_diesel::fixture::Target;
use dovetail_bench_diesel::{MysqlSubject, PgSubject, SqliteSubject};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [implementation, backend, workload, size, n] = args.as_slice() else {
        return Err("usage: instructions diesel BACKEND WORKLOAD SIZE N".into());
    };
    if implementation != "diesel" {
        return Err(format!("no implementation named {implementation} here").into());
    }
    let target = Target::named(backend).ok_or_else(|| format!("no backend named {backend}"))?;
    let (size, n) = (size.parse()?, n.parse()?);
    match &target {
        Target::SqliteMemory | Target::SqliteFile(_) => count(
            &mut SqliteSubject::open(&target)?,
            (backend, implementation),
            workload,
            size,
            n,
        ),
        Target::Postgres(_) => count(
            &mut PgSubject::open(&target)?,
            (backend, implementation),
            workload,
            size,
            n,
        ),
        Target::MySql(_) => count(
            &mut MysqlSubject::open(&target)?,
            (backend, implementation),
            workload,
            size,
            n,
        ),
    }
    if let Target::SqliteFile(dir) = &target {
        std::fs::remove_dir_all(dir)?;
    }
    Ok(())
}
