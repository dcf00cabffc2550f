//! The renderer's output buffer and its primitives: keywords, quoted names, placeholders.
//!
//! The walk writes either SQL text or the statement's [`ShapeKey`]: the same calls, recorded
//! as tokens instead of text, from which the text follows (see [`super::shapes`]).

use super::Rendered;
use super::dialect::{Dialect, IdentifierLimit, unsupported};
use super::shapes::ShapeKey;
use crate::ast::{Name, TableRef};
use crate::error::{Error, Result};
use crate::value::Value;

/// Accumulates SQL text, or its shape, and the parameters while the tree is walked.
pub(super) struct Writer<'d> {
    pub(super) dialect: &'d dyn Dialect,
    out: Output,
    params: Vec<Value>,
    /// Placeholders written so far (their parameters are in `params` unless not collected).
    placeholders: usize,
    collect_params: bool,
    /// In a select list, `GROUP BY` or `ORDER BY`, outside any comparison: where nothing
    /// around a parameter tells the server its type (see [`Dialect::untyped_param_type`]).
    pub(super) untyped_context: bool,
}

/// What the walk writes.
enum Output {
    Sql(String),
    Shape(ShapeKey),
}

impl<'d> Writer<'d> {
    /// A writer of SQL text.
    pub(super) fn new(dialect: &'d dyn Dialect) -> Self {
        Writer {
            dialect,
            out: Output::Sql(String::with_capacity(256)),
            params: Vec::new(),
            placeholders: 0,
            collect_params: true,
            untyped_context: false,
        }
    }

    /// A writer of SQL text that leaves the parameters out (a walk has collected them).
    pub(super) fn text_only(dialect: &'d dyn Dialect) -> Self {
        Writer {
            collect_params: false,
            ..Writer::new(dialect)
        }
    }

    /// A writer of the shape of the statement for the dialect known by `dialect_key`. It skips
    /// the identifier checks of the text writer: a shape is kept only after its text was
    /// written, its names checked.
    pub(super) fn shape(dialect: &'d dyn Dialect, dialect_key: [u32; 4]) -> Self {
        Writer {
            dialect,
            out: Output::Shape(ShapeKey::new(dialect_key)),
            params: Vec::new(),
            placeholders: 0,
            collect_params: true,
            untyped_context: false,
        }
    }

    pub(super) fn finish(self) -> Rendered {
        let sql = match self.out {
            Output::Sql(sql) => sql,
            Output::Shape(_) => unreachable!("a shape writer is finished with finish_shape"),
        };
        Rendered {
            sql,
            params: self.params,
        }
    }

    /// Whether this writer records a statement's shape rather than writing its text.
    pub(super) fn records_shape(&self) -> bool {
        matches!(self.out, Output::Shape(_))
    }

    /// The shape written and the parameters collected.
    pub(super) fn finish_shape(self) -> (ShapeKey, Vec<Value>) {
        match self.out {
            Output::Shape(shape) => (shape, self.params),
            Output::Sql(_) => unreachable!("a text writer is finished with finish"),
        }
    }

    /// Appends fixed SQL text (keywords, punctuation): never user data.
    pub(super) fn push(&mut self, text: &'static str) {
        match &mut self.out {
            Output::Sql(sql) => sql.push_str(text),
            Output::Shape(shape) => shape.fixed(text),
        }
    }

    /// Appends SQL text decided at run time but never taken from user data (a validated
    /// function name, a dialect's type name).
    pub(super) fn push_text(&mut self, text: &str) {
        match &mut self.out {
            Output::Sql(sql) => sql.push_str(text),
            Output::Shape(shape) => shape.text(text),
        }
    }

    /// Appends a placeholder and records `value` as its parameter; where nothing around it
    /// types it, as `CAST(placeholder AS type)` if the dialect needs that.
    pub(super) fn param(&mut self, value: &Value) {
        let cast = match self.untyped_context {
            true => self.dialect.untyped_param_type(value),
            false => None,
        };
        if cast.is_some() {
            self.push("CAST(");
        }
        self.placeholders += 1;
        if self.collect_params {
            self.params.push(value.clone());
        }
        match &mut self.out {
            Output::Sql(sql) => self.dialect.write_placeholder(sql, self.placeholders),
            Output::Shape(shape) => shape.param(),
        }
        if let Some(ty) = cast {
            self.push(" AS ");
            self.push(ty);
            self.push(")");
        }
    }

    /// Appends a placeholder whose parameter the caller binds itself (see
    /// [`ValuesRows::Bound`](super::write::ValuesRows)).
    pub(super) fn placeholder(&mut self) {
        self.placeholders += 1;
        match &mut self.out {
            Output::Sql(sql) => self.dialect.write_placeholder(sql, self.placeholders),
            Output::Shape(shape) => shape.param(),
        }
    }

    /// Records `rows` rows of `width` placeholders in a shape, as two numbers.
    pub(super) fn bound_rows_shape(&mut self, width: usize, rows: usize) {
        self.placeholders += width * rows;
        if let Output::Shape(shape) = &mut self.out {
            shape.bound_rows(width, rows);
        }
    }

    /// Runs `body` with [`Writer::untyped_context`] set to `untyped`, restoring it after.
    pub(super) fn in_context<T>(
        &mut self,
        untyped: bool,
        body: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let outer = std::mem::replace(&mut self.untyped_context, untyped);
        let result = body(self);
        self.untyped_context = outer;
        result
    }

