//! MySQL `TIMESTAMP` columns hold instants, converted between the session's zone and UTC:
//! dovetail keeps every session it opens in UTC, whatever the server's global zone, so a
//! `DateTime<Utc>` reads and writes as itself; a statement that moves the session elsewhere is
//! undone and reported.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use dovetail::dsl::raw_sql;
use dovetail::pool::Pool;
use dovetail::prelude::*;
use dovetail::{Backend, Connection, Error};
use dovetail_tests::live::{mysql_url, reach, scratch_url};

/// The server's global zone set to `zone` until dropped, then put back.
struct GlobalZone {
    admin: Box<dyn Connection>,
    before: String,
}

impl GlobalZone {
    fn set(mut admin: Box<dyn Connection>, zone: &str) -> GlobalZone {
        let before: String = admin.query_sql("SELECT @@global.time_zone", &[]).unwrap()[0]
            .get(0)
            .unwrap();
        admin
            .execute_sql("SET GLOBAL time_zone = ?", &[zone.into()])
            .unwrap();
        GlobalZone { admin, before }
    }
}

impl Drop for GlobalZone {
    fn drop(&mut self) {
        let before = self.before.clone();
        let _ = self
            .admin
            .execute_sql("SET GLOBAL time_zone = ?", &[before.into()]);
    }
}

fn instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 12, 30, 45).unwrap() + chrono::Duration::microseconds(123_456)
}

/// Writes `at` to a `TIMESTAMP(6)` column and checks it reads back unchanged and is stored
/// as that instant (`UNIX_TIMESTAMP` does not depend on the session's zone).
fn round_trips(conn: &mut dyn Connection, id: i64, at: DateTime<Utc>) {
    conn.execute_sql(
        "INSERT INTO event (id, at) VALUES (?, ?)",
        &[id.into(), at.into()],
    )
    .unwrap();
    let read: Vec<(DateTime<Utc>, i64)> = raw_sql::<(Timestamptz, BigInt)>(
        "SELECT at, CAST(UNIX_TIMESTAMP(at) AS SIGNED) FROM event WHERE id = ?",
    )
    .bind::<BigInt, _>(id)
    .load(conn)
    .unwrap();
    assert_eq!(read, [(at, at.timestamp())]);
}

#[test]
fn timestamps_are_instants_whatever_the_servers_global_zone() {
    let Some(scratch) = scratch_url("tz_global", Backend::MySql) else {
        return;
    };
    let Some(admin) = reach(&mysql_url(), "MySQL") else {
        return;
    };
    let _zone = GlobalZone::set(admin, "+02:00");
    let mut conn = dovetail::connect(&scratch.url).unwrap();
    conn.batch_execute("CREATE TABLE event (id INT PRIMARY KEY, at TIMESTAMP(6) NULL)")
        .unwrap();
    round_trips(&mut *conn, 1, instant());
    // Every pooled connection, the first ones and one opened again after a server kill.
    let pool = Pool::builder()
        .max_size(1)
        .connection_timeout(Duration::from_secs(10))
        .build(&scratch.url)
        .unwrap();
    let killed: i64 = {
        let mut pooled = pool.get().unwrap();
        round_trips(&mut *pooled, 2, instant() + chrono::Duration::hours(1));
        pooled.query_sql("SELECT CONNECTION_ID()", &[]).unwrap()[0]
            .get(0)
            .unwrap()
    };
    conn.batch_execute(&format!("KILL {killed}")).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let mut pooled = pool.get().unwrap();
    let id: i64 = pooled.query_sql("SELECT CONNECTION_ID()", &[]).unwrap()[0]
        .get(0)
        .unwrap();
    assert_ne!(id, killed, "a new server connection");
    round_trips(&mut *pooled, 3, instant() + chrono::Duration::hours(2));
}

#[test]
fn moving_the_session_away_from_utc_is_undone_and_reported() {
    let Some(scratch) = scratch_url("tz_session", Backend::MySql) else {
        return;
    };
    let mut conn = dovetail::connect(&scratch.url).unwrap();
    conn.batch_execute("CREATE TABLE event (id INT PRIMARY KEY, at TIMESTAMP(6) NULL)")
        .unwrap();
    for (moved, sql) in [
        (true, "SET time_zone = '+02:00'"),
        (true, "SET SESSION time_zone = '-05:00'"),
        (false, "SET time_zone = '+00:00'"),
    ] {
        let outcome = match sql.contains("SESSION") {
            true => conn.execute_sql(sql, &[]).map(drop),
            false => conn.batch_execute(sql),
        };
        match (moved, outcome) {
            (true, Err(Error::InvalidStatement(message))) => {
                assert!(message.contains("time_zone is kept at UTC"), "{message}");
            }
            (false, Ok(())) => {}
            (_, other) => panic!("{sql}: {other:?}"),
        }
        let zone: String = conn.query_sql("SELECT @@session.time_zone", &[]).unwrap()[0]
            .get(0)
            .unwrap();
        assert!(zone == "+00:00" || zone == "UTC", "{sql}: {zone}");
    }
    round_trips(&mut *conn, 1, instant());
}
