//! The renderer's output buffer and its primitives: keywords, quoted names, placeholders.

use super::Rendered;
use super::dialect::{Dialect, IdentifierLimit, unsupported};
use crate::ast::TableRef;
use crate::error::{Error, Result};
use crate::value::Value;

/// Accumulates SQL text and parameters while the tree is walked.
pub(super) struct Writer<'d> {
    pub(super) dialect: &'d dyn Dialect,
    sql: String,
    params: Vec<Value>,
}

impl<'d> Writer<'d> {
    pub(super) fn new(dialect: &'d dyn Dialect) -> Self {
        Writer {
            dialect,
            sql: String::with_capacity(256),
            params: Vec::new(),
        }
    }

    pub(super) fn finish(self) -> Rendered {
        Rendered {
            sql: self.sql,
            params: self.params,
        }
    }

    /// Appends fixed SQL text (keywords, punctuation): never user data.
    pub(super) fn push(&mut self, text: &str) {
        self.sql.push_str(text);
    }

    /// Appends a placeholder and records `value` as its parameter.
    pub(super) fn param(&mut self, value: &Value) {
        self.params.push(value.clone());
        self.dialect
            .write_placeholder(&mut self.sql, self.params.len());
    }

    /// Appends `ident` quoted for the dialect, doubling any embedded quote character.
    pub(super) fn ident(&mut self, ident: &str) -> Result<()> {
        self.check_identifier(ident)?;
        let quote = self.dialect.identifier_quote();
        self.sql.reserve(ident.len() + 2);
        self.sql.push(quote);
        if ident.contains(quote) {
            for c in ident.chars() {
                if c == quote {
                    self.sql.push(quote);
                }
                self.sql.push(c);
            }
        } else {
            self.sql.push_str(ident);
        }
        self.sql.push(quote);
        Ok(())
    }

    /// Appends `"schema"."name"` (without the alias).
    pub(super) fn table_name(&mut self, table: &TableRef) -> Result<()> {
        if let Some(schema) = &table.schema {
            self.ident(schema)?;
            self.push(".");
        }
        self.ident(&table.name)
    }

    /// Appends `"schema"."name" AS "alias"`.
    pub(super) fn table_ref(&mut self, table: &TableRef) -> Result<()> {
        self.table_name(table)?;
        self.alias(table.alias.as_deref())
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
        self.sql.push('\'');
        match c {
            '\'' => self.sql.push_str("''"),
            '\\' if self.dialect.backslash_escapes_in_strings() => self.sql.push_str("\\\\"),
            c => self.sql.push(c),
        }
        self.sql.push('\'');
        Ok(())
    }

    /// Appends a number that is part of the statement's shape (a window frame offset).
    pub(super) fn number(&mut self, n: u64) {
        self.sql.push_str(&n.to_string());
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

    fn check_identifier(&self, ident: &str) -> Result<()> {
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
        let too_long = match self.dialect.max_identifier_length() {
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
                self.dialect.name()
            ))),
            None => Ok(()),
        }
    }
}
