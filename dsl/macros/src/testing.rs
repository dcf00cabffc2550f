//! Helpers of the unit tests: expansions as formatted Rust, errors with what they point at.

use proc_macro2::TokenStream;

/// What the tests expand with: one of the macros' `expand`.
pub type Expand = fn(TokenStream) -> syn::Result<TokenStream>;

/// Tokens of `source`, each spanned at its place in it.
fn tokens(source: &str) -> TokenStream {
    source
        .parse()
        .unwrap_or_else(|error| panic!("test input does not lex: {error}"))
}

/// The expansion of `source`, formatted.
pub fn pretty(expand: Expand, source: &str) -> String {
    let expansion =
        expand(tokens(source)).unwrap_or_else(|error| panic!("expansion failed: {error}"));
    let file: syn::File =
        syn::parse2(expansion).unwrap_or_else(|error| panic!("the expansion is not Rust: {error}"));
    prettyplease::unparse(&file)
}

/// The error `source` expands to: `message @ source text it points at`.
pub fn error(expand: Expand, source: &str) -> String {
    match expand(tokens(source)) {
        Ok(expansion) => panic!("expected an error, got: {expansion}"),
        Err(error) => format!(
            "{error} @ {}",
            error.span().source_text().unwrap_or_default()
        ),
    }
}
