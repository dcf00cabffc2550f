//! The runtime benchmarks' data, as plain Rust values and SQL text: where each backend lives,
//! the users/posts/comments tables, the rows each workload starts from, the checksum its
//! result must have and the SQL of the statements the raw drivers prepare.
//!
//! Nothing here depends on a driver, so the Diesel and sqlx benchmarks (`diesel/`, `sqlx/`,
//! workspaces of their own) include this very file and seed the same rows.

use std::path::PathBuf;

/// The SQL dialect of a backend, for the DDL and the seed statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Sqlite,
    Postgres,
    MySql,
}

/// One backend the benchmarks run on.
#[derive(Debug, Clone)]
pub enum Target {
    /// SQLite in memory: every connection has a database of its own.
    SqliteMemory,
    /// SQLite files in this directory, one per implementation.
    SqliteFile(PathBuf),
    /// A PostgreSQL server; each implementation works in a scratch schema.
    Postgres(String),
    /// A MySQL/MariaDB server; each implementation works in a scratch database.
    MySql(String),
}

impl Target {
    /// Every backend: SQLite in memory and in a file, then the servers of `DOVETAIL_PG_URL`
    /// and `DOVETAIL_MYSQL_URL` (default the local ones).
    pub fn all() -> Vec<Target> {
        let env =
            |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
        let dir = std::env::temp_dir().join(format!("dovetail-bench-{}", std::process::id()));
        vec![
            Target::SqliteMemory,
            Target::SqliteFile(dir),
            Target::Postgres(env(
                "DOVETAIL_PG_URL",
                "postgres://root@127.0.0.1:5432/test",
            )),
            Target::MySql(env(
                "DOVETAIL_MYSQL_URL",
                "mysql://root@127.0.0.1:3306/test",
            )),
        ]
    }

    /// The backend labelled `label` (see [`Target::label`]).
    pub fn named(label: &str) -> Option<Target> {
        Target::all()
            .into_iter()
            .find(|target| target.label() == label)
    }

    /// The backend's part of the benchmark names.
    pub fn label(&self) -> &'static str {
        match self {
            Target::SqliteMemory => "sqlite-memory",
            Target::SqliteFile(_) => "sqlite-file",
            Target::Postgres(_) => "postgres",
            Target::MySql(_) => "mysql",
        }
    }

    /// The dialect of the DDL and seed statements.
    pub fn flavor(&self) -> Flavor {
        match self {
            Target::SqliteMemory | Target::SqliteFile(_) => Flavor::Sqlite,
            Target::Postgres(_) => Flavor::Postgres,
            Target::MySql(_) => Flavor::MySql,
        }
    }

    /// The SQLite file of one implementation (`dovetail`, `raw`, `diesel`), its directory
    /// created; `None` off SQLite files.
    pub fn sqlite_file(&self, implementation: &str) -> Option<PathBuf> {
        let Target::SqliteFile(dir) = self else {
            return None;
        };
        std::fs::create_dir_all(dir).expect("create the SQLite directory");
        let path = dir.join(format!("{implementation}.db"));
        // A file left by an interrupted run would hold stale rows and a stale journal mode.
        let _ = std::fs::remove_file(&path);
        Some(path)
    }
}

/// The statements that create an implementation's scratch namespace and enter it.
pub fn enter_scratch(flavor: Flavor, implementation: &str) -> Vec<String> {
    let name = scratch_name(implementation);
    match flavor {
        Flavor::Sqlite => vec![],
        Flavor::Postgres => vec![
            format!("DROP SCHEMA IF EXISTS {name} CASCADE"),
            format!("CREATE SCHEMA {name}"),
            format!("SET search_path TO {name}"),
        ],
        Flavor::MySql => vec![
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
            format!("USE {name}"),
        ],
    }
}

/// The statements that drop an implementation's scratch namespace.
pub fn leave_scratch(flavor: Flavor, implementation: &str) -> Vec<String> {
    let name = scratch_name(implementation);
    match flavor {
        Flavor::Sqlite => vec![],
        Flavor::Postgres => vec![format!("DROP SCHEMA IF EXISTS {name} CASCADE")],
        Flavor::MySql => vec![format!("DROP DATABASE IF EXISTS {name}")],
    }
}

