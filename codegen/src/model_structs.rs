//! Writes the models (`--models`): a `#[derive(Model)]` struct for each table with a primary
//! key, a field per written column, and its relationships along the written foreign keys, as
//! associated constants; beside it `New…`, the row an INSERT writes (without the columns the
//! server fills in), and `…Changes`, the change set an update writes.
//!
//! - A foreign key gives its table a many-to-one relationship, named after its columns without
//!   `_id` (`album_id` → `Track::album`), and the referenced table a one-to-many (`Album::tracks`)
//!   or, when the key's columns are the table's primary or a unique key, a one-to-one
//!   (`Artist::profile`). Several foreign keys from one table to another, or to itself, name
//!   the one-to-many after each key as well (`Employee::employees_by_reports_to`).
//! - A link table (its primary key made of the columns of its two foreign keys) gives each side
//!   a many-to-many relationship to the other (`Playlist::tracks`, `Track::playlists`); its own
//!   model keeps the link's other columns (`OrderLine::quantity`).
//!
//! Names are unique within each model and never those of the `Model` trait's own items.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::emit::{
    DSL_TYPES, PRELUDE_TYPES, WrittenForeignKey, column_names, enum_names, module_names, qualified,
    rust_type, written_foreign_keys,
};
use crate::model::{Column, Identity, Schema, Table, TableKind};
use crate::naming::{UniqueNames, camel_ident, snake_ident};

/// The `Model` trait's items and the relationships' own methods, which an inherent constant of
/// the same name would hide.
const MODEL_ITEMS: &[&str] = &[
    "query",
    "find",
    "find_many",
    "reload",
    "delete",
    "update",
    "version",
    "insert",
    "with",
];

/// The widest table that gets a `New…` row: an INSERT's column checks recurse once per
/// column of the table, and past this many they would pass the compiler's default recursion
/// limit in the user's crate. Rows of wider tables are written with a narrower
/// `#[derive(Insertable)]` of the user's own.
const MAX_NEW_ROW_COLUMNS: usize = 64;

/// A table that gets a model.
struct Modelled<'a> {
    table: &'a Table,
    module: String,
    model: String,
    columns: BTreeMap<String, String>,
    foreign_keys: Vec<WrittenForeignKey<'a>>,
}

/// The models of `schema` and how many: structs first, then each model's relationships. They
/// never take a name the file's enums, the DSL's types or Rust's prelude have.
pub fn models_rs(schema: &Schema) -> (String, usize) {
    let modules = module_names(schema);
    let enums = enum_names(schema);
    let mut type_names = UniqueNames::default();
    let fixed = DSL_TYPES.iter().chain(PRELUDE_TYPES).copied();
    for taken in enums.values().map(String::as_str).chain(fixed) {
        type_names.claim_camel(taken.to_owned());
    }
    let mut modelled = Vec::new();
    for table in &schema.tables {
        let columns = column_names(table);
        let has_key = !table.primary_key.is_empty()
            && table.primary_key.iter().all(|c| columns.contains_key(c));
        if table.kind != TableKind::Table || !has_key {
            continue;
        }
        let module = modules[&qualified(table.schema.as_deref(), &table.name)].clone();
        let mut fk_names = UniqueNames::default();
        let foreign_keys = written_foreign_keys(
            table,
            &columns,
            &modules,
            schema,
            &mut fk_names,
            &mut Vec::new(),
        );
        modelled.push(Modelled {
            table,
            model: type_names.claim_camel(camel_ident(module.trim_start_matches("r#"))),
            module,
            columns,
            foreign_keys,
        });
    }
    let mut out = String::new();
    for model in &modelled {
        out.push('\n');
        out.push_str(&struct_block(model, &enums));
        let new_row = type_names.claim_camel(format!("New{}", model.model));
        out.push_str(&new_row_block(model, &enums, &new_row));
        let changes = type_names.claim_camel(format!("{}Changes", model.model));
        out.push_str(&changes_block(model, &enums, &changes));
    }
    let relationships = relationships(&modelled);
    for model in &modelled {
        let Some(consts) = relationships.get(&model.module).filter(|c| !c.is_empty()) else {
            continue;
        };
        let _ = write!(
            out,
            "\n/// The relationships of [`{0}`].\n#[allow(non_upper_case_globals)]\nimpl {0} {{\n",
            model.model
        );
        for line in consts {
            out.push_str(line);
        }
        out.push_str("}\n");
    }
    (out, modelled.len())
}

