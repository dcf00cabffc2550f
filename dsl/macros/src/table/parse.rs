//! Reads `table!` input: the grammar, and nothing it means.
//!
//! ```text
//! schema      = definition+
//! definition  = doc* "view"? IDENT table_name? "{" column ("," column)* ","? "}" key*
//! column      = doc* IDENT sql_name? ":" TYPE ("[" flag ("," flag)* ","? "]")?
//! table_name  = "(" (STRING ".")? STRING ")"
//! sql_name    = "(" STRING ")"
//! flag        = "default" | "identity" | "identity" "always" | "generated"
//! key         = "primary_key" columns ";"
//!             | "foreign_key" IDENT columns "references" PATH columns ";"
//!             | "unique" IDENT columns ";"
//! columns     = "(" IDENT ("," IDENT)* ","? ")"
//! ```
//!
//! `view`, `primary_key`, `foreign_key` and `unique` are keywords only where a table name
//! could not follow them, so a table may still be called `view`.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::token::{Bracket, Paren};
use syn::{Attribute, Error, Ident, LitStr, Path, Result, Token};

use super::{ColumnDef, Flag, ForeignKeyDef, Key, Schema, TableDef, UniqueDef};

mod kw {
    syn::custom_keyword!(view);
    syn::custom_keyword!(primary_key);
    syn::custom_keyword!(foreign_key);
    syn::custom_keyword!(unique);
    syn::custom_keyword!(references);
}

impl Parse for Schema {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let mut tables = Vec::new();
        while !input.is_empty() {
            tables.push(input.parse()?);
        }
        if tables.is_empty() {
            return Err(Error::new(
                Span::call_site(),
                "table! needs at least one table or view",
            ));
        }
        Ok(Schema { tables })
    }
}

impl Parse for TableDef {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let docs = docs(input)?;
        let view = input.peek(kw::view) && input.peek2(Ident);
        if view {
            input.parse::<kw::view>()?;
        }
        let ident: Ident = input.parse()?;
        let (schema, sql_name) = table_name(input, &ident)?;
        let content;
        syn::braced!(content in input);
        let columns = Punctuated::<ColumnDef, Token![,]>::parse_terminated(&content)?;
        let mut table = TableDef {
            docs,
            view,
            ident,
            schema,
            sql_name,
            columns: columns.into_iter().collect(),
            primary_key: None,
            foreign_keys: Vec::new(),
            unique_keys: Vec::new(),
        };
        keys(input, &mut table)?;
        Ok(table)
    }
}

/// The keys after a table's columns, until something else starts.
fn keys(input: ParseStream<'_>, table: &mut TableDef) -> Result<()> {
    loop {
        if peek_primary_key(input) {
            let key = input.call(primary_key)?;
            if table.primary_key.is_some() {
                let message = format!("`{}` already has a primary key", table.ident);
                return Err(Error::new(key.keyword.span(), message));
            }
            table.primary_key = Some(key);
        } else if input.peek(kw::foreign_key) && input.peek2(Ident) {
            table.foreign_keys.push(input.parse()?);
        } else if input.peek(kw::unique) && input.peek2(Ident) {
            table.unique_keys.push(input.parse()?);
        } else {
            return Ok(());
        }
    }
}

/// Whether a primary key starts here: `primary_key (` not followed by a string, which would
/// make it a table named `primary_key` with a SQL name.
fn peek_primary_key(input: ParseStream<'_>) -> bool {
    let starts_key = |stream: ParseStream<'_>| -> Result<bool> {
        stream.parse::<kw::primary_key>()?;
        let content;
        syn::parenthesized!(content in stream);
        Ok(!content.peek(LitStr))
    };
    starts_key(&input.fork()).unwrap_or(false)
}

/// `primary_key (columns);`
fn primary_key(input: ParseStream<'_>) -> Result<Key> {
    let keyword = input.parse()?;
    let columns = column_list(input)?;
    input.parse::<Token![;]>()?;
    Ok(Key { keyword, columns })
}

impl Parse for ForeignKeyDef {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let keyword = input.parse()?;
        let ident = input.parse()?;
        let columns = column_list(input)?;
        input.parse::<kw::references>()?;
        let parent = input.call(Path::parse_mod_style)?;
        let parent_columns = column_list(input)?;
        input.parse::<Token![;]>()?;
        let key = Key { keyword, columns };
        Ok(ForeignKeyDef {
            ident,
            key,
            parent,
            parent_columns,
        })
    }
}

