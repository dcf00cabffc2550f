//! `embed_migrations!`: a migrations directory read at compile time into
//! `dovetail_migrations::Embedded`, each script through `include_str!` so that editing one
//! rebuilds the program.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

/// Expands `embed_migrations!("dir")` (default `"migrations"`), `dir` relative to the invoking
/// crate's `Cargo.toml`.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let (relative, span) = match input.is_empty() {
        true => ("migrations".to_owned(), Span::call_site()),
        false => {
            let literal: LitStr = syn::parse2(input)?;
            (literal.value(), literal.span())
        }
    };
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let dir = manifest_dir.join(&relative);
    let error = |message: String| syn::Error::new(span, message);
    let mut entries = Vec::new();
    for folder in sorted_entries(&dir).map_err(|e| {
        error(format!(
            "cannot read the migrations directory `{relative}` (relative to this crate's \
             Cargo.toml): {e}"
        ))
    })? {
        if !folder.is_dir() {
            continue;
        }
        let folder_name = file_name(&folder);
        let valid_name = folder_name.split_once('_').is_some_and(|(version, name)| {
            !version.is_empty() && !name.is_empty() && version.bytes().all(|b| b.is_ascii_digit())
        });
        if !valid_name {
            return Err(error(format!(
                "migration folder `{folder_name}` is not named `<version>_<name>` with a numeric version"
            )));
        }
        let scripts: Vec<PathBuf> = sorted_entries(&folder)
            .map_err(|e| {
                error(format!(
                    "cannot read `{relative}/{}`: {e}",
                    file_name(&folder)
                ))
            })?
            .into_iter()
            .filter(|file| is_script(&file_name(file)))
            .collect();
        if !scripts.iter().any(|file| file_name(file).starts_with("up")) {
            return Err(error(format!(
                "migration folder `{folder_name}` has no up.sql"
            )));
        }
        for script in scripts {
            let file = file_name(&script);
            let path = script.display().to_string();
            entries.push(quote! { (#folder_name, #file, ::core::include_str!(#path)) });
        }
    }
    Ok(quote! {
        ::dovetail_migrations::Embedded::new(&[#(#entries),*])
    })
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The scripts of a migration: `up*.sql` and `down*.sql`.
fn is_script(name: &str) -> bool {
    (name.starts_with("up") || name.starts_with("down")) && name.ends_with(".sql")
}
