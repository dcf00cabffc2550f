//! The workloads with sqlx: `query_as` into tuples (columns read by position) and `query`,
//! prepared and kept in sqlx's statement cache of each connection, over the SQL the raw
//! drivers prepare (`fixture::Query`). The bodies are the same on every backend, so one macro
//! writes them.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, MySqlConnection, PgConnection, SqliteConnection};
use std::collections::HashMap;

use crate::driver_async::AsyncSubject;
use crate::fixture::{self, Flavor, Query, Row, Seed, Target};

const NAME: &str = "sqlx";

/// A row of `users`.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: i32,
    pub name: String,
    pub hair_color: Option<String>,
}

/// A row of `posts`.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub id: i32,
    pub user_id: i32,
    pub title: String,
    pub body: Option<String>,
}

impl Row for User {
    fn id(&self) -> i32 {
        self.id
    }

    fn parent(&self) -> Option<i32> {
        None
    }
}

impl Row for Post {
    fn id(&self) -> i32 {
        self.id
    }

    fn parent(&self) -> Option<i32> {
        Some(self.user_id)
    }
}

type UserColumns = (i32, String, Option<String>);
type Joined = (
    i32,
    String,
    Option<String>,
    Option<i32>,
    Option<i32>,
    Option<String>,
    Option<String>,
);

fn user((id, name, hair_color): UserColumns) -> User {
    User {
        id,
        name,
        hair_color,
    }
}

fn joined((id, name, hair_color, post_id, user_id, title, body): Joined) -> (User, Option<Post>) {
    let post = match (post_id, user_id, title) {
        (Some(id), Some(user_id), Some(title)) => Some(Post {
            id,
            user_id,
            title,
            body,
        }),
        _ => None,
    };
    (
        User {
            id,
            name,
            hair_color,
        },
        post,
    )
}

macro_rules! subject {
    ($(#[$doc:meta])* $subject:ident, $connection:ty, numbered: $numbered:expr) => {
        $(#[$doc])*
        pub struct $subject {
            conn: $connection,
            flavor: Flavor,
            /// The SQL of each statement, built once (sqlx keys its statement cache by it).
            sql: HashMap<Query, String>,
        }

        impl $subject {
            /// Enters a scratch schema or database on `conn`.
            async fn enter(conn: $connection, flavor: Flavor) -> Result<Self, String> {
                let mut subject = $subject { conn, flavor, sql: HashMap::new() };
                subject.run_all(fixture::enter_scratch(flavor, NAME)).await?;
                Ok(subject)
            }

            async fn run_all(&mut self, statements: Vec<String>) -> Result<(), String> {
                for statement in statements {
                    sqlx::raw_sql(&statement)
                        .execute(&mut self.conn)
                        .await
                        .map_err(|e| format!("{statement}: {e}"))?;
                }
                Ok(())
            }

            /// The SQL of `query`, built on first use.
            fn sql(sql: &mut HashMap<Query, String>, query: Query) -> &str {
                sql.entry(query).or_insert_with(|| query.sql($numbered))
            }
        }

        impl AsyncSubject for $subject {
            type User = User;
            type Post = Post;

            async fn reset(&mut self, seed: &Seed) {
                // Statements over dropped tables would fail: prepare them again on first use.
                self.conn.clear_cached_statements().await.unwrap();
                let statements = [fixture::create_tables(self.flavor), seed.statements()];
                self.run_all(statements.concat()).await.unwrap();
            }

            async fn trivial(&mut self) -> Vec<User> {
                let sql = Self::sql(&mut self.sql, Query::Trivial);
                let rows: Vec<UserColumns> =
                    sqlx::query_as(sql).fetch_all(&mut self.conn).await.unwrap();
                rows.into_iter().map(user).collect()
            }

            async fn medium(&mut self) -> Vec<(User, Option<Post>)> {
                let sql = Self::sql(&mut self.sql, Query::Medium);
                let rows: Vec<Joined> = sqlx::query_as(sql)
                    .bind("black")
                    .fetch_all(&mut self.conn)
                    .await
                    .unwrap();
                rows.into_iter().map(joined).collect()
            }

            async fn insert(&mut self, rows: &[(String, Option<String>)]) {
                let sql = Self::sql(&mut self.sql, Query::Insert(rows.len()));
                let query = rows.iter().fold(sqlx::query(sql), |query, (name, hair)| {
                    query.bind(name.as_str()).bind(hair.as_deref())
                });
                let written = query.execute(&mut self.conn).await.unwrap().rows_affected();
                assert_eq!(written as usize, rows.len());
            }

            async fn finish(&mut self) {
                self.run_all(fixture::leave_scratch(self.flavor, NAME)).await.unwrap();
            }
        }
    };
}

subject!(
    /// sqlx on SQLite, in memory or in a file.
    SqliteSubject,
    SqliteConnection,
    numbered: false
);
subject!(
    /// sqlx on PostgreSQL, in a scratch schema.
    PgSubject,
    PgConnection,
    numbered: true
);
subject!(
    /// sqlx on MySQL/MariaDB, in a scratch database.
    MySqlSubject,
    MySqlConnection,
    numbered: false
);

impl SqliteSubject {
    /// Opens the target's database: a private in-memory one (not the shared cache that sqlx's
    /// `sqlite::memory:` URL opens), or its file with SQLite's default journal, as rusqlite
    /// does.
    pub async fn open(target: &Target) -> Result<Self, String> {
        let options = SqliteConnectOptions::new().create_if_missing(true);
        let options = match target.sqlite_file(NAME) {
            Some(path) => options.filename(path),
            None => options,
        };
        let conn = SqliteConnection::connect_with(&options)
            .await
            .map_err(|e| e.to_string())?;
        Self::enter(conn, Flavor::Sqlite).await
    }
}

impl PgSubject {
    /// Connects and enters a scratch schema.
    pub async fn open(url: &str) -> Result<Self, String> {
        let conn = PgConnection::connect(url)
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        Self::enter(conn, Flavor::Postgres).await
    }
}

impl MySqlSubject {
    /// Connects and enters a scratch database.
    pub async fn open(url: &str) -> Result<Self, String> {
        let conn = MySqlConnection::connect(url)
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        Self::enter(conn, Flavor::MySql).await
    }
}
