//! `table!` expansions (snapshots) and misuses (messages, and what they point at).

use insta::assert_snapshot;

use super::expand;
use crate::testing::{error, pretty};

#[test]
fn table_with_docs_sql_names_flags_and_keys() {
    assert_snapshot!(pretty(
        expand,
        r##"
        /// Albums of a recording artist.
        album ("Album") {
            /// The key.
            album_id ("AlbumId"): Integer [identity],
            title ("Title"): Text,
            artist_id ("ArtistId"): Integer,
            released: Nullable<Date> [default],
            total: Numeric [generated],
        }
        primary_key (album_id);
        foreign_key artist (artist_id) references artist (artist_id);
        unique title_key (title);
        "##
    ));
}

#[test]
fn table_without_docs_gets_generated_docs() {
    assert_snapshot!(pretty(expand, "genre { id: Integer, name: Text }"));
}

#[test]
fn required_columns_are_not_null_without_flags() {
    assert_snapshot!(pretty(
        expand,
        r##"
        track {
            id: Integer [identity],
            name: Text,
            composer: Nullable<Text>,
            milliseconds: Integer,
            added: Timestamp [default],
            seconds: Integer [generated],
            mood: crate::schema::Nullable<crate::schema::Mood>,
            kind: crate::schema::Mood,
            weight: Numeric [default, generated,],
        }
        "##
    ));
}

#[test]
fn table_without_required_columns_requires_nil() {
    assert_snapshot!(pretty(
        expand,
        "note { id: Integer [identity], body: Nullable<Text> }"
    ));
}

#[test]
fn composite_primary_key() {
    assert_snapshot!(pretty(
        expand,
        r#"playlist_track ("PlaylistTrack") {
            playlist_id ("PlaylistId"): Integer,
            track_id ("TrackId"): Integer,
        }
        primary_key (playlist_id, track_id,);"#
    ));
}

#[test]
fn table_with_composite_foreign_key() {
    assert_snapshot!(pretty(
        expand,
        r#"line ("Line") { a ("A"): Integer, b ("B"): Integer, qty: Integer }
        foreign_key composite (a, b) references crate::schema::other (x, y);"#
    ));
}

#[test]
fn foreign_key_parents_resolve_where_table_is_invoked() {
    assert_snapshot!(pretty(
        expand,
        r#"link { a: Integer, b: Integer, c: Integer, d: Integer, e: Integer }
        foreign_key sibling (a) references artist (id);
        foreign_key absolute (b) references crate::schema::genre (id);
        foreign_key outer (c) references super::media_type (id);
        foreign_key local (d) references self::playlist (id);
        foreign_key external (e) references ::other_crate::customer (id);"#
    ));
}

#[test]
fn two_foreign_keys_to_one_parent_are_ambiguous() {
    assert_snapshot!(pretty(
        expand,
        r#"flight { id: Integer, origin: Integer, destination: Integer, plane: Integer }
        foreign_key origin_airport (origin) references airport (id);
        foreign_key plane_fk (plane) references plane (id);
        foreign_key destination_airport (destination) references airport (id);"#
    ));
}

#[test]
fn self_referencing_foreign_key() {
    assert_snapshot!(pretty(
        expand,
        r#"employee { id: Integer, manager_id: Nullable<Integer> }
        primary_key (id);
        foreign_key manager (manager_id) references employee (id);"#
    ));
}

#[test]
fn unique_keys_live_in_their_own_module() {
    assert_snapshot!(pretty(
        expand,
        r#"customer { id: Integer, email ("Email"): Text, first: Text, last: Text }
        unique email (email);
        unique full_name (first, last);"#
    ));
}

#[test]
fn view_is_read_only() {
    assert_snapshot!(pretty(
        expand,
        r#"/// Albums with their track counts.
        view album_summary ("AlbumSummary") { title: Text, tracks: BigInt, }"#
    ));
}

#[test]
fn raw_identifier_column() {
    assert_snapshot!(pretty(
        expand,
        r#"r#match { r#type: Text, r#ref ("Reference"): Integer } primary_key (r#type);"#
    ));
}

#[test]
fn custom_sql_type_is_emitted_as_written() {
    assert_snapshot!(pretty(
        expand,
        "song { mood: crate::schema::MoodEnum, alt: Nullable<crate::schema::MoodEnum> }"
    ));
}

#[test]
fn one_column_table_has_one_tuples() {
    assert_snapshot!(pretty(expand, "flag { id: Integer } primary_key (id);"));
}

#[test]
fn wide_table_nests_all_columns_in_chunks_of_12() {
    let columns: Vec<String> = (0..25)
        .map(|i| format!("c{i}: Nullable<Integer>"))
        .collect();
    assert_snapshot!(pretty(
        expand,
        &format!("wide {{ {} }}", columns.join(", "))
    ));
}

#[test]
fn several_definitions_in_one_invocation() {
    assert_snapshot!(pretty(
        expand,
        r#"artist { id: Integer, name: Text } primary_key (id);
        album { id: Integer, artist_id: Integer } foreign_key artist (artist_id) references artist (id);
        view listing { name: Text }"#
    ));
}

#[test]
fn key_words_can_still_name_tables() {
    assert_snapshot!(pretty(
        expand,
        r#"view { id: Integer } primary_key (id);
        primary_key ("pk") { id: Integer }
        unique { id: Integer }
        foreign_key ("fk") { id: Integer }"#
    ));
}

