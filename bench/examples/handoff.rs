//! The cost of one async round trip to a connection's thread: `AsyncConnection::run` of work
//! that does nothing, on a current-thread runtime, in microseconds (median of 7 batches).

use std::time::Instant;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let conn = runtime
        .block_on(dovetail::connect_async("sqlite::memory:"))
        .unwrap();
    let n = 5_000;
    let mut batches: Vec<f64> = (0..7)
        .map(|_| {
            let started = Instant::now();
            runtime.block_on(async {
                for _ in 0..n {
                    conn.run(|_| Ok(())).await.unwrap();
                }
            });
            started.elapsed().as_secs_f64() * 1e6 / n as f64
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    println!("round trip: {:.1} µs (batches {:?})", batches[3], batches);
}
