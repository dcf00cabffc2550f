//! Rejects definitions that parse but mean nothing: each error is spanned at the culprit.

use std::collections::HashSet;

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Error, Ident, Result};

use super::{ForeignKeyDef, Key, Schema, TableDef};

/// Rust names `table!` gives items of its own in each table's module.
const RESERVED: [&str; 6] = [
    "table",
    "all_columns",
    "columns",
    "fk",
    "unique",
    "full_paths",
];

/// Checks every definition of the invocation.
pub fn schema(schema: &Schema) -> Result<()> {
    distinct(
        "table",
        schema.tables.iter().map(|table| named(&table.ident)),
    )?;
    schema.tables.iter().try_for_each(table)
}

/// Checks one table or view.
fn table(table: &TableDef) -> Result<()> {
    columns(table)?;
    if table.view {
        view_has_no_keys(table)?;
    }
    if let Some(key) = &table.primary_key {
        key_columns(table, key)?;
    }
    distinct(
        "foreign key",
        table.foreign_keys.iter().map(|fk| named(&fk.ident)),
    )?;
    table
        .foreign_keys
        .iter()
        .try_for_each(|fk| foreign_key(table, fk))?;
    distinct(
        "unique key",
        table.unique_keys.iter().map(|unique| named(&unique.ident)),
    )?;
    table
        .unique_keys
        .iter()
        .try_for_each(|unique| key_columns(table, &unique.key))
}

/// A foreign key's columns are the table's, as many as the parent columns it references.
fn foreign_key(table: &TableDef, fk: &ForeignKeyDef) -> Result<()> {
    key_columns(table, &fk.key)?;
    let (child, parent) = (fk.key.columns.len(), fk.parent_columns.len());
    if child != parent {
        let message = format!(
            "foreign key `{}` has {child} column(s) but references {parent}",
            fk.ident
        );
        return Err(Error::new(fk.ident.span(), message));
    }
    Ok(())
}

/// At least one column, none named like a generated item, no name twice.
fn columns(table: &TableDef) -> Result<()> {
    if table.columns.is_empty() {
        let message = format!("`{}` needs at least one column", table.ident);
        return Err(Error::new(table.ident.span(), message));
    }
    for column in &table.columns {
        let name = column.ident.unraw().to_string();
        if RESERVED.contains(&name.as_str()) {
            let message = format!(
                "table! names an item of its own `{name}`: give the column another Rust name, \
                 such as `{name}_ (\"{}\")`",
                column.sql_name
            );
            return Err(Error::new(column.ident.span(), message));
        }
    }
    distinct(
        "column",
        table.columns.iter().map(|column| named(&column.ident)),
    )?;
    let sql_names = table
        .columns
        .iter()
        .map(|column| (column.sql_name.clone(), column.ident.span()));
    distinct("SQL column name", sql_names)
}

/// A view is read-only: no primary, foreign or unique key.
fn view_has_no_keys(table: &TableDef) -> Result<()> {
    let primary = table.primary_key.iter();
    let foreign = table.foreign_keys.iter().map(|fk| &fk.key);
    let unique = table.unique_keys.iter().map(|unique| &unique.key);
    match primary.chain(foreign).chain(unique).next() {
        Some(key) => Err(Error::new(
            key.keyword.span(),
            format!("a view cannot declare `{}`", key.keyword),
        )),
        None => Ok(()),
    }
}

/// A key names at least one column, each a column of `table`, none twice.
fn key_columns(table: &TableDef, key: &Key) -> Result<()> {
    if key.columns.is_empty() {
        return Err(Error::new(
            key.keyword.span(),
            "a key needs at least one column",
        ));
    }
    if let Some(unknown) = key
        .columns
        .iter()
        .find(|column| table.column(column).is_none())
    {
        let message = format!("`{}` has no column `{unknown}`", table.ident);
        return Err(Error::new(unknown.span(), message));
    }
    distinct("key column", key.columns.iter().map(named))
}

/// A name to compare: `r#type` and `type` are one identifier.
fn named(ident: &Ident) -> (String, Span) {
    (ident.unraw().to_string(), ident.span())
}

/// Errors at the second occurrence of a name.
fn distinct(what: &str, names: impl IntoIterator<Item = (String, Span)>) -> Result<()> {
    let mut seen = HashSet::new();
    for (name, span) in names {
        if !seen.insert(name.clone()) {
            return Err(Error::new(span, format!("duplicate {what} `{name}`")));
        }
    }
    Ok(())
}
