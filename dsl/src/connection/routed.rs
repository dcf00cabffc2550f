//! A connection that sends reads to a replica: what a [`Pool`](crate::pool::Pool) with
//! [`read_replicas`](crate::pool::PoolBuilder::read_replicas) hands out.
//!
//! A statement goes to the replica when it only reads (`server_transaction::reads_only`) and no
//! transaction is open; everything else — writes, row locks, scripts, and every statement inside
//! a transaction, reads included — goes to the primary, so a transaction reads its own writes. A
//! read outside a transaction may not see a write the primary committed a moment before: a
//! replica applies the primary's changes a little later.

use super::driver::{Driver, Ran, Session, Sink};
use super::{Connection, server_transaction};
use crate::error::{Backend, Result};
use crate::render::Dialect;
use crate::value::Value;

/// A primary connection and a replica's. The primary's session is the connection's: its
/// transactions, its broken flag, whether its statements' values are logged.
pub(crate) struct Routed {
    primary: Box<dyn Connection>,
    replica: Box<dyn Connection>,
}

impl Routed {
    /// Reads outside transactions on `replica`, the rest on `primary`.
    pub(crate) fn new(primary: Box<dyn Connection>, replica: Box<dyn Connection>) -> Routed {
        Routed { primary, replica }
    }

    /// Where `sql` runs.
    fn route(&mut self, sql: &str) -> &mut Box<dyn Connection> {
        let reads_on_replica = self.primary.transaction_depth() == 0
            && !self.primary.server_in_transaction()
            && server_transaction::reads_only(sql);
        match reads_on_replica {
            true => {
                let log_values = self.primary.session_ref().log_values;
                self.replica.session().log_values = log_values;
                &mut self.replica
            }
            false => &mut self.primary,
        }
    }
}

impl Connection for Routed {
    fn backend(&self) -> Backend {
        self.primary.backend()
    }

    fn dialect(&self) -> &dyn Dialect {
        self.primary.dialect()
    }
}

impl Driver for Routed {
    fn run(&mut self, sql: &str, params: &[Value], sink: Sink<'_>) -> Result<Ran> {
        self.route(sql).run(sql, params, sink)
    }

    /// Scripts may write or open a transaction: the primary's.
    fn run_script(&mut self, sql: &str) -> Result<()> {
        self.primary.run_script(sql)
    }

    fn session(&mut self) -> &mut Session {
        self.primary.session()
    }

    fn session_ref(&self) -> &Session {
        self.primary.session_ref()
    }

    fn cache_len(&self) -> usize {
        self.primary.cache_len() + self.replica.cache_len()
    }

    fn set_cache_capacity(&mut self, capacity: usize) {
        self.primary.set_cache_capacity(capacity);
        self.replica.set_cache_capacity(capacity);
    }

    fn server_in_transaction(&self) -> bool {
        self.primary.server_in_transaction()
    }
}
