//! `#[derive(Insertable)]`: a struct as one row of an INSERT, a field per column.
//!
//! `#[dovetail(table = path::to::table_module)]` names the table; each field sets the column
//! of its name, or the one `#[dovetail(column = name)]` names, unless `#[dovetail(skip)]`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Error, Ident, Path, Result, Type};

use crate::attrs::{FieldOptions, named_fields, table_path};

use crate::lists::cons_list;

/// A field that sets a column.
struct Inserted<'a> {
    field: &'a Ident,
    ty: &'a Type,
    /// `table::column`, its last segment spanned at the field (or at `column = …`).
    column: TokenStream,
}

/// Expands `#[derive(Insertable)]`.
pub fn expand(input: TokenStream) -> Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let fields = named_fields(&input, "Insertable")?;
    let table = table_path(&input, "Insertable")?;
    let mut inserted = Vec::new();
    for (field, ident) in fields {
        if let Some(column) = FieldOptions::of(field)?.column(ident) {
            inserted.push(Inserted {
                field: ident,
                ty: &field.ty,
                column: quote!(#table::#column),
            });
        }
    }
    if inserted.is_empty() {
        let message = "Insertable needs at least one field that is not skipped";
        return Err(Error::new_spanned(&input.ident, message));
    }
    Ok(emit(&input, &table, &inserted))
}

/// The `InsertValues` impl.
fn emit(input: &DeriveInput, table: &Path, inserted: &[Inserted<'_>]) -> TokenStream {
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let ident = &input.ident;
    let paths: Vec<TokenStream> = inserted.iter().map(|field| field.column.clone()).collect();
    let columns = cons_list(&paths);
    let bindings = inserted.iter().map(|field| field.field);
    let values = inserted.iter().map(|Inserted { field, ty, column }| {
        quote_spanned!(ty.span()=> ::dovetail::dsl::lower_value::<#column, _>(#field))
    });
    quote! {
        impl #impl_generics ::dovetail::dsl::InsertValues<#table::table> for #ident #type_generics
        #where_clause
        {
            type Columns = #columns;

            fn column_names() -> ::std::vec::Vec<&'static str> {
                ::std::vec::Vec::from([#(<#paths as ::dovetail::dsl::Column>::NAME),*])
            }

            fn push_values(self, out: &mut ::std::vec::Vec<::dovetail::ast::Expr>) {
                let Self { #(#bindings,)* .. } = self;
                out.extend([#(#values),*]);
            }
        }
    }
}

#[cfg(test)]
mod tests;
