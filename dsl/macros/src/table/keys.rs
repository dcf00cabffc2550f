//! A table's keys: primary key, unique keys, foreign keys and `ChildOf` links.
//!
//! Key types live in the submodules `unique` and `fk`, so their names never collide with
//! columns. The `ForeignKey` and `ChildOf` impls are emitted beside the table's module, where
//! `table!` is invoked, so that the parent's path means what it says there — also inside a
//! function body, whose items a nested module cannot reach through `super`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Ident, Path};

use super::{ForeignKeyDef, TableDef};
use crate::lists::cons_list;

/// `HasPrimaryKey`, when the table declares a primary key.
pub fn primary_key(def: &TableDef) -> TokenStream {
    let Some(key) = &def.primary_key else {
        return TokenStream::new();
    };
    let columns = &key.columns;
    let names = sql_names(def, columns);
    quote! {
        impl ::dovetail::dsl::HasPrimaryKey for table {
            type PrimaryKey = (#(#columns,)*);
            const PRIMARY_KEY: &'static [&'static str] = &[#(#names),*];
        }
    }
}

/// The primary key and the unique keys, each as a list of its columns, each set of columns
/// once (a unique key that repeats the primary key adds nothing an upsert could name).
pub fn key_lists(def: &TableDef) -> TokenStream {
    let primary = def.primary_key.iter();
    let unique = def.unique_keys.iter().map(|unique| &unique.key);
    let mut seen: Vec<Vec<String>> = Vec::new();
    let mut keys = Vec::new();
    for key in primary.chain(unique) {
        let mut set: Vec<String> = key.columns.iter().map(|c| c.unraw().to_string()).collect();
        set.sort();
        if seen.contains(&set) {
            continue;
        }
        seen.push(set);
        let columns: Vec<TokenStream> = key.columns.iter().map(|c| quote!(#c)).collect();
        keys.push(cons_list(&columns));
    }
    cons_list(&keys)
}

/// The `unique` module: a type and a `UniqueKey` impl per unique key.
pub fn unique_module(def: &TableDef) -> TokenStream {
    if def.unique_keys.is_empty() {
        return TokenStream::new();
    }
    let keys = def.unique_keys.iter().map(|unique| {
        let ident = &unique.ident;
        let doc = format!(" Unique key `({})`.", list(&unique.key.columns));
        let names = sql_names(def, &unique.key.columns);
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, Copy, Default)]
            pub struct #ident;

            impl ::dovetail::dsl::UniqueKey for #ident {
                type Table = super::table;
                const COLUMNS: &'static [&'static str] = &[#(#names),*];
            }
        }
    });
    quote! {
        /// The table's unique keys.
        pub mod unique {
            #(#keys)*
        }
    }
}

/// The `fk` module: a type per foreign key (its impls are [`foreign_key_impls`]).
pub fn foreign_key_module(def: &TableDef) -> TokenStream {
    if def.foreign_keys.is_empty() {
        return TokenStream::new();
    }
    let keys = def.foreign_keys.iter().map(|fk| {
        let ident = &fk.ident;
        let doc = format!(
            " Foreign key `({})` → `{} ({})`.",
            list(&fk.key.columns),
            path_string(&fk.parent),
            list(&fk.parent_columns),
        );
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, Copy, Default)]
            pub struct #ident;
        }
    });
    quote! {
        /// The table's foreign keys.
        pub mod fk {
            #(#keys)*
        }
    }
}

/// `ForeignKey` for each foreign key, and `ChildOf` for each parent, at the invocation site.
pub fn foreign_key_impls(def: &TableDef) -> TokenStream {
    let foreign_keys = def.foreign_keys.iter().map(|fk| foreign_key_impl(def, fk));
    let links = child_of_impls(def);
    quote!(#(#foreign_keys)* #links)
}

/// One `ForeignKey` impl; the parent's column names come from its column types.
fn foreign_key_impl(def: &TableDef, fk: &ForeignKeyDef) -> TokenStream {
    let (table, ident, parent) = (&def.ident, &fk.ident, &fk.parent);
    let child_names = sql_names(def, &fk.key.columns);
    let pairs = child_names.iter().zip(&fk.parent_columns).map(|(child, parent_column)| {
        quote!((#child, <#parent::#parent_column as ::dovetail::dsl::Column>::NAME))
    });
    let child_columns = &fk.key.columns;
    let parent_columns = &fk.parent_columns;
    quote! {
        impl ::dovetail::dsl::ForeignKey for #table::fk::#ident {
            type Child = #table::table;
            type Parent = #parent::table;
            type ChildColumns = (#(#table::#child_columns,)*);
            type ParentColumns = (#(#parent::#parent_columns,)*);
            const COLUMNS: &'static [(&'static str, &'static str)] = &[#(#pairs),*];
        }
    }
}

/// `ChildOf` once per parent (paths compared as written): the foreign key to it, or
/// `SeveralForeignKeys` when there are more.
fn child_of_impls(def: &TableDef) -> TokenStream {
    let mut parents: Vec<(String, &Path, Vec<&Ident>)> = Vec::new();
    for fk in &def.foreign_keys {
        let key = path_string(&fk.parent);
        match parents.iter_mut().find(|(seen, ..)| *seen == key) {
            Some((.., keys)) => keys.push(&fk.ident),
            None => parents.push((key, &fk.parent, vec![&fk.ident])),
        }
    }
    let table = &def.ident;
    let impls = parents.into_iter().map(|(_, parent, keys)| {
        let fk = match keys.as_slice() {
            [only] => quote!(#table::fk::#only),
            _ => quote!(::dovetail::dsl::SeveralForeignKeys),
        };
        quote! {
            impl ::dovetail::dsl::ChildOf<#parent::table> for #table::table {
                type Fk = #fk;
            }
        }
    });
    quote!(#(#impls)*)
}

/// The SQL names of `columns`, which the checks made sure are the table's.
fn sql_names<'a>(def: &'a TableDef, columns: &[Ident]) -> Vec<&'a str> {
    let column = |ident| def.column(ident).map(|column| column.sql_name.as_str());
    columns.iter().filter_map(column).collect()
}

/// `a, b`: Rust names, for docs.
fn list(idents: &[Ident]) -> String {
    let names: Vec<String> = idents.iter().map(Ident::to_string).collect();
    names.join(", ")
}

/// `crate::schema::artist`: a path as written, without the spaces of `to_string`.
fn path_string(path: &Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let leading = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    format!("{leading}{}", segments.join("::"))
}
