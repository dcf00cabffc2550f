//! Splitting a migration file's SQL text into individual statements.
//!
//! The splitter is a small lexer, not a parser: it knows just enough of each
//! dialect's quoting, comment and compound-statement rules to tell a
//! statement-ending `;` from one inside a string, a quoted identifier, a
//! comment, a PostgreSQL dollar-quoted body or a trigger/procedure body.

/// The dialect rules that matter for splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// PostgreSQL: dollar quotes, `E'…'` escape strings, nested block
    /// comments, `BEGIN ATOMIC … END` function bodies, and (like `psql`) no
    /// statement ends inside parentheses.
    Postgres,
    /// MySQL and MariaDB: backslash escapes, backtick identifiers, `#`
    /// comments, stored-program `BEGIN … END` bodies and `DELIMITER` lines.
    MySql,
    /// SQLite: backtick and `[bracket]` identifiers and
    /// `CREATE TRIGGER … BEGIN … END` bodies.
    Sqlite,
}

/// One statement, trimmed, without its terminating `;`, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The statement from its first token to its terminator, trimmed.
    /// Comments inside it are kept as written.
    pub sql: String,
    /// The 1-based line of the statement's first token.
    pub line: usize,
}

/// Splits `sql` at top-level semicolons.
///
/// A `;` ends a statement only outside strings, quoted identifiers, comments,
/// PostgreSQL dollar quotes, and the `BEGIN … END` bodies of SQLite triggers,
/// MySQL/MariaDB stored programs and PostgreSQL `BEGIN ATOMIC` routines.
/// On MySQL, a `DELIMITER x` line makes `x` the terminator until the next
/// `DELIMITER` line. Comments before a statement's first token are not part
/// of it; statements that are empty or hold only comments are dropped. The
/// last statement needs no terminator.
#[must_use]
pub fn split(sql: &str, flavor: Flavor) -> Vec<Statement> {
    let mut splitter = Splitter::new(sql, flavor);
    while splitter.pos < splitter.b.len() {
        splitter.step();
    }
    splitter.finish(splitter.b.len());
    splitter.out
}

/// `CREATE` object kinds that make a MySQL stored program (with a body).
const MYSQL_ROUTINE_KINDS: &[&str] = &["TRIGGER", "PROCEDURE", "FUNCTION", "EVENT"];

/// `CREATE` object kinds that settle a MySQL statement as an ordinary one.
const MYSQL_PLAIN_KINDS: &[&str] = &[
    "TABLE",
    "VIEW",
    "INDEX",
    "UNIQUE",
    "FULLTEXT",
    "SPATIAL",
    "DATABASE",
    "SCHEMA",
    "USER",
    "ROLE",
    "SERVER",
    "TABLESPACE",
    "LOGFILE",
    "SEQUENCE",
    "RESOURCE",
    "TEMPORARY",
];

/// Words after which a MySQL stored-program statement begins.
const MYSQL_STATEMENT_STARTERS: &[&str] = &[
    "BEGIN",
    "DO",
    "LOOP",
    "REPEAT",
    "ROW",
    "ATOMIC",
    "DETERMINISTIC",
    "SQL",
    "DATA",
    "INVOKER",
    "DEFINER",
];

/// MySQL control statements closed by `END IF|LOOP|WHILE|REPEAT`.
const MYSQL_CONTROL_OPENERS: &[&str] = &["IF", "LOOP", "WHILE", "REPEAT"];

/// How many words a MySQL `CREATE` may carry before its object kind.
const MAX_CREATE_MODIFIERS: usize = 16;

/// What the words seen so far say about the current statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// No word yet.
    Start,
    /// `CREATE` and this many modifier words, object kind not yet known.
    Create(usize),
    /// A statement whose `BEGIN … END` body may hold semicolons.
    Compound,
    /// Any other statement.
    Plain,
}

/// An open block inside a compound statement; each one is closed by `END`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// `BEGIN … END`.
    Begin,
    /// A MySQL control statement: `THEN` and `ELSE` start statements in it.
    Control,
    /// A `CASE` expression.
    Expr,
}

/// The previous significant token of the current statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// Nothing yet.
    Start,
    /// A word spanning these byte offsets.
    Word(usize, usize),
    /// A punctuation byte.
    Punct(u8),
    /// A string, quoted identifier or executable comment.
    Quoted,
}