/// A schema or database name of this process and implementation, so that concurrent runs
/// and the implementations of one run do not meet.
fn scratch_name(implementation: &str) -> String {
    format!("dovetail_bench_{implementation}_{}", std::process::id())
}

/// `users`, `posts` and `comments`, dropped and created empty, with the foreign key columns
/// indexed.
pub fn create_tables(flavor: Flavor) -> Vec<String> {
    let key = match flavor {
        Flavor::Sqlite => "INTEGER PRIMARY KEY",
        Flavor::Postgres => "SERIAL PRIMARY KEY",
        Flavor::MySql => "INTEGER AUTO_INCREMENT PRIMARY KEY",
    };
    vec![
        "DROP TABLE IF EXISTS comments".into(),
        "DROP TABLE IF EXISTS posts".into(),
        "DROP TABLE IF EXISTS users".into(),
        format!("CREATE TABLE users (id {key}, name TEXT NOT NULL, hair_color TEXT)"),
        format!(
            "CREATE TABLE posts (id {key}, user_id INTEGER NOT NULL, title TEXT NOT NULL, \
             body TEXT)"
        ),
        format!("CREATE TABLE comments (id {key}, post_id INTEGER NOT NULL, text TEXT NOT NULL)"),
        "CREATE INDEX posts_user_id ON posts (user_id)".into(),
        "CREATE INDEX comments_post_id ON comments (post_id)".into(),
    ]
}

/// A statement of the raw implementations (and sqlx), a key of their prepared statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Query {
    Trivial,
    Medium,
    /// An INSERT of this many users in one statement.
    Insert(usize),
    /// The posts of this many users.
    Posts(usize),
    /// The comments on this many posts.
    Comments(usize),
}

impl Query {
    /// The SQL, with `?` or (`numbered`) `$1, $2, …` placeholders.
    pub fn sql(self, numbered: bool) -> String {
        let marks = |skip: usize, count: usize| {
            let one = |i: usize| {
                if numbered {
                    format!("${}", i + 1)
                } else {
                    "?".into()
                }
            };
            (skip..skip + count).map(one).collect::<Vec<_>>().join(", ")
        };
        match self {
            Query::Trivial => "SELECT id, name, hair_color FROM users".into(),
            Query::Medium => format!(
                "SELECT users.id, users.name, users.hair_color, posts.id, posts.user_id, \
                 posts.title, posts.body FROM users LEFT JOIN posts ON posts.user_id = users.id \
                 WHERE users.hair_color = {}",
                marks(0, 1)
            ),
            Query::Insert(rows) => {
                let values: Vec<String> = (0..rows)
                    .map(|i| format!("({})", marks(2 * i, 2)))
                    .collect();
                format!(
                    "INSERT INTO users (name, hair_color) VALUES {}",
                    values.join(", ")
                )
            }
            Query::Posts(users) => format!(
                "SELECT id, user_id, title, body FROM posts WHERE user_id IN ({})",
                marks(0, users)
            ),
            Query::Comments(posts) => format!(
                "SELECT id, post_id, text FROM comments WHERE post_id IN ({})",
                marks(0, posts)
            ),
        }
    }
}

/// A row of `users`.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub id: i32,
    pub name: String,
    pub hair_color: Option<String>,
}

/// A row of `posts`.
#[derive(Debug, Clone, PartialEq)]
pub struct PostRow {
    pub id: i32,
    pub user_id: i32,
    pub title: String,
    pub body: Option<String>,
}

/// A row of `comments`.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentRow {
    pub id: i32,
    pub post_id: i32,
    pub text: String,
}

/// The rows a workload starts from.
#[derive(Debug, Clone, Default)]
pub struct Seed {
    pub users: Vec<UserRow>,
    pub posts: Vec<PostRow>,
    pub comments: Vec<CommentRow>,
}

impl Seed {
    /// No rows: the insert workload starts from empty tables.
    pub fn empty() -> Seed {
        Seed::default()
    }

