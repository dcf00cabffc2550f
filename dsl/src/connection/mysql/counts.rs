//! Rows counted as PostgreSQL and SQLite count them.
//!
//! MySQL counts the rows a write *changed*; the others count the rows it matched or wrote. The
//! connection does not ask for matched rows (`CLIENT_FOUND_ROWS`), which would also count an
//! upsert's skipped rows: an `INSERT … ON DUPLICATE KEY UPDATE c = c` standing for DO NOTHING
//! then counts only the rows it inserted. An `UPDATE`'s matched rows come instead from the
//! server's message for it, `Rows matched: M  Changed: C  Warnings: W` (in the server's
//! language, always with the matched rows first). A statement is taken for an `UPDATE` by its
//! first word: one written after a `WITH` clause (MySQL 8) counts the rows it changed.

/// The rows a statement that returned no rows wrote: for an `UPDATE`, the rows it matched,
/// read from the server's `info` message; otherwise `affected`.
pub(super) fn rows_written(sql: &str, affected: u64, info: &[u8]) -> u64 {
    match is_update(sql) {
        true => first_number(info).unwrap_or(affected),
        false => affected,
    }
}

/// Whether `sql` is an `UPDATE` (its first word, after any comments).
fn is_update(sql: &str) -> bool {
    let mut rest = sql.trim_start();
    loop {
        if let Some(comment) = rest.strip_prefix("/*") {
            match comment.split_once("*/") {
                Some((_, after)) => rest = after.trim_start(),
                None => return false,
            }
        } else if rest.starts_with("--") || rest.starts_with('#') {
            match rest.split_once('\n') {
                Some((_, after)) => rest = after.trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    rest.get(..6)
        .is_some_and(|word| word.eq_ignore_ascii_case("UPDATE"))
        && !rest[6..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
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
        // No message: what the server counted.
        assert_eq!(rows_written("UPDATE t SET v = 1", 1, b""), 1);
    }
}
