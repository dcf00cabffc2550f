//! The constraint names a `CREATE TABLE` statement declares (`CONSTRAINT name …`), which
//! SQLite keeps only in the statement's text: its error messages and pragmas never report them.

/// A named key or foreign key declared in `CREATE TABLE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Declared {
    pub(super) name: String,
    pub(super) kind: Kind,
    /// The constrained columns of the table, in declaration order.
    pub(super) columns: Vec<String>,
}

/// What a declared constraint is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// `PRIMARY KEY` or `UNIQUE`.
    Key,
    /// `FOREIGN KEY … REFERENCES parent` or a column's `REFERENCES parent`.
    ForeignKey { parent: String },
    /// `CHECK`, `NOT NULL`, `DEFAULT`, `COLLATE`, `GENERATED`: nothing to look up by columns.
    Other,
}

/// The named constraints of the `CREATE TABLE` statement `sql`; those without a name are left
/// out (SQLite has no name for them).
pub(super) fn named_constraints(sql: &str) -> Vec<Declared> {
    let tokens = tokenize(sql);
    let Some(open) = tokens.iter().position(|t| *t == Token::Open) else {
        return Vec::new();
    };
    definitions(&tokens[open + 1..])
        .into_iter()
        .flat_map(definition_constraints)
        .collect()
}

/// A token of SQLite's SQL, as far as finding names needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// A keyword or identifier, unquoted.
    Word(String),
    /// A quoted identifier or string (SQLite takes `'x'` for a name where one is expected),
    /// unescaped.
    Quoted(String),
    Open,
    Close,
    Comma,
    /// Anything else: literals, operators.
    Other,
}

impl Token {
    pub(super) fn is_keyword(&self, keyword: &str) -> bool {
        matches!(self, Token::Word(word) if word.eq_ignore_ascii_case(keyword))
    }

    fn name(&self) -> Option<&str> {
        match self {
            Token::Word(text) | Token::Quoted(text) => Some(text),
            _ => None,
        }
    }
}

/// The tokens of `sql`, without whitespace and comments.
pub(super) fn tokenize(sql: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = sql.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '(' => tokens.push(Token::Open),
            ')' => tokens.push(Token::Close),
            ',' => tokens.push(Token::Comma),
            '-' if chars.peek().is_some_and(|&(_, next)| next == '-') => {
                chars.by_ref().find(|&(_, c)| c == '\n');
            }
            '/' if chars.peek().is_some_and(|&(_, next)| next == '*') => {
                chars.next();
                let mut star = false;
                for (_, c) in chars.by_ref() {
                    if star && c == '/' {
                        break;
                    }
                    star = c == '*';
                }
            }
            '"' | '`' | '\'' | '[' => {
                let close = if c == '[' { ']' } else { c };
                let mut text = String::new();
                while let Some((_, c)) = chars.next() {
                    if c == close {
                        // A doubled quote stands for itself (not inside brackets).
                        if close != ']' && chars.peek().is_some_and(|&(_, next)| next == close) {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    text.push(c);
                }
                tokens.push(Token::Quoted(text));
            }
            c if is_word_char(c) => {
                let mut end = start + c.len_utf8();
                while let Some(&(at, next)) = chars.peek() {
                    if !is_word_char(next) {
                        break;
                    }
                    end = at + next.len_utf8();
                    chars.next();
                }
                tokens.push(Token::Word(sql[start..end].to_owned()));
            }
            _ => tokens.push(Token::Other),
        }
    }
    tokens
}