    /// `size` users, every other one with no hair colour.
    pub fn trivial(size: usize) -> Seed {
        let users = (1..=size as i32).map(|id| user(id, (id % 2 == 0).then_some("black")));
        Seed {
            users: users.collect(),
            ..Seed::default()
        }
    }

    /// `2 × size` users, black-haired (odd ids) and brown-haired in turn; every other
    /// black-haired user has one post, so the join yields `size` rows, half without a post.
    pub fn medium(size: usize) -> Seed {
        let users: Vec<UserRow> = (1..=2 * size as i32)
            .map(|id| user(id, Some(if id % 2 == 1 { "black" } else { "brown" })))
            .collect();
        let authors = users.iter().filter(|u| u.id % 4 == 1).map(|u| u.id);
        let posts = authors
            .zip(1..)
            .map(|(user_id, id)| post(id, user_id))
            .collect();
        Seed {
            users,
            posts,
            comments: vec![],
        }
    }

    /// `users` users with `per_parent` posts each and `per_parent` comments on each post.
    pub fn associations(users: usize, per_parent: usize) -> Seed {
        let users: Vec<UserRow> = (1..=users as i32).map(|id| user(id, None)).collect();
        let posts: Vec<PostRow> = users
            .iter()
            .flat_map(|u| std::iter::repeat_n(u.id, per_parent))
            .zip(1..)
            .map(|(user_id, id)| post(id, user_id))
            .collect();
        let comments = posts
            .iter()
            .flat_map(|p| std::iter::repeat_n(p.id, per_parent))
            .zip(1..)
            .map(|(post_id, id)| CommentRow {
                id,
                post_id,
                text: format!("Comment {id} on post {post_id}"),
            })
            .collect();
        Seed {
            users,
            posts,
            comments,
        }
    }

    /// Multi-row INSERTs of the seed with literal values, at most 1,000 rows each.
    pub fn statements(&self) -> Vec<String> {
        let users = self.users.iter().map(|u| {
            format!(
                "({}, {}, {})",
                u.id,
                literal(&u.name),
                nullable(&u.hair_color)
            )
        });
        let posts = self.posts.iter().map(|p| {
            format!(
                "({}, {}, {}, {})",
                p.id,
                p.user_id,
                literal(&p.title),
                nullable(&p.body)
            )
        });
        let comments = self
            .comments
            .iter()
            .map(|c| format!("({}, {}, {})", c.id, c.post_id, literal(&c.text)));
        let mut statements = inserts("users (id, name, hair_color)", users.collect());
        statements.extend(inserts("posts (id, user_id, title, body)", posts.collect()));
        statements.extend(inserts("comments (id, post_id, text)", comments.collect()));
        statements
    }

    /// What the trivial query over this seed yields.
    pub fn expected_users(&self) -> Check {
        Check::default().add_all(self.users.iter().map(|u| u.id))
    }

    /// What the medium query (black-haired users, left joined to their posts) yields.
    pub fn expected_joined(&self) -> Check {
        let mut check = Check::default();
        for user in self
            .users
            .iter()
            .filter(|u| u.hair_color.as_deref() == Some("black"))
        {
            check = check.add(user.id);
            let post = self.posts.iter().find(|p| p.user_id == user.id);
            check = post.map_or(check.add_missing(), |p| check.add(p.id));
        }
        check
    }

    /// What loading every user with its posts and their comments yields.
    pub fn expected_tree(&self) -> Check {
        Check::default()
            .add_all(self.users.iter().map(|u| u.id))
            .add_all(self.posts.iter().map(|p| p.id))
            .add_all(self.comments.iter().map(|c| c.id))
    }
}

fn user(id: i32, hair_color: Option<&str>) -> UserRow {
    UserRow {
        id,
        name: format!("User {id}"),
        hair_color: hair_color.map(Into::into),
    }
}

fn post(id: i32, user_id: i32) -> PostRow {
    let body = (id % 2 == 0).then(|| format!("The body of post {id}"));
    PostRow {
        id,
        user_id,
        title: format!("Post {id} by user {user_id}"),
        body,
    }
}

fn inserts(into: &str, rows: Vec<String>) -> Vec<String> {
    let chunks = rows.chunks(1000);
    chunks
        .map(|chunk| format!("INSERT INTO {into} VALUES {}", chunk.join(", ")))
        .collect()
}

