//! What changed between a checked-in `schema.rs` and the database: for `schema-gen --check`.
//!
//! Both sides are generated text with one line per column or key, so a line diff, labelled
//! with the table each line belongs to, names exactly the tables, columns and keys that were
//! added, removed or changed. The header (the leading `//!` lines) says where a file came from
//! and is not compared: the same schema read from another database is no drift.

/// One changed line of the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `+` when the database has it and the file does not, `-` the other way round.
    pub sign: char,
    /// The table (module) the line belongs to, if any.
    pub table: Option<String>,
    /// The line, trimmed.
    pub line: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.table {
            Some(table) => write!(f, "{} table `{table}`: {}", self.sign, self.line),
            None => write!(f, "{} {}", self.sign, self.line),
        }
    }
}

/// The changes that turn `file` (what is checked in) into `database` (what was generated now).
///
/// ```
/// use dovetail_codegen::diff::changes;
/// let old = "//! From `dev`.\n::dovetail::table! {\n    track {\n        id: Integer,\n    }\n}\n";
/// let new = "//! From `ci`.\n::dovetail::table! {\n    track {\n        id: Integer,\n        extra: Nullable<Text>,\n    }\n}\n";
/// let changes = changes(old, new);
/// assert_eq!(changes.len(), 1);
/// assert_eq!(changes[0].to_string(), "+ table `track`: extra: Nullable<Text>,");
/// ```
pub fn changes(file: &str, database: &str) -> Vec<Change> {
    let (old, new) = (blocks(file), blocks(database));
    let mut out = Vec::new();
    for step in align(&old, &new, |a, b| a.table == b.table) {
        match step {
            Step::Both(i, j) => {
                let (a, b) = (&old[i], &new[j]);
                for step in align(&a.lines, &b.lines, |x, y| x == y) {
                    match step {
                        Step::Both(..) => {}
                        Step::Old(k) => out.push(change('-', &a.table, a.lines[k])),
                        Step::New(k) => out.push(change('+', &b.table, b.lines[k])),
                    }
                }
            }
            Step::Old(i) => {
                let lines = old[i].lines.iter();
                out.extend(lines.map(|line| change('-', &old[i].table, line)));
            }
            Step::New(j) => {
                let lines = new[j].lines.iter();
                out.extend(lines.map(|line| change('+', &new[j].table, line)));
            }
        }
    }
    out
}

/// A run of lines that belong to one table (or to none).
struct Block<'a> {
    table: Option<String>,
    lines: Vec<&'a str>,
}

/// The lines of `text` in runs by table: blocks are aligned first, then lines within aligned
/// blocks, so the work grows with the number of tables and the size of one table, never with
/// the square of the file's length.
fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out: Vec<Block<'_>> = Vec::new();
    for (table, line) in with_tables(text) {
        match out.last_mut() {
            Some(block) if block.table == table => block.lines.push(line),
            _ => out.push(Block {
                table,
                lines: vec![line],
            }),
        }
    }
    out
}

/// One step of an alignment: an item of both sides (by index in each), or of one side only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Both(usize, usize),
    Old(usize),
    New(usize),
}

/// A longest-common-subsequence alignment of `a` and `b` under `same`; common leading and
/// trailing items are matched first, so a small change costs little.
fn align<T>(a: &[T], b: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<Step> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| same(x, y)).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| same(x, y))
        .count();
    let (a_mid, b_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let lcs = common_lengths(a_mid, b_mid, &same);
    let mut steps: Vec<Step> = (0..prefix).map(|i| Step::Both(i, i)).collect();
    let (mut i, mut j) = (0, 0);
    while i < a_mid.len() || j < b_mid.len() {
        if i < a_mid.len() && j < b_mid.len() && same(&a_mid[i], &b_mid[j]) {
            steps.push(Step::Both(prefix + i, prefix + j));
            (i, j) = (i + 1, j + 1);
        } else if j < b_mid.len() && (i == a_mid.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            steps.push(Step::New(prefix + j));
            j += 1;
        } else {
            steps.push(Step::Old(prefix + i));
            i += 1;
        }
    }
    let (a_end, b_end) = (a.len() - suffix, b.len() - suffix);
    steps.extend((0..suffix).map(|k| Step::Both(a_end + k, b_end + k)));
    steps
}

fn change(sign: char, table: &Option<String>, line: &str) -> Change {
    Change {
        sign,
        table: table.clone(),
        line: line.trim().to_owned(),
    }
}

/// Each non-blank line after the header with the table block it is in.
fn with_tables(text: &str) -> Vec<(Option<String>, &str)> {
    let mut table = None;
    let mut out = Vec::new();
    let body = text.lines().skip_while(|l| l.starts_with("//!"));
    for line in body.filter(|l| !l.trim().is_empty()) {
        if line
            .trim_start_matches("::")
            .starts_with("dovetail::table!")
        {
            table = None;
        } else if line.starts_with("    ") && !line.starts_with("     ") && line.ends_with('{') {
            let name = line.trim().trim_start_matches("view ");
            table = name.split([' ', '(']).next().map(str::to_owned);
        }
        out.push((table.clone(), line));
    }
    out
}

/// `lcs[i][j]`: the length of the longest common subsequence of `a[i..]` and `b[j..]`.
fn common_lengths<T>(a: &[T], b: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<Vec<u32>> {
    let mut lcs = vec![vec![0; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = match same(&a[i], &b[j]) {
                true => lcs[i + 1][j + 1] + 1,
                false => lcs[i + 1][j].max(lcs[i][j + 1]),
            };
        }
    }
    lcs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(tables: usize, extra: &[(usize, &str)]) -> String {
        let mut text = String::from("//! Header.\n");
        for t in 0..tables {
            text.push_str(&format!("\n::dovetail::table! {{\n    t{t} {{\n"));
            for c in 0..20 {
                text.push_str(&format!("        c{c}: Integer,\n"));
            }
            for (_, line) in extra.iter().filter(|(at, _)| *at == t) {
                text.push_str(&format!("        {line}\n"));
            }
            text.push_str("    }\n}\n");
        }
        text
    }

    #[test]
    fn changes_at_both_ends_of_a_large_file_are_found_by_table() {
        let old = schema(1000, &[(0, "gone: Text,")]);
        let new = schema(1000, &[(999, "added: Text,")]);
        let found: Vec<String> = changes(&old, &new).iter().map(Change::to_string).collect();
        assert_eq!(
            found,
            ["- table `t0`: gone: Text,", "+ table `t999`: added: Text,"]
        );
    }

    #[test]
    fn added_and_removed_tables_are_listed_whole() {
        let found = changes(&schema(2, &[]), &schema(1, &[]));
        assert_eq!(found.len(), 24, "{found:?}");
        assert!(found.iter().all(|c| c.sign == '-'));
        assert_eq!(found[1].to_string(), "- table `t1`: t1 {");
    }
}
