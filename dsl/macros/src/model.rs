//! `#[derive(Model)]`: a struct bound to a table, a field per column.
//!
//! It reads as `#[derive(Queryable)]` does, and adds the `Model` impl (the table, the selected
//! columns, the typed query) and a `Field` impl per field, which relationships key rows on.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::{DeriveInput, Error, Result};

use crate::attrs::{FieldOptions, named_fields, table_path};
use crate::lists::nested_tuple;

/// Expands `#[derive(Model)]`.
pub fn expand(input: TokenStream) -> Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let fields = named_fields(&input, "Model")?;
    let table = table_path(&input, "Model")?;
    let mut columns = Vec::new();
    let mut field_impls = Vec::new();
    let mut version = None;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let ident = &input.ident;
    for (field, name) in &fields {
        let options = FieldOptions::of(field)?;
        if options.skip {
            let message = "a Model reads every field from its column: it cannot skip one";
            return Err(Error::new_spanned(field, message));
        }
        let column = options.column(name).expect("not skipped");
        let column = quote_spanned!(column.span()=> #table::#column);
        if options.version {
            if version.is_some() {
                let message = "a Model has at most one `version` column";
                return Err(Error::new_spanned(field, message));
            }
            version = Some(quote! {
                const VERSION: ::std::option::Option<&'static str> =
                    ::std::option::Option::Some(<#column as ::dovetail::dsl::Column>::NAME);

                fn version(&self) -> ::std::option::Option<::dovetail::value::Value> {
                    ::std::option::Option::Some(::dovetail::value::ToValue::to_value(&self.#name))
                }
            });
        }
        let ty = &field.ty;
        field_impls.push(quote! {
            impl #impl_generics ::dovetail::model::Field<#column> for #ident #type_generics
            #where_clause
            {
                type Value = #ty;

                fn field(&self) -> &#ty {
                    &self.#name
                }
            }
        });
        columns.push(column);
    }
    let queryable = crate::queryable::expand(input.to_token_stream())?;
    let selection = nested_tuple(columns.clone());
    let sql = nested_tuple(
        columns
            .iter()
            .map(|column| quote!(<#column as ::dovetail::dsl::Column>::SqlType))
            .collect(),
    );
    Ok(quote! {
        #queryable

        impl #impl_generics ::dovetail::model::Model for #ident #type_generics #where_clause {
            type Table = #table::table;
            type Selection = #selection;
            type Sql = #sql;

            #version

            fn query() -> ::dovetail::model::ModelQuery<Self> {
                ::dovetail::dsl::QueryDsl::select(
                    #table::table,
                    <Self::Selection as ::std::default::Default>::default(),
                )
            }
        }

        #(#field_impls)*

        // Each field reads its column: checked here, where the struct is declared, rather than
        // where it is first loaded.
        const _: fn() = || ::dovetail::model::readable::<#ident #type_generics>();
    })
}

#[cfg(test)]
mod tests;