#[test]
fn view_rejects_primary_key() {
    assert_eq!(
        error(expand, "view v { id: Integer } primary_key (id);"),
        "a view cannot declare `primary_key` @ primary_key"
    );
}

#[test]
fn view_rejects_foreign_key() {
    assert_eq!(
        error(
            expand,
            "view v { a: Integer } foreign_key p (a) references p (id);"
        ),
        "a view cannot declare `foreign_key` @ foreign_key"
    );
}

#[test]
fn view_rejects_unique_key() {
    assert_eq!(
        error(expand, "view v { a: Integer } unique a_key (a);"),
        "a view cannot declare `unique` @ unique"
    );
}

#[test]
fn unknown_flag_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer [default, auto] }"),
        "unknown column flag `auto`; expected `default`, `identity`, `identity always` or \
         `generated` @ auto"
    );
}

#[test]
fn identity_other_than_always_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer [identity sometimes] }"),
        "unknown identity `sometimes`; expected `always` @ sometimes"
    );
}

#[test]
fn identity_and_identity_always_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer [identity, identity always] }"),
        "a column is `identity` or `identity always`, not both @ identity"
    );
}

#[test]
fn generated_and_always_identity_columns_are_never_written() {
    assert_snapshot!(pretty(
        expand,
        r##"
        ticket {
            id: BigInt [identity always],
            code: Text,
            code_length: Integer [generated],
            opened: Timestamp [default],
        }
        primary_key (id);
        unique id_again (id);
        unique code_key (code);
        "##
    ));
}

#[test]
fn repeated_flag_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer [identity, identity] }"),
        "duplicate column flag `identity` @ identity"
    );
}

#[test]
fn duplicate_column_is_an_error() {
    assert_eq!(
        error(expand, r#"t { a: Integer, b ("B"): Text, a ("A2"): Text }"#),
        "duplicate column `a` @ a"
    );
}

#[test]
fn duplicate_sql_name_is_an_error() {
    assert_eq!(
        error(expand, r#"t { a: Integer, b ("a"): Text }"#),
        "duplicate SQL column name `a` @ b"
    );
}

#[test]
fn raw_and_plain_column_names_are_one_name() {
    assert_eq!(
        error(expand, r#"t { r#a ("x"): Integer, a ("y"): Text }"#),
        "duplicate column `a` @ a"
    );
}

#[test]
fn primary_key_naming_unknown_column_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer } primary_key (id);"),
        "`t` has no column `id` @ id"
    );
}

#[test]
fn foreign_key_naming_unknown_column_is_an_error() {
    assert_eq!(
        error(
            expand,
            "t { a: Integer } foreign_key p (a, bb) references p (x, y);"
        ),
        "`t` has no column `bb` @ bb"
    );
}

#[test]
fn unique_key_naming_unknown_column_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer } unique u (z);"),
        "`t` has no column `z` @ z"
    );
}

#[test]
fn foreign_key_column_count_mismatch_is_an_error() {
    assert_eq!(
        error(
            expand,
            "t { a: Integer, b: Integer } foreign_key p (a, b) references p (x);"
        ),
        "foreign key `p` has 2 column(s) but references 1 @ p"
    );
}

#[test]
fn empty_column_list_is_an_error() {
    assert_eq!(error(expand, "t {}"), "`t` needs at least one column @ t");
}

#[test]
fn key_without_columns_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer } unique u ();"),
        "a key needs at least one column @ unique"
    );
}

#[test]
fn key_naming_a_column_twice_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer } primary_key (a, a);"),
        "duplicate key column `a` @ a"
    );
}

#[test]
fn second_primary_key_is_an_error() {
    assert_eq!(
        error(
            expand,
            "t { a: Integer, b: Integer } primary_key (a); primary_key (b);"
        ),
        "`t` already has a primary key @ primary_key"
    );
}

#[test]
fn duplicate_foreign_key_name_is_an_error() {
    assert_eq!(
        error(
            expand,
            "t { a: Integer, b: Integer } \
             foreign_key p (a) references p (id); foreign_key p (b) references q (id);"
        ),
        "duplicate foreign key `p` @ p"
    );
}

#[test]
fn duplicate_unique_key_name_is_an_error() {
    assert_eq!(
        error(
            expand,
            "t { a: Integer, b: Integer } unique u (a); unique u (b);"
        ),
        "duplicate unique key `u` @ u"
    );
}

#[test]
fn duplicate_table_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer } t { b: Integer }"),
        "duplicate table `t` @ t"
    );
}

#[test]
fn column_named_like_a_generated_item_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer, table: Text }"),
        "table! names an item of its own `table`: give the column another Rust name, \
         such as `table_ (\"table\")` @ table"
    );
}

#[test]
fn attribute_other_than_doc_is_an_error() {
    assert_eq!(
        error(expand, "t { #[serde(skip)] a: Integer }"),
        "only doc comments are allowed here @ #[serde(skip)]"
    );
}

#[test]
fn empty_sql_name_is_an_error() {
    assert_eq!(
        error(expand, r#"t ("") { a: Integer }"#),
        "a SQL name cannot be empty @ \"\""
    );
}

#[test]
fn empty_invocation_is_an_error() {
    assert_eq!(
        error(expand, ""),
        "table! needs at least one table or view @ "
    );
}

#[test]
fn key_without_semicolon_is_an_error() {
    assert_eq!(
        error(expand, "t { a: Integer } primary_key (a) u { b: Integer }"),
        "expected `;` @ u"
    );
}
