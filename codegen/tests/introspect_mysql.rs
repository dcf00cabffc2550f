//! MySQL / MariaDB introspection of a fixture exercising every mapped type, enums, composite and
//! self-referencing keys, a view, indexes, checks and comments.
//!
//! The fixture is built once in a scratch database, read, and dropped; each test then checks
//! one part of the model. The expectations follow the server's flavour where MariaDB and
//! MySQL 8 report differently (integer display widths, default quoting, check clauses, JSON).
//! An unreachable server skips the tests (fails them with `CI=true`).
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use dovetail_tests::live as common;

use std::sync::OnceLock;

use dovetail_codegen::introspect::{Options, introspect};
use dovetail_codegen::model::*;

const FIXTURE: &str = r#"
CREATE TABLE all_types (
    id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
    c_bool tinyint(1) NOT NULL DEFAULT 1,
    c_boolean boolean,
    c_tinyint tinyint,
    c_utinyint tinyint unsigned,
    c_smallint smallint,
    c_usmallint smallint unsigned,
    c_mediumint mediumint,
    c_umediumint mediumint unsigned,
    c_int int,
    c_integer integer,
    c_bigint bigint,
    c_ubigint bigint unsigned,
    c_float float,
    c_double double,
    c_real real,
    c_decimal decimal(10, 2),
    c_numeric numeric(8, 3),
    c_char char(3),
    c_varchar varchar(120) DEFAULT 'it''s',
    c_tinytext tinytext,
    c_text text,
    c_mediumtext mediumtext,
    c_longtext longtext,
    c_binary binary(16),
    c_varbinary varbinary(32),
    c_tinyblob tinyblob,
    c_blob blob,
    c_mediumblob mediumblob,
    c_longblob longblob,
    c_date date,
    c_time time,
    c_datetime datetime,
    c_timestamp timestamp NULL DEFAULT CURRENT_TIMESTAMP,
    c_json json,
    c_year year,
    c_enum enum('small', 'medium', 'large') NOT NULL DEFAULT 'medium',
    c_tricky_enum enum('it''s', 'a,b', '(x)', 'back\\slash', 'nl\nx', ''),
    c_set set('red', 'green'),
    c_bit bit(8),
    c_geometry geometry,
    c_virtual int AS (c_int * 2) VIRTUAL,
    c_stored int AS (c_int + 1) STORED,
    c_commented varchar(10) NOT NULL COMMENT 'Says ''hi'''
) COMMENT 'Every type';

CREATE TABLE artist (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name varchar(100) NOT NULL COMMENT 'Stage name',
    kind enum('solo', 'band'),
    CONSTRAINT artist_name_not_blank CHECK (name <> '')
) COMMENT 'People who make albums';

CREATE TABLE album (
    id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
    artist_id int NOT NULL,
    title varchar(200) NOT NULL,
    released date,
    CONSTRAINT album_artist_fk FOREIGN KEY (artist_id) REFERENCES artist (id) ON DELETE CASCADE,
    CONSTRAINT album_artist_title_key UNIQUE (title, artist_id),
    INDEX album_released_idx (released, artist_id)
);

CREATE TABLE tag (id int NOT NULL PRIMARY KEY, label varchar(50) NOT NULL);
CREATE UNIQUE INDEX tag_label_key ON tag (label);

CREATE TABLE album_tag (
    album_id bigint NOT NULL,
    tag_id int NOT NULL,
    PRIMARY KEY (tag_id, album_id),
    CONSTRAINT album_tag_album_fk FOREIGN KEY (album_id) REFERENCES album (id) ON DELETE CASCADE,
    CONSTRAINT album_tag_tag_fk FOREIGN KEY (tag_id) REFERENCES tag (id) ON UPDATE CASCADE
);

CREATE TABLE employee (
    id int NOT NULL PRIMARY KEY,
    manager_id int,
    CONSTRAINT employee_manager_fk FOREIGN KEY (manager_id) REFERENCES employee (id)
        ON DELETE SET NULL
);

CREATE TABLE account (id int NOT NULL PRIMARY KEY);
CREATE TABLE transfer (
    id int NOT NULL PRIMARY KEY,
    from_account int NOT NULL,
    to_account int NOT NULL,
    amount decimal(12, 2) NOT NULL,
    CONSTRAINT transfer_amount_positive CHECK (amount > 0),
    CONSTRAINT transfer_from_fk FOREIGN KEY (from_account) REFERENCES account (id)
        ON DELETE RESTRICT,
    CONSTRAINT transfer_to_fk FOREIGN KEY (to_account) REFERENCES account (id)
        ON DELETE NO ACTION ON UPDATE CASCADE
);

