//! What each backend implements: running one statement on its driver, through its statement
//! cache. Everything common — logging, transaction bookkeeping, the broken flag, collecting or
//! streaming rows — is written once in [`super::Connection`]'s provided methods on top of it.
//!
//! The trait is public in a private module: it cannot be named or implemented outside the
//! crate, so [`super::Connection`] is sealed.

use crate::error::Result;
use crate::value::Cells;
use crate::value::Value;

/// Where the rows of a statement go.
pub enum Sink<'a> {
    /// Count them (the rows a write affected, or those a query returned), keep none.
    Count,
    /// Hand each row's cells to the callback as they arrive, holding no more than the driver's
    /// read buffer; an error stops the statement.
    Stream(&'a mut dyn FnMut(&mut dyn Cells) -> Result<()>),
    /// Hand each row's cells to the callback; the caller keeps every row, so the driver may
    /// read the whole result first when that is faster (PostgreSQL: one round of the driver's
    /// event loop instead of one per row).
    Collect(&'a mut dyn FnMut(&mut dyn Cells) -> Result<()>),
}

/// Whether the prepared statement came from the connection's cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Reused: no round trip to prepare it.
    Hit,
    /// Prepared now, and kept for next time.
    Miss,
    /// Prepared now and closed after this use: the cache is off (capacity 0).
    Off,
    /// Not a prepared statement (parameterless scripts).
    Unprepared,
    /// Prepared unnamed and run in the same round trip, nothing kept (a PostgreSQL connection
    /// with `statement_cache=unnamed`, for transaction poolers).
    Unnamed,
}

impl CacheUse {
    /// How the log names it.
    pub fn as_str(self) -> &'static str {
        match self {
            CacheUse::Hit => "hit",
            CacheUse::Miss => "miss",
            CacheUse::Off => "off",
            CacheUse::Unprepared => "none",
            CacheUse::Unnamed => "unnamed",
        }
    }
}

/// What running a statement produced.
pub struct Ran {
    /// Rows affected by a write, or rows returned by a query.
    pub rows: u64,
    /// Whether its prepared statement was cached.
    pub cache: CacheUse,
}

/// Per-connection state the common layer keeps.
#[derive(Debug, Default, Clone)]
pub struct Session {
    /// Open transactions: 0 outside, 1 in a transaction, 2+ inside savepoints.
    pub depth: u32,
    /// The connection to the server was lost; a pool discards it.
    pub broken: bool,
    /// Whether statement logs include the bound values.
    pub log_values: bool,
    /// A statement run outside dovetail's transactions may have opened one on the server (see
    /// `server_transaction.rs`); set by drivers that cannot ask the server, cleared when a
    /// transaction ends.
    pub may_be_in_transaction: bool,
}

/// One backend's driver.
pub trait Driver: Send {
    /// Runs `sql` with `params` as a prepared (cached) statement, rows to `sink`.
    fn run(&mut self, sql: &str, params: &[Value], sink: Sink<'_>) -> Result<Ran>;

    /// Runs a parameterless script of `;`-separated statements.
    fn run_script(&mut self, sql: &str) -> Result<()>;

    /// The common layer's state.
    fn session(&mut self) -> &mut Session;

    /// The common layer's state, read-only.
    fn session_ref(&self) -> &Session;

    /// How many prepared statements the cache holds.
    fn cache_len(&self) -> usize;

    /// Bounds the prepared-statement cache to `capacity` statements (0: no cache).
    fn set_cache_capacity(&mut self, capacity: usize);

    /// Whether the server is inside a transaction, whoever opened it — or, where the driver
    /// cannot tell, may be (see `server_transaction.rs`).
    fn server_in_transaction(&self) -> bool;
}
