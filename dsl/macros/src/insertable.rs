//! `#[derive(Insertable)]`: a struct as one row of an INSERT, a field per column.
//!
//! `#[dovetail(table = path::to::table_module)]` names the table; each field sets the column
//! of its name, or the one `#[dovetail(column = name)]` names, unless `#[dovetail(skip)]`.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Error, Field, Fields, Ident, Path, Result, Type};

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
    let fields = named_fields(&input)?;
    let table = table_path(&input)?;
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

/// The fields of a struct with named fields, each with its name.
fn named_fields(input: &DeriveInput) -> Result<Vec<(&Field, &Ident)>> {
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Ok(fields
                .named
                .iter()
                .filter_map(|f| Some((f, f.ident.as_ref()?)))
                .collect()),
            _ => Err(Error::new_spanned(
                &input.ident,
                "Insertable needs a struct with named fields",
            )),
        },
        Data::Enum(data) => Err(Error::new(
            data.enum_token.span,
            "Insertable needs a struct",
        )),
        Data::Union(data) => Err(Error::new(
            data.union_token.span,
            "Insertable needs a struct",
        )),
    }
}

/// The table module of `#[dovetail(table = …)]`.
fn table_path(input: &DeriveInput) -> Result<Path> {
    let mut table = None;
    for attr in dovetail_attrs(&input.attrs) {
        attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("table") {
                return Err(unknown_key(&meta, "`table = path::to::table_module`"));
            }
            if table.is_some() {
                return Err(meta.error("duplicate `table`"));
            }
            table = Some(meta.value()?.call(Path::parse_mod_style)?);
            Ok(())
        })?;
    }
    let message = "Insertable needs `#[dovetail(table = path::to::table_module)]`";
    table.ok_or_else(|| Error::new_spanned(&input.ident, message))
}

/// What a field's `#[dovetail(…)]` attributes say.
#[derive(Default)]
struct FieldOptions {
    /// `column = name`.
    column: Option<Ident>,
    /// `skip`.
    skip: bool,
}

impl FieldOptions {
    /// Reads the attributes of `field`.
    fn of(field: &Field) -> Result<Self> {
        let mut options = FieldOptions::default();
        for attr in dovetail_attrs(&field.attrs) {
            attr.parse_nested_meta(|meta| options.read(&meta))?;
        }
        if options.skip && options.column.is_some() {
            let message = "a skipped field sets no column: drop `column` or `skip`";
            return Err(Error::new_spanned(field, message));
        }
        Ok(options)
    }

    /// Reads one `key` or `key = value`.
    fn read(&mut self, meta: &ParseNestedMeta<'_>) -> Result<()> {
        if meta.path.is_ident("skip") {
            self.skip = true;
        } else if meta.path.is_ident("column") {
            if self.column.is_some() {
                return Err(meta.error("duplicate `column`"));
            }
            self.column = Some(meta.value()?.parse()?);
        } else {
            return Err(unknown_key(meta, "`column = name` or `skip`"));
        }
        Ok(())
    }

    /// The column the field named `field` sets: `None` when skipped.
    fn column(self, field: &Ident) -> Option<Ident> {
        match self {
            FieldOptions { skip: true, .. } => None,
            FieldOptions { column, .. } => Some(column.unwrap_or_else(|| field.clone())),
        }
    }
}

/// The `#[dovetail(…)]` attributes among `attrs`.
fn dovetail_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("dovetail"))
}

/// An unknown key of `#[dovetail(…)]`, at the key.
fn unknown_key(meta: &ParseNestedMeta<'_>, expected: &str) -> Error {
    let key = meta.path.to_token_stream().to_string().replace(' ', "");
    meta.error(format!(
        "unknown `dovetail` attribute `{key}`; expected {expected}"
    ))
}

#[cfg(test)]
mod tests;