    /// Appends the quoted identifier `name`; a name fixed in the program is recorded in a
    /// shape by address rather than by its text.
    pub(super) fn name(&mut self, name: &Name) -> Result<()> {
        match (&mut self.out, name) {
            (Output::Shape(shape), Name::Borrowed(fixed)) => {
                shape.fixed_name(fixed);
                Ok(())
            }
            _ => self.ident(name),
        }
    }

    /// Appends `ident` quoted for the dialect, doubling any embedded quote character.
    pub(super) fn ident(&mut self, ident: &str) -> Result<()> {
        let sql = match &mut self.out {
            Output::Sql(sql) => sql,
            Output::Shape(shape) => {
                shape.name(ident);
                return Ok(());
            }
        };
        check_identifier(self.dialect, ident)?;
        let quote = self.dialect.identifier_quote();
        sql.reserve(ident.len() + 2);
        sql.push(quote);
        if ident.contains(quote) {
            for c in ident.chars() {
                if c == quote {
                    sql.push(quote);
                }
                sql.push(c);
            }
        } else {
            sql.push_str(ident);
        }
        sql.push(quote);
        Ok(())
    }

    /// Appends `"schema"."name"` (without the alias).
    pub(super) fn table_name(&mut self, table: &TableRef) -> Result<()> {
        if let Some(schema) = &table.schema {
            self.name(schema)?;
            self.push(".");
        }
        self.name(&table.name)
    }

    /// Appends `"schema"."name" AS "alias"`.
    pub(super) fn table_ref(&mut self, table: &TableRef) -> Result<()> {
        self.table_name(table)?;
        if let Some(alias) = &table.alias {
            self.push(" AS ");
            self.name(alias)?;
        }
        Ok(())
    }

    /// Appends ` AS "alias"` when there is one.
    pub(super) fn alias(&mut self, alias: Option<&str>) -> Result<()> {
        match alias {
            Some(alias) => {
                self.push(" AS ");
                self.ident(alias)
            }
            None => Ok(()),
        }
    }

    /// Appends a string literal of one character (the `ESCAPE` of `LIKE`), escaped for the
    /// dialect. Only fixed, validated characters reach this; user values are parameters.
    pub(super) fn char_literal(&mut self, c: char) -> Result<()> {
        if c == '\0' {
            return Err(Error::InvalidStatement(
                "the LIKE escape character cannot be NUL".into(),
            ));
        }
        let sql = match &mut self.out {
            Output::Sql(sql) => sql,
            Output::Shape(shape) => {
                shape.char(c);
                return Ok(());
            }
        };
        sql.push('\'');
        match c {
            '\'' => sql.push_str("''"),
            '\\' if self.dialect.backslash_escapes_in_strings() => sql.push_str("\\\\"),
            c => sql.push(c),
        }
        sql.push('\'');
        Ok(())
    }

    /// Appends a string literal of program text (a separator the library's caller wrote),
    /// escaped for the dialect. User values are parameters.
    pub(super) fn string_literal(&mut self, text: &str) {
        let mut literal = String::with_capacity(text.len() + 2);
        literal.push('\'');
        for c in text.chars() {
            match c {
                '\'' => literal.push_str("''"),
                '\\' if self.dialect.backslash_escapes_in_strings() => literal.push_str("\\\\"),
                c => literal.push(c),
            }
        }
        literal.push('\'');
        self.push_text(&literal);
    }

    /// Appends a number that is part of the statement's shape (a window frame offset).
    pub(super) fn number(&mut self, n: u64) {
        match &mut self.out {
            Output::Sql(sql) => sql.push_str(&n.to_string()),
            Output::Shape(shape) => shape.number(n),
        }
    }

    /// Writes `items` separated by `, `, each with `write`.
    pub(super) fn comma_separated<T>(
        &mut self,
        items: &[T],
        mut write: impl FnMut(&mut Self, &T) -> Result<()>,
    ) -> Result<()> {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            write(self, item)?;
        }
        Ok(())
    }

    /// The error for a construct this dialect lacks.
    pub(super) fn unsupported(&self, construct: &str) -> Error {
        unsupported(self.dialect, construct)
    }
}

/// Refuses an identifier the dialect cannot quote or would truncate.
fn check_identifier(dialect: &dyn Dialect, ident: &str) -> Result<()> {
    let invalid = |reason: String| Error::InvalidIdentifier {
        ident: ident.to_owned(),
        reason,
    };
    if ident.is_empty() {
        return Err(invalid("identifiers cannot be empty".into()));
    }
    if ident.contains('\0') {
        return Err(invalid("identifiers cannot contain NUL".into()));
    }
    let too_long = match dialect.max_identifier_length() {
        Some(IdentifierLimit::Bytes(max)) => (ident.len() > max).then_some((max, "bytes")),
        // Fewer bytes than the limit means fewer characters too: count only long names.
        Some(IdentifierLimit::Chars(max)) => {
            (ident.len() > max && ident.chars().count() > max).then_some((max, "characters"))
        }
        None => None,
    };
    match too_long {
        Some((max, unit)) => Err(invalid(format!(
            "{} allows at most {max} {unit}",
            dialect.name()
        ))),
        None => Ok(()),
    }
}