CREATE TABLE shipment (
    region char(2) NOT NULL,
    code int NOT NULL,
    PRIMARY KEY (region, code)
);
CREATE TABLE shipment_line (
    region char(2) NOT NULL,
    code int NOT NULL,
    line int NOT NULL,
    PRIMARY KEY (code, region, line),
    CONSTRAINT shipment_line_shipment_fk FOREIGN KEY (region, code)
        REFERENCES shipment (region, code) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE event_log (message text NOT NULL, at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP);

CREATE VIEW artist_album AS
    SELECT a.id AS artist_id, a.name AS artist, a.kind, b.title, b.released
    FROM artist a JOIN album b ON b.artist_id = a.id;
"#;

/// What the tests read.
struct Read {
    mariadb: bool,
    schema: Schema,
}

/// The fixture, read once for all tests; `None` when the server is unreachable.
fn read() -> Option<&'static Read> {
    static READ: OnceLock<Option<Read>> = OnceLock::new();
    READ.get_or_init(build).as_ref()
}

fn build() -> Option<Read> {
    let url = common::mysql_url();
    let mut admin = common::reach(&url, "MySQL")?;
    let version: String = admin.query_sql("SELECT VERSION()", &[]).unwrap()[0]
        .get(0)
        .unwrap();
    let database = common::unique_name("my");
    let _scratch = common::Scratch::create(admin, "DATABASE", &database, "");
    let mut conn = dovetail::connect(&common::with_database(&url, &database)).unwrap();
    conn.batch_execute(FIXTURE).unwrap();
    let schema = introspect(&mut *conn, &Options::default()).unwrap();
    Some(Read {
        mariadb: version.contains("MariaDB"),
        schema,
    })
}

/// The fixture's model, or a skip (return) when the server is unreachable.
macro_rules! read_or_skip {
    () => {
        match read() {
            Some(read) => read,
            None => return,
        }
    };
}

fn table<'a>(schema: &'a Schema, name: &str) -> &'a Table {
    schema
        .tables
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no table {name}"))
}

impl Read {
    /// A declared type as this server spells it: MySQL 8 dropped integer display widths
    /// (except `tinyint(1)`), MariaDB keeps them.
    fn declared(&self, mariadb: &str) -> String {
        if self.mariadb {
            return mariadb.to_owned();
        }
        let widthless = ["tinyint", "smallint", "mediumint", "int", "bigint", "year"];
        match mariadb.split_once('(') {
            Some((name, rest))
                if widthless.contains(&name) && !mariadb.starts_with("tinyint(1)") =>
            {
                let after = rest.split_once(')').map_or("", |(_, after)| after);
                format!("{name}{after}")
            }
            _ => mariadb.to_owned(),
        }
    }

    /// A string default: MariaDB reports the SQL literal, MySQL the bare value.
    fn string_default(&self, value: &str) -> Option<String> {
        Some(match self.mariadb {
            true => format!("'{}'", value.replace('\'', "''")),
            false => value.to_owned(),
        })
    }

    /// `CURRENT_TIMESTAMP` as a column default.
    fn now_default(&self) -> Option<String> {
        Some(match self.mariadb {
            true => "current_timestamp()".into(),
            false => "CURRENT_TIMESTAMP".into(),
        })
    }

    /// A nullable column without default, identity, generation or comment.
    fn col(&self, name: &str, declared: &str, sql_type: SqlType) -> Column {
        Column {
            name: name.into(),
            declared_type: self.declared(declared),
            sql_type,
            nullable: true,
            ..Column::default()
        }
    }
}