/// `#[derive(Model)] pub struct …`: every written column.
fn struct_block(model: &Modelled<'_>, enums: &BTreeMap<String, String>) -> String {
    let mut out = format!(
        "/// A row of `{}`.\n#[derive(::dovetail::Model, Debug, Clone, PartialEq)]\n#[dovetail(table = {})]\npub struct {} {{\n",
        table_text(model),
        model.module,
        model.model
    );
    for (ident, ty) in fields(model, enums, |_| true) {
        let _ = writeln!(out, "    pub {ident}: {ty},");
    }
    out.push_str("}\n");
    out
}

/// `#[derive(Insertable)] pub struct New…`: the columns an INSERT sets, leaving out those the
/// server fills in (identities, defaults, generated columns); nothing when that is all of them,
/// or when the table is wider than [`MAX_NEW_ROW_COLUMNS`].
fn new_row_block(model: &Modelled<'_>, enums: &BTreeMap<String, String>, name: &str) -> String {
    let set = fields(model, enums, |c| {
        !c.generated && c.identity.is_none() && c.default.is_none()
    });
    if set.is_empty() || model.table.columns.len() > MAX_NEW_ROW_COLUMNS {
        return String::new();
    }
    let mut out = format!(
        "\n/// A new row of `{}`: the columns an INSERT sets; `insert` returns the row as written.\n#[derive(::dovetail::Insertable, Debug, Clone, PartialEq)]\n#[dovetail(table = {}, model = {})]\npub struct {name} {{\n",
        table_text(model),
        model.module,
        model.model
    );
    for (ident, ty) in set {
        let _ = writeln!(out, "    pub {ident}: {ty},");
    }
    out.push_str("}\n");
    out
}

/// `#[derive(Changeset)] pub struct …Changes`: the columns an update may change (not the
/// primary key, not generated ones), each `None` by default, which leaves it as it is.
fn changes_block(model: &Modelled<'_>, enums: &BTreeMap<String, String>, name: &str) -> String {
    let key = &model.table.primary_key;
    let changed = fields(model, enums, |c| {
        !c.generated && c.identity != Some(Identity::Always) && !key.contains(&c.name)
    });
    if changed.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n/// A change to a row of `{}`: `None` leaves a column as it is.\n#[derive(::dovetail::Changeset, Debug, Clone, Default, PartialEq)]\n#[dovetail(table = {})]\npub struct {name} {{\n",
        table_text(model),
        model.module
    );
    for (ident, ty) in changed {
        let _ = writeln!(out, "    pub {ident}: ::std::option::Option<{ty}>,");
    }
    out.push_str("}\n");
    out
}

/// The table's SQL name, for a doc comment.
fn table_text(model: &Modelled<'_>) -> String {
    model.table.name.replace('`', "'")
}

/// The Rust name and field type of each written column that `keep` keeps.
fn fields(
    model: &Modelled<'_>,
    enums: &BTreeMap<String, String>,
    keep: impl Fn(&Column) -> bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for column in model.table.columns.iter().filter(|c| keep(c)) {
        let Some(ident) = model.columns.get(&column.name) else {
            continue;
        };
        let Some(ty) = rust_type(&column.sql_type, enums).and_then(|ty| field_type(&ty)) else {
            continue;
        };
        let ty = match column.nullable {
            true => format!("::std::option::Option<{ty}>"),
            false => ty,
        };
        out.push((ident.clone(), ty));
    }
    out
}

