//! `#[derive(Insertable)]`: a struct as one row of an INSERT, a field per column.
//!
//! `#[dovetail(table = path::to::table_module)]` names the table; each field sets the column
//! of its name, or the one `#[dovetail(column = name)]` names, unless `#[dovetail(skip)]`.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Error, Ident, Path, Result, Type};

use crate::attrs::{FieldOptions, StructOptions, named_fields, struct_options};

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
    let StructOptions { table, model } = struct_options(&input, "Insertable", true)?;
    let mut inserted = Vec::new();
    for (field, ident) in fields {
        if let Some(column) = FieldOptions::of_write(field)?.column(ident) {
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
    let writes = model.map(|model| model_writes(&input, &table, &model));
    let values = emit(&input, &table, &inserted);
    Ok(quote!(#values #writes))
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

/// `insert` and `insert_many`, which read the inserted rows back as `model`.
fn model_writes(input: &DeriveInput, table: &Path, model: &Path) -> TokenStream {
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let ident = &input.ident;
    let doc_one = format!(
        " Inserts the row and returns it as the table holds it, defaults and generated values \
         included (`INSERT … RETURNING`), as a `{}`.",
        model.to_token_stream().to_string().replace(' ', "")
    );
    quote! {
        impl #impl_generics #ident #type_generics #where_clause {
            #[doc = #doc_one]
            pub fn insert<C>(self, conn: &mut C) -> ::dovetail::Result<#model>
            where
                C: ::dovetail::Connection + ?::std::marker::Sized,
            {
                let mut rows = Self::insert_many([self], conn)?;
                rows.pop().ok_or(::dovetail::Error::NotFound)
            }

            /// Inserts the rows (in batches within the dialect's parameter limit, all or none)
            /// and returns them as the table holds them, in the same order: with
            /// `INSERT … RETURNING`, or where the dialect has none (MySQL) one by one, each
            /// read back by its key (from the row, else the auto-increment key).
            pub fn insert_many<C>(
                rows: impl ::std::iter::IntoIterator<Item = Self>,
                conn: &mut C,
            ) -> ::dovetail::Result<::std::vec::Vec<#model>>
            where
                C: ::dovetail::Connection + ?::std::marker::Sized,
            {
                let rows: ::std::vec::Vec<Self> = rows.into_iter().collect();
                if rows.is_empty() {
                    return ::std::result::Result::Ok(::std::vec::Vec::new());
                }
                let dialect = ::dovetail::Connection::dialect(conn);
                if !dialect.supports_returning(::dovetail::render::WriteKind::Insert) {
                    // No `INSERT … RETURNING` (MySQL): row by row, each read back by its key.
                    return ::dovetail::model::insert_reading_back::<#model, Self, _, C>(
                        conn,
                        rows,
                        |row| ::dovetail::dsl::insert_into(#table::table).values(row),
                    );
                }
                let selection =
                    <<#model as ::dovetail::model::Model>::Selection as ::std::default::Default>::default();
                ::dovetail::dsl::WriteStatement::load(
                    &::dovetail::dsl::insert_into(#table::table)
                        .values_many(rows)
                        .returning(selection),
                    conn,
                )
            }
        }
    }
}

#[cfg(test)]
mod tests;
