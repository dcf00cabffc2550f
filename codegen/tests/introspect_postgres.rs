//! PostgreSQL introspection of a fixture exercising every mapped type, domains, enums, arrays,
//! composite and self-referencing keys, views, indexes, checks and comments.
//!
//! The fixture is built once in two scratch schemas, read, and dropped; each test then checks
//! one part of the model. An unreachable server skips the tests (fails them with `CI=true`).
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use dovetail_tests::live as common;

use std::sync::OnceLock;

use dovetail_codegen::introspect::{Options, introspect};
use dovetail_codegen::model::*;

const FIXTURE: &str = r#"
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE "it's" AS ENUM ('a''b', 'c,d', 'E');
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN small_positive AS positive_int CHECK (VALUE < 100);
CREATE DOMAIN mood_d AS mood;

CREATE TABLE all_types (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    c_bool boolean NOT NULL DEFAULT true,
    c_int2 smallint,
    c_int4 integer,
    c_int8 bigint,
    c_smallserial smallserial,
    c_bigserial bigserial,
    c_float4 real,
    c_float8 double precision,
    c_numeric numeric(10, 2),
    c_text text,
    c_varchar varchar(120),
    c_bpchar char(3),
    c_name name,
    c_citext citext,
    c_bytea bytea,
    c_date date,
    c_time time,
    c_timestamp timestamp,
    c_timestamptz timestamptz DEFAULT now(),
    c_uuid uuid,
    c_json json,
    c_jsonb jsonb,
    c_mood mood,
    c_quoted_enum "it's",
    c_other_enum other_mood,
    c_int_array integer[],
    c_text_array2 text[][],
    c_mood_array mood[],
    c_domain positive_int,
    c_nested_domain small_positive,
    c_domain_array small_positive[],
    c_mood_domain mood_d,
    c_money money,
    c_interval interval,
    c_inet inet,
    c_point point,
    c_tsvector tsvector,
    c_xml xml,
    c_doubled integer GENERATED ALWAYS AS (c_int4 * 2) STORED,
    c_commented text NOT NULL DEFAULT 'it''s'
);
COMMENT ON COLUMN all_types.c_commented IS 'Says ''hi''';
ALTER TABLE all_types DROP COLUMN c_int2;
ALTER TABLE all_types ADD COLUMN c_int2 smallint;

CREATE TABLE artist (
    id serial PRIMARY KEY,
    name text NOT NULL,
    mood mood NOT NULL DEFAULT 'ok',
    CONSTRAINT artist_name_not_blank CHECK (name <> '')
);
COMMENT ON TABLE artist IS 'People who make albums';
COMMENT ON COLUMN artist.name IS 'Stage name';

CREATE TABLE album (
    id bigserial PRIMARY KEY,
    artist_id integer NOT NULL REFERENCES artist (id) ON DELETE CASCADE,
    title varchar(200) NOT NULL,
    released date,
    CONSTRAINT album_artist_title_key UNIQUE (title, artist_id)
);
CREATE INDEX album_released_idx ON album (released, artist_id);
CREATE INDEX album_lower_title_idx ON album (lower(title));
CREATE INDEX album_mixed_idx ON album (artist_id, lower(title));
CREATE UNIQUE INDEX album_title_uidx ON album (title) WHERE released IS NOT NULL;
CREATE INDEX album_covering_idx ON album (artist_id) INCLUDE (title);

CREATE TABLE tag (id integer PRIMARY KEY, label text NOT NULL);
CREATE UNIQUE INDEX tag_label_key ON tag (label);

CREATE TABLE album_tag (
    album_id bigint NOT NULL REFERENCES album (id) ON DELETE CASCADE,
    tag_id integer NOT NULL REFERENCES tag (id) ON UPDATE CASCADE,
    PRIMARY KEY (tag_id, album_id)
);

CREATE TABLE employee (
    id integer PRIMARY KEY,
    manager_id integer REFERENCES employee (id) ON DELETE SET NULL
);