/// The Rust type a field of the DSL type `dsl` reads into (an enum reads into itself).
fn field_type(dsl: &str) -> Option<String> {
    if let Some(element) = dsl.strip_prefix("Array<").and_then(|d| d.strip_suffix('>')) {
        return Some(format!("::std::vec::Vec<{}>", field_type(element)?));
    }
    let rust = match dsl {
        "Bool" => "bool",
        "TinyInt" => "i8",
        "SmallInt" => "i16",
        "Integer" => "i32",
        "BigInt" => "i64",
        "UnsignedTinyInt" => "u8",
        "UnsignedSmallInt" => "u16",
        "UnsignedInt" => "u32",
        "UnsignedBigInt" => "u64",
        "Real" => "f32",
        "Double" => "f64",
        "Numeric" => "::dovetail::rust_decimal::Decimal",
        "Text" => "::std::string::String",
        "Blob" => "::std::vec::Vec<u8>",
        "Date" => "::dovetail::chrono::NaiveDate",
        "Time" => "::dovetail::chrono::NaiveTime",
        "Timestamp" => "::dovetail::chrono::NaiveDateTime",
        "Timestamptz" => "::dovetail::chrono::DateTime<::dovetail::chrono::Utc>",
        "Uuid" => "::dovetail::uuid::Uuid",
        "Json" => "::dovetail::serde_json::Value",
        enum_name => return Some(enum_name.to_owned()),
    };
    Some(rust.to_owned())
}

/// Each model's relationship constants, by table module.
fn relationships(modelled: &[Modelled<'_>]) -> BTreeMap<String, Vec<String>> {
    let by_module: BTreeMap<&str, &Modelled<'_>> =
        modelled.iter().map(|m| (m.module.as_str(), m)).collect();
    let mut declared = Vec::new();
    for child in modelled {
        for fk in &child.foreign_keys {
            if let Some(parent) = by_module.get(fk.parent_module.as_str()) {
                declared.extend(foreign_key_relationships(child, fk, parent));
            }
        }
        if let Some(keys) = link_keys(child) {
            declared.extend(many_to_many(child, keys, &by_module));
        }
    }
    let mut names: BTreeMap<&str, UniqueNames> = BTreeMap::new();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for Declared { module, wanted, ty } in declared {
        let taken = names.entry(module).or_insert_with(|| {
            let mut taken = UniqueNames::default();
            for item in MODEL_ITEMS {
                taken.claim((*item).to_owned());
            }
            taken
        });
        let name = taken.claim(wanted);
        // Laid out by hand, one relationship per two lines, like the `table!` blocks.
        out.entry(module.to_owned()).or_default().push(format!(
            "    pub const {name}: {ty} =\n        {}::new();\n",
            ty.split('<').next().unwrap_or_default()
        ));
    }
    out
}

/// A relationship to declare: on the model of `module`, under the name it wants (made unique
/// when it is declared), of type `ty`.
struct Declared<'m> {
    module: &'m str,
    wanted: String,
    ty: String,
}

/// The many-to-one relationship a foreign key gives its table, and the one-to-many (or
/// one-to-one) it gives the table it references.
fn foreign_key_relationships<'m>(
    child: &'m Modelled<'_>,
    fk: &WrittenForeignKey<'_>,
    parent: &'m Modelled<'_>,
) -> [Declared<'m>; 2] {
    let key = format!("{}::fk::{}", child.module, fk.ident);
    let to_one = to_one_name(&fk.child_columns);
    let keyed_by_fk = same_columns(&fk.key.columns, &child.table.primary_key)
        || (child.table.unique_keys.iter()).any(|u| same_columns(&fk.key.columns, &u.columns));
    let to_same_parent = |other: &&WrittenForeignKey<'_>| other.parent_module == fk.parent_module;
    let several = child.module == parent.module
        || child.foreign_keys.iter().filter(to_same_parent).count() > 1;
    let child_name = child.module.trim_start_matches("r#");
    let (kind, base) = match keyed_by_fk {
        true => ("HasOne", child_name.to_owned()),
        false => ("HasMany", plural(child_name)),
    };
    let wanted = match several {
        true => format!("{base}_by_{}", to_one.trim_start_matches("r#")),
        false => base,
    };
    [
        Declared {
            module: &child.module,
            ty: format!(
                "::dovetail::model::BelongsTo<{}, {}, {key}>",
                child.model, parent.model
            ),
            wanted: to_one,
        },
        Declared {
            module: &parent.module,
            wanted: snake_ident(&wanted),
            ty: format!(
                "::dovetail::model::{kind}<{}, {}, {key}>",
                parent.model, child.model
            ),
        },
    ]
}

