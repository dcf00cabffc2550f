//! The `#[dovetail(…)]` attributes the derives share: the table of a struct, the column of a
//! field.

use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Data, DeriveInput, Error, Field, Fields, Ident, Path, Result};

/// The fields of a struct with named fields, each with its name.
pub fn named_fields<'a>(
    input: &'a DeriveInput,
    derive: &str,
) -> Result<Vec<(&'a Field, &'a Ident)>> {
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Ok(fields
                .named
                .iter()
                .filter_map(|f| Some((f, f.ident.as_ref()?)))
                .collect()),
            _ => Err(Error::new_spanned(
                &input.ident,
                format!("{derive} needs a struct with named fields"),
            )),
        },
        Data::Enum(data) => Err(Error::new(
            data.enum_token.span,
            format!("{derive} needs a struct"),
        )),
        Data::Union(data) => Err(Error::new(
            data.union_token.span,
            format!("{derive} needs a struct"),
        )),
    }
}

/// The table module of `#[dovetail(table = …)]`.
pub fn table_path(input: &DeriveInput, derive: &str) -> Result<Path> {
    Ok(struct_options(input, derive, false)?.table)
}

/// What a struct's `#[dovetail(…)]` attributes say.
pub struct StructOptions {
    /// `table = path::to::table_module`.
    pub table: Path,
    /// `model = Model` (an INSERT's row only): the model the inserted row reads back as.
    pub model: Option<Path>,
}

/// The struct's `#[dovetail(table = …, model = …)]`; `model` only where `allow_model`.
pub fn struct_options(
    input: &DeriveInput,
    derive: &str,
    allow_model: bool,
) -> Result<StructOptions> {
    let (mut table, mut model) = (None, None);
    let expected = match allow_model {
        true => "`table = path::to::table_module` or `model = Model`",
        false => "`table = path::to::table_module`",
    };
    for attr in dovetail_attrs(&input.attrs) {
        attr.parse_nested_meta(|meta| {
            let (key, slot) = match () {
                _ if meta.path.is_ident("table") => ("table", &mut table),
                _ if meta.path.is_ident("model") && allow_model => ("model", &mut model),
                _ => return Err(unknown_key(&meta, expected)),
            };
            if slot.is_some() {
                return Err(meta.error(format!("duplicate `{key}`")));
            }
            *slot = Some(meta.value()?.call(Path::parse_mod_style)?);
            Ok(())
        })?;
    }
    let message = format!("{derive} needs `#[dovetail(table = path::to::table_module)]`");
    let table = table.ok_or_else(|| Error::new_spanned(&input.ident, message))?;
    Ok(StructOptions { table, model })
}

/// What a field's `#[dovetail(…)]` attributes say.
#[derive(Default)]
pub struct FieldOptions {
    /// `column = name`.
    pub column: Option<Ident>,
    /// `skip`.
    pub skip: bool,
    /// `version` (models only): the column optimistic locking checks.
    pub version: bool,
}

impl FieldOptions {
    /// Reads the attributes of a field of a write (an INSERT's row, a change set).
    pub fn of_write(field: &Field) -> Result<Self> {
        Self::read_all(field, false)
    }

    /// Reads the attributes of a model's field, which may mark the version column.
    pub fn of(field: &Field) -> Result<Self> {
        Self::read_all(field, true)
    }

    fn read_all(field: &Field, version_allowed: bool) -> Result<Self> {
        let mut options = FieldOptions::default();
        for attr in dovetail_attrs(&field.attrs) {
            attr.parse_nested_meta(|meta| options.read(&meta, version_allowed))?;
        }
        if options.skip && options.column.is_some() {
            let message = "a skipped field sets no column: drop `column` or `skip`";
            return Err(Error::new_spanned(field, message));
        }
        Ok(options)
    }

    /// Reads one `key` or `key = value`.
    fn read(&mut self, meta: &ParseNestedMeta<'_>, version_allowed: bool) -> Result<()> {
        if meta.path.is_ident("skip") {
            self.skip = true;
        } else if meta.path.is_ident("version") && version_allowed {
            self.version = true;
        } else if meta.path.is_ident("column") {
            if self.column.is_some() {
                return Err(meta.error("duplicate `column`"));
            }
            self.column = Some(meta.value()?.parse()?);
        } else {
            let expected = match version_allowed {
                true => "`column = name`, `skip` or `version`",
                false => "`column = name` or `skip`",
            };
            return Err(unknown_key(meta, expected));
        }
        Ok(())
    }

    /// The column the field named `field` sets: `None` when skipped.
    pub fn column(&self, field: &Ident) -> Option<Ident> {
        match self {
            FieldOptions { skip: true, .. } => None,
            FieldOptions { column, .. } => Some(column.clone().unwrap_or_else(|| field.clone())),
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
