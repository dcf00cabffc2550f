//! Writes a table's module: the `table` type, `all_columns` and a type per column.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Attribute, Ident};

use super::{ColumnDef, TableDef, keys};
use crate::lists::{cons_list, nested_tuple};

/// The module of `def`, and the impls its foreign keys need outside it.
pub fn table(def: &TableDef) -> TokenStream {
    let ident = &def.ident;
    let docs = table_docs(def);
    let header = header(def);
    let writable = writable(def);
    let primary_key = keys::primary_key(def);
    let columns = def.columns.iter().map(column);
    let markers = column_markers(def);
    let full_paths = full_paths(def);
    let unique_keys = keys::unique_module(def);
    let foreign_keys = keys::foreign_key_module(def);
    let links = keys::foreign_key_impls(def);
    quote! {
        #docs
        #[allow(non_camel_case_types, non_upper_case_globals, unused_imports)]
        pub mod #ident {
            use super::*;
            use ::dovetail::dsl::sql_types::*;

            #header
            #writable
            #primary_key
            #(#columns)*
            #markers
            #full_paths
            #unique_keys
            #foreign_keys
        }
        #links
    }
}

/// The `table` type, its `Table` impl and `all_columns`.
fn header(def: &TableDef) -> TokenStream {
    let docs = table_docs(def);
    let name = &def.sql_name;
    let columns = def.columns.iter().map(|column| {
        let ident = &column.ident;
        quote!(#ident)
    });
    let all_columns = nested_tuple(columns.collect());
    let schema = def.schema.as_ref().map(|schema| {
        quote!(const SCHEMA: ::std::option::Option<&'static str> = ::std::option::Option::Some(#schema);)
    });
    let qualifier = crate::qualifier::id_type(name);
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, Default)]
        pub struct table;

        impl ::dovetail::dsl::Table for table {
            const NAME: &'static str = #name;
            #schema
            type Base = table;
            type AllColumns = #all_columns;
            type Qualifier = #qualifier;
        }

        /// Every column, in declaration order.
        pub const all_columns: #all_columns = #all_columns;
    }
}

/// `Writable` with each column's slot: what an INSERT or UPDATE may do with it (see
/// `dovetail::dsl::written`), for a table (not a view).
fn writable(def: &TableDef) -> TokenStream {
    if def.view {
        return TokenStream::new();
    }
    let slots: Vec<_> = def
        .columns
        .iter()
        .map(|column| {
            let ident = &column.ident;
            let flag = Ident::new(column.slot_flag(), Span::call_site());
            quote!(::dovetail::dsl::written::Slot<#ident, ::dovetail::dsl::written::#flag>)
        })
        .collect();
    let slots = cons_list(&slots);
    let keys = keys::key_lists(def);
    quote! {
        #[diagnostic::do_not_recommend]
        impl ::dovetail::dsl::Writable for table {
            type Slots = #slots;
            type Keys = #keys;
        }
    }
}

/// A column's type and value: `Col<columns::name>`, so that every expression impl is written
/// once in dovetail instead of once per column.
fn column(column: &ColumnDef) -> TokenStream {
    let ident = &column.ident;
    let docs = docs_or(&column.docs, &format!(" The `{}` column.", column.sql_name));
    quote! {
        #docs
        pub type #ident = ::dovetail::dsl::Col<columns::#ident>;
        #docs
        pub const #ident: #ident = ::dovetail::dsl::Col::new();
    }
}

/// The `columns` module: one marker type per column, carrying its SQL name and type.
fn column_markers(def: &TableDef) -> TokenStream {
    let markers = def.columns.iter().map(|column| {
        let ColumnDef {
            ident,
            sql_name,
            sql_type,
            ..
        } = column;
        let doc = format!(" What `{sql_name}` is.");
        let sole_key = def
            .primary_key
            .as_ref()
            .is_some_and(|key| key.columns.len() == 1 && key.columns[0] == *ident);
        // Grouping by a table's one-column primary key groups every column of the table.
        let grouped = match sole_key {
            true => quote!(::dovetail::dsl::grouping::GroupByKey<super::table>),
            false => quote! {
                ::dovetail::dsl::grouping::GroupBy<
                    ::dovetail::dsl::scope::Cons<::dovetail::dsl::Col<#ident>, ::dovetail::dsl::scope::Nil>,
                >
            },
        };
        quote! {
            #[doc = #doc]
            #[derive(Debug)]
            pub enum #ident {}

            impl ::dovetail::dsl::ColumnDef for #ident {
                type Table = super::table;
                type SqlType = #sql_type;
                const NAME: &'static str = #sql_name;
                type Grouped = #grouped;
            }
        }
    });
    quote! {
        /// The columns' marker types.
        pub mod columns {
            use super::*;

            #(#markers)*
        }
    }
}

/// A second type named like each column marker and like `table`, so that compile errors print
/// them with their paths (`shop::film::columns::title`, `shop::film::table`): the compiler
/// shortens a type to its bare name when no other visible item is named like it, which would
/// drop the table from a column's name. (Within the crate the column type aliases do this too;
/// these count where the schema is another crate's, and only while they are not hidden.)
fn full_paths(def: &TableDef) -> TokenStream {
    let names = def.columns.iter().map(|column| &column.ident);
    quote! {
        /// Nothing to use: types named like the columns, so that compile errors name each
        /// column with its table's path instead of its bare name. (Undocumented: their docs
        /// cost a schema's build more than they tell.)
        #[allow(missing_docs)]
        pub mod full_paths {
            pub enum table {}
            #(pub enum #names {})*
        }
    }
}

/// The table's doc comments, for its module and its `table` type.
fn table_docs(def: &TableDef) -> TokenStream {
    let kind = if def.view { "view" } else { "table" };
    docs_or(&def.docs, &format!(" The `{}` {kind}.", def.sql_name))
}

/// `docs`, or `fallback` when there are none (so `missing_docs` stays quiet).
fn docs_or(docs: &[Attribute], fallback: &str) -> TokenStream {
    if docs.is_empty() {
        quote!(#[doc = #fallback])
    } else {
        quote!(#(#docs)*)
    }
}
