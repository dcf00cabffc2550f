//! `--tables` / `--exclude`: which tables to generate, by glob (`*` any run, `?` one character).

use crate::model::Schema;

/// Keeps the tables whose SQL name matches one of `include` (all when it is empty) and none of
/// `exclude`.
pub fn retain_tables(schema: &mut Schema, include: &[String], exclude: &[String]) {
    schema.tables.retain(|t| {
        (include.is_empty() || include.iter().any(|p| glob(p, &t.name)))
            && !exclude.iter().any(|p| glob(p, &t.name))
    });
}

/// Whether `name` matches `pattern`.
///
/// ```
/// use dovetail_codegen::filter::glob;
/// assert!(glob("invoice*", "invoice_line"));
/// assert!(glob("?rtist", "artist"));
/// assert!(!glob("art", "artist"));
/// ```
pub fn glob(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut pi, mut ni, mut star, mut resume) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            (pi, ni) = (pi + 1, ni + 1);
        } else if pi < p.len() && p[pi] == '*' {
            (star, resume, pi) = (Some(pi), ni, pi + 1);
        } else if let Some(s) = star {
            (pi, resume) = (s + 1, resume + 1);
            ni = resume;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}
