//! `table!`: tables and views as modules of types.
//!
//! [`parse`] reads the definitions, [`check`] rejects what cannot be emitted, [`emit`] writes
//! each table's module and [`keys`] its keys.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::{Attribute, Ident, Path, Type};

mod check;
mod emit;
mod keys;
mod parse;

#[cfg(test)]
mod tests;

/// Expands a `table!` invocation.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let schema: Schema = syn::parse2(input)?;
    check::schema(&schema)?;
    Ok(schema.tables.iter().map(emit::table).collect())
}

/// Everything one invocation declares.
struct Schema {
    tables: Vec<TableDef>,
}

/// One table or view.
struct TableDef {
    /// Its doc comments.
    docs: Vec<Attribute>,
    /// Whether it is a view: read-only, without keys.
    view: bool,
    /// The module's name.
    ident: Ident,
    /// The schema it lives in, when it is not the connection's default.
    schema: Option<String>,
    /// The name the database knows it by.
    sql_name: String,
    columns: Vec<ColumnDef>,
    primary_key: Option<Key>,
    foreign_keys: Vec<ForeignKeyDef>,
    unique_keys: Vec<UniqueDef>,
}

/// One column.
struct ColumnDef {
    docs: Vec<Attribute>,
    ident: Ident,
    sql_name: String,
    /// The SQL type, as written.
    sql_type: Type,
    flags: Vec<Flag>,
}

/// What a column flag says: each one means an INSERT need not set the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    /// `default`: the server has a default.
    Default,
    /// `identity`: auto-increment.
    Identity,
    /// `generated`: computed, never written.
    Generated,
}

/// A list of columns after a keyword: a primary key, or a key's child side.
struct Key {
    /// The keyword (`primary_key`, `foreign_key`, `unique`), for errors.
    keyword: Ident,
    columns: Vec<Ident>,
}

/// `foreign_key name (columns) references parent (parent_columns);`
struct ForeignKeyDef {
    ident: Ident,
    key: Key,
    /// The parent table's module, resolved where `table!` is invoked.
    parent: Path,
    parent_columns: Vec<Ident>,
}

/// `unique name (columns);`
struct UniqueDef {
    ident: Ident,
    key: Key,
}

impl TableDef {
    /// The column named `ident`, if any.
    fn column(&self, ident: &Ident) -> Option<&ColumnDef> {
        let name = ident.unraw();
        self.columns
            .iter()
            .find(|column| column.ident.unraw() == name)
    }
}

impl ColumnDef {
    /// Whether it accepts `NULL`: its type's last path segment is `Nullable`.
    fn is_nullable(&self) -> bool {
        match &self.sql_type {
            Type::Path(path) => path
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "Nullable"),
            _ => false,
        }
    }

    /// Whether an INSERT must set it: `NOT NULL` and without a flag.
    fn is_required(&self) -> bool {
        self.flags.is_empty() && !self.is_nullable()
    }
}
