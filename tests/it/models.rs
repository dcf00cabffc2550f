//! Models and relationships over a small music catalogue, on every backend: rows found by key,
//! queries fetched by how many rows they yield, and relationships of every kind loaded
//! eagerly with one statement per level. Related rows come in the server's order unless the
//! relationship orders them, so the tests that compare lists order them.

use dovetail::Error;
use dovetail::model::{BelongsTo, HasMany, HasOne, ManyToMany, Model};
use dovetail::prelude::*;

use crate::harness::backend_test;
use crate::statements::captured;

dovetail::table! {
    artist { id: Integer, name: Text } primary_key (id);
    profile { artist_id: Integer, bio: Text }
        primary_key (artist_id);
        foreign_key of_artist (artist_id) references artist (id);
    album { id: Integer, title: Text, artist_id: Integer }
        primary_key (id);
        foreign_key by_artist (artist_id) references artist (id);
    track { id: Integer, name: Text, album_id: Nullable<Integer>, ms: Integer }
        primary_key (id);
        foreign_key on_album (album_id) references album (id);
    playlist { id: Integer, name: Text } primary_key (id);
    playlist_track { playlist_id: Integer, track_id: Integer }
        primary_key (playlist_id, track_id);
        foreign_key to_playlist (playlist_id) references playlist (id);
        foreign_key to_track (track_id) references track (id);
    employee { id: Integer, name: Text, reports_to: Nullable<Integer> }
        primary_key (id);
        foreign_key manager (reports_to) references employee (id);
    edition { album_id: Integer, number: Integer, label: Text } primary_key (album_id, number);
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = artist)]
struct Artist {
    id: i32,
    name: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = profile)]
struct Profile {
    artist_id: i32,
    bio: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = album)]
struct Album {
    id: i32,
    title: String,
    artist_id: i32,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = track)]
struct Track {
    id: i32,
    name: String,
    album_id: Option<i32>,
    #[dovetail(column = ms)]
    milliseconds: i32,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = playlist)]
struct Playlist {
    id: i32,
    name: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = employee)]
struct Employee {
    id: i32,
    name: String,
    reports_to: Option<i32>,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = edition)]
struct Edition {
    album_id: i32,
    number: i32,
    label: String,
}

#[allow(non_upper_case_globals)]
impl Artist {
    const albums: HasMany<Artist, Album, album::fk::by_artist> = HasMany::new();
    const profile: HasOne<Artist, Profile, profile::fk::of_artist> = HasOne::new();
}

#[allow(non_upper_case_globals)]
impl Album {
    const artist: BelongsTo<Album, Artist, album::fk::by_artist> = BelongsTo::new();
    const tracks: HasMany<Album, Track, track::fk::on_album> = HasMany::new();
}

#[allow(non_upper_case_globals)]
impl Track {
    const album: BelongsTo<Track, Album, track::fk::on_album> = BelongsTo::new();
}

#[allow(non_upper_case_globals)]
impl Playlist {
    const tracks: ManyToMany<
        Playlist,
        Track,
        playlist_track::fk::to_playlist,
        playlist_track::fk::to_track,
    > = ManyToMany::new();
}

#[allow(non_upper_case_globals)]
impl Employee {
    const manager: BelongsTo<Employee, Employee, employee::fk::manager> = BelongsTo::new();
    const reports: HasMany<Employee, Employee, employee::fk::manager> = HasMany::new();
}