CREATE TABLE account (id integer PRIMARY KEY);
CREATE TABLE transfer (
    id integer PRIMARY KEY,
    from_account integer NOT NULL,
    to_account integer NOT NULL,
    amount numeric(12, 2) NOT NULL CHECK (amount > 0),
    CONSTRAINT transfer_from_fkey FOREIGN KEY (from_account) REFERENCES account (id)
        ON DELETE RESTRICT,
    CONSTRAINT transfer_to_fkey FOREIGN KEY (to_account) REFERENCES account (id)
        ON DELETE SET DEFAULT ON UPDATE NO ACTION
);

CREATE TABLE shipment (
    region char(2) NOT NULL,
    code integer NOT NULL,
    PRIMARY KEY (region, code)
);
CREATE TABLE shipment_line (
    region char(2) NOT NULL,
    code integer NOT NULL,
    line integer NOT NULL,
    PRIMARY KEY (code, region, line),
    CONSTRAINT shipment_line_shipment_fkey FOREIGN KEY (code, region)
        REFERENCES shipment (code, region) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE event_log (message text NOT NULL, at timestamptz NOT NULL DEFAULT now());

CREATE VIEW artist_album AS
    SELECT a.name AS artist, b.title, b.released
    FROM artist a JOIN album b ON b.artist_id = a.id;
COMMENT ON VIEW artist_album IS 'Albums with their artist';

CREATE MATERIALIZED VIEW album_count AS
    SELECT artist_id, count(*) AS albums FROM album GROUP BY artist_id;
CREATE UNIQUE INDEX album_count_artist_idx ON album_count (artist_id);
"#;

/// The second schema: an enum the main schema uses, and a table of its own.
const OTHER_FIXTURE: &str = r#"
CREATE TYPE other_mood AS ENUM ('calm', 'stormy');
CREATE TABLE remote (id integer PRIMARY KEY, artist_id integer);
"#;

/// What the tests read.
struct Read {
    main: String,
    other: String,
    /// `introspect` of the main schema only.
    schema: Schema,
    /// `introspect` of both schemas.
    both: Schema,
}

/// The fixture, read once for all tests; `None` when the server is unreachable.
fn read() -> Option<&'static Read> {
    static READ: OnceLock<Option<Read>> = OnceLock::new();
    READ.get_or_init(build).as_ref()
}

