//! PostgreSQL through the synchronous `postgres` crate, without TLS.
//!
//! Parameters are bound as the type the server inferred for each placeholder (see
//! [`types`]): an `i64` bound to a `SMALLINT` column is range-checked and sent as `int2`, never
//! wrapped. Cells are decoded by their column type.

mod errors;
mod types;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use postgres::types::ToSql;
use postgres::{Client, Config, NoTls};

use super::{Connection, Row};
use crate::error::{Backend, Result};
use crate::render::{Dialect, Postgres};
use crate::value::Value;

/// How long to wait for the server when the URL sets no `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection to a PostgreSQL server.
///
/// ```no_run
/// use dovetail::Connection;
/// use dovetail::connection::postgres::PostgresConnection;
///
/// let mut conn = PostgresConnection::connect("postgres://root@127.0.0.1:5432/test")?;
/// let rows = conn.query_sql("SELECT $1::int8 + 1", &[41_i64.into()])?;
/// assert_eq!(rows[0].get::<i64>(0)?, 42);
/// # Ok::<(), dovetail::Error>(())
/// ```
pub struct PostgresConnection {
    client: Client,
}

impl std::fmt::Debug for PostgresConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresConnection").finish_non_exhaustive()
    }
}

impl PostgresConnection {
    /// Connects to the `postgres://` or `postgresql://` URL `url`.
    ///
    /// A URL the driver cannot read is [`crate::Error::InvalidUrl`]; a server that cannot be
    /// reached, refuses the login or has no such database is [`crate::Error::Connect`].
    pub fn connect(url: &str) -> Result<PostgresConnection> {
        let mut config =
            Config::from_str(url).map_err(|e| super::url::invalid(url, errors::one_line(&e)))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        let client = config.connect(NoTls).map_err(errors::connect)?;
        Ok(PostgresConnection { client })
    }
}

impl Connection for PostgresConnection {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn dialect(&self) -> &dyn Dialect {
        &Postgres
    }

    fn execute_sql(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let params = types::params(params);
        self.client
            .execute(sql, &refs(&params))
            .map_err(errors::map)
    }

    fn query_sql(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let params = types::params(params);
        let rows = self
            .client
            .query(sql, &refs(&params))
            .map_err(errors::map)?;
        let Some(first) = rows.first() else {
            return Ok(Vec::new());
        };
        let columns: Arc<[String]> = first
            .columns()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        rows.iter().map(|row| decode_row(row, &columns)).collect()
    }

    fn batch_execute(&mut self, sql: &str) -> Result<()> {
        self.client.batch_execute(sql).map_err(errors::map)
    }
}

fn refs<'a>(params: &'a [types::Param<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

fn decode_row(row: &postgres::Row, columns: &Arc<[String]>) -> Result<Row> {
    let values = columns
        .iter()
        .enumerate()
        .map(|(index, name)| {
            row.try_get::<_, Value>(index)
                .map_err(|e| errors::cell(e, index, name))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Row::new(Arc::clone(columns), values))
}