const CATALOGUE: &str = "
    CREATE TABLE artist (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
    CREATE TABLE profile (artist_id INTEGER PRIMARY KEY, bio VARCHAR(40) NOT NULL);
    CREATE TABLE album (id INTEGER PRIMARY KEY, title VARCHAR(40) NOT NULL, artist_id INTEGER NOT NULL);
    CREATE TABLE track (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, album_id INTEGER, ms INTEGER NOT NULL);
    CREATE TABLE playlist (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
    CREATE TABLE playlist_track (playlist_id INTEGER NOT NULL, track_id INTEGER NOT NULL, PRIMARY KEY (playlist_id, track_id));
    CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, reports_to INTEGER);
    CREATE TABLE edition (album_id INTEGER NOT NULL, number INTEGER NOT NULL, label VARCHAR(40) NOT NULL, PRIMARY KEY (album_id, number));
    INSERT INTO artist VALUES (1, 'Nina'), (2, 'Miles'), (3, 'Nobody');
    INSERT INTO profile VALUES (1, 'pianist');
    INSERT INTO album VALUES (10, 'Pastel Blues', 1), (11, 'Kind of Blue', 2), (12, 'Silk and Soul', 1);
    INSERT INTO track VALUES (100, 'Be My Husband', 10, 300), (101, 'Strange Fruit', 10, 200),
        (102, 'So What', 11, 500), (103, 'Freddie Freeloader', 11, 400), (104, 'Loose', NULL, 100),
        (105, 'Go to Hell', 12, 250);
    INSERT INTO playlist VALUES (1, 'Evening'), (2, 'Empty'), (3, 'All Nina');
    INSERT INTO playlist_track VALUES (1, 102), (1, 100), (3, 100), (3, 101), (3, 105);
    INSERT INTO employee VALUES (1, 'Andrew', NULL), (2, 'Nancy', 1), (3, 'Jane', 2), (4, 'Steve', 2);
    INSERT INTO edition VALUES (10, 1, 'first'), (10, 2, 'reissue'), (11, 1, 'first');
";

fn catalogue(conn: &mut dyn Connection) {
    conn.batch_execute(CATALOGUE).unwrap();
}

fn artist(id: i32, name: &str) -> Artist {
    Artist {
        id,
        name: name.into(),
    }
}

fn album(id: i32, title: &str, artist_id: i32) -> Album {
    Album {
        id,
        title: title.into(),
        artist_id,
    }
}

fn track(id: i32, name: &str, album_id: Option<i32>, milliseconds: i32) -> Track {
    Track {
        id,
        name: name.into(),
        album_id,
        milliseconds,
    }
}

fn employee(id: i32, name: &str, reports_to: Option<i32>) -> Employee {
    Employee {
        id,
        name: name.into(),
        reports_to,
    }
}

/// A playlist's name, and the name and album of each of its tracks.
type PlaylistSummary<'a> = (&'a str, Vec<(&'a str, Option<i32>)>);

/// How many statements `body` runs.
fn statements(body: impl FnOnce()) -> usize {
    captured(body).len()
}

backend_test! {
    fn models_are_found_by_primary_key(conn, backend) {
        catalogue(conn);
        assert_eq!(Artist::find(conn, 2).unwrap(), Some(artist(2, "Miles")));
        assert_eq!(Artist::find(conn, 99).unwrap(), None);
        let found = Artist::find_many(conn, [3, 99, 1]).unwrap();
        assert_eq!(found, [artist(1, "Nina"), artist(3, "Nobody")], "in key order, missing keys left out");
        assert!(Artist::find_many(conn, Vec::<i32>::new()).unwrap().is_empty());
        // A composite key takes a tuple.
        let reissue = Edition::find(conn, (10, 2)).unwrap().unwrap();
        assert_eq!(reissue.label, "reissue");
        let firsts = Edition::find_many(conn, [(11, 1), (10, 1), (12, 1)]).unwrap();
        let keys: Vec<(i32, i32)> = firsts.iter().map(|e| (e.album_id, e.number)).collect();
        assert_eq!(keys, [(10, 1), (11, 1)]);
        // The model's query takes filters and orders like any typed query.
        let long: Vec<Track> = Track::query()
            .filter(track::ms.ge(400))
            .order_by(track::ms.desc())
            .load(conn)
            .unwrap();
        assert_eq!(long, [track(102, "So What", Some(11), 500), track(103, "Freddie Freeloader", Some(11), 400)]);
    }
}

backend_test! {
    fn queries_are_fetched_by_how_many_rows_they_yield(conn, backend) {
        catalogue(conn);
        let blue = Album::query().filter(album::title.eq("Kind of Blue"));
        assert_eq!(blue.one::<Album, _>(conn).unwrap(), album(11, "Kind of Blue", 2));
        assert_eq!(blue.optional::<Album, _>(conn).unwrap(), Some(album(11, "Kind of Blue", 2)));
        let none = Album::query().filter(album::id.eq(99));
        assert!(matches!(none.one::<Album, _>(conn), Err(Error::NotFound)));
        assert_eq!(none.optional::<Album, _>(conn).unwrap(), None);
        assert!(matches!(Album::query().one::<Album, _>(conn), Err(Error::TooManyRows)));
        assert!(matches!(Album::query().optional::<Album, _>(conn), Err(Error::TooManyRows)));
        assert_eq!(Album::query().count(conn).unwrap(), 3);
        assert_eq!(Album::query().filter(album::artist_id.eq(1)).count(conn).unwrap(), 2);
        assert_eq!(Album::query().order_by(album::id).limit(2).count(conn).unwrap(), 2);
        assert_eq!(album::table.select(album::artist_id).distinct().count(conn).unwrap(), 2);
        assert_eq!(none.count(conn).unwrap(), 0);
        assert!(blue.exists(conn).unwrap());
        assert!(!none.exists(conn).unwrap());
        assert!(track::table.filter(track::album_id.is_null()).exists(conn).unwrap());
    }
}

backend_test! {
    fn nested_relationships_load_with_one_statement_per_level(conn, backend) {
        catalogue(conn);
        let mut loaded = Vec::new();
        let ran = statements(|| {
            loaded = Artist::query()
                .order_by(artist::id)
                .with(Artist::albums.order_by(album::id).with(Album::tracks.order_by(track::id)))
                .load(conn)
                .unwrap();
        });
        assert_eq!(ran, 3, "artists, their albums, the albums' tracks");
        let expected = vec![
            (artist(1, "Nina"), vec![
                (album(10, "Pastel Blues", 1), vec![track(100, "Be My Husband", Some(10), 300), track(101, "Strange Fruit", Some(10), 200)]),
                (album(12, "Silk and Soul", 1), vec![track(105, "Go to Hell", Some(12), 250)]),
            ]),
            (artist(2, "Miles"), vec![
                (album(11, "Kind of Blue", 2), vec![track(102, "So What", Some(11), 500), track(103, "Freddie Freeloader", Some(11), 400)]),
            ]),
            (artist(3, "Nobody"), vec![]),
        ];
        assert_eq!(loaded, expected);
        // Filters and orders on the related side; several relationships on one level.
        let (nina, (albums, profile)) = Artist::query()
            .filter(artist::id.eq(1))
            .with((
                Artist::albums.filter(album::title.like("S%")).order_by(album::title.desc()),
                Artist::profile,
            ))
            .one(conn)
            .unwrap();
        assert_eq!(nina, artist(1, "Nina"));
        assert_eq!(albums, [album(12, "Silk and Soul", 1)]);
        assert_eq!(profile.map(|p| p.bio), Some("pianist".to_owned()));
        let tracks = Album::query()
            .filter(album::id.eq(11))
            .with(Album::tracks.filter(track::ms.lt(450)).order_by(track::ms))
            .one(conn)
            .unwrap()
            .1;
        assert_eq!(tracks, [track(103, "Freddie Freeloader", Some(11), 400)]);
        // No rows: no statement for their relationships.
        let ran = statements(|| {
            let none = Artist::query().filter(artist::id.eq(99)).with(Artist::albums).load(conn).unwrap();
            assert!(none.is_empty());
        });
        assert_eq!(ran, 1);
    }
}

backend_test! {
    fn many_to_one_is_an_option_only_where_the_foreign_key_is_nullable(conn, backend) {
        catalogue(conn);
        let mut tracks = Vec::new();
        let ran = statements(|| {
            tracks = Track::query().order_by(track::id).with(Track::album).load(conn).unwrap();
        });
        assert_eq!(ran, 2);
        let albums: Vec<(i32, Option<i32>)> = tracks.iter().map(|(t, a)| (t.id, a.as_ref().map(|a| a.id))).collect();
        assert_eq!(albums, [(100, Some(10)), (101, Some(10)), (102, Some(11)), (103, Some(11)), (104, None), (105, Some(12))]);
        // A NOT NULL foreign key yields the row itself; the parents come nested too.
        let albums: Vec<(Album, (Artist, Vec<Track>))> = Album::query()
            .order_by(album::id)
            .with((Album::artist, Album::tracks.order_by(track::id)))
            .load(conn)
            .unwrap();
        let artists: Vec<(i32, &str, usize)> = albums.iter().map(|(a, (artist, tracks))| (a.id, artist.name.as_str(), tracks.len())).collect();
        assert_eq!(artists, [(10, "Nina", 2), (11, "Miles", 2), (12, "Nina", 1)]);
        // A NOT NULL foreign key that references no row (the fixture declares no constraint)
        // is an error, not a made-up parent.
        conn.batch_execute("INSERT INTO album VALUES (13, 'Orphan', 99)").unwrap();
        let orphan = Album::query().filter(album::id.eq(13)).with(Album::artist).load(conn);
        assert!(matches!(orphan, Err(Error::NotFound)), "{orphan:?}");
    }
}

backend_test! {
    fn many_to_many_goes_through_the_link_table_in_one_statement(conn, backend) {
        catalogue(conn);
        let mut playlists = Vec::new();
        let ran = statements(|| {
            playlists = Playlist::query()
                .order_by(playlist::id)
                .with(Playlist::tracks.order_by(track::name).with(Track::album))
                .load(conn)
                .unwrap();
        });
        assert_eq!(ran, 3, "playlists, their tracks through the link table, the tracks' albums");
        let names: Vec<PlaylistSummary<'_>> = playlists
            .iter()
            .map(|(p, tracks)| {
                let tracks = tracks.iter().map(|(t, a)| (t.name.as_str(), a.as_ref().map(|a| a.id))).collect();
                (p.name.as_str(), tracks)
            })
            .collect();
        assert_eq!(names, [
            ("Evening", vec![("Be My Husband", Some(10)), ("So What", Some(11))]),
            ("Empty", vec![]),
            ("All Nina", vec![("Be My Husband", Some(10)), ("Go to Hell", Some(12)), ("Strange Fruit", Some(10))]),
        ]);
    }
}

backend_test! {
    fn a_table_relates_to_itself_both_ways(conn, backend) {
        catalogue(conn);
        let mut staff = Vec::new();
        let ran = statements(|| {
            staff = Employee::query()
                .order_by(employee::id)
                .with((Employee::manager, Employee::reports.order_by(employee::id)))
                .load(conn)
                .unwrap();
        });
        assert_eq!(ran, 3);
        let andrew = employee(1, "Andrew", None);
        let nancy = employee(2, "Nancy", Some(1));
        let jane = employee(3, "Jane", Some(2));
        let steve = employee(4, "Steve", Some(2));
        assert_eq!(staff, [
            (andrew.clone(), (None, vec![nancy.clone()])),
            (nancy.clone(), (Some(andrew), vec![jane.clone(), steve.clone()])),
            (jane, (Some(nancy.clone()), vec![])),
            (steve, (Some(nancy), vec![])),
        ]);
    }
}

backend_test! {
    fn eager_loading_splits_many_keys_into_statements_within_the_parameter_limit(conn, backend) {
        catalogue(conn);
        // 40,000 artists: more keys than one statement binds on every backend (half the
        // dialect's parameter limit per statement).
        let artists = (1000..41_000).map(|id| (artist::id.set(id), artist::name.set(format!("a{id}"))));
        insert_into(artist::table).values_many(artists).execute(conn).unwrap();
        insert_into(album::table)
            .values_many([(album::id.set(50), album::title.set("Late"), album::artist_id.set(40_999))])
            .execute(conn)
            .unwrap();
        let per_statement = conn.dialect().max_params() / 2;
        let mut loaded = Vec::new();
        let ran = statements(|| {
            loaded = Artist::query().order_by(artist::id).with(Artist::albums).load(conn).unwrap();
        });
        assert_eq!(loaded.len(), 40_003);
        assert_eq!(ran, 1 + 40_003_usize.div_ceil(per_statement), "{backend:?}");
        let with_albums: Vec<(i32, usize)> = loaded
            .iter()
            .filter(|(_, albums)| !albums.is_empty())
            .map(|(a, albums)| (a.id, albums.len()))
            .collect();
        assert_eq!(with_albums, [(1, 2), (2, 1), (40_999, 1)]);
    }
}
