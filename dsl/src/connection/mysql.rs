//! MySQL and MariaDB through the `mysql` crate, with prepared statements for everything but
//! parameterless batches.
//!
//! Sessions run in UTC (`time_zone = '+00:00'`, kept so: see `mysql/session_state.rs`) with
//! `utf8mb4`, and `UPDATE` reports the rows
//! it matched rather than the rows it changed, as PostgreSQL and SQLite do
//! (read from the server's message for it: see `mysql/counts.rs`).

mod counts;
mod decode;
mod errors;
mod session_state;

use std::time::Duration;

use chrono::{Datelike, NaiveDateTime, NaiveTime, Timelike};
use mysql::consts::CapabilityFlags;
use mysql::prelude::Queryable;
use mysql::{Conn, Opts, OptsBuilder, Params, Statement};

use super::Connection;
use super::driver::{CacheUse, Driver, Ran, Session, Sink};
use super::statement_cache::StatementCache;
use crate::error::{Backend, Error, Result};
use crate::render::{Dialect, MySql, Version};
use crate::value::{Value, text_formats};

/// How long to wait for the server when the URL sets no `tcp_connect_timeout_ms`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The most the driver sends of a statement's values in one packet; beyond it, each text or
/// bytes value goes in packets of its own ("long data"), which the server holds to
/// `max_allowed_packet` one value at a time.
const ONE_PACKET: u64 = 0xFF_FFFF;

/// A long-data packet's header (command, statement id, parameter number), and the most bytes
/// of a value the driver sends behind it in one packet.
const LONG_DATA_HEADER: u64 = 7;
const LONG_DATA_CHUNK: u64 = ONE_PACKET - 6;

/// A connection to a MySQL or MariaDB server.
///
/// ```no_run
/// use dovetail::Connection;
/// use dovetail::connection::mysql::MySqlConnection;
///
/// let mut conn = MySqlConnection::connect("mysql://root@127.0.0.1:3306/test")?;
/// let rows = conn.query_sql("SELECT ? + 1", &[41_i64.into()])?;
/// assert_eq!(rows[0].get::<i64>(0)?, 42);
/// # Ok::<(), dovetail::Error>(())
/// ```
pub struct MySqlConnection {
    conn: Conn,
    dialect: MySql,
    session: Session,
    statements: StatementCache<Statement>,
    /// The session state the server reports: transaction, `autocommit`, `time_zone`.
    state: session_state::SessionState,
    /// The most bytes the server takes at once (`max_allowed_packet`).
    max_packet: u64,
}

impl std::fmt::Debug for MySqlConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MySqlConnection")
            .field("dialect", &self.dialect)
            .finish_non_exhaustive()
    }
}

