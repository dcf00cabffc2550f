//! `#[derive(Queryable)]`: reads a struct from the cells of a selection, field by field.
//!
//! The impl (of `Columns2<__S0, __S1>` for two fields, which gives `FromRow<(__S0, __S1)>`) is
//! generic over the selection's SQL types (nested like `all_columns` past 12), and each
//! field's type must read its own: `String: FromRow<__S1>`, spanned at the field so a
//! mismatch points there.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Error, Fields, GenericParam, Generics, Ident, Result, TypeParam};

use crate::lists::nested_items;

/// Expands `#[derive(Queryable)]`.
pub fn expand(input: TokenStream) -> Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let fields = struct_fields(&input)?;
    if let Some(lifetime) = input.generics.lifetimes().next() {
        let message = "Queryable does not support lifetime parameters: it reads owned values";
        return Err(Error::new_spanned(lifetime, message));
    }
    let params: Vec<Ident> = (0..fields.len()).map(|i| format_ident!("__S{i}")).collect();
    let sql_types = nested_items(params.iter().map(|param| quote!(#param)).collect());
    let columns = format_ident!("Columns{}", sql_types.len());
    let generics = impl_generics(&input.generics, fields, &params);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let (_, type_generics, _) = input.generics.split_for_impl();
    let (ident, body) = (&input.ident, construct(fields, &params));
    Ok(quote! {
        impl #impl_generics ::dovetail::dsl::selection::#columns<#(#sql_types),*>
            for #ident #type_generics
        #where_clause
        {
            fn read_columns(
                cursor: &mut ::dovetail::dsl::RowCursor<'_>,
            ) -> ::dovetail::Result<Self> {
                ::std::result::Result::Ok(#body)
            }
        }
    })
}

/// The fields of a struct with at least one.
fn struct_fields(input: &DeriveInput) -> Result<&Fields> {
    match &input.data {
        Data::Struct(data) if data.fields.is_empty() => Err(Error::new_spanned(
            &input.ident,
            "Queryable needs at least one field",
        )),
        Data::Struct(data) => Ok(&data.fields),
        Data::Enum(data) => Err(Error::new(data.enum_token.span, "Queryable needs a struct")),
        Data::Union(data) => Err(Error::new(
            data.union_token.span,
            "Queryable needs a struct",
        )),
    }
}

/// The struct's generics plus a SQL-type parameter per field, each bound at its field.
fn impl_generics(generics: &Generics, fields: &Fields, params: &[Ident]) -> Generics {
    let mut generics = generics.clone();
    let new_params = params
        .iter()
        .map(|param| GenericParam::Type(TypeParam::from(param.clone())));
    generics.params.extend(new_params);
    let where_clause = generics.make_where_clause();
    for (field, param) in fields.iter().zip(params) {
        let ty = &field.ty;
        where_clause
            .predicates
            .push(syn::parse_quote_spanned! {ty.span()=>
                #ty: ::dovetail::dsl::FromRow<#param>
            });
    }
    generics
}

/// `Self { a: <A as FromRow<__S0>>::from_row(cursor)?, … }` (or `Self(…)`), in field order.
fn construct(fields: &Fields, params: &[Ident]) -> TokenStream {
    let reads = fields.iter().zip(params).map(|(field, param)| {
        let ty = &field.ty;
        let read = quote_spanned!(ty.span()=> <#ty as ::dovetail::dsl::FromRow<#param>>::from_row);
        match &field.ident {
            Some(ident) => quote!(#ident: #read(cursor)?),
            None => quote!(#read(cursor)?),
        }
    });
    match fields {
        Fields::Named(_) => quote!(Self { #(#reads),* }),
        _ => quote!(Self(#(#reads),*)),
    }
}

#[cfg(test)]
mod tests;