fn not_null(column: Column) -> Column {
    Column {
        nullable: false,
        ..column
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn fk(
    name: &str,
    columns: &[&str],
    table: &str,
    referenced: &[&str],
    on_delete: Option<&str>,
    on_update: Option<&str>,
) -> ForeignKey {
    ForeignKey {
        name: name.into(),
        columns: strings(columns),
        referenced_schema: None,
        referenced_table: table.into(),
        referenced_columns: strings(referenced),
        on_delete: on_delete.map(Into::into),
        on_update: on_update.map(Into::into),
    }
}

fn index(name: &str, columns: &[&str]) -> Index {
    Index {
        name: name.into(),
        columns: strings(columns),
    }
}

#[test]
fn relations_in_name_order_with_their_kinds() {
    let read = read_or_skip!();
    let names: Vec<(&str, TableKind, Option<&str>)> = read
        .schema
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.kind, t.schema.as_deref()))
        .collect();
    let table = |name| (name, TableKind::Table, None);
    assert_eq!(
        names,
        [
            table("account"),
            table("album"),
            table("album_tag"),
            table("all_types"),
            table("artist"),
            ("artist_album", TableKind::View, None),
            table("employee"),
            table("event_log"),
            table("shipment"),
            table("shipment_line"),
            table("tag"),
            table("transfer"),
        ]
    );
}

#[test]
fn every_type_maps() {
    let read = read_or_skip!();
    let col = |name: &str, declared: &str, sql_type: SqlType| read.col(name, declared, sql_type);
    let json = match read.mariadb {
        // MariaDB's JSON is an alias of LONGTEXT (with a json_valid check).
        true => col("c_json", "longtext", SqlType::Text),
        false => col("c_json", "json", SqlType::Json),
    };
    let expected = vec![
        Column {
            identity: Some(Identity::ByDefault),
            ..not_null(col("id", "int(10) unsigned", SqlType::UnsignedInt))
        },
        Column {
            default: Some("1".into()),
            ..not_null(col("c_bool", "tinyint(1)", SqlType::Bool))
        },
        col("c_boolean", "tinyint(1)", SqlType::Bool),
        col("c_tinyint", "tinyint(4)", SqlType::TinyInt),
        col(
            "c_utinyint",
            "tinyint(3) unsigned",
            SqlType::UnsignedTinyInt,
        ),
        col("c_smallint", "smallint(6)", SqlType::SmallInt),
        col(
            "c_usmallint",
            "smallint(5) unsigned",
            SqlType::UnsignedSmallInt,
        ),
        col("c_mediumint", "mediumint(9)", SqlType::Integer),
        col(
            "c_umediumint",
            "mediumint(8) unsigned",
            SqlType::UnsignedInt,
        ),
        col("c_int", "int(11)", SqlType::Integer),
        col("c_integer", "int(11)", SqlType::Integer),
        col("c_bigint", "bigint(20)", SqlType::BigInt),
        col("c_ubigint", "bigint(20) unsigned", SqlType::UnsignedBigInt),
        col("c_float", "float", SqlType::Real),
        col("c_double", "double", SqlType::Double),
        col("c_real", "double", SqlType::Double),
        col("c_decimal", "decimal(10,2)", SqlType::Numeric),
        col("c_numeric", "decimal(8,3)", SqlType::Numeric),
        col("c_char", "char(3)", SqlType::Text),
        Column {
            default: read.string_default("it's"),
            ..col("c_varchar", "varchar(120)", SqlType::Text)
        },
        col("c_tinytext", "tinytext", SqlType::Text),
        col("c_text", "text", SqlType::Text),
        col("c_mediumtext", "mediumtext", SqlType::Text),
        col("c_longtext", "longtext", SqlType::Text),
        col("c_binary", "binary(16)", SqlType::Blob),
        col("c_varbinary", "varbinary(32)", SqlType::Blob),
        col("c_tinyblob", "tinyblob", SqlType::Blob),
        col("c_blob", "blob", SqlType::Blob),
        col("c_mediumblob", "mediumblob", SqlType::Blob),
        col("c_longblob", "longblob", SqlType::Blob),
        col("c_date", "date", SqlType::Date),
        col("c_time", "time", SqlType::Time),
        col("c_datetime", "datetime", SqlType::Timestamp),
        Column {
            default: read.now_default(),
            ..col("c_timestamp", "timestamp", SqlType::Timestamptz)
        },
        json,
        col("c_year", "year(4)", SqlType::SmallInt),
        Column {
            default: read.string_default("medium"),
            ..not_null(col(
                "c_enum",
                "enum('small','medium','large')",
                SqlType::Enum("all_types_c_enum".into()),
            ))
        },
        col(
            "c_tricky_enum",
            r"enum('it''s','a,b','(x)','back\\slash','nl\nx','')",
            SqlType::Enum("all_types_c_tricky_enum".into()),
        ),
        col("c_set", "set('red','green')", SqlType::Text),
        col("c_bit", "bit(8)", SqlType::Unknown),
        col("c_geometry", "geometry", SqlType::Unknown),
        Column {
            generated: true,
            ..col("c_virtual", "int(11)", SqlType::Integer)
        },
        Column {
            generated: true,
            ..col("c_stored", "int(11)", SqlType::Integer)
        },
        Column {
            comment: Some("Says 'hi'".into()),
            ..not_null(col("c_commented", "varchar(10)", SqlType::Text))
        },
    ];
    let all_types = table(&read.schema, "all_types");
    for (actual, expected) in all_types.columns.iter().zip(&expected) {
        assert_eq!(actual, expected);
    }
    assert_eq!(all_types.columns.len(), expected.len());
    assert_eq!(all_types.comment.as_deref(), Some("Every type"));
    assert_eq!(all_types.primary_key, strings(&["id"]));
    let checks: Vec<(&str, &str)> = all_types
        .checks
        .iter()
        .map(|c| (c.name.as_str(), c.expression.as_str()))
        .collect();
    match read.mariadb {
        true => assert_eq!(checks, [("c_json", "json_valid(`c_json`)")]),
        false => assert_eq!(checks, []),
    }
}