/// The splitter's state while walking the text.
struct Splitter<'a> {
    src: &'a str,
    b: &'a [u8],
    flavor: Flavor,
    pos: usize,
    start: Option<usize>,
    head: Head,
    blocks: Vec<Block>,
    parens: usize,
    prev: Tok,
    delimiter: String,
    line_pos: usize,
    line_no: usize,
    out: Vec<Statement>,
}

impl<'a> Splitter<'a> {
    fn new(src: &'a str, flavor: Flavor) -> Self {
        Self {
            src,
            b: src.as_bytes(),
            flavor,
            pos: 0,
            start: None,
            head: Head::Start,
            blocks: Vec::new(),
            parens: 0,
            prev: Tok::Start,
            delimiter: ";".to_owned(),
            line_pos: 0,
            line_no: 1,
            out: Vec::new(),
        }
    }

    /// Consumes one terminator, whitespace byte, comment or token at `pos`.
    fn step(&mut self) {
        let i = self.pos;
        let next = if self.at_terminator(i) {
            self.finish(i);
            self.reset();
            i + self.delimiter.len()
        } else if self.b[i].is_ascii_whitespace() {
            i + 1
        } else if let Some(end) = self.comment_end(i) {
            self.executable_comment(i);
            end
        } else {
            self.mark_start(i);
            self.token(i)
        };
        self.pos = next.max(i + 1);
    }

    fn at_terminator(&self, i: usize) -> bool {
        if self.delimiter != ";" {
            return self.custom_delimiter_at(i);
        }
        self.b[i] == b';'
            && self.blocks.is_empty()
            && (self.flavor != Flavor::Postgres || self.parens == 0)
    }

    fn custom_delimiter_at(&self, i: usize) -> bool {
        self.delimiter != ";"
            && self
                .b
                .get(i..)
                .is_some_and(|rest| rest.starts_with(self.delimiter.as_bytes()))
    }

    /// The end of a comment starting at `i`, if one does.
    fn comment_end(&self, i: usize) -> Option<usize> {
        match (self.b[i], self.b.get(i + 1)) {
            (b'-', Some(b'-')) if self.dash_dash_comment(i) => Some(line_end(self.b, i)),
            (b'#', _) if self.flavor == Flavor::MySql => Some(line_end(self.b, i)),
            (b'/', Some(b'*')) => Some(block_comment_end(
                self.b,
                i,
                self.flavor == Flavor::Postgres,
            )),
            _ => None,
        }
    }

    /// MySQL wants a space or control character after `--`; others do not.
    fn dash_dash_comment(&self, i: usize) -> bool {
        self.flavor != Flavor::MySql || self.b.get(i + 2).is_none_or(|&c| c <= b' ' || c == 0x7f)
    }

    /// MySQL runs the text of `/*! … */` and `/*M! … */`, so it is content.
    fn executable_comment(&mut self, i: usize) {
        let rest = self.b.get(i..).unwrap_or_default();
        if self.flavor == Flavor::MySql && (rest.starts_with(b"/*!") || rest.starts_with(b"/*M!")) {
            self.mark_start(i);
            self.prev = Tok::Quoted;
        }
    }

    /// Consumes the token at `i` and returns where it ends.
    fn token(&mut self, i: usize) -> usize {
        if let Some(end) = self.quote_end(i) {
            self.prev = Tok::Quoted;
            return end;
        }
        if is_word_byte(self.b[i]) {
            return self.word(i);
        }
        self.punct(self.b[i]);
        i + 1
    }

    /// The end of a string or quoted identifier starting at `i`, if one does.
    fn quote_end(&self, i: usize) -> Option<usize> {
        let mysql = self.flavor == Flavor::MySql;
        match self.b[i] {
            quote @ (b'\'' | b'"') => Some(string_end(self.b, i, quote, mysql)),
            b'`' if self.flavor != Flavor::Postgres => Some(string_end(self.b, i, b'`', false)),
            b'[' if self.flavor == Flavor::Sqlite => Some(bracket_end(self.b, i)),
            b'$' if self.flavor == Flavor::Postgres => dollar_end(self.b, i),
            _ => None,
        }
    }

    fn punct(&mut self, c: u8) {
        match c {
            b'(' => self.parens += 1,
            b')' => self.parens = self.parens.saturating_sub(1),
            _ => {}
        }
        self.prev = Tok::Punct(c);
    }