fn build() -> Option<Read> {
    let url = common::pg_url();
    let admin = common::reach(&url, "PostgreSQL")?;
    let main = common::unique_name("pg");
    let other = format!("{main}_other");
    let _main = common::Scratch::create(admin, "SCHEMA", &main, " CASCADE");
    let second_admin = common::reach(&url, "PostgreSQL")?;
    let _other = common::Scratch::create(second_admin, "SCHEMA", &other, " CASCADE");
    let mut conn = dovetail::connect(&url).unwrap();
    let citext_home = conn
        .query_sql(
            "SELECT n.nspname::text FROM pg_extension e \
             JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'citext'",
            &[],
        )
        .unwrap()
        .first()
        .map(|row| row.get::<String>(0).unwrap());
    let citext_path = match &citext_home {
        Some(home) => format!(r#", "{home}""#),
        None => {
            // Installed into the scratch schema, so dropping it removes the extension too.
            conn.batch_execute(&format!(r#"CREATE EXTENSION citext WITH SCHEMA "{main}""#))
                .unwrap();
            String::new()
        }
    };
    let search_path = format!(r#""{main}", "{other}"{citext_path}"#);
    conn.batch_execute(&format!(r#"SET search_path TO "{other}"; {OTHER_FIXTURE}"#))
        .unwrap();
    conn.batch_execute(&format!(r#"SET search_path TO {search_path}; {FIXTURE}"#))
        .unwrap();
    // Read with the main schema alone first on the path, as a user of it would have it.
    conn.batch_execute(&format!(r#"SET search_path TO "{main}"{citext_path}"#))
        .unwrap();
    let options = |schemas: &[&String]| Options {
        schemas: schemas.iter().map(|s| (*s).clone()).collect(),
    };
    let schema = introspect(&mut *conn, &options(&[&main])).unwrap();
    let both = introspect(&mut *conn, &options(&[&main, &other])).unwrap();
    Some(Read {
        main,
        other,
        schema,
        both,
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

/// A nullable column without default, identity, generation or comment.
fn col(name: &str, declared: &str, sql_type: SqlType) -> Column {
    Column {
        name: name.into(),
        declared_type: declared.into(),
        sql_type,
        nullable: true,
        ..Column::default()
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
    read: &Read,
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
        referenced_schema: Some(read.main.clone()),
        referenced_table: table.into(),
        referenced_columns: strings(referenced),
        on_delete: on_delete.map(Into::into),
        on_update: on_update.map(Into::into),
    }
}

#[test]
fn relations_in_name_order_with_their_kinds() {
    let read = read_or_skip!();
    let names: Vec<(&str, TableKind)> = read
        .schema
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.kind))
        .collect();
    assert_eq!(
        names,
        [
            ("account", TableKind::Table),
            ("album", TableKind::Table),
            ("album_count", TableKind::MaterializedView),
            ("album_tag", TableKind::Table),
            ("all_types", TableKind::Table),
            ("artist", TableKind::Table),
            ("artist_album", TableKind::View),
            ("employee", TableKind::Table),
            ("event_log", TableKind::Table),
            ("shipment", TableKind::Table),
            ("shipment_line", TableKind::Table),
            ("tag", TableKind::Table),
            ("transfer", TableKind::Table),
        ]
    );
    for table in &read.schema.tables {
        assert_eq!(table.schema.as_deref(), Some(read.main.as_str()));
    }
}

#[test]
fn every_type_maps() {
    let read = read_or_skip!();
    let mood = || SqlType::Enum("mood".into());
    let array = |t: SqlType| SqlType::Array(Box::new(t));
    let serial_default = |c: &str| Some(format!("nextval('all_types_{c}_seq'::regclass)"));
    let expected = vec![
        Column {
            identity: Some(Identity::Always),
            ..not_null(col("id", "integer", SqlType::Integer))
        },
        Column {
            default: Some("true".into()),
            ..not_null(col("c_bool", "boolean", SqlType::Bool))
        },
        col("c_int4", "integer", SqlType::Integer),
        col("c_int8", "bigint", SqlType::BigInt),
        Column {
            default: serial_default("c_smallserial"),
            identity: Some(Identity::ByDefault),
            ..not_null(col("c_smallserial", "smallint", SqlType::SmallInt))
        },
        Column {
            default: serial_default("c_bigserial"),
            identity: Some(Identity::ByDefault),
            ..not_null(col("c_bigserial", "bigint", SqlType::BigInt))
        },
        col("c_float4", "real", SqlType::Real),
        col("c_float8", "double precision", SqlType::Double),
        col("c_numeric", "numeric(10,2)", SqlType::Numeric),
        col("c_text", "text", SqlType::Text),
        col("c_varchar", "character varying(120)", SqlType::Text),
        col("c_bpchar", "character(3)", SqlType::Text),
        col("c_name", "name", SqlType::Text),
        col("c_citext", "citext", SqlType::Text),
        col("c_bytea", "bytea", SqlType::Blob),
        col("c_date", "date", SqlType::Date),
        col("c_time", "time without time zone", SqlType::Time),
        col(
            "c_timestamp",
            "timestamp without time zone",
            SqlType::Timestamp,
        ),
        Column {
            default: Some("now()".into()),
            ..col(
                "c_timestamptz",
                "timestamp with time zone",
                SqlType::Timestamptz,
            )
        },
        col("c_uuid", "uuid", SqlType::Uuid),
        col("c_json", "json", SqlType::Json),
        col("c_jsonb", "jsonb", SqlType::Json),
        col("c_mood", "mood", mood()),
        col("c_quoted_enum", r#""it's""#, SqlType::Enum("it's".into())),
        col(
            "c_other_enum",
            &format!("{}.other_mood", read.other),
            SqlType::Enum("other_mood".into()),
        ),
        col("c_int_array", "integer[]", array(SqlType::Integer)),
        col("c_text_array2", "text[]", array(SqlType::Text)),
        col("c_mood_array", "mood[]", array(mood())),
        col("c_domain", "positive_int", SqlType::Integer),
        col("c_nested_domain", "small_positive", SqlType::Integer),
        col(
            "c_domain_array",
            "small_positive[]",
            array(SqlType::Integer),
        ),
        col("c_mood_domain", "mood_d", mood()),
        col("c_money", "money", SqlType::Unknown),
        col("c_interval", "interval", SqlType::Unknown),
        col("c_inet", "inet", SqlType::Unknown),
        col("c_point", "point", SqlType::Unknown),
        col("c_tsvector", "tsvector", SqlType::Unknown),
        col("c_xml", "xml", SqlType::Unknown),
        Column {
            generated: true,
            ..col("c_doubled", "integer", SqlType::Integer)
        },
        Column {
            default: Some("'it''s'::text".into()),
            comment: Some("Says 'hi'".into()),
            ..not_null(col("c_commented", "text", SqlType::Text))
        },
        // Re-added after a DROP COLUMN: last, and the dropped one is gone.
        col("c_int2", "smallint", SqlType::SmallInt),
    ];
    let actual = &table(&read.schema, "all_types").columns;
    for (actual, expected) in actual.iter().zip(&expected) {
        assert_eq!(actual, expected);
    }
    assert_eq!(actual.len(), expected.len());
}

#[test]
fn enums_with_labels_in_sort_order_including_other_schemas() {
    let read = read_or_skip!();
    let expected = vec![
        Enum {
            name: "it's".into(),
            labels: strings(&["a'b", "c,d", "E"]),
            ..Enum::default()
        },
        Enum {
            name: "mood".into(),
            labels: strings(&["sad", "ok", "happy"]),
            ..Enum::default()
        },
        // Lives in the other schema; read because all_types.c_other_enum uses it.
        Enum {
            name: "other_mood".into(),
            labels: strings(&["calm", "stormy"]),
            ..Enum::default()
        },
    ];
    assert_eq!(read.schema.enums, expected);
    assert_eq!(read.both.enums, expected);
}

#[test]
fn table_with_comments_serial_key_default_and_check() {
    let read = read_or_skip!();
    let expected = Table {
        schema: Some(read.main.clone()),
        name: "artist".into(),
        kind: TableKind::Table,
        comment: Some("People who make albums".into()),
        columns: vec![
            Column {
                default: Some("nextval('artist_id_seq'::regclass)".into()),
                identity: Some(Identity::ByDefault),
                ..not_null(col("id", "integer", SqlType::Integer))
            },
            Column {
                comment: Some("Stage name".into()),
                ..not_null(col("name", "text", SqlType::Text))
            },
            Column {
                default: Some("'ok'::mood".into()),
                ..not_null(col("mood", "mood", SqlType::Enum("mood".into())))
            },
        ],
        primary_key: strings(&["id"]),
        checks: vec![Check {
            name: "artist_name_not_blank".into(),
            expression: "(name <> ''::text)".into(),
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
            read,
            "album_artist_id_fkey",
            &["artist_id"],
            "artist",
            &["id"],
            Some("CASCADE"),
            None,
        )]
    );
    // The constraint's own column order, not the table's.
    assert_eq!(
        album.unique_keys,
        [UniqueKey {
            name: "album_artist_title_key".into(),
            columns: strings(&["title", "artist_id"]),
        }]
    );
    // Expression parts left out (an all-expression index entirely), INCLUDE columns left out,
    // and a partial unique index is only an index: it is unique on some rows only.
    let index = |name: &str, columns: &[&str]| Index {
        name: name.into(),
        columns: strings(columns),
    };
    assert_eq!(
        album.indexes,
        [
            index("album_covering_idx", &["artist_id"]),
            index("album_mixed_idx", &["artist_id"]),
            index("album_released_idx", &["released", "artist_id"]),
            index("album_title_uidx", &["title"]),
        ]
    );
    assert!(album.checks.is_empty());

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
    let link = table(&read.schema, "album_tag");
    assert_eq!(
        link,
        &Table {
            schema: Some(read.main.clone()),
            name: "album_tag".into(),
            columns: vec![
                not_null(col("album_id", "bigint", SqlType::BigInt)),
                not_null(col("tag_id", "integer", SqlType::Integer)),
            ],
            primary_key: strings(&["tag_id", "album_id"]),
            foreign_keys: vec![
                fk(
                    read,
                    "album_tag_album_id_fkey",
                    &["album_id"],
                    "album",
                    &["id"],
                    Some("CASCADE"),
                    None,
                ),
                fk(
                    read,
                    "album_tag_tag_id_fkey",
                    &["tag_id"],
                    "tag",
                    &["id"],
                    None,
                    Some("CASCADE"),
                ),
            ],
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
            read,
            "employee_manager_id_fkey",
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
                read,
                "transfer_from_fkey",
                &["from_account"],
                "account",
                &["id"],
                None,
                None,
            ),
            fk(
                read,
                "transfer_to_fkey",
                &["to_account"],
                "account",
                &["id"],
                Some("SET DEFAULT"),
                None,
            ),
        ]
    );
    assert_eq!(
        transfer.checks,
        [Check {
            name: "transfer_amount_check".into(),
            expression: "(amount > (0)::numeric)".into(),
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
            read,
            "shipment_line_shipment_fkey",
            &["code", "region"],
            "shipment",
            &["code", "region"],
            Some("CASCADE"),
            Some("CASCADE"),
        )]
    );
    assert_eq!(
        line.columns[0],
        not_null(col("region", "character(2)", SqlType::Text))
    );
}

#[test]
fn table_without_primary_key() {
    let read = read_or_skip!();
    assert_eq!(
        table(&read.schema, "event_log"),
        &Table {
            schema: Some(read.main.clone()),
            name: "event_log".into(),
            columns: vec![
                not_null(col("message", "text", SqlType::Text)),
                Column {
                    default: Some("now()".into()),
                    ..not_null(col("at", "timestamp with time zone", SqlType::Timestamptz))
                },
            ],
            ..Table::default()
        }
    );
}

#[test]
fn views_have_nullable_columns_and_no_keys() {
    let read = read_or_skip!();
    assert_eq!(
        table(&read.schema, "artist_album"),
        &Table {
            schema: Some(read.main.clone()),
            name: "artist_album".into(),
            kind: TableKind::View,
            comment: Some("Albums with their artist".into()),
            columns: vec![
                col("artist", "text", SqlType::Text),
                col("title", "character varying(200)", SqlType::Text),
                col("released", "date", SqlType::Date),
            ],
            ..Table::default()
        }
    );
    assert_eq!(
        table(&read.schema, "album_count"),
        &Table {
            schema: Some(read.main.clone()),
            name: "album_count".into(),
            kind: TableKind::MaterializedView,
            columns: vec![
                col("artist_id", "integer", SqlType::Integer),
                col("albums", "bigint", SqlType::BigInt),
            ],
            unique_keys: vec![UniqueKey {
                name: "album_count_artist_idx".into(),
                columns: strings(&["artist_id"]),
            }],
            ..Table::default()
        }
    );
}

#[test]
fn several_schemas_in_schema_then_name_order() {
    let read = read_or_skip!();
    let names: Vec<(&str, &str)> = read
        .both
        .tables
        .iter()
        .map(|t| (t.schema.as_deref().unwrap(), t.name.as_str()))
        .collect();
    let main = read.main.as_str();
    let other = read.other.as_str();
    assert_eq!(names.len(), read.schema.tables.len() + 1);
    assert_eq!(names.last(), Some(&(other, "remote")));
    assert!(names[..names.len() - 1].iter().all(|(s, _)| *s == main));
    assert_eq!(
        table(&read.both, "remote"),
        &Table {
            schema: Some(other.to_owned()),
            name: "remote".into(),
            columns: vec![
                not_null(col("id", "integer", SqlType::Integer)),
                col("artist_id", "integer", SqlType::Integer),
            ],
            primary_key: strings(&["id"]),
            ..Table::default()
        }
    );
    assert_eq!(table(&read.both, "artist"), table(&read.schema, "artist"));
}

#[test]
fn a_schema_without_relations_reads_empty() {
    let read = read_or_skip!();
    let mut conn = dovetail::connect(&common::pg_url()).unwrap();
    let options = Options {
        schemas: vec![format!("{}_missing", read.main)],
    };
    assert_eq!(introspect(&mut *conn, &options).unwrap(), Schema::default());
}

const PARTITIONED: &str = r#"
CREATE DOMAIN price AS numeric(10, 2) CHECK (VALUE >= 0);
CREATE DOMAIN discount AS price CHECK (VALUE < 100);
CREATE TABLE measurement (
    id integer NOT NULL,
    taken date NOT NULL,
    cost price,
    cut discount,
    PRIMARY KEY (id, taken)
) PARTITION BY RANGE (taken);
CREATE TABLE measurement_2025 PARTITION OF measurement
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE measurement_2026 PARTITION OF measurement
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY RANGE (id);
CREATE TABLE measurement_2026_low PARTITION OF measurement_2026 FOR VALUES FROM (0) TO (1000);
CREATE TABLE city (name text PRIMARY KEY, population bigint);
CREATE TABLE capital (state char(2) NOT NULL) INHERITS (city);
"#;

/// Partitions are left out (their partitioned parent is emitted once), inheritance children
/// are emitted naming their parent, and domains read as their base type.
#[test]
fn partitions_inheritance_children_and_domains() {
    let url = common::pg_url();
    let Some(admin) = common::reach(&url, "PostgreSQL") else {
        return;
    };
    let name = common::unique_name("partitions");
    let _scratch = common::Scratch::create(admin, "SCHEMA", &name, " CASCADE");
    let mut conn = dovetail::connect(&url).unwrap();
    conn.batch_execute(&format!(r#"SET search_path TO "{name}"; {PARTITIONED}"#))
        .unwrap();
    let options = Options {
        schemas: vec![name.clone()],
    };
    let schema = introspect(&mut *conn, &options).unwrap();
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["capital", "city", "measurement"]);
    let capital = table(&schema, "capital");
    assert_eq!(capital.inherits, strings(&["city"]));
    assert_eq!(
        capital
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["name", "population", "state"]
    );
    assert!(table(&schema, "city").inherits.is_empty());
    let measurement = table(&schema, "measurement");
    assert!(measurement.inherits.is_empty());
    assert_eq!(measurement.primary_key, strings(&["id", "taken"]));
    let types: Vec<&SqlType> = measurement.columns.iter().map(|c| &c.sql_type).collect();
    assert_eq!(
        types,
        [
            &SqlType::Integer,
            &SqlType::Date,
            &SqlType::Numeric,
            &SqlType::Numeric
        ]
    );

    let text = dovetail_codegen::emit::schema_rs(&schema, "a test").text;
    assert_eq!(text.matches("    measurement").count(), 1, "{text}");
    assert!(
        text.contains("    /// Inherits the columns of `city`.\n    capital ("),
        "{text}"
    );
}
