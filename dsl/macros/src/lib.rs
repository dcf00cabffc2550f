//! Procedural macros of dovetail: [`table!`], `#[derive(Queryable)]`, `#[derive(Insertable)]`
//! and `embed_migrations!`.
//!
//! Use them through the `dovetail` crate (and `embed_migrations!` through
//! `dovetail-migrations`), which re-export them; the code they emit names everything by
//! absolute `::dovetail::…` (`::dovetail_migrations::…`) paths.

use proc_macro::TokenStream;

mod embed;
mod insertable;
mod lists;
mod queryable;
mod table;

#[cfg(test)]
mod testing;

/// Declares tables and views: a module per table, with a type per column.
///
/// ```text
/// table! {
///     /// Albums of a recording artist.
///     album ("Album") {
///         /// The key.
///         album_id ("AlbumId"): Integer [identity],
///         title ("Title"): Text,
///         artist_id ("ArtistId"): Integer,
///         released: Nullable<Date> [default],
///         total: Numeric [generated],
///     }
///     primary_key (album_id);
///     foreign_key artist (artist_id) references artist (artist_id);
///     unique title_key (title);
///
///     view album_summary ("AlbumSummary") { title: Text, tracks: BigInt }
/// }
/// ```
///
/// The SQL name in parentheses defaults to the Rust name (without `r#`). Column flags:
/// `default` (the server fills it in), `identity` (auto-increment) and `generated` (computed).
/// A column is nullable when its type is `Nullable<_>`. Foreign keys' parent tables are paths
/// to table modules, resolved where `table!` is invoked. A view is read-only and has no keys.
#[proc_macro]
pub fn table(input: TokenStream) -> TokenStream {
    emit(table::expand(input.into()))
}

/// Reads a struct from a selection: its fields, in order, from the selected columns.
///
/// The impl is `FromRow<(__S0, __S1, …)>`, one SQL type per field, nested in chunks of 12
/// past 12 fields like `all_columns`: a struct of every column of a table reads
/// `table::all_columns`.
#[proc_macro_derive(Queryable)]
pub fn derive_queryable(input: TokenStream) -> TokenStream {
    emit(queryable::expand(input.into()))
}

/// Makes a struct one row of an INSERT into a table:
/// `#[dovetail(table = path::to::table_module)]`.
///
/// Each field sets the column of its name; `#[dovetail(column = other)]` names another
/// column and `#[dovetail(skip)]` leaves the field out.
#[proc_macro_derive(Insertable, attributes(dovetail))]
pub fn derive_insertable(input: TokenStream) -> TokenStream {
    emit(insertable::expand(input.into()))
}

/// Embeds a migrations directory into the program at compile time:
/// `embed_migrations!("path/to/migrations")`, the path relative to the crate's `Cargo.toml`
/// (default `migrations`). Expands to a `dovetail_migrations::Embedded`.
///
/// Each script is included with `include_str!`, so editing one rebuilds the program; Rust
/// cannot watch a directory, so after *adding* a migration folder have the crate rebuilt (a
/// `build.rs` printing `cargo:rerun-if-changed=migrations` does it for you).
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    emit(embed::expand(input.into()))
}

/// The expansion, or the error as a `compile_error!` at its span.
fn emit(expansion: syn::Result<proc_macro2::TokenStream>) -> TokenStream {
    expansion
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
