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
    let old: Vec<(Option<String>, &str)> = with_tables(file);
    let new: Vec<(Option<String>, &str)> = with_tables(database);
    let lcs = common_lengths(&old, &new);
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            (i, j) = (i + 1, j + 1);
        } else if j < new.len() && (i == old.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(change('+', &new[j]));
            j += 1;
        } else {
            out.push(change('-', &old[i]));
            i += 1;
        }
    }
    out
}

fn change(sign: char, (table, line): &(Option<String>, &str)) -> Change {
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
fn common_lengths<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Vec<usize>> {
    let mut lcs = vec![vec![0; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = match a[i] == b[j] {
                true => lcs[i + 1][j + 1] + 1,
                false => lcs[i + 1][j].max(lcs[i][j + 1]),
            };
        }
    }
    lcs
}