impl MySqlConnection {
    /// Connects to the `mysql://` URL `url`, and reads the server's flavour, version and
    /// `max_allowed_packet` (a statement that would send more at once is refused before it is
    /// sent, with [`Error::PacketTooLarge`]).
    ///
    /// A URL the driver cannot read is [`Error::InvalidUrl`]; a server that cannot be reached,
    /// refuses the login or has no such database is [`Error::Connect`].
    ///
    /// The URL may name several servers — the nodes of a Galera cluster, say —
    /// `mysql://app@10.0.0.1:3306,10.0.0.2:3306,10.0.0.3:3306/shop`: the connection goes to the
    /// first that accepts it, in that order (so a pool whose node died opens its next
    /// connections on the next live one); when none does, the error names each one's refusal.
    ///
    /// ```no_run
    /// use dovetail::connection::mysql::MySqlConnection;
    ///
    /// let conn = MySqlConnection::connect("mysql://root@127.0.0.1:3307,127.0.0.1:3308/test")?;
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    pub fn connect(url: &str) -> Result<MySqlConnection> {
        let mut refusals = Vec::new();
        for one in hosts(url) {
            match MySqlConnection::connect_one(&one.url) {
                Ok(conn) => return Ok(conn),
                Err(Error::Connect {
                    message, source, ..
                }) => refusals.push((one.host, message, source)),
                Err(error) => return Err(error),
            }
        }
        let several = refusals.len() > 1;
        let message = refusals
            .iter()
            .map(|(host, message, _)| match several {
                true => format!("{host}: {message}"),
                false => message.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        match refusals.pop() {
            Some((_, _, source)) => Err(Error::Connect {
                backend: Backend::MySql,
                message,
                source,
            }),
            None => Err(super::url::invalid(url, "the URL names no server")),
        }
    }

    /// Connects to the one server of `url`.
    fn connect_one(url: &str) -> Result<MySqlConnection> {
        let opts = Opts::from_url(url).map_err(|e| super::url::invalid(url, e.to_string()))?;
        let timeout = opts.get_tcp_connect_timeout().unwrap_or(CONNECT_TIMEOUT);
        // The URL's own `max_allowed_packet` is the most the driver sends.
        let client_limit = opts.get_max_allowed_packet().map_or(u64::MAX, |n| n as u64);
        let builder = OptsBuilder::from_opts(opts)
            .tcp_connect_timeout(Some(timeout))
            // The connection keeps its own LRU of prepared statements (`StatementCache`).
            .stmt_cache_size(0)
            // OK packets then carry the server's session state changes.
            .additional_capabilities(CapabilityFlags::CLIENT_SESSION_TRACK)
            // `GROUP_CONCAT` (`string_agg`) would otherwise cut its result at 1,024 bytes.
            .init(vec![
                session_state::UTC,
                "SET NAMES utf8mb4",
                "SET SESSION group_concat_max_len = 4294967295",
            ]);
        let mut conn = Conn::new(builder).map_err(errors::connect)?;
        let state = session_state::SessionState::start(&mut conn);
        let server: Option<(String, u64)> = conn
            .query_first("SELECT VERSION(), @@max_allowed_packet")
            .map_err(errors::connect)?;
        // One row always comes back; without it, nothing is refused in advance.
        let (version, server_limit) = server.unwrap_or((String::new(), u64::MAX));
        let number = Version::parse(&version).unwrap_or(Version::new(0, 0, 0));
        let dialect = match version.contains("MariaDB") {
            true => MySql::mariadb(number),
            false => MySql::mysql(number),
        };
        Ok(MySqlConnection {
            conn,
            dialect,
            session: Session::default(),
            statements: StatementCache::new(),
            state,
            max_packet: server_limit.min(client_limit),
        })
    }
}

impl Connection for MySqlConnection {
    fn backend(&self) -> Backend {
        Backend::MySql
    }

    fn dialect(&self) -> &dyn Dialect {
        &self.dialect
    }
}

impl Driver for MySqlConnection {
    fn run(&mut self, sql: &str, params: &[Value], mut sink: Sink<'_>) -> Result<Ran> {
        let limit = self.max_packet;
        let fail = move |error| errors::map(error, limit);
        let params = encode_all(params, limit)?;
        let conn = &mut self.conn;
        let (statement, cache, evicted) = self.statements.get_or_prepare(sql, |sql| {
            errors::fits(command_size(sql), limit)?;
            conn.prep(sql).map_err(fail)
        })?;
        if let Some(old) = evicted {
            conn.close(old).map_err(fail)?;
        }
        // Rows are read from the socket as the iterator advances (an unbuffered result).
        let mut result = conn.exec_iter(&statement, params).map_err(fail)?;
        let has_rows = !result.columns().as_ref().is_empty();
        let written = match has_rows {
            true => 0,
            false => counts::rows_written(sql, result.affected_rows(), result.info_ref()),
        };
        let mut returned = 0;
        for row in result.by_ref() {
            let row = row.map_err(fail)?;
            returned += 1;
            if let Sink::Stream(each) | Sink::Collect(each) = &mut sink {
                each(&mut decode::MySqlCells { row })?;
            }
        }
        drop(result);
        if cache == CacheUse::Off {
            conn.close(statement).map_err(fail)?;
        }
        self.state
            .observe(&mut self.conn, &mut self.session, sql, false)?;
        let rows = if has_rows { returned } else { written };
        Ok(Ran { rows, cache })
    }

    fn run_script(&mut self, sql: &str) -> Result<()> {
        let limit = self.max_packet;
        let fail = move |error| errors::map(error, limit);
        errors::fits(command_size(sql), limit)?;
        // Every result set is read: dropping them unread would swallow a later statement's error.
        let mut result = self.conn.query_iter(sql).map_err(fail)?;
        while let Some(set) = result.iter() {
            for row in set {
                row.map_err(fail)?;
            }
        }
        drop(result);
        self.state
            .observe(&mut self.conn, &mut self.session, sql, true)
    }

    fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    fn session_ref(&self) -> &Session {
        &self.session
    }

    fn cache_len(&self) -> usize {
        self.statements.len()
    }

    fn set_cache_capacity(&mut self, capacity: usize) {
        for statement in self.statements.resize(capacity) {
            // A statement that cannot be closed dies with the connection.
            let _ = self.conn.close(statement);
        }
    }

    /// Also with `autocommit` off, when every statement opens a transaction.
    fn server_in_transaction(&self) -> bool {
        self.state.in_transaction() || self.session.may_be_in_transaction
    }
}

/// One server of a URL that names several, and the URL naming it alone.
struct Host {
    host: String,
    url: String,
}

/// The servers of `url`, each with a URL of its own: `mysql://u@a:1,b:2/db` is
/// `mysql://u@a:1/db` then `mysql://u@b:2/db`.
fn hosts(url: &str) -> Vec<Host> {
    let one = || {
        vec![Host {
            host: String::new(),
            url: url.to_owned(),
        }]
    };
    let Some((scheme, rest)) = url.split_once("://") else {
        return one();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (user, servers) = match authority.rsplit_once('@') {
        Some((user, servers)) => (format!("{user}@"), servers),
        None => (String::new(), authority),
    };
    if !servers.contains(',') {
        return one();
    }
    servers
        .split(',')
        .map(|host| Host {
            host: host.to_owned(),
            url: format!("{scheme}://{user}{host}{tail}"),
        })
        .collect()
}

/// The bytes of a command carrying `sql` (a query or a statement to prepare).
fn command_size(sql: &str) -> u64 {
    1 + sql.len() as u64
}

/// `values` as the driver's parameters, unless they are more than the server takes at once
/// (`limit`), which would make it close the connection.
fn encode_all(values: &[Value], limit: u64) -> Result<Params> {
    if values.is_empty() {
        return Ok(Params::Empty);
    }
    let params = values
        .iter()
        .enumerate()
        .map(|(i, value)| encode(i + 1, value))
        .collect::<Result<Vec<_>>>()?;
    let (packet, gathered) = sent_at_once(&params);
    if gathered > limit {
        return Err(errors::too_large(gathered, limit));
    }
    errors::fits(packet, limit)?;
    Ok(Params::Positional(params))
}

/// The largest packet the driver sends for `params`, and the largest value the server gathers
/// from several: the whole `COM_STMT_EXECUTE` packet (a 10-byte header, the NULL bitmap, a
/// flag, two bytes of type per value, the values) and none; or past [`ONE_PACKET`], when each
/// text or bytes value goes on its own ("long data", in chunks of [`LONG_DATA_CHUNK`] behind a
/// header), the largest such packet and the largest value.
fn sent_at_once(params: &[mysql::Value]) -> (u64, u64) {
    let count = params.len() as u64;
    let values: u64 = params.iter().map(mysql::Value::bin_len).sum();
    let packet = 11 + count.div_ceil(8) + 2 * count + values;
    if packet <= ONE_PACKET {
        return (packet, 0);
    }
    let long = |value: &mysql::Value| match value {
        mysql::Value::Bytes(bytes) => bytes.len() as u64,
        _ => 0,
    };
    let longest = params.iter().map(long).max().unwrap_or_default();
    (LONG_DATA_HEADER + longest.min(LONG_DATA_CHUNK), longest)
}

/// `value` as the binary-protocol value MySQL converts to the column type.
fn encode(index: usize, value: &Value) -> Result<mysql::Value> {
    use mysql::Value as My;
    let fail = |reason: &str| Error::Encode {
        backend: Backend::MySql,
        index,
        kind: value.kind(),
        reason: reason.into(),
    };
    Ok(match value {
        Value::Null => My::NULL,
        Value::Bool(b) => My::Int(i64::from(*b)),
        Value::I8(n) => My::Int(i64::from(*n)),
        Value::I16(n) => My::Int(i64::from(*n)),
        Value::I32(n) => My::Int(i64::from(*n)),
        Value::I64(n) => My::Int(*n),
        Value::U8(n) => My::UInt(u64::from(*n)),
        Value::U16(n) => My::UInt(u64::from(*n)),
        Value::U32(n) => My::UInt(u64::from(*n)),
        Value::U64(n) => My::UInt(*n),
        Value::F32(x) if x.is_finite() => My::Float(*x),
        Value::F64(x) if x.is_finite() => My::Double(*x),
        Value::F32(_) | Value::F64(_) => return Err(fail("MySQL cannot store NaN or infinity")),
        Value::Decimal(d) => My::Bytes(text_formats::format_decimal(*d).into_bytes()),
        Value::Text(text) => My::Bytes(text.clone().into_bytes()),
        Value::Bytes(bytes) => My::Bytes(bytes.clone()),
        Value::Date(date) => datetime(date.and_time(NaiveTime::MIN)).map_err(fail)?,
        Value::Time(time) => clock(*time).map_err(fail)?,
        Value::Timestamp(at) => datetime(*at).map_err(fail)?,
        Value::TimestampTz(at) => datetime(at.naive_utc()).map_err(fail)?,
        Value::Uuid(uuid) => My::Bytes(text_formats::format_uuid(*uuid).into_bytes()),
        Value::Json(json) => My::Bytes(text_formats::format_json(json).into_bytes()),
        Value::Array(_) => return Err(fail("MySQL has no array type")),
    })
}

/// Microseconds of `nanos`, unless it encodes a leap second (chrono's 1_000_000_000 and up)
/// or has digits past the microsecond, which MySQL would cut off.
fn micros(nanos: u32) -> Result<u32, &'static str> {
    match nanos {
        1_000_000_000.. => Err("MySQL cannot store a leap second"),
        n if n % 1_000 != 0 => Err("MySQL keeps microseconds: the nanoseconds would be cut off"),
        n => Ok(n / 1_000),
    }
}

fn datetime(at: NaiveDateTime) -> Result<mysql::Value, &'static str> {
    let year = u16::try_from(at.year())
        .ok()
        .filter(|y| *y <= 9999)
        .ok_or("the year is outside 0..=9999")?;
    let [month, day, hour, minute, second] =
        [at.month(), at.day(), at.hour(), at.minute(), at.second()].map(|part| part as u8);
    Ok(mysql::Value::Date(
        year,
        month,
        day,
        hour,
        minute,
        second,
        micros(at.nanosecond())?,
    ))
}

fn clock(time: NaiveTime) -> Result<mysql::Value, &'static str> {
    let [hour, minute, second] = [time.hour(), time.minute(), time.second()].map(|part| part as u8);
    Ok(mysql::Value::Time(
        false,
        0,
        hour,
        minute,
        second,
        micros(time.nanosecond())?,
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn times_keep_their_microseconds_and_refuse_what_mysql_would_cut_off() {
        let time = |nanos| NaiveTime::from_hms_nano_opt(12, 0, 59, nanos).unwrap();
        let reason = |value: Value| match encode(1, &value) {
            Err(Error::Encode { reason, .. }) => reason,
            other => panic!("expected an encode error, got {other:?}"),
        };
        assert_eq!(
            encode(1, &Value::Time(time(123_456_000))).ok(),
            Some(mysql::Value::Time(false, 0, 12, 0, 59, 123_456))
        );
        let cut = "MySQL keeps microseconds: the nanoseconds would be cut off";
        assert_eq!(reason(Value::Time(time(123_456_789))), cut);
        let at = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(reason(Value::Timestamp(at.and_time(time(1)))), cut);
        assert_eq!(
            reason(Value::TimestampTz(at.and_time(time(1)).and_utc())),
            cut
        );
        let leap = "MySQL cannot store a leap second";
        assert_eq!(reason(Value::Time(time(1_000_000_000))), leap);
        let far = at.with_year(10_000).unwrap().and_time(NaiveTime::MIN);
        assert_eq!(
            reason(Value::Timestamp(far)),
            "the year is outside 0..=9999"
        );
    }

    #[test]
    fn a_url_of_several_servers_is_one_url_per_server() {
        let urls = |url: &str| hosts(url).into_iter().map(|h| h.url).collect::<Vec<_>>();
        assert_eq!(
            urls("mysql://app:secret@10.0.0.1:3306,10.0.0.2,[::1]:3307/shop?prefer_socket=false"),
            [
                "mysql://app:secret@10.0.0.1:3306/shop?prefer_socket=false",
                "mysql://app:secret@10.0.0.2/shop?prefer_socket=false",
                "mysql://app:secret@[::1]:3307/shop?prefer_socket=false",
            ]
        );
        assert_eq!(urls("mysql://h1,h2"), ["mysql://h1", "mysql://h2"]);
        assert_eq!(
            urls("mysql://root@localhost/db"),
            ["mysql://root@localhost/db"]
        );
    }

    #[test]
    fn values_count_together_in_one_packet_and_alone_beyond_it() {
        let text = |len: usize| mysql::Value::Bytes(vec![b'x'; len]);
        // 11 + 1 (bitmap) + 4 (types) + (1 + 100) + 8
        assert_eq!(sent_at_once(&[text(100), mysql::Value::Int(7)]), (125, 0));
        let half = ONE_PACKET / 2 + 1;
        let sent = sent_at_once(&[text(half as usize), text(half as usize - 10)]);
        assert_eq!(sent, (half + 7, half));
        // A value of 16 MiB goes in packets of 16 MiB, its header included: over a limit of
        // 16 MiB (which the server would have answered by closing the connection).
        let large = sent_at_once(&[text(16 << 20)]);
        assert_eq!(large, (16 << 20, 16 << 20));
        assert!(errors::fits(large.0, 16 << 20).is_err());
        let largest_kept = sent_at_once(&[text((16 << 20) - 8)]);
        assert!(errors::fits(largest_kept.0, 16 << 20).is_ok());
    }
}
