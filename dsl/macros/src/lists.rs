//! Shapes shared by the macros: nested tuples and type-level lists.

use proc_macro2::TokenStream;
use quote::quote;

/// The longest tuple emitted: the standard library implements `Default` (which
/// `Table::AllColumns` needs) and `Debug` for tuples of at most 12 elements.
const MAX_TUPLE: usize = 12;

/// A tuple of `items`, nested in chunks of [`MAX_TUPLE`] when there are more:
/// `((c0, …, c11), (c12, …))`, and again if there are more chunks than that.
///
/// `table!` shapes `all_columns` with it and `#[derive(Queryable)]` its SQL-type parameter,
/// so a struct with a field per column reads `all_columns`.
pub fn nested_tuple(items: Vec<TokenStream>) -> TokenStream {
    flat_tuple(&nested_items(items))
}

/// The elements of [`nested_tuple`]`(items)`: `items` themselves up to twelve, else tuples of
/// twelve (nested again past 144).
pub fn nested_items(items: Vec<TokenStream>) -> Vec<TokenStream> {
    if items.len() <= MAX_TUPLE {
        return items;
    }
    nested_items(items.chunks(MAX_TUPLE).map(flat_tuple).collect())
}

/// `(a, b, …)`, with a trailing comma so that one item still makes a tuple.
fn flat_tuple(items: &[TokenStream]) -> TokenStream {
    quote!((#(#items,)*))
}

/// The type-level list `Cons<a, Cons<b, Nil>>` of `items`.
pub fn cons_list(items: &[TokenStream]) -> TokenStream {
    items.iter().rev().fold(
        quote!(::dovetail::dsl::scope::Nil),
        |tail, head| quote!(::dovetail::dsl::scope::Cons<#head, #tail>),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(count: usize) -> Vec<TokenStream> {
        (0..count)
            .map(|i| quote::format_ident!("c{i}"))
            .map(|c| quote!(#c))
            .collect()
    }

    #[test]
    fn one_item_is_a_one_tuple() {
        assert_eq!(nested_tuple(idents(1)).to_string(), "(c0 ,)");
    }

    #[test]
    fn twelve_items_stay_flat() {
        let tuple = nested_tuple(idents(12)).to_string();
        assert!(!tuple[1..].contains('('), "{tuple}");
    }

    #[test]
    fn more_than_144_items_nest_twice() {
        let tuple = nested_tuple(idents(145)).to_string();
        assert!(tuple.starts_with("(((c0 , c1 ,"), "{tuple}");
        assert!(tuple.ends_with("((c144 ,) ,) ,)"), "{tuple}");
    }

    #[test]
    fn empty_cons_list_is_nil() {
        assert_eq!(
            cons_list(&[]).to_string(),
            ":: dovetail :: dsl :: scope :: Nil"
        );
    }
}