/// The table an `INSERT`/`REPLACE`/`UPDATE`/`DELETE` writes, after any `WITH` clause and
/// schema name.
pub(super) fn written_table(tokens: &[Token]) -> Option<String> {
    let mut depth = 0_usize;
    let mut rest = tokens.iter();
    // The first top-level keyword that says what the statement writes.
    let verb = loop {
        match rest.next()? {
            Token::Open => depth += 1,
            Token::Close => depth = depth.saturating_sub(1),
            token if depth == 0 => {
                let verb = ["INSERT", "REPLACE", "UPDATE", "DELETE"]
                    .into_iter()
                    .find(|verb| token.is_keyword(verb));
                if let Some(verb) = verb {
                    break verb;
                }
            }
            _ => {}
        }
    };
    let rest = rest.as_slice();
    // `INSERT [OR …] INTO t`, `UPDATE [OR …] t`, `DELETE FROM t`.
    let name_at = match verb {
        "UPDATE" => match rest.first() {
            Some(or) if or.is_keyword("OR") => 2,
            _ => 0,
        },
        _ => {
            let keyword = if verb == "DELETE" { "FROM" } else { "INTO" };
            rest.iter().position(|t| t.is_keyword(keyword))? + 1
        }
    };
    match rest.get(name_at..)? {
        // `schema.table`
        [_, Token::Other, table, ..] if table.name().is_some() => table.name().map(str::to_owned),
        [table, ..] => table.name().map(str::to_owned),
        [] => None,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// The comma-separated definitions inside the table's parentheses (`tokens` starts after the
/// opening one).
fn definitions(tokens: &[Token]) -> Vec<&[Token]> {
    let mut definitions = Vec::new();
    let (mut depth, mut start) = (0_usize, 0);
    for (at, token) in tokens.iter().enumerate() {
        match token {
            Token::Open => depth += 1,
            Token::Close if depth == 0 => {
                definitions.push(&tokens[start..at]);
                return definitions;
            }
            Token::Close => depth -= 1,
            Token::Comma if depth == 0 => {
                definitions.push(&tokens[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    definitions
}

const TABLE_CONSTRAINT_STARTS: [&str; 5] = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

/// The named constraints of one column or table-constraint definition.
fn definition_constraints(definition: &[Token]) -> Vec<Declared> {
    let Some(first) = definition.first() else {
        return Vec::new();
    };
    if TABLE_CONSTRAINT_STARTS.iter().any(|k| first.is_keyword(k)) {
        // SQLite also takes table constraints one after another without commas.
        return constraint_starts(definition)
            .windows(2)
            .filter_map(|pair| table_constraint(&definition[pair[0]..pair[1]]))
            .collect();
    }
    let Some(column) = first.name() else {
        return Vec::new();
    };
    // A column: each `CONSTRAINT name` names the clause that follows it.
    let mut named = Vec::new();
    let mut at = 1;
    while at < definition.len() {
        let token = &definition[at];
        at += 1;
        if !token.is_keyword("CONSTRAINT") {
            continue;
        }
        let Some(name) = definition.get(at).and_then(Token::name) else {
            break;
        };
        let clause = &definition[at + 1..];
        let kind = match clause.first() {
            Some(t) if t.is_keyword("PRIMARY") || t.is_keyword("UNIQUE") => Kind::Key,
            Some(t) if t.is_keyword("REFERENCES") => match clause.get(1).and_then(Token::name) {
                Some(parent) => Kind::ForeignKey {
                    parent: parent.to_owned(),
                },
                None => Kind::Other,
            },
            _ => Kind::Other,
        };
        named.push(Declared {
            name: name.to_owned(),
            kind,
            columns: vec![column.to_owned()],
        });
    }
    named
}

/// Where each table constraint of `definition` starts (a `CONSTRAINT` outside parentheses),
/// and its end.
fn constraint_starts(definition: &[Token]) -> Vec<usize> {
    let mut depth = 0_usize;
    let mut starts = vec![0];
    for (at, token) in definition.iter().enumerate() {
        match token {
            Token::Open => depth += 1,
            Token::Close => depth = depth.saturating_sub(1),
            token if at > 0 && depth == 0 && token.is_keyword("CONSTRAINT") => starts.push(at),
            _ => {}
        }
    }
    starts.push(definition.len());
    starts
}

/// `[CONSTRAINT name] PRIMARY KEY (…) | UNIQUE (…) | FOREIGN KEY (…) REFERENCES parent | CHECK`.
fn table_constraint(definition: &[Token]) -> Option<Declared> {
    let (name, rest) = match definition {
        [constraint, name, rest @ ..] if constraint.is_keyword("CONSTRAINT") => {
            (name.name()?.to_owned(), rest)
        }
        _ => return None,
    };
    let first = rest.first()?;
    let (kind, columns) = if first.is_keyword("PRIMARY") || first.is_keyword("UNIQUE") {
        (Kind::Key, column_list(rest)?)
    } else if first.is_keyword("FOREIGN") {
        let columns = column_list(rest)?;
        let references = rest.iter().position(|t| t.is_keyword("REFERENCES"))?;
        let parent = rest.get(references + 1)?.name()?.to_owned();
        (Kind::ForeignKey { parent }, columns)
    } else {
        (Kind::Other, Vec::new())
    };
    Some(Declared {
        name,
        kind,
        columns,
    })
}

/// The first word of each item of the first parenthesised list (`(a, b COLLATE nocase DESC)`
/// → `a`, `b`).
fn column_list(tokens: &[Token]) -> Option<Vec<String>> {
    let open = tokens.iter().position(|t| *t == Token::Open)?;
    let mut columns = Vec::new();
    let mut expect_name = true;
    for token in &tokens[open + 1..] {
        match token {
            Token::Close => return Some(columns),
            Token::Comma => expect_name = true,
            token if expect_name => {
                columns.push(token.name()?.to_owned());
                expect_name = false;
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(name: &str, kind: Kind, columns: &[&str]) -> Declared {
        Declared {
            name: name.into(),
            kind,
            columns: columns.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn fk(parent: &str) -> Kind {
        Kind::ForeignKey {
            parent: parent.into(),
        }
    }

    #[test]
    fn table_constraints_with_names() {
        let sql = "CREATE TABLE child (
            id INTEGER PRIMARY KEY,
            parent_id INTEGER, a TEXT, b TEXT,
            CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id),
            CONSTRAINT \"child ab\" UNIQUE (a COLLATE nocase, b DESC),
            UNIQUE (b),
            CONSTRAINT positive CHECK (id > 0 AND a <> ',')
        )";
        assert_eq!(
            named_constraints(sql),
            vec![
                declared("child_parent_fk", fk("parent"), &["parent_id"]),
                declared("child ab", Kind::Key, &["a", "b"]),
                declared("positive", Kind::Other, &[]),
            ]
        );
    }

    #[test]
    fn column_constraints_with_names() {
        let sql = "CREATE TABLE [t] ( -- a comment, with a comma
            `id` INTEGER CONSTRAINT t_pk PRIMARY KEY,
            email VARCHAR(100) NOT NULL CONSTRAINT t_email_key UNIQUE /* (x, y) */,
            \"owner\"\"s id\" INTEGER CONSTRAINT t_owner_fk REFERENCES \"user\" (id) ON DELETE CASCADE,
            note TEXT DEFAULT 'a, (b' UNIQUE
        )";
        assert_eq!(
            named_constraints(sql),
            vec![
                declared("t_pk", Kind::Key, &["id"]),
                declared("t_email_key", Kind::Key, &["email"]),
                declared("t_owner_fk", fk("user"), &["owner\"s id"]),
            ]
        );
    }

    #[test]
    fn the_table_a_statement_writes() {
        let table = |sql| written_table(&tokenize(sql));
        let t = Some("t".to_owned());
        assert_eq!(table("INSERT INTO t (a) VALUES (1)"), t);
        assert_eq!(table("insert or replace into \"t\" values (1)"), t);
        assert_eq!(table("REPLACE INTO main.t VALUES (1)"), t);
        assert_eq!(table("UPDATE OR IGNORE t SET a = 1"), t);
        assert_eq!(table("/* x */ DELETE FROM [t] WHERE a = 1"), t);
        assert_eq!(
            table("WITH c AS (SELECT 1 FROM u) UPDATE t SET a = (SELECT * FROM c)"),
            t
        );
        assert_eq!(table("SELECT 1"), None);
        assert_eq!(table("UPDATE OR"), None);
    }

    #[test]
    fn table_constraints_without_commas() {
        let sql = "CREATE TABLE t (a INT, b INT, UNIQUE (a) CONSTRAINT t_b UNIQUE (b) \
                   CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES p (id))";
        assert_eq!(
            named_constraints(sql),
            vec![
                declared("t_b", Kind::Key, &["b"]),
                declared("t_a_fk", fk("p"), &["a"])
            ]
        );
    }

    #[test]
    fn names_in_single_quotes() {
        let sql = "CREATE TABLE t (a INTEGER CONSTRAINT 'a_fk' REFERENCES 'p' (id))";
        assert_eq!(
            named_constraints(sql),
            vec![declared("a_fk", fk("p"), &["a"])]
        );
    }

    #[test]
    fn no_names_no_constraints() {
        let sql =
            "CREATE TABLE t (id INTEGER PRIMARY KEY, u TEXT UNIQUE, FOREIGN KEY (u) REFERENCES p)";
        assert_eq!(named_constraints(sql), vec![]);
        assert_eq!(named_constraints("not sql at all"), vec![]);
    }
}
