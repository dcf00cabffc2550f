//! One `tracing` event per statement (target `dovetail::sql`).

use std::time::Duration;

use super::driver::Ran;
use crate::error::Result;
use crate::value::Value;

/// Whether a subscriber listens to statement events (failures are `WARN`, the rest `DEBUG`).
pub fn enabled() -> bool {
    tracing::enabled!(target: "dovetail::sql", tracing::Level::WARN)
}

/// Logs a statement that ran (`DEBUG`) or failed (`WARN`).
pub fn statement(
    sql: &str,
    params: &[Value],
    with_values: bool,
    elapsed: Duration,
    outcome: &Result<Ran>,
) {
    let elapsed_us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    match outcome {
        Ok(ran) if with_values => tracing::debug!(
            target: "dovetail::sql",
            sql,
            params = params.len(),
            values = ?params,
            rows = ran.rows,
            elapsed_us,
            cache = ran.cache.as_str(),
        ),
        Ok(ran) => tracing::debug!(
            target: "dovetail::sql",
            sql,
            params = params.len(),
            rows = ran.rows,
            elapsed_us,
            cache = ran.cache.as_str(),
        ),
        Err(error) if with_values => tracing::warn!(
            target: "dovetail::sql",
            sql,
            params = params.len(),
            values = ?params,
            elapsed_us,
            error = %error,
        ),
        Err(error) => tracing::warn!(
            target: "dovetail::sql",
            sql,
            params = params.len(),
            elapsed_us,
            error = %error,
        ),
    }
}