#[test]
fn enums_are_named_after_table_and_column() {
    let read = read_or_skip!();
    let enum_ = |name: &str, labels: &[&str]| Enum {
        name: name.into(),
        labels: strings(labels),
        ..Enum::default()
    };
    assert_eq!(
        read.schema.enums,
        [
            enum_("all_types_c_enum", &["small", "medium", "large"]),
            enum_(
                "all_types_c_tricky_enum",
                &["it's", "a,b", "(x)", r"back\slash", "nl\nx", ""],
            ),
            enum_("artist_album_kind", &["solo", "band"]),
            enum_("artist_kind", &["solo", "band"]),
        ]
    );
}

#[test]
fn table_with_comments_auto_increment_and_check() {
    let read = read_or_skip!();
    let expected = Table {
        name: "artist".into(),
        comment: Some("People who make albums".into()),
        columns: vec![
            Column {
                identity: Some(Identity::ByDefault),
                ..not_null(read.col("id", "int(11)", SqlType::Integer))
            },
            Column {
                comment: Some("Stage name".into()),
                ..not_null(read.col("name", "varchar(100)", SqlType::Text))
            },
            read.col(
                "kind",
                "enum('solo','band')",
                SqlType::Enum("artist_kind".into()),
            ),
        ],
        primary_key: strings(&["id"]),
        checks: vec![Check {
            name: "artist_name_not_blank".into(),
            expression: match read.mariadb {
                true => "`name` <> ''".into(),
                false => "(`name` <> _utf8mb4'')".into(),
            },
        }],
        ..Table::default()
    };
    assert_eq!(table(&read.schema, "artist"), &expected);
}

#[test]
fn foreign_key_unique_constraint_and_indexes() {
    let read = read_or_skip!();
    let album = table(&read.schema, "album");
    assert_eq!(album.primary_key, strings(&["id"]));
    assert_eq!(
        album.foreign_keys,
        [fk(
            "album_artist_fk",
            &["artist_id"],
            "artist",
            &["id"],
            Some("CASCADE"),
            None,
        )]
    );
    assert_eq!(
        album.unique_keys,
        [UniqueKey {
            name: "album_artist_title_key".into(),
            columns: strings(&["title", "artist_id"]),
        }]
    );
    // The server adds an index for the foreign key: it is one, so it is reported.
    assert_eq!(
        album.indexes,
        [
            index("album_artist_fk", &["artist_id"]),
            index("album_released_idx", &["released", "artist_id"]),
        ]
    );

    let tag = table(&read.schema, "tag");
    assert_eq!(
        tag.unique_keys,
        [UniqueKey {
            name: "tag_label_key".into(),
            columns: strings(&["label"]),
        }]
    );
    assert!(tag.indexes.is_empty());
}

