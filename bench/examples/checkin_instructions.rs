//! Borrows a pooled connection, runs one statement on it and returns it, N times, for an
//! instruction count of a check-out and check-in (`valgrind --tool=callgrind` counts the
//! client's instructions exactly, whatever the machine is doing):
//!
//! ```sh
//! cargo build --release --example checkin_instructions
//! valgrind --tool=callgrind target/release/examples/checkin_instructions sqlite::memory: 10000
//! ```
//!
//! The pool does not ping on check-out, so what is counted is the statement and the pool's own
//! bookkeeping, check-in included. Subtract the count of a run with N = 0 and divide by N for
//! the instructions per cycle.

use std::hint::black_box;

use dovetail::pool::Pool;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, n] = args.as_slice() else {
        return Err("usage: checkin_instructions URL N".into());
    };
    let n: u64 = n.parse()?;
    let pool = Pool::builder()
        .max_size(1)
        .test_on_check_out(false)
        .build(url)?;
    // The statement is prepared before counting starts.
    pool.get()?.execute_sql("SELECT 1", &[])?;
    for _ in 0..n {
        let mut conn = pool.get()?;
        black_box(conn.execute_sql("SELECT 1", &[])?);
    }
    Ok(())
}
