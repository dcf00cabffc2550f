//! Rows counted as PostgreSQL and SQLite count them.
//!
//! MySQL counts the rows a write *changed*; the others count the rows it matched or wrote. The
//! connection does not ask for matched rows (`CLIENT_FOUND_ROWS`), which would also count an
//! upsert's skipped rows: an `INSERT … ON DUPLICATE KEY UPDATE c = c` standing for DO NOTHING
//! then counts only the rows it inserted. An `UPDATE`'s matched rows come instead from the
//! server's message for it, `Rows matched: M  Changed: C  Warnings: W` (in the server's
//! language, always with the matched rows first).
//!
//! Raw SQL sees MySQL's own counts otherwise: `ROW_COUNT()` and a `CALL` count changed rows,
//! and a raw `INSERT … ON DUPLICATE KEY UPDATE` counts 0 for a row it left unchanged (the typed
//! upsert counts it; see `InsertStatement::on_conflict`). Should the server send no message for
//! an `UPDATE` (a proxy that drops it), the count is the changed rows.

/// The rows a statement that returned no rows wrote: for an `UPDATE`, the rows it matched,
/// read from the server's `info` message; otherwise `affected`.
pub(super) fn rows_written(sql: &str, affected: u64, info: &[u8]) -> u64 {
    match is_update(sql) {
        true => first_number(info).unwrap_or(affected),
        false => affected,
    }
}

/// Whether `sql` is an `UPDATE`: its first word, or, after a `WITH` clause or MariaDB's
/// `SET STATEMENT … FOR`, its first word outside parentheses that names a statement.
fn is_update(sql: &str) -> bool {
    // Most statements open with their verb: no need to read the rest.
    let opening = sql
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
        .next()
        .unwrap_or_default();
    if !opening.is_empty()
        && !["WITH", "SET"]
            .iter()
            .any(|w| opening.eq_ignore_ascii_case(w))
    {
        return opening.eq_ignore_ascii_case("UPDATE");
    }
    let words = top_level_words(sql);
    let first = words.first().copied().unwrap_or_default();
    let verb = match ["WITH", "SET"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
    {
        true => words.into_iter().find(|word| {
            ["SELECT", "INSERT", "REPLACE", "UPDATE", "DELETE"]
                .iter()
                .any(|verb| word.eq_ignore_ascii_case(verb))
        }),
        false => Some(first),
    };
    verb.is_some_and(|verb| verb.eq_ignore_ascii_case("UPDATE"))
}

/// The words of `sql` outside parentheses, quotes and comments, in order.
fn top_level_words(sql: &str) -> Vec<&str> {
    let bytes = sql.as_bytes();
    let (mut words, mut depth, mut at) = (Vec::new(), 0_usize, 0);
    let skip_to = |from: usize, end: &str| {
        sql[from..]
            .find(end)
            .map_or(sql.len(), |found| from + found + end.len())
    };
    while at < bytes.len() {
        let rest = &sql[at..];
        at = match bytes[at] {
            b'(' => {
                depth += 1;
                at + 1
            }
            b')' => {
                depth = depth.saturating_sub(1);
                at + 1
            }
            b'#' => skip_to(at, "\n"),
            b'-' if rest.starts_with("-- ") || rest == "--" => skip_to(at, "\n"),
            b'/' if rest.starts_with("/*") => skip_to(at + 2, "*/"),
            quote @ (b'\'' | b'"' | b'`') => {
                // A backslash-escaped quote stays inside; a doubled one closes and reopens.
                let mut chars = rest.char_indices().skip(1);
                let mut end = rest.len();
                while let Some((i, c)) = chars.next() {
                    if c == '\\' {
                        chars.next();
                    } else if c == char::from(quote) {
                        end = i + 1;
                        break;
                    }
                }
                at + end
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let len = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if depth == 0 {
                    words.push(&rest[..len]);
                }
                at + len
            }
            _ => at + rest.chars().next().map_or(1, char::len_utf8),
        };
    }
    words
}

/// The first decimal number in `info`.
fn first_number(info: &[u8]) -> Option<u64> {
    let start = info.iter().position(u8::is_ascii_digit)?;
    let digits = &info[start..];
    let end = digits
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(digits.len());
    std::str::from_utf8(&digits[..end]).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_counts_the_rows_it_matched() {
        let info = b"Rows matched: 2  Changed: 0  Warnings: 0";
        assert_eq!(rows_written("UPDATE `t` SET `v` = ?", 0, info), 2);
        assert_eq!(rows_written("  /* tag */ update t set v = 1", 0, info), 2);
        assert_eq!(rows_written("-- note\nUPDATE t SET v = 1", 0, info), 2);
        assert_eq!(rows_written("# note\nUPDATE t SET v = 1", 0, info), 2);
        let with = "WITH c AS (SELECT ')', `x(` FROM u WHERE a = 'it''s') UPDATE t SET v = 1";
        assert_eq!(rows_written(with, 0, info), 2);
        assert_eq!(
            rows_written(
                "SET STATEMENT max_statement_time = 1 FOR UPDATE t SET v = 1",
                0,
                info
            ),
            2
        );
        // The server's language changes the words, not the order.
        assert_eq!(
            rows_written(
                "UPDATE t SET v = 1",
                1,
                "Datensätze gefunden: 3  Geändert: 1  Warnungen: 0".as_bytes()
            ),
            3
        );
    }

    #[test]
    fn other_statements_count_what_the_server_reports() {
        let info = b"Records: 3  Duplicates: 1  Warnings: 0";
        assert_eq!(
            rows_written("INSERT INTO t VALUES (1), (2), (3)", 2, info),
            2
        );
        assert_eq!(rows_written("DELETE FROM t", 4, b""), 4);
        assert_eq!(rows_written("UPDATEx", 4, info), 4);
        assert_eq!(
            rows_written("WITH c AS (SELECT 1) DELETE FROM t", 4, info),
            4
        );
        assert_eq!(rows_written("SELECT * FROM t FOR UPDATE", 4, info), 4);
        // Multi-byte text after escapes and unclosed quotes or comments: no panic.
        assert_eq!(
            rows_written("WITH c AS (SELECT '\\é') UPDATE t SET v = 'ü", 0, info),
            3
        );
        assert_eq!(rows_written("WITH c AS (SELECT `é", 4, info), 4);
        assert_eq!(rows_written("/* é", 4, info), 4);
        // No message: what the server counted.
        assert_eq!(rows_written("UPDATE t SET v = 1", 1, b""), 1);
    }
}