    /// Consumes the word at `i` (or the escape string or command it begins).
    fn word(&mut self, i: usize) -> usize {
        let end = self.word_end(i);
        if self.is_escape_string(i, end) {
            self.prev = Tok::Quoted;
            return string_end(self.b, end, b'\'', true);
        }
        if self.is_delimiter_command(i, end) {
            return self.delimiter_command(i, end);
        }
        if self.prev != Tok::Punct(b'.') {
            self.keyword(self.text(i, end), end);
        }
        self.prev = Tok::Word(i, end);
        end
    }

    /// A word stops early where a custom delimiter begins (`END$$`).
    fn word_end(&self, i: usize) -> usize {
        let mut j = i;
        while j < self.b.len() && is_word_byte(self.b[j]) && !self.custom_delimiter_at(j) {
            j += 1;
        }
        j
    }

    /// PostgreSQL `E'…'` strings honor backslash escapes.
    fn is_escape_string(&self, i: usize, end: usize) -> bool {
        self.flavor == Flavor::Postgres
            && end == i + 1
            && matches!(self.b[i], b'e' | b'E')
            && self.b.get(end) == Some(&b'\'')
    }

    /// A MySQL `DELIMITER x` line: the word first on its line, then a blank.
    fn is_delimiter_command(&self, i: usize, end: usize) -> bool {
        let before = self.b.get(..i).unwrap_or_default();
        self.flavor == Flavor::MySql
            && is(self.text(i, end), "DELIMITER")
            && matches!(self.b.get(end), Some(b' ' | b'\t'))
            && before
                .iter()
                .rev()
                .take_while(|&&c| c != b'\n')
                .all(|&c| c == b' ' || c == b'\t')
    }

    /// Ends any pending statement, switches the terminator, skips the line.
    fn delimiter_command(&mut self, i: usize, end: usize) -> usize {
        self.finish(i);
        self.reset();
        let eol = line_end(self.b, end);
        if let Some(delimiter) = self.text(end, eol).split_whitespace().next() {
            self.delimiter = delimiter.to_owned();
        }
        eol
    }

    /// Feeds a top-level word to the statement-kind and block tracking.
    fn keyword(&mut self, word: &str, end: usize) {
        self.head = match self.head {
            Head::Start => self.first_word(word, end),
            Head::Create(seen) => self.create_word(word, seen),
            Head::Compound => {
                self.block_word(word);
                Head::Compound
            }
            Head::Plain => Head::Plain,
        };
    }

    fn first_word(&mut self, word: &str, end: usize) -> Head {
        if is(word, "CREATE") {
            return Head::Create(0);
        }
        // MariaDB's anonymous `BEGIN NOT ATOMIC … END` block.
        if self.flavor == Flavor::MySql && is(word, "BEGIN") && is(self.next_word(end), "NOT") {
            self.blocks.push(Block::Begin);
            return Head::Compound;
        }
        Head::Plain
    }

    fn create_word(&self, word: &str, seen: usize) -> Head {
        match create_kind(self.flavor, word) {
            Some(true) => Head::Compound,
            Some(false) => Head::Plain,
            None if seen < MAX_CREATE_MODIFIERS => Head::Create(seen + 1),
            None => Head::Plain,
        }
    }

    /// Opens or closes blocks; words inside parentheses never do.
    fn block_word(&mut self, word: &str) {
        if self.parens > 0 {
            return;
        }
        if is(word, "END") {
            self.blocks.pop();
        } else if let Some(block) = self.opener(word) {
            self.blocks.push(block);
        }
    }

    /// The block `word` opens here, if any. `END CASE`, `END IF` and the
    /// MySQL functions `IF(…)` and `REPEAT(…)` open nothing.
    fn opener(&self, word: &str) -> Option<Block> {
        let start = self.flavor == Flavor::MySql && self.at_statement_start();
        if is(word, "BEGIN") {
            Some(Block::Begin)
        } else if is(word, "CASE") && !self.prev_word_is("END") {
            Some(if start { Block::Control } else { Block::Expr })
        } else if start && is_any(word, MYSQL_CONTROL_OPENERS) {
            Some(Block::Control)
        } else {
            None
        }
    }

    /// Whether the next word would begin a statement in a MySQL body.
    fn at_statement_start(&self) -> bool {
        match self.prev {
            Tok::Punct(b';' | b':' | b')') => true,
            Tok::Word(from, to) => {
                let word = self.text(from, to);
                is_any(word, MYSQL_STATEMENT_STARTERS)
                    || (is_any(word, &["THEN", "ELSE"])
                        && self.blocks.last() == Some(&Block::Control))
            }
            Tok::Start | Tok::Punct(_) | Tok::Quoted => false,
        }
    }

