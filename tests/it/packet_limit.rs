//! MySQL/MariaDB take at most `max_allowed_packet` bytes at once: a statement that would send
//! more is refused before it is sent with `PacketTooLarge`, which no retry can mend, and the
//! connection goes on.

use dovetail::{Backend, Connection, Error};
use dovetail_tests::live::run_mysql;

/// The server's `max_allowed_packet`.
fn limit(conn: &mut dyn Connection) -> u64 {
    conn.query_sql("SELECT @@max_allowed_packet", &[]).unwrap()[0]
        .get(0)
        .unwrap()
}

fn a_value_over_max_allowed_packet_is_refused_and_not_retryable(
    conn: &mut dyn Connection,
    _: Backend,
) {
    let limit = limit(conn);
    conn.batch_execute("CREATE TABLE doc (id INTEGER PRIMARY KEY, body LONGTEXT, extra LONGTEXT)")
        .unwrap();
    let too_long = "x".repeat(usize::try_from(limit).unwrap() + 1);
    let error = conn
        .execute_sql(
            "INSERT INTO doc (id, body) VALUES (1, ?)",
            &[too_long.into()],
        )
        .unwrap_err();
    let Error::PacketTooLarge {
        backend,
        size: Some(size),
        limit: reported,
        connection_lost,
        ..
    } = &error
    else {
        panic!("expected PacketTooLarge with a size, got {error:?}");
    };
    assert_eq!(
        (*backend, *reported, *connection_lost),
        (Backend::MySql, limit, false)
    );
    assert!(*size > limit, "{error}");
    assert!(
        error
            .to_string()
            .contains(&format!("max_allowed_packet of {limit} bytes")),
        "{error}"
    );
    assert!(!error.is_retryable());
    // Nothing was sent: the connection goes on.
    assert!(!conn.is_broken());
    let one: i64 = conn.query_sql("SELECT 1", &[]).unwrap()[0].get(0).unwrap();
    assert_eq!(one, 1);
}

/// Past 16 MiB together, values go one by one, and the server holds each (not their sum) to
/// the limit: two values of more than half the limit each are stored.
fn values_over_the_limit_together_but_not_alone_are_stored(conn: &mut dyn Connection, _: Backend) {
    let limit = limit(conn);
    if limit < 0xFF_FFFF {
        return;
    }
    conn.batch_execute("CREATE TABLE doc (id INTEGER PRIMARY KEY, body LONGTEXT, extra LONGTEXT)")
        .unwrap();
    let half = "y".repeat(usize::try_from(limit / 2).unwrap() + 1);
    let stored = conn.execute_sql(
        "INSERT INTO doc (id, body, extra) VALUES (1, ?, ?)",
        &[half.clone().into(), half.into()],
    );
    assert_eq!(stored.unwrap(), 1);
    let total: i64 = conn
        .query_sql("SELECT LENGTH(body) + LENGTH(extra) FROM doc", &[])
        .unwrap()[0]
        .get(0)
        .unwrap();
    assert_eq!(total as u64, 2 * (limit / 2 + 1));
}

/// A value the statement computes past the limit (error 1301 in strict mode) is the same
/// error, without a size: the server never received one.
fn a_computed_value_over_max_allowed_packet_is_refused(conn: &mut dyn Connection, _: Backend) {
    let limit = limit(conn);
    conn.batch_execute("CREATE TABLE doc (id INTEGER PRIMARY KEY, body LONGTEXT)")
        .unwrap();
    let error = conn
        .execute_sql(
            "INSERT INTO doc (id, body) SELECT 1, REPEAT('z', ?)",
            &[(limit + 1).into()],
        )
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::PacketTooLarge {
                size: None,
                connection_lost: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert!(!conn.is_broken());
}

#[test]
fn a_value_over_max_allowed_packet_is_refused_and_not_retryable_on_mysql() {
    run_mysql(
        "packet_too_large",
        a_value_over_max_allowed_packet_is_refused_and_not_retryable,
    );
}

#[test]
fn values_over_the_limit_together_but_not_alone_are_stored_on_mysql() {
    run_mysql(
        "packet_values_alone",
        values_over_the_limit_together_but_not_alone_are_stored,
    );
}

#[test]
fn a_computed_value_over_max_allowed_packet_is_refused_on_mysql() {
    run_mysql(
        "packet_computed",
        a_computed_value_over_max_allowed_packet_is_refused,
    );
}
