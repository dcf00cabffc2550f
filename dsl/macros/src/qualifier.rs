//! The name a query gives a table, as a type: a 64-bit FNV-1a hash of it in hex digits,
//! `Hex<H3, Hex<HA, … End>>`, so that the DSL can prove two tables of a FROM clause are named
//! apart (`dovetail::dsl::scope::NamedApart`) at the cost of comparing a digit or two.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Ident, LitStr};

/// Expands `qualifier_id!("name")`.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let name: LitStr = syn::parse2(input)?;
    Ok(id_type(&name.value()))
}

/// The type standing for `name`.
pub fn id_type(name: &str) -> TokenStream {
    let hash = fnv1a(name.as_bytes());
    let digits = (0..16).rev().map(|shift| {
        let digit = (hash >> (shift * 4)) & 0xf;
        Ident::new(&format!("H{digit:X}"), Span::call_site())
    });
    digits.rev().fold(
        quote!(::dovetail::dsl::scope::End),
        |rest, digit| quote!(::dovetail::dsl::scope::Hex<::dovetail::dsl::scope::#digit, #rest>),
    )
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_get_sixteen_digits_and_differ() {
        let film = id_type("film").to_string();
        assert_eq!(film.matches("Hex <").count(), 16);
        assert_ne!(film, id_type("actor").to_string());
        assert_eq!(film, id_type("film").to_string());
    }

    #[test]
    fn hash_is_fnv1a() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