/// A string literal; the seed's strings hold no quotes.
fn literal(text: &str) -> String {
    assert!(
        !text.contains(['\'', '\\']),
        "seed strings are plain: {text}"
    );
    format!("'{text}'")
}

fn nullable(text: &Option<String>) -> String {
    text.as_deref().map_or("NULL".into(), literal)
}

/// The rows of the insert workload: `size` new users.
pub fn new_users(size: usize) -> Vec<(String, Option<String>)> {
    let row = |i: usize| {
        (
            format!("New user {i}"),
            i.is_multiple_of(2).then(|| "brown".to_string()),
        )
    };
    (1..=size).map(row).collect()
}

/// What a freshly emptied `users` holds after one insert of `size` rows.
pub fn expected_inserted(size: usize) -> Check {
    Check::default().add_all(1..=size as i32)
}

/// The number of values a result holds and the sum of their ids: equal checks mean the
/// implementations read the same rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Check {
    pub rows: usize,
    pub id_sum: i64,
    pub missing: usize,
}

impl Check {
    fn add(self, id: i32) -> Check {
        Check {
            rows: self.rows + 1,
            id_sum: self.id_sum + i64::from(id),
            ..self
        }
    }

    fn add_missing(self) -> Check {
        Check {
            missing: self.missing + 1,
            ..self
        }
    }

    fn add_all(self, ids: impl IntoIterator<Item = i32>) -> Check {
        ids.into_iter().fold(self, Check::add)
    }
}

/// A decoded row of one of the three tables, as each implementation defines it.
pub trait Row {
    /// The primary key.
    fn id(&self) -> i32;
    /// The foreign key to the parent (`user_id`, `post_id`); `None` for users.
    fn parent(&self) -> Option<i32>;
}

/// The check of a list of users.
pub fn check_users<U: Row>(users: &[U]) -> Check {
    Check::default().add_all(users.iter().map(Row::id))
}

/// The check of users with their posts, if any.
pub fn check_joined<U: Row, P: Row>(rows: &[(U, Option<P>)]) -> Check {
    rows.iter().fold(Check::default(), |check, (user, post)| {
        assert!(
            post.as_ref().is_none_or(|p| p.parent() == Some(user.id())),
            "a post of another user"
        );
        let check = check.add(user.id());
        post.as_ref()
            .map_or(check.add_missing(), |p| check.add(p.id()))
    })
}

/// Users with their posts and their comments.
pub type Tree<U, P, C> = Vec<(U, Vec<(P, Vec<C>)>)>;

/// The check of users with their posts and their comments, each child under its parent.
pub fn check_tree<U: Row, P: Row, C: Row>(tree: &Tree<U, P, C>) -> Check {
    let mut check = Check::default();
    for (user, posts) in tree {
        check = check.add(user.id());
        for (post, comments) in posts {
            assert_eq!(
                post.parent(),
                Some(user.id()),
                "post {} under the wrong user",
                post.id()
            );
            check = check.add(post.id());
            for comment in comments {
                assert_eq!(
                    comment.parent(),
                    Some(post.id()),
                    "comment under the wrong post"
                );
                check = check.add(comment.id());
            }
        }
    }
    check
}

/// Children grouped under their parents, in the parents' order: what Diesel's `grouped_by`
/// does, for the implementations without it.
pub fn group_by_parent<P: Row, C>(
    parents: &[P],
    children: Vec<C>,
    parent_of: impl Fn(&C) -> i32,
) -> Vec<Vec<C>> {
    let index: std::collections::HashMap<i32, usize> = parents
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id(), i))
        .collect();
    let mut groups: Vec<Vec<C>> = parents.iter().map(|_| Vec::new()).collect();
    for child in children {
        let parent = index
            .get(&parent_of(&child))
            .expect("a child of a loaded parent");
        groups[*parent].push(child);
    }
    groups
}

/// The ids of the rows, in order: the parameters of the next level's `IN (…)`.
pub fn ids<R: Row>(rows: &[R]) -> Vec<i32> {
    rows.iter().map(Row::id).collect()
}
