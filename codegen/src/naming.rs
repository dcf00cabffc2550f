//! Rust names for SQL names: case conversion (heck), keyword escaping and deterministic
//! disambiguation. The SQL name is kept beside the Rust name and is what gets rendered.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that are valid as raw identifiers (`r#type`).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Words that cannot be identifiers even raw, and names `table!` generates itself.
const TAKEN: &[&str] = &[
    "self",
    "Self",
    "super",
    "crate",
    "_",
    "table",
    "all_columns",
    "columns",
    "fk",
    "unique",
    "full_paths",
];

/// A snake_case Rust identifier for `sql_name`, as source text (`r#type` for a keyword).
///
/// ```
/// use dovetail_codegen::naming::snake_ident;
/// assert_eq!(snake_ident("InvoiceLine"), "invoice_line");
/// assert_eq!(snake_ident("type"), "r#type");
/// assert_eq!(snake_ident("self"), "self_");
/// assert_eq!(snake_ident("order date"), "order_date");
/// assert_eq!(snake_ident("1st"), "_1st");
/// assert_eq!(snake_ident("Größe"), "größe");
/// ```
pub fn snake_ident(sql_name: &str) -> String {
    escape(sanitize(&sql_name.to_snake_case()))
}

/// An UpperCamelCase Rust identifier for `sql_name` (enum types and variants).
pub fn camel_ident(sql_name: &str) -> String {
    escape(sanitize(&sql_name.to_upper_camel_case()))
}

/// Only characters an identifier may hold; never empty, never starting with a digit.
fn sanitize(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| match c.is_alphanumeric() || c == '_' {
            true => c,
            false => '_',
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

fn escape(name: String) -> String {
    if TAKEN.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Hands out names that differ from every name handed out before: a name already taken gets
/// `_2`, `_3`… in the order asked, so the same input always yields the same names.
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    /// `name`, or the first free `name_N` (for snake_case names).
    pub fn claim(&mut self, name: String) -> String {
        self.claim_with(name, "_")
    }

    /// `Name`, or the first free `NameN` (for UpperCamelCase names, which an underscore would
    /// make break the naming lint).
    pub fn claim_camel(&mut self, name: String) -> String {
        self.claim_with(name, "")
    }

    fn claim_with(&mut self, name: String, separator: &str) -> String {
        let bare = name.trim_start_matches("r#").to_owned();
        if self.taken.insert(bare.clone()) {
            return name;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{bare}{separator}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}