    fn prev_word_is(&self, keyword: &str) -> bool {
        matches!(self.prev, Tok::Word(from, to) if is(self.text(from, to), keyword))
    }

    /// The word after `from`, skipping whitespace only.
    fn next_word(&self, from: usize) -> &'a str {
        let rest = self.b.get(from..).unwrap_or_default();
        let start = from + rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
        let rest = self.b.get(start..).unwrap_or_default();
        let len = rest.iter().take_while(|&&c| is_word_byte(c)).count();
        self.text(start, start + len)
    }

    fn text(&self, from: usize, to: usize) -> &'a str {
        self.src.get(from..to).unwrap_or_default()
    }

    fn mark_start(&mut self, i: usize) {
        if self.start.is_none() {
            self.start = Some(i);
        }
    }

    /// Emits the pending statement, which ends at `end`, unless it is empty.
    fn finish(&mut self, end: usize) {
        let Some(start) = self.start.take() else {
            return;
        };
        let sql = self.text(start, end).trim_end();
        if !sql.is_empty() {
            let line = self.line_of(start);
            self.out.push(Statement {
                sql: sql.to_owned(),
                line,
            });
        }
    }

    /// The 1-based line of `pos`; positions must be asked for in order.
    fn line_of(&mut self, pos: usize) -> usize {
        let skipped = self.b.get(self.line_pos..pos).unwrap_or_default();
        self.line_no += skipped.iter().filter(|&&c| c == b'\n').count();
        self.line_pos = self.line_pos.max(pos);
        self.line_no
    }

    fn reset(&mut self) {
        self.start = None;
        self.head = Head::Start;
        self.blocks.clear();
        self.parens = 0;
        self.prev = Tok::Start;
    }
}

/// Whether `word` settles a `CREATE` as compound (`Some(true)`) or plain
/// (`Some(false)`), or is a modifier before the object kind (`None`).
fn create_kind(flavor: Flavor, word: &str) -> Option<bool> {
    match flavor {
        Flavor::Sqlite => closed_kind(word, &["TEMP", "TEMPORARY"], &["TRIGGER"]),
        Flavor::Postgres => closed_kind(word, &["OR", "REPLACE"], &["FUNCTION", "PROCEDURE"]),
        Flavor::MySql if is_any(word, MYSQL_ROUTINE_KINDS) => Some(true),
        Flavor::MySql => is_any(word, MYSQL_PLAIN_KINDS).then_some(false),
    }
}

/// [`create_kind`] for dialects with a closed list of modifiers.
fn closed_kind(word: &str, modifiers: &[&str], compound: &[&str]) -> Option<bool> {
    if is_any(word, modifiers) {
        None
    } else {
        Some(is_any(word, compound))
    }
}

fn is(word: &str, keyword: &str) -> bool {
    word.eq_ignore_ascii_case(keyword)
}

fn is_any(word: &str, keywords: &[&str]) -> bool {
    keywords.iter().any(|keyword| is(word, keyword))
}

/// Identifier, keyword, number and parameter bytes (any non-ASCII byte too).
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

/// Bytes allowed in a PostgreSQL dollar-quote tag.
fn is_tag_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// The end of the quoted run opened at `open`: a doubled `quote` stands for
/// itself, and with `backslash` a `\` escapes the next byte.
fn string_end(b: &[u8], open: usize, quote: u8, backslash: bool) -> usize {
    let mut i = open + 1;
    while let Some(&c) = b.get(i) {
        if backslash && c == b'\\' {
            i += 2;
        } else if c != quote {
            i += 1;
        } else if b.get(i + 1) == Some(&quote) {
            i += 2;
        } else {
            return i + 1;
        }
    }
    b.len()
}

/// The end of a SQLite `[identifier]` opened at `open`.
fn bracket_end(b: &[u8], open: usize) -> usize {
    let rest = b.get(open..).unwrap_or_default();
    rest.iter()
        .position(|&c| c == b']')
        .map_or(b.len(), |k| open + k + 1)
}

/// The position of the newline ending the line comment at `from`.
fn line_end(b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or_default();
    rest.iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |k| from + k)
}

