//! Whether the server holds a transaction open that dovetail did not open: a user's own
//! `BEGIN` through [`batch_execute`](super::Connection::batch_execute) or
//! [`execute_sql`](super::Connection::execute_sql), left open by an early return or a panic.
//! A pool must not hand such a connection to the next borrower, whose writes would report
//! success and vanish with the connection.
//!
//! SQLite answers exactly (`sqlite3_get_autocommit`), and so does MySQL through its session
//! tracker (`session_track_transaction_info`). The `postgres` crate does not expose the status
//! byte of the server's ready-for-query message, so there the driver notes any statement,
//! run outside dovetail's own transactions, that could open a transaction block — only
//! `BEGIN` and `START TRANSACTION` can — and a pool rolls such a connection back when it comes
//! back. A false alarm (a `BEGIN` inside a function body or a string) costs one `ROLLBACK`
//! round trip on check-in, never a lost write; statements without those words cost none.

/// Whether `sql` contains a keyword that can open a transaction block: `BEGIN` or `START`
/// (also in MySQL's `XA START`), as whole words in any case, quoted or not: a false alarm is
/// cheap, a miss is not.
pub(crate) fn may_open(sql: &str) -> bool {
    has_word(sql, &["begin", "start"])
}

/// Whether `sql` only reads: a `SELECT` (or `WITH … SELECT`, `VALUES`, `TABLE`) that names no
/// write, row lock, sequence step or transaction opener as a whole word. A false "no" costs a
/// read on the primary; a false "yes" a write refused by a replica, so any doubt is a "no".
pub(crate) fn reads_only(sql: &str) -> bool {
    let first = sql
        .trim_start_matches(|c: char| c.is_whitespace() || c == '(')
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default();
    ["select", "with", "values", "table"]
        .iter()
        .any(|word| first.eq_ignore_ascii_case(word))
        && !has_word(
            sql,
            &[
                "insert", "update", "delete", "merge", "share", "lock", "into", "nextval",
                "setval", "begin", "start", "call", "copy",
            ],
        )
}

/// Whether `sql` mentions MySQL's `autocommit` setting: turned off, every statement after it
/// opens a transaction that only an explicit `COMMIT` ends.
pub(crate) fn mentions_autocommit(sql: &str) -> bool {
    has_word(sql, &["autocommit"])
}

/// Whether one of `words` (lowercase ASCII) is a whole word of `sql` (a run of letters,
/// digits, `_` and `$`), in any case. Runs on every statement: a byte scan that looks only at
/// the starts of words.
fn has_word(sql: &str, words: &[&str]) -> bool {
    let bytes = sql.as_bytes();
    let in_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut start = 0;
    while start < bytes.len() {
        if !in_word(bytes[start]) {
            start += 1;
            continue;
        }
        let end = bytes[start..]
            .iter()
            .position(|&b| !in_word(b))
            .map_or(bytes.len(), |len| start + len);
        let word = &bytes[start..end];
        if words
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
        {
            return true;
        }
        start = end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{may_open, mentions_autocommit, reads_only};

    #[test]
    fn reads_are_told_from_writes_and_locks() {
        for sql in [
            "SELECT 1",
            "  (SELECT \"a\".\"id\" FROM \"a\") UNION (SELECT 2)",
            "WITH t AS (SELECT 1) SELECT * FROM t",
            "select \"updated_at\" from \"t\" where \"id\" = $1",
        ] {
            assert!(reads_only(sql), "{sql}");
        }
        for sql in [
            "INSERT INTO t VALUES (1)",
            "SELECT * FROM t FOR UPDATE",
            "SELECT * FROM t FOR KEY SHARE",
            "WITH gone AS (DELETE FROM t RETURNING id) SELECT * FROM gone",
            "SELECT nextval('s')",
            "SELECT * INTO copy FROM t",
            "UPDATE t SET a = 1",
            "BEGIN",
        ] {
            assert!(!reads_only(sql), "{sql}");
        }
    }

    #[test]
    fn transaction_openers_are_noticed_in_any_case_and_position() {
        for sql in [
            "BEGIN",
            "begin;",
            "  Begin Transaction",
            "START TRANSACTION ISOLATION LEVEL SERIALIZABLE",
            "INSERT INTO t VALUES (1); BEGIN; INSERT INTO t VALUES (2)",
            "/* c */begin",
            "XA START 'x'",
        ] {
            assert!(may_open(sql), "{sql}");
        }
    }

    #[test]
    fn ordinary_statements_and_longer_identifiers_are_not() {
        for sql in [
            "SELECT 1",
            "INSERT INTO t (beginning, started_at) VALUES ($1, $2)",
            "UPDATE restart SET begin_at = 1",
            "COMMIT",
            "SET autocommit = 0",
        ] {
            assert!(!may_open(sql), "{sql}");
        }
    }

    #[test]
    fn autocommit_is_noticed_as_a_word() {
        assert!(mentions_autocommit("SET autocommit = 0"));
        assert!(mentions_autocommit("SET @@session.AUTOCOMMIT=OFF"));
        assert!(!mentions_autocommit("SELECT autocommit_mode FROM t"));
    }
}
