//! Emission from hand-built models: no database involved.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use dovetail_codegen::emit::schema_rs;
use dovetail_codegen::model::*;

/// Compares `text` with the checked-in `generated/<name>.rs`, which `ui-tests` compiles
/// against dovetail; `UPDATE_GENERATED=1` rewrites it after an intended change.
fn check_generated(name: &str, text: &str) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/generated/{name}.rs"));
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        checked_in,
        text,
        "{} is stale: rerun with UPDATE_GENERATED=1 and review",
        path.display()
    );
}

fn column(name: &str, sql_type: SqlType) -> Column {
    Column {
        name: name.into(),
        declared_type: format!("{sql_type:?}"),
        sql_type,
        ..Column::default()
    }
}

fn nullable(name: &str, sql_type: SqlType) -> Column {
    Column {
        nullable: true,
        ..column(name, sql_type)
    }
}

fn fk(columns: &[&str], parent: &str, parent_columns: &[&str]) -> ForeignKey {
    ForeignKey {
        name: format!("fk_{}", columns.join("_")),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        referenced_table: parent.into(),
        referenced_columns: parent_columns.iter().map(|c| c.to_string()).collect(),
        ..ForeignKey::default()
    }
}

fn shop() -> Schema {
    let customer = Table {
        name: "Customer".into(),
        comment: Some("People who buy.".into()),
        columns: vec![
            Column {
                identity: Some(Identity::ByDefault),
                ..column("CustomerId", SqlType::Integer)
            },
            column("Name", SqlType::Text),
            Column {
                comment: Some("Who referred them.".into()),
                ..nullable("ReferredBy", SqlType::Integer)
            },
            Column {
                default: Some("now()".into()),
                ..column("CreatedAt", SqlType::Timestamptz)
            },
            column("Location", SqlType::Unknown),
            column("mood", SqlType::Enum("mood".into())),
        ],
        primary_key: vec!["CustomerId".into()],
        foreign_keys: vec![fk(&["ReferredBy"], "Customer", &["CustomerId"])],
        unique_keys: vec![UniqueKey {
            name: "customer_name_key".into(),
            columns: vec!["Name".into()],
        }],
        ..Table::default()
    };
    let order = Table {
        name: "order".into(),
        columns: vec![
            Column {
                identity: Some(Identity::Always),
                ..column("id", SqlType::BigInt)
            },
            column("buyer", SqlType::Integer),
            nullable("gift_for", SqlType::Integer),
            Column {
                generated: true,
                ..column("total", SqlType::Numeric)
            },
        ],
        primary_key: vec!["id".into()],
        foreign_keys: vec![
            fk(&["buyer"], "Customer", &["CustomerId"]),
            fk(&["gift_for"], "Customer", &["CustomerId"]),
            fk(&["buyer"], "gone", &["id"]),
        ],
        ..Table::default()
    };
    let view = Table {
        name: "order_summary".into(),
        kind: TableKind::View,
        columns: vec![
            nullable("buyer", SqlType::Integer),
            nullable("orders", SqlType::BigInt),
        ],
        ..Table::default()
    };
    Schema {
        tables: vec![customer, order, view],
        enums: vec![Enum {
            name: "mood".into(),
            labels: vec!["happy".into(), "sad".into()],
            derives: vec!["PartialOrd".into(), "Ord".into()],
        }],
    }
}

#[test]
fn shop_schema_reads_one_line_per_column() {
    let file = schema_rs(&shop(), "the SQLite database `shop.db`");
    check_generated("shop", &file.text);
    assert_eq!((file.tables, file.views), (2, 1));
    assert_eq!(
        file.warnings,
        vec![
            "Customer.Location: unsupported type Unknown, skipped".to_string(),
            "order: foreign key fk_buyer to gone not written (its table or columns were left out)"
                .into(),
        ]
    );
}

#[test]
fn hostile_names_become_valid_distinct_identifiers() {
    let table = Table {
        name: "type".into(),
        columns: vec![
            column("self", SqlType::Integer),
            column("fn", SqlType::Integer),
            column("match", SqlType::Text),
            column("Order Date", SqlType::Date),
            column("order_date", SqlType::Date),
            column("say \"hi\"", SqlType::Text),
            column("größe", SqlType::Integer),
            column("type", SqlType::Text),
            column("1st", SqlType::Integer),
            column("table", SqlType::Integer),
        ],
        ..Table::default()
    };
    let other = Table {
        name: "Type".into(),
        columns: vec![column("id", SqlType::Integer)],
        ..Table::default()
    };
    let file = schema_rs(
        &Schema {
            tables: vec![table, other],
            enums: vec![],
        },
        "a test",
    );
    check_generated("hostile", &file.text);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
}

#[test]
fn emission_is_deterministic() {
    let first = schema_rs(&shop(), "x").text;
    let second = schema_rs(&shop(), "x").text;
    assert_eq!(first, second);
}

#[test]
fn tables_outside_public_are_qualified() {
    let region = Table {
        schema: Some("sales".into()),
        name: "region".into(),
        columns: vec![column("id", SqlType::Integer)],
        primary_key: vec!["id".into()],
        ..Table::default()
    };
    let customer = Table {
        schema: Some("public".into()),
        name: "region".into(),
        columns: vec![
            column("id", SqlType::Integer),
            column("sales_region", SqlType::Integer),
        ],
        foreign_keys: vec![ForeignKey {
            referenced_schema: Some("sales".into()),
            ..fk(&["sales_region"], "region", &["id"])
        }],
        ..Table::default()
    };
    let file = schema_rs(
        &Schema {
            tables: vec![customer, region],
            enums: vec![],
        },
        "two schemas",
    );
    check_generated("schemas", &file.text);
    assert!(
        file.text.contains("    region_2 (\"sales\".\"region\") {"),
        "{}",
        file.text
    );
    assert!(
        file.text.contains("references region_2 (id);"),
        "{}",
        file.text
    );
}

/// Tables named like the crates a generated file's paths start from: their modules would
/// shadow the crates if the paths were not written from the root (`::dovetail::…`); likewise an
/// enum named like a prelude type.
#[test]
fn tables_named_like_crates_shadow_nothing() {
    let crate_names = ["dovetail", "std", "core", "alloc"];
    let tables: Vec<Table> = crate_names
        .iter()
        .map(|name| Table {
            name: (*name).into(),
            columns: vec![
                Column {
                    identity: Some(Identity::ByDefault),
                    ..column("id", SqlType::Integer)
                },
                nullable("parent", SqlType::Integer),
                nullable("mood", SqlType::Enum("mood".into())),
            ],
            primary_key: vec!["id".into()],
            foreign_keys: vec![fk(&["parent"], "dovetail", &["id"])],
            ..Table::default()
        })
        .collect();
    let option = Table {
        name: "choice".into(),
        columns: vec![column("picked", SqlType::Enum("option".into()))],
        ..Table::default()
    };
    let schema = Schema {
        tables: tables.into_iter().chain([option]).collect(),
        enums: vec![
            Enum {
                name: "mood".into(),
                labels: vec!["happy".into(), "sad".into()],
                derives: vec![],
            },
            Enum {
                name: "option".into(),
                labels: vec!["yes".into(), "no".into()],
                derives: vec![],
            },
        ],
    };
    let file = schema_rs(&schema, "a test");
    check_generated("crate_names", &file.text);
    // An enum never takes the name of a prelude type, which a glob import would shadow.
    assert!(file.text.contains("pub enum Option2 {"), "{}", file.text);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    for line in file.text.lines().filter(|l| l.contains("::table!")) {
        assert_eq!(line, "::dovetail::table! {");
    }
}
