//! A bounded LRU of prepared statements keyed by SQL text, one per connection.
//!
//! IN lists are one array parameter on PostgreSQL and padded to powers of two elsewhere when
//! they are rendered (see [`crate::dsl::methods::ExpressionMethods::in_list`]), so lists of
//! varying length share a few statements; whatever the statements, the cache never holds more than its capacity.

use std::num::NonZeroUsize;

use lru::LruCache;

use super::driver::CacheUse;
use crate::error::Result;

/// How many statements a connection keeps prepared unless told otherwise.
pub const DEFAULT_CAPACITY: usize = 256;

/// Prepared statements of type `S`, most recently used last out.
#[derive(Debug)]
pub struct StatementCache<S> {
    statements: LruCache<String, S>,
    /// Capacity 0: every statement is prepared for one use and closed after it.
    disabled: bool,
}

impl<S: Clone> StatementCache<S> {
    /// A cache of [`DEFAULT_CAPACITY`] statements.
    pub fn new() -> StatementCache<S> {
        StatementCache {
            statements: LruCache::new(capacity(DEFAULT_CAPACITY)),
            disabled: false,
        }
    }

    /// The statement for `sql`, prepared by `prepare` on a miss. Returns it, whether it was a
    /// hit, and the statement evicted to make room (for the caller to close). With the cache
    /// off, the use is [`CacheUse::Off`] and the caller closes the statement after running it.
    pub fn get_or_prepare(
        &mut self,
        sql: &str,
        prepare: impl FnOnce(&str) -> Result<S>,
    ) -> Result<(S, CacheUse, Option<S>)> {
        if let Some(statement) = self.get(sql) {
            return Ok((statement, CacheUse::Hit, None));
        }
        let statement = prepare(sql)?;
        let (cache, evicted) = self.insert(sql, statement.clone());
        Ok((statement, cache, evicted))
    }

    /// The cached statement for `sql`, if any (for a caller that prepares between
    /// [`get`](Self::get) and [`insert`](Self::insert), as an async driver does).
    pub fn get(&mut self, sql: &str) -> Option<S> {
        self.statements.get(sql).cloned()
    }

    /// Keeps `statement`, just prepared for `sql`: returns how it is used ([`CacheUse::Miss`],
    /// or [`CacheUse::Off`] with the cache off, when it is not kept) and the statement evicted
    /// to make room.
    pub fn insert(&mut self, sql: &str, statement: S) -> (CacheUse, Option<S>) {
        if self.disabled {
            return (CacheUse::Off, None);
        }
        let evicted = self
            .statements
            .push(sql.to_owned(), statement)
            .filter(|(key, _)| key != sql)
            .map(|(_, old)| old);
        (CacheUse::Miss, evicted)
    }

    /// Forgets the statement for `sql`, returning it (for the caller to close).
    pub fn remove(&mut self, sql: &str) -> Option<S> {
        self.statements.pop(sql)
    }

    /// Forgets every statement, returning them (for the caller to close).
    pub fn clear(&mut self) -> Vec<S> {
        let mut all = Vec::with_capacity(self.statements.len());
        while let Some((_, statement)) = self.statements.pop_lru() {
            all.push(statement);
        }
        all
    }

    /// Bounds the cache to `capacity` statements (0 turns it off); returns the statements that
    /// no longer fit.
    pub fn resize(&mut self, new_capacity: usize) -> Vec<S> {
        self.disabled = new_capacity == 0;
        let mut evicted = Vec::new();
        while self.statements.len() > new_capacity {
            if let Some((_, statement)) = self.statements.pop_lru() {
                evicted.push(statement);
            }
        }
        self.statements.resize(capacity(new_capacity));
        evicted
    }

    /// How many statements it holds.
    pub fn len(&self) -> usize {
        self.statements.len()
    }
}

fn capacity(n: usize) -> NonZeroUsize {
    NonZeroUsize::new(n).unwrap_or(NonZeroUsize::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_misses_and_evicts_the_least_recently_used() {
        let mut cache: StatementCache<u32> = StatementCache::new();
        cache.resize(2);
        let mut prepared = 0;
        let mut get = |cache: &mut StatementCache<u32>, sql: &str| {
            cache.get_or_prepare(sql, |_| {
                prepared += 1;
                Ok(prepared)
            })
        };
        assert_eq!(get(&mut cache, "a").ok(), Some((1, CacheUse::Miss, None)));
        assert_eq!(get(&mut cache, "b").ok(), Some((2, CacheUse::Miss, None)));
        assert_eq!(get(&mut cache, "a").ok(), Some((1, CacheUse::Hit, None)));
        // "b" is the least recently used: it goes.
        assert_eq!(
            get(&mut cache, "c").ok(),
            Some((3, CacheUse::Miss, Some(2)))
        );
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.resize(1), vec![1]);
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.resize(0), vec![3]);
        assert_eq!(get(&mut cache, "c").ok(), Some((4, CacheUse::Off, None)));
        assert_eq!(cache.len(), 0);
    }
}
