//! Streaming a million rows keeps memory flat on every backend: the peak resident set grows by
//! a few megabytes while streaming, against well over a hundred when the same rows are
//! collected. Measured with Linux's `VmHWM` (reset through `/proc/self/clear_refs`); one test
//! runs the backends one after another so nothing else allocates meanwhile.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use dovetail::{Backend, Connection, Row};
use dovetail_tests::live::{mysql_url, pg_url, reach, run_mysql, run_postgres, run_sqlite};

const ROWS: i64 = 1_000_000;

/// A million rows of (number, 32-character text), without a table.
fn million_rows(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => "SELECT i::int8, md5(i::text) FROM generate_series(1, $1::int8) AS i",
        Backend::Sqlite => {
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) \
             SELECT i, hex(randomblob(16)) FROM n"
        }
        // Six cross-joined digits: no recursion limit to raise. (The placeholder caps it.)
        Backend::MySql => {
            "SELECT i, MD5(i) FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d \
             + 10000 * f.d + 100000 * g.d + 1 AS i FROM \
             (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 \
              UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a, \
             (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 \
              UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b, \
             (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 \
              UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c, \
             (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 \
              UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) e, \
             (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 \
              UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) f, \
             (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 \
              UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) g) n \
             WHERE i <= ?"
        }
    }
}

/// A field of `/proc/self/status`, in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// How far the peak resident set rose above the current one while `body` ran, in MiB.
fn peak_growth_mib(body: impl FnOnce()) -> f64 {
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = status_kib("VmRSS:");
    body();
    (status_kib("VmHWM:").saturating_sub(before)) as f64 / 1024.0
}

/// What streaming the million rows added up to.
#[derive(Default)]
struct Totals {
    count: i64,
    sum: i64,
    text_bytes: usize,
}

impl Totals {
    fn add(&mut self, row: &Row) -> dovetail::Result<()> {
        self.count += 1;
        self.sum += row.get::<i64>(0)?;
        self.text_bytes += row.get::<String>(1)?.len();
        Ok(())
    }

    /// Every row was read, and streaming them (`how`) raised the peak RSS by `growth` MiB,
    /// which must stay under 16.
    fn check(&self, backend: Backend, how: &str, growth: f64) {
        assert_eq!(self.count, ROWS);
        assert_eq!(self.sum, ROWS * (ROWS + 1) / 2);
        assert_eq!(self.text_bytes, 32 * ROWS as usize);
        println!("{backend}: streaming {ROWS} rows {how}raised the peak RSS by {growth:.1} MiB");
        assert!(
            growth < 16.0,
            "{backend}: streaming {how}grew the peak RSS by {growth:.1} MiB"
        );
    }
}

fn streams_flat(conn: &mut dyn Connection, backend: Backend) {
    let mut totals = Totals::default();
    let growth = peak_growth_mib(|| {
        let rows = conn
            .stream_sql(million_rows(backend), &[ROWS.into()], &mut |row| {
                totals.add(&row)
            })
            .unwrap();
        assert_eq!(rows, ROWS as u64);
    });
    totals.check(backend, "", growth);
}

/// The same through an `AsyncConnection`'s `RowStream`: rows decoded on the connection's thread
/// and handed over a few batches at a time.
fn streams_flat_async(backend: Backend, url: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut conn = runtime.block_on(dovetail::connect_async(url)).unwrap();
    let mut totals = Totals::default();
    let growth = peak_growth_mib(|| {
        runtime.block_on(async {
            let mut rows = conn.stream_sql(million_rows(backend), vec![ROWS.into()]);
            while let Some(row) = rows.next().await {
                totals.add(&row.unwrap()).unwrap();
            }
        });
    });
    totals.check(backend, "async ", growth);
}

#[test]
fn a_million_rows_stream_in_flat_memory() {
    run_sqlite(streams_flat);
    run_postgres("streaming", streams_flat);
    run_mysql("streaming", streams_flat);
    streams_flat_async(Backend::Sqlite, "sqlite::memory:");
    for (backend, url, server) in [
        (Backend::Postgres, pg_url(), "PostgreSQL"),
        (Backend::MySql, mysql_url(), "MySQL"),
    ] {
        if reach(&url, server).is_some() {
            streams_flat_async(backend, &url);
        }
    }
    // For contrast, last (freed memory would hide later growth): the same rows collected.
    run_sqlite(|conn, backend| {
        let growth = peak_growth_mib(|| {
            let rows = conn
                .query_sql(million_rows(backend), &[ROWS.into()])
                .unwrap();
            assert_eq!(rows.len(), ROWS as usize);
        });
        println!("{backend}: collecting {ROWS} rows raised the peak RSS by {growth:.1} MiB");
        assert!(
            growth > 64.0,
            "collecting should cost memory: {growth:.1} MiB"
        );
    });
}
