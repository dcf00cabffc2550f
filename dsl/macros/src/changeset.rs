//! `#[derive(Changeset)]`: the columns an UPDATE changes, a field per column, `None` for those it
//! leaves as they are.
//!
//! `#[dovetail(table = path::to::table_module)]` names the table; each field is an `Option` of
//! a value of its column (an `Option<Option<T>>` sets a nullable column to `NULL` with
//! `Some(None)`), and sets the column of its name or the one `#[dovetail(column = name)]` names.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Error, GenericArgument, PathArguments, Result, Type};

use crate::attrs::{FieldOptions, named_fields, table_path};
use crate::lists::cons_list;

/// Expands `#[derive(Changeset)]`.
pub fn expand(input: TokenStream) -> Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let fields = named_fields(&input, "Changeset")?;
    let table = table_path(&input, "Changeset")?;
    let mut columns = Vec::new();
    let mut assignments = Vec::new();
    for (field, name) in fields {
        let Some(column) = FieldOptions::of_write(field)?.column(name) else {
            continue;
        };
        let inner = option_inner(&field.ty).ok_or_else(|| {
            let message = "a Changeset field is an `Option`: `None` leaves its column as it is";
            Error::new_spanned(&field.ty, message)
        })?;
        let column = quote_spanned!(column.span()=> #table::#column);
        let lower = quote_spanned! {inner.span()=>
            ::dovetail::dsl::lower_value::<#column, #inner>(::std::clone::Clone::clone(value))
        };
        assignments.push(quote! {
            if let ::std::option::Option::Some(value) = &self.#name {
                out.push(::dovetail::ast::Assignment {
                    column: ::dovetail::ast::Name::Borrowed(
                        <#column as ::dovetail::dsl::Column>::NAME,
                    ),
                    value: #lower,
                });
            }
        });
        columns.push(column);
    }
    if columns.is_empty() {
        let message = "Changeset needs at least one field that is not skipped";
        return Err(Error::new_spanned(&input.ident, message));
    }
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let ident = &input.ident;
    let list = cons_list(&columns);
    Ok(quote! {
        impl #impl_generics ::dovetail::dsl::write::Assignments<
            ::dovetail::dsl::scope::Cons<#table::table, ::dovetail::dsl::scope::Nil>,
            (),
        > for #ident #type_generics
        #where_clause
        {
            type Columns = #list;

            fn lower(&self, out: &mut ::std::vec::Vec<::dovetail::ast::Assignment>) {
                #(#assignments)*
            }
        }
    })
}

/// `T` of a field typed `Option<T>`.
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
