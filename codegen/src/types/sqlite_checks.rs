//! SQLite's enums: it has no enum type, so a column limited to a list of labels is declared
//! `CHECK (column IN ('a', 'b'))`. This reads those checks from a table's `CREATE TABLE` text.

/// Each `CHECK (column IN ('label', …))` of `create_table`, as `(column, labels)`, in order.
/// Other checks, and lists holding anything but string literals, are left out.
///
/// ```
/// use dovetail_codegen::types::sqlite_checks::label_checks;
///
/// let sql = r#"CREATE TABLE review (id INTEGER, "mood" TEXT CHECK ("mood" IN ('happy', 'it''s')),
///     CHECK (id > 0), CHECK (id IN (1, 2)))"#;
/// assert_eq!(label_checks(sql), [("mood".to_string(), vec!["happy".to_string(), "it's".into()])]);
/// ```
pub fn label_checks(create_table: &str) -> Vec<(String, Vec<String>)> {
    let tokens = tokens(create_table);
    (0..tokens.len())
        .filter_map(|start| label_check(&tokens[start..]))
        .collect()
}

/// A token of SQL text, as far as these checks need: words and quoted names, string literals
/// and single punctuation characters.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Name(String),
    Str(String),
    Punct(char),
}

/// `CHECK ( column IN ( 'a' , 'b' ) )` at the start of `tokens`.
fn label_check(tokens: &[Token]) -> Option<(String, Vec<String>)> {
    let mut rest = tokens.iter();
    let keyword = |token: Option<&Token>, word: &str| matches!(token, Some(Token::Word(w)) if w.eq_ignore_ascii_case(word));
    if !keyword(rest.next(), "CHECK") || rest.next() != Some(&Token::Punct('(')) {
        return None;
    }
    let column = match rest.next()? {
        Token::Word(name) | Token::Name(name) => name.clone(),
        _ => return None,
    };
    if !keyword(rest.next(), "IN") || rest.next() != Some(&Token::Punct('(')) {
        return None;
    }
    let mut labels = Vec::new();
    loop {
        let Token::Str(label) = rest.next()? else {
            return None;
        };
        labels.push(label.clone());
        match rest.next()? {
            Token::Punct(',') => continue,
            Token::Punct(')') => break,
            _ => return None,
        }
    }
    (rest.next() == Some(&Token::Punct(')'))).then_some((column, labels))
}

/// The tokens of `sql`; comments and whitespace are dropped.
fn tokens(sql: &str) -> Vec<Token> {
    let mut chars = sql.chars().peekable();
    let mut out = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '\'' => out.push(Token::Str(quoted(&mut chars, '\''))),
            '"' | '`' => out.push(Token::Name(quoted(&mut chars, c))),
            '[' => out.push(Token::Name(quoted(&mut chars, ']'))),
            '-' if chars.peek() == Some(&'-') => while chars.next_if(|&c| c != '\n').is_some() {},
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut word = String::from(c);
                while let Some(c) = chars.next_if(|&c| c.is_alphanumeric() || c == '_' || c == '$')
                {
                    word.push(c);
                }
                out.push(Token::Word(word));
            }
            c if c.is_whitespace() => {}
            c => out.push(Token::Punct(c)),
        }
    }
    out
}

/// The text up to the closing `close`, a doubled one standing for itself.
fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, close: char) -> String {
    let mut text = String::new();
    while let Some(c) = chars.next() {
        if c == close {
            if close != ']' && chars.next_if_eq(&close).is_some() {
                text.push(close);
                continue;
            }
            break;
        }
        text.push(c);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(list: &[&str]) -> Vec<String> {
        list.iter().map(|l| (*l).to_owned()).collect()
    }

    #[test]
    fn column_and_table_checks_in_every_quoting() {
        let sql = "CREATE TABLE t (
            a TEXT CHECK (a IN ('x')), -- CHECK (z IN ('comment'))
            [b c] TEXT, `d` TEXT /* CHECK (y IN ('comment')) */,
            CONSTRAINT k CHECK ([b c] IN ('p', 'q')),
            check(`d` in('r'))
        )";
        assert_eq!(
            label_checks(sql),
            [
                ("a".to_owned(), labels(&["x"])),
                ("b c".to_owned(), labels(&["p", "q"])),
                ("d".to_owned(), labels(&["r"])),
            ]
        );
    }

    #[test]
    fn other_checks_are_not_label_lists() {
        for sql in [
            "CHECK (a IN (1, 2))",
            "CHECK (a IN ('x', b))",
            "CHECK (a IN ('x') OR a IS NULL)",
            "CHECK (a NOT IN ('x'))",
            "CHECK (lower(a) IN ('x'))",
            "CHECK (a IN ('x'",
            "a TEXT DEFAULT 'CHECK (a IN (''x''))'",
        ] {
            assert_eq!(label_checks(sql), [], "{sql}");
        }
    }
}