impl Parse for UniqueDef {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let keyword = input.parse()?;
        let ident = input.parse()?;
        let columns = column_list(input)?;
        input.parse::<Token![;]>()?;
        Ok(UniqueDef {
            ident,
            key: Key { keyword, columns },
        })
    }
}

impl Parse for ColumnDef {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let docs = docs(input)?;
        let ident: Ident = input.parse()?;
        let sql_name = sql_name(input, &ident)?;
        input.parse::<Token![:]>()?;
        let sql_type = input.parse()?;
        let flags = if input.peek(Bracket) {
            flags(input)?
        } else {
            Vec::new()
        };
        Ok(ColumnDef {
            docs,
            ident,
            sql_name,
            sql_type,
            flags,
        })
    }
}

/// `[flag, …]`, each flag at most once, and at most one kind of identity.
fn flags(input: ParseStream<'_>) -> Result<Vec<Flag>> {
    let content;
    syn::bracketed!(content in input);
    let mut flags = Vec::new();
    for (ident, flag) in Punctuated::<FlagSpelling, Token![,]>::parse_terminated(&content)?
        .into_iter()
        .map(|spelling| (spelling.ident, spelling.flag))
    {
        let identities = [Flag::Identity, Flag::IdentityAlways];
        if flags.contains(&flag) {
            let message = format!("duplicate column flag `{ident}`");
            return Err(Error::new(ident.span(), message));
        }
        if identities.contains(&flag) && flags.iter().any(|seen| identities.contains(seen)) {
            let message = "a column is `identity` or `identity always`, not both";
            return Err(Error::new(ident.span(), message));
        }
        flags.push(flag);
    }
    Ok(flags)
}

/// One flag as written: `identity always` is two words.
struct FlagSpelling {
    /// Its first word, for errors.
    ident: Ident,
    flag: Flag,
}

impl Parse for FlagSpelling {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let ident: Ident = input.parse()?;
        let flag = match ident.to_string().as_str() {
            "default" => Flag::Default,
            "identity" if input.peek(Ident) => {
                let always: Ident = input.parse()?;
                if always != "always" {
                    let message = format!("unknown identity `{always}`; expected `always`");
                    return Err(Error::new(always.span(), message));
                }
                Flag::IdentityAlways
            }
            "identity" => Flag::Identity,
            "generated" => Flag::Generated,
            _ => {
                let message = format!(
                    "unknown column flag `{ident}`; expected `default`, `identity`, \
                     `identity always` or `generated`"
                );
                return Err(Error::new(ident.span(), message));
            }
        };
        Ok(FlagSpelling { ident, flag })
    }
}

/// `("name")` or `("schema"."name")`, or else the Rust name without `r#`.
fn table_name(input: ParseStream<'_>, ident: &Ident) -> Result<(Option<String>, String)> {
    if !input.peek(Paren) {
        return Ok((None, ident.unraw().to_string()));
    }
    let content;
    syn::parenthesized!(content in input);
    let first: LitStr = content.parse()?;
    let (schema, name) = match content.parse::<Option<Token![.]>>()? {
        Some(_) => (Some(first), content.parse::<LitStr>()?),
        None => (None, first),
    };
    for part in schema.iter().chain([&name]) {
        if part.value().is_empty() {
            return Err(Error::new(part.span(), "a SQL name cannot be empty"));
        }
    }
    Ok((schema.map(|s| s.value()), name.value()))
}

/// `("SQL name")`, or else the Rust name without `r#`.
fn sql_name(input: ParseStream<'_>, ident: &Ident) -> Result<String> {
    if !input.peek(Paren) {
        return Ok(ident.unraw().to_string());
    }
    let content;
    syn::parenthesized!(content in input);
    let name: LitStr = content.parse()?;
    if name.value().is_empty() {
        return Err(Error::new(name.span(), "a SQL name cannot be empty"));
    }
    Ok(name.value())
}

/// `(a, b, …)`: column names.
fn column_list(input: ParseStream<'_>) -> Result<Vec<Ident>> {
    let content;
    syn::parenthesized!(content in input);
    let columns = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
    Ok(columns.into_iter().collect())
}

/// Doc comments; any other attribute is an error.
fn docs(input: ParseStream<'_>) -> Result<Vec<Attribute>> {
    let attrs = input.call(Attribute::parse_outer)?;
    match attrs.iter().find(|attr| !attr.path().is_ident("doc")) {
        Some(attr) => Err(Error::new_spanned(
            attr,
            "only doc comments are allowed here",
        )),
        None => Ok(attrs),
    }
}