/// The end of the `/* … */` comment opened at `open`.
fn block_comment_end(b: &[u8], open: usize, nested: bool) -> usize {
    let mut depth = 0_usize;
    let mut i = open;
    while let (Some(&c), Some(&n)) = (b.get(i), b.get(i + 1)) {
        if c == b'/' && n == b'*' && (nested || depth == 0) {
            depth += 1;
            i += 2;
        } else if c == b'*' && n == b'/' {
            depth = depth.saturating_sub(1);
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// The end of the dollar-quoted body opened at `open`, if `$` opens one
/// (`$$` or `$tag$`; not a `$1` parameter).
fn dollar_end(b: &[u8], open: usize) -> Option<usize> {
    let first = *b.get(open + 1)?;
    if first.is_ascii_digit() {
        return None;
    }
    let tag_len = b
        .get(open + 1..)?
        .iter()
        .take_while(|&&c| is_tag_byte(c))
        .count();
    let close = open + 1 + tag_len;
    if b.get(close) != Some(&b'$') {
        return None;
    }
    let tag = b.get(open..=close)?;
    let body = close + 1;
    let found = find(b.get(body..).unwrap_or_default(), tag);
    Some(found.map_or(b.len(), |k| body + k + tag.len()))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqls(sql: &str, flavor: Flavor) -> Vec<String> {
        split(sql, flavor)
            .into_iter()
            .map(|statement| statement.sql)
            .collect()
    }

    fn stmt(sql: &str, line: usize) -> Statement {
        Statement {
            sql: sql.to_owned(),
            line,
        }
    }

    const ALL: [Flavor; 3] = [Flavor::Postgres, Flavor::MySql, Flavor::Sqlite];

    #[test]
    fn empty_input_yields_no_statements() {
        for flavor in ALL {
            assert_eq!(split("", flavor), vec![]);
            assert_eq!(split(" \n\t\n", flavor), vec![]);
            assert_eq!(split(";; ;\n;", flavor), vec![]);
        }
    }

    #[test]
    fn comment_only_chunks_are_dropped() {
        for flavor in ALL {
            let sql = "-- header\n/* note; */\n;\n-- between\nSELECT 1;\n-- trailer\n";
            assert_eq!(split(sql, flavor), vec![stmt("SELECT 1", 5)]);
        }
    }

    #[test]
    fn trailing_statement_without_semicolon_is_kept() {
        for flavor in ALL {
            assert_eq!(
                sqls("SELECT 1;\nSELECT 2  \n", flavor),
                ["SELECT 1", "SELECT 2"]
            );
        }
    }

    #[test]
    fn statements_report_the_line_of_their_first_token() {
        let sql = "-- header\nCREATE TABLE a (id int);\n\n/* two\n   lines */ CREATE TABLE b (\n  id int\n); INSERT INTO b VALUES (1);\nSELECT 'x\ny'; SELECT 2";
        let expected = vec![
            stmt("CREATE TABLE a (id int)", 2),
            stmt("CREATE TABLE b (\n  id int\n)", 5),
            stmt("INSERT INTO b VALUES (1)", 7),
            stmt("SELECT 'x\ny'", 8),
            stmt("SELECT 2", 9),
        ];
        for flavor in ALL {
            assert_eq!(split(sql, flavor), expected);
        }
    }

    #[test]
    fn crlf_line_endings_count_lines_and_are_trimmed() {
        let sql = "SELECT 1;\r\n\r\nSELECT 2\r\n;\r\n";
        assert_eq!(
            split(sql, Flavor::Sqlite),
            vec![stmt("SELECT 1", 1), stmt("SELECT 2", 3)]
        );
    }

    #[test]
    fn semicolons_in_strings_with_doubled_quotes_do_not_split() {
        let sql = "INSERT INTO t VALUES ('a;''b;'''); SELECT \"x;\"\"y\" FROM t;";
        for flavor in ALL {
            assert_eq!(
                sqls(sql, flavor),
                [
                    "INSERT INTO t VALUES ('a;''b;''')",
                    "SELECT \"x;\"\"y\" FROM t"
                ]
            );
        }
    }

    #[test]
    fn non_ascii_text_is_split_on_character_boundaries() {
        let sql = "SELECT 'héllo; wörld'; SELECT ünïcode FROM t";
        for flavor in ALL {
            assert_eq!(
                sqls(sql, flavor),
                ["SELECT 'héllo; wörld'", "SELECT ünïcode FROM t"]
            );
        }
    }

    #[test]
    fn mysql_backslash_escaped_quote_does_not_end_string() {
        let sql = r"INSERT INTO t VALUES ('it\'s; fine', 'c:\\'); SELECT 1;";
        assert_eq!(
            sqls(sql, Flavor::MySql),
            [r"INSERT INTO t VALUES ('it\'s; fine', 'c:\\')", "SELECT 1"]
        );
    }

    #[test]
    fn mysql_double_quoted_string_honors_backslash() {
        let sql = r#"SELECT "say \"hi\"; now", "a "" b;"; SELECT 2"#;
        assert_eq!(
            sqls(sql, Flavor::MySql),
            [r#"SELECT "say \"hi\"; now", "a "" b;""#, "SELECT 2"]
        );
    }

    #[test]
    fn standard_strings_treat_backslash_as_a_plain_character() {
        let sql = r"SELECT 'C:\'; SELECT 2;";
        for flavor in [Flavor::Postgres, Flavor::Sqlite] {
            assert_eq!(sqls(sql, flavor), [r"SELECT 'C:\'", "SELECT 2"]);
        }
    }

    #[test]
    fn postgres_escape_string_honors_backslash() {
        let sql = r"SELECT E'it\'s; fine', e'\\'; SELECT 2;";
        assert_eq!(
            sqls(sql, Flavor::Postgres),
            [r"SELECT E'it\'s; fine', e'\\'", "SELECT 2"]
        );
    }

    #[test]
    fn backtick_identifiers_hide_semicolons() {
        let sql = "SELECT `a;``b` FROM `t;`; SELECT 2";
        for flavor in [Flavor::MySql, Flavor::Sqlite] {
            assert_eq!(sqls(sql, flavor), ["SELECT `a;``b` FROM `t;`", "SELECT 2"]);
        }
    }

    #[test]
    fn sqlite_bracket_identifiers_hide_semicolons() {
        let sql = "SELECT [a;b] FROM t; SELECT 2";
        assert_eq!(
            sqls(sql, Flavor::Sqlite),
            ["SELECT [a;b] FROM t", "SELECT 2"]
        );
    }

    #[test]
    fn dollar_quoted_plpgsql_function_is_one_statement() {
        let function = "CREATE FUNCTION add_one(integer) RETURNS integer AS $$\nBEGIN\n    RETURN $1 + 1;\nEND;\n$$ LANGUAGE plpgsql";
        let tagged = "CREATE FUNCTION f() RETURNS text AS $body$\n  SELECT 'a;' || $$b;$$;\n$body$ LANGUAGE sql";
        let sql = format!("{function};\n{tagged};\nSELECT add_one(1);");
        assert_eq!(
            split(&sql, Flavor::Postgres),
            vec![
                stmt(function, 1),
                stmt(tagged, 6),
                stmt("SELECT add_one(1)", 9)
            ]
        );
    }

    #[test]
    fn positional_parameters_are_not_dollar_quotes() {
        let sql = "SELECT $1; SELECT $2, a$b$ FROM t; SELECT 3";
        assert_eq!(
            sqls(sql, Flavor::Postgres),
            ["SELECT $1", "SELECT $2, a$b$ FROM t", "SELECT 3"]
        );
    }

    #[test]
    fn postgres_block_comments_nest() {
        let sql = "/* outer /* inner; */ still comment; */ SELECT 1; SELECT /* a /* b */ ; */ 2;";
        assert_eq!(
            sqls(sql, Flavor::Postgres),
            ["SELECT 1", "SELECT /* a /* b */ ; */ 2"]
        );
    }

    #[test]
    fn mysql_and_sqlite_block_comments_do_not_nest() {
        let sql = "/* a /* b */ SELECT 1; SELECT 2;";
        for flavor in [Flavor::MySql, Flavor::Sqlite] {
            assert_eq!(sqls(sql, flavor), ["SELECT 1", "SELECT 2"]);
        }
        assert_eq!(sqls(sql, Flavor::Postgres), Vec::<String>::new());
    }

    #[test]
    fn double_dash_comments_hide_semicolons_and_are_kept_inside_statements() {
        let sql = "SELECT 1 -- not; the end\n, 2;\nSELECT 3; -- trailing; note\n";
        for flavor in ALL {
            assert_eq!(
                sqls(sql, flavor),
                ["SELECT 1 -- not; the end\n, 2", "SELECT 3"]
            );
        }
    }

    #[test]
    fn mysql_double_dash_needs_a_following_space() {
        assert_eq!(
            sqls("SELECT 5--3; SELECT 2;", Flavor::MySql),
            ["SELECT 5--3", "SELECT 2"]
        );
        assert_eq!(
            sqls("SELECT 5--3; SELECT 2;", Flavor::Postgres),
            ["SELECT 5--3; SELECT 2;"]
        );
        assert_eq!(sqls("SELECT 1 --\t;\n;", Flavor::MySql), ["SELECT 1 --\t;"]);
    }

    #[test]
    fn hash_comments_only_on_mysql() {
        let sql = "SELECT 1 # not; here\n; SELECT 2";
        assert_eq!(
            sqls(sql, Flavor::MySql),
            ["SELECT 1 # not; here", "SELECT 2"]
        );
        assert_eq!(
            sqls(sql, Flavor::Sqlite),
            ["SELECT 1 # not", "here", "SELECT 2"]
        );
    }

    #[test]
    fn mysql_executable_comment_is_a_statement() {
        let sql = "/*!40101 SET NAMES utf8mb4; */;\n/* plain */;\nSELECT 1;";
        assert_eq!(
            sqls(sql, Flavor::MySql),
            ["/*!40101 SET NAMES utf8mb4; */", "SELECT 1"]
        );
    }

    #[test]
    fn sqlite_trigger_with_case_inside_body_is_one_statement() {
        let trigger = "CREATE TRIGGER audit AFTER UPDATE ON accounts\nWHEN CASE WHEN new.balance < 0 THEN 1 ELSE 0 END = 1\nBEGIN\n  INSERT INTO log(msg) VALUES (CASE WHEN new.balance < -100 THEN 'bad; very' ELSE 'bad' END);\n  UPDATE accounts SET flag = CASE new.balance WHEN 0 THEN 'empty' END WHERE id = new.id;\n  SELECT RAISE(ABORT, 'stop; now') WHERE new.id IS NULL;\nEND";
        let sql = format!("{trigger};\nSELECT 1;");
        assert_eq!(
            split(&sql, Flavor::Sqlite),
            vec![stmt(trigger, 1), stmt("SELECT 1", 8)]
        );
    }

    #[test]
    fn sqlite_temp_trigger_keywords_are_case_insensitive() {
        let trigger = "create temp trigger if not exists t after insert on x begin\n  delete from y; insert into y values (1);\nend";
        let sql = format!("{trigger};\nSELECT 1");
        assert_eq!(sqls(&sql, Flavor::Sqlite), [trigger, "SELECT 1"]);
    }

    #[test]
    fn keywords_inside_strings_comments_and_quoted_identifiers_do_not_count() {
        let trigger = "CREATE TRIGGER t AFTER INSERT ON x BEGIN\n  INSERT INTO y VALUES ('END;'); -- END;\n  UPDATE y SET \"end\" = 1, [case] = `begin`, z = new.end;\nEND";
        let sql = format!("{trigger};\nSELECT 1;");
        assert_eq!(sqls(&sql, Flavor::Sqlite), [trigger, "SELECT 1"]);
    }

    #[test]
    fn transaction_begin_and_end_are_plain_statements() {
        let sql = "BEGIN; INSERT INTO t VALUES (1); END; BEGIN TRANSACTION; COMMIT;";
        for flavor in ALL {
            assert_eq!(
                sqls(sql, flavor),
                [
                    "BEGIN",
                    "INSERT INTO t VALUES (1)",
                    "END",
                    "BEGIN TRANSACTION",
                    "COMMIT"
                ]
            );
        }
    }

    #[test]
    fn mysql_procedure_with_if_and_nested_begin_is_one_statement() {
        let procedure = "CREATE PROCEDURE p(IN n INT)\nBEGIN\n  DECLARE i INT DEFAULT 0;\n  IF n > 0 THEN\n    SET i = n;\n  ELSEIF n < 0 THEN\n    SET i = -n;\n  ELSE\n    BEGIN\n      SELECT 'zero; really';\n    END;\n  END IF;\n  WHILE i > 0 DO\n    SET i = i - 1;\n  END WHILE;\n  SELECT IF(i = 0, 'done', 'not done');\nEND";
        let sql = format!("{procedure};\nCALL p(3);");
        assert_eq!(
            split(&sql, Flavor::MySql),
            vec![stmt(procedure, 1), stmt("CALL p(3)", 18)]
        );
    }

    #[test]
    fn mysql_case_statements_loops_and_functions_are_tracked() {
        let procedure = "CREATE DEFINER=`root`@`%` PROCEDURE q(IN x INT)\nBEGIN\n  CASE x\n    WHEN 1 THEN SELECT 'one';\n    ELSE BEGIN END;\n  END CASE;\n  lbl: LOOP\n    SET x = x + 1;\n    IF x > 10 THEN LEAVE lbl; END IF;\n  END LOOP lbl;\n  REPEAT SET x = x - 1; UNTIL x < 0 END REPEAT;\n  DROP TEMPORARY TABLE IF EXISTS tmp;\n  SET x = IF(x > 0, 1, CASE WHEN x THEN 2 ELSE 3 END);\n  SELECT REPEAT('ab', 2);\nEND";
        let sql = format!("{procedure};\nSELECT 2;");
        assert_eq!(sqls(&sql, Flavor::MySql), [procedure, "SELECT 2"]);
    }

    #[test]
    fn mysql_trigger_and_function_bodies_without_begin() {
        let sql = "CREATE TRIGGER a BEFORE INSERT ON x FOR EACH ROW SET NEW.v = 1;\nCREATE TRIGGER b BEFORE UPDATE ON x FOR EACH ROW IF NEW.v < 0 THEN SET NEW.v = 0; END IF;\nCREATE FUNCTION f(v INT) RETURNS INT DETERMINISTIC RETURN IF(v > 0, v, 0);\nCREATE TABLE event (id INT);";
        assert_eq!(
            sqls(sql, Flavor::MySql),
            [
                "CREATE TRIGGER a BEFORE INSERT ON x FOR EACH ROW SET NEW.v = 1",
                "CREATE TRIGGER b BEFORE UPDATE ON x FOR EACH ROW IF NEW.v < 0 THEN SET NEW.v = 0; END IF",
                "CREATE FUNCTION f(v INT) RETURNS INT DETERMINISTIC RETURN IF(v > 0, v, 0)",
                "CREATE TABLE event (id INT)",
            ]
        );
    }

    #[test]
    fn mariadb_begin_not_atomic_block_is_one_statement() {
        let block =
            "BEGIN NOT ATOMIC\n  DECLARE x INT;\n  IF x IS NULL THEN SET x = 1; END IF;\nEND";
        let sql = format!("{block};\nBEGIN;\nCOMMIT;");
        assert_eq!(sqls(&sql, Flavor::MySql), [block, "BEGIN", "COMMIT"]);
    }

    #[test]
    fn delimiter_lines_change_the_terminator() {
        let sql = "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1; SELECT 2;\nEND //\ndelimiter $$\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END$$\nSELECT 'a$$'; SELECT 3$$\nDELIMITER ;\nCALL p();\nSELECT 4;";
        assert_eq!(
            split(sql, Flavor::MySql),
            vec![
                stmt("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1; SELECT 2;\nEND", 2),
                stmt(
                    "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END",
                    7
                ),
                stmt("SELECT 'a$$'; SELECT 3", 8),
                stmt("CALL p()", 10),
                stmt("SELECT 4", 11),
            ]
        );
    }

    #[test]
    fn delimiter_line_ends_a_pending_statement() {
        let sql = "SELECT 1\nDELIMITER //\nSELECT 2 //";
        assert_eq!(
            split(sql, Flavor::MySql),
            vec![stmt("SELECT 1", 1), stmt("SELECT 2", 3)]
        );
    }

    #[test]
    fn delimiter_is_an_ordinary_word_outside_mysql() {
        let sql = "DELIMITER //\nSELECT 1;";
        assert_eq!(sqls(sql, Flavor::Postgres), ["DELIMITER //\nSELECT 1"]);
    }

    #[test]
    fn postgres_begin_atomic_function_is_one_statement() {
        let function = "CREATE OR REPLACE FUNCTION inc(a integer) RETURNS integer\nLANGUAGE SQL\nBEGIN ATOMIC\n  SELECT CASE WHEN a > 0 THEN a + 1 ELSE 0 END;\n  SELECT a;\nEND";
        let sql = format!("{function};\nSELECT inc(1);");
        assert_eq!(sqls(&sql, Flavor::Postgres), [function, "SELECT inc(1)"]);
    }

    #[test]
    fn postgres_semicolons_inside_parentheses_do_not_split() {
        let rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
        let sql = format!("{rule}; SELECT 1;");
        assert_eq!(sqls(&sql, Flavor::Postgres), [rule, "SELECT 1"]);
    }
}