/// The many-to-many relationships a link table gives the two tables it links, each way.
fn many_to_many<'m>(
    link: &Modelled<'_>,
    [a, b]: [&WrittenForeignKey<'_>; 2],
    by_module: &BTreeMap<&str, &'m Modelled<'_>>,
) -> Vec<Declared<'m>> {
    let mut declared = Vec::new();
    for (from, to) in [(a, b), (b, a)] {
        let (Some(source), Some(target)) = (
            by_module.get(from.parent_module.as_str()),
            by_module.get(to.parent_module.as_str()),
        ) else {
            continue;
        };
        declared.push(Declared {
            module: &source.module,
            wanted: snake_ident(&plural(target.module.trim_start_matches("r#"))),
            ty: format!(
                "::dovetail::model::ManyToMany<{}, {}, {2}::fk::{3}, {2}::fk::{4}>",
                source.model, target.model, link.module, from.ident, to.ident
            ),
        });
    }
    declared
}

/// The two foreign keys of a link table: its primary key is their columns.
fn link_keys<'m, 'a>(table: &'m Modelled<'a>) -> Option<[&'m WrittenForeignKey<'a>; 2]> {
    let [a, b] = table.foreign_keys.as_slice() else {
        return None;
    };
    let mut columns: Vec<&String> = a.key.columns.iter().chain(&b.key.columns).collect();
    columns.sort();
    columns.dedup();
    let mut key: Vec<&String> = table.table.primary_key.iter().collect();
    key.sort();
    (columns == key).then_some([a, b])
}

/// Whether two column lists hold the same columns.
fn same_columns(a: &[String], b: &[String]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    !a.is_empty() && a == b
}

/// The many-to-one name of a foreign key's columns: `album_id` → `album`, `reports_to` stays.
fn to_one_name(columns: &[String]) -> String {
    let joined: Vec<&str> = columns
        .iter()
        .map(|c| c.trim_start_matches("r#"))
        .map(|c| c.strip_suffix("_id").filter(|s| !s.is_empty()).unwrap_or(c))
        .collect();
    snake_ident(&joined.join("_"))
}

/// An English plural, good enough for table names: `track` → `tracks`, `category` →
/// `categories`, `address` → `addresses`; a name that is plural already stays.
fn plural(name: &str) -> String {
    let consonant_y = name.len() > 1
        && name.ends_with('y')
        && !name[..name.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    match () {
        _ if consonant_y => format!("{}ies", &name[..name.len() - 1]),
        _ if name.ends_with("ss")
            || name.ends_with(['x', 'z'])
            || name.ends_with("ch")
            || name.ends_with("sh") =>
        {
            format!("{name}es")
        }
        _ if name.ends_with('s') => name.to_owned(),
        _ => format!("{name}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_to_one_names() {
        assert_eq!(plural("track"), "tracks");
        assert_eq!(plural("category"), "categories");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("address"), "addresses");
        assert_eq!(plural("invoice_lines"), "invoice_lines");
        assert_eq!(to_one_name(&["album_id".into()]), "album");
        assert_eq!(to_one_name(&["reports_to".into()]), "reports_to");
        assert_eq!(to_one_name(&["id".into()]), "id");
    }
}