#[test]
fn many_to_many_link_table() {
    let read = read_or_skip!();
    assert_eq!(
        table(&read.schema, "album_tag"),
        &Table {
            name: "album_tag".into(),
            columns: vec![
                not_null(read.col("album_id", "bigint(20)", SqlType::BigInt)),
                not_null(read.col("tag_id", "int(11)", SqlType::Integer)),
            ],
            primary_key: strings(&["tag_id", "album_id"]),
            foreign_keys: vec![
                fk(
                    "album_tag_album_fk",
                    &["album_id"],
                    "album",
                    &["id"],
                    Some("CASCADE"),
                    None,
                ),
                fk(
                    "album_tag_tag_fk",
                    &["tag_id"],
                    "tag",
                    &["id"],
                    None,
                    Some("CASCADE"),
                ),
            ],
            indexes: vec![index("album_tag_album_fk", &["album_id"])],
            ..Table::default()
        }
    );
}

#[test]
fn self_reference_and_two_keys_to_one_parent() {
    let read = read_or_skip!();
    assert_eq!(
        table(&read.schema, "employee").foreign_keys,
        [fk(
            "employee_manager_fk",
            &["manager_id"],
            "employee",
            &["id"],
            Some("SET NULL"),
            None,
        )]
    );
    let transfer = table(&read.schema, "transfer");
    assert_eq!(
        transfer.foreign_keys,
        [
            // RESTRICT and NO ACTION are the default: None.
            fk(
                "transfer_from_fk",
                &["from_account"],
                "account",
                &["id"],
                None,
                None,
            ),
            fk(
                "transfer_to_fk",
                &["to_account"],
                "account",
                &["id"],
                None,
                Some("CASCADE"),
            ),
        ]
    );
    assert_eq!(
        transfer.checks,
        [Check {
            name: "transfer_amount_positive".into(),
            expression: match read.mariadb {
                true => "`amount` > 0".into(),
                false => "(`amount` > 0)".into(),
            },
        }]
    );
}

#[test]
fn composite_keys_in_key_order() {
    let read = read_or_skip!();
    assert_eq!(
        table(&read.schema, "shipment").primary_key,
        strings(&["region", "code"])
    );
    let line = table(&read.schema, "shipment_line");
    assert_eq!(line.primary_key, strings(&["code", "region", "line"]));
    assert_eq!(
        line.foreign_keys,
        [fk(
            "shipment_line_shipment_fk",
            &["region", "code"],
            "shipment",
            &["region", "code"],
            Some("CASCADE"),
            Some("CASCADE"),
        )]
    );
    assert_eq!(
        line.indexes,
        [index("shipment_line_shipment_fk", &["region", "code"])]
    );
}

#[test]
fn table_without_primary_key() {
    let read = read_or_skip!();
    assert_eq!(
        table(&read.schema, "event_log"),
        &Table {
            name: "event_log".into(),
            columns: vec![
                not_null(read.col("message", "text", SqlType::Text)),
                Column {
                    default: read.now_default(),
                    ..not_null(read.col("at", "datetime", SqlType::Timestamp))
                },
            ],
            ..Table::default()
        }
    );
}

#[test]
fn views_keep_the_nullability_the_server_reports() {
    let read = read_or_skip!();
    let mut view = table(&read.schema, "artist_album").clone();
    // MariaDB carries the base column's comment over to the view column; whether MySQL 8 does
    // is not asserted.
    if !read.mariadb {
        view.columns[1].comment = Some("Stage name".into());
    }
    assert_eq!(
        view,
        Table {
            name: "artist_album".into(),
            kind: TableKind::View,
            columns: vec![
                // No default: MariaDB reports `0` for a column read from an AUTO_INCREMENT one.
                not_null(read.col("artist_id", "int(11)", SqlType::Integer)),
                Column {
                    comment: Some("Stage name".into()),
                    ..not_null(read.col("artist", "varchar(100)", SqlType::Text))
                },
                read.col(
                    "kind",
                    "enum('solo','band')",
                    SqlType::Enum("artist_album_kind".into()),
                ),
                not_null(read.col("title", "varchar(200)", SqlType::Text)),
                read.col("released", "date", SqlType::Date),
            ],
            ..Table::default()
        }
    );
}

#[test]
fn a_connection_without_database_is_an_error() {
    let url = common::mysql_url();
    let Some(mut bare) = common::reach(&common::with_database(&url, ""), "MySQL") else {
        return;
    };
    let error = introspect(&mut *bare, &Options::default()).unwrap_err();
    assert!(
        error.to_string().contains("no database is selected"),
        "{error}"
    );
}
