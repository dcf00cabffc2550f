//! The workloads with Diesel's query builder, one subject per connection type; the bodies are
//! the same on every backend, so one macro writes them.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::driver::{Associations, Subject};
use crate::fixture::{self, Flavor, Seed, Target, Tree};
use crate::models::{Comment, NewUser, Post, User};
use crate::schema::{posts, users};

const NAME: &str = "diesel";

macro_rules! subject {
    ($(#[$doc:meta])* $subject:ident, $connection:ty) => {
        $(#[$doc])*
        pub struct $subject {
            conn: $connection,
            flavor: Flavor,
        }

        impl $subject {
            /// Connects to the target and enters a scratch schema there.
            pub fn open(target: &Target) -> Result<Self, String> {
                let url = match target {
                    Target::SqliteMemory => ":memory:".to_string(),
                    Target::SqliteFile(_) => {
                        target.sqlite_file(NAME).expect("a SQLite file").display().to_string()
                    }
                    Target::Postgres(url) | Target::MySql(url) => url.clone(),
                };
                let conn = <$connection>::establish(&url).map_err(|e| format!("{url}: {e}"))?;
                let mut subject = $subject { conn, flavor: target.flavor() };
                subject.run_all(fixture::enter_scratch(subject.flavor, NAME))?;
                Ok(subject)
            }

            fn run_all(&mut self, statements: Vec<String>) -> Result<(), String> {
                for statement in statements {
                    self.conn.batch_execute(&statement).map_err(|e| format!("{statement}: {e}"))?;
                }
                Ok(())
            }
        }

        impl Subject for $subject {
            type User = User;
            type Post = Post;

            fn reset(&mut self, seed: &Seed) {
                let statements = [fixture::create_tables(self.flavor), seed.statements()];
                self.run_all(statements.concat()).unwrap();
            }

            fn trivial(&mut self) -> Vec<User> {
                users::table.select(User::as_select()).load(&mut self.conn).unwrap()
            }

            fn medium(&mut self) -> Vec<(User, Option<Post>)> {
                users::table
                    .left_join(posts::table)
                    .filter(users::hair_color.eq("black"))
                    .select((User::as_select(), Option::<Post>::as_select()))
                    .load(&mut self.conn)
                    .unwrap()
            }

            fn insert(&mut self, rows: &[(String, Option<String>)]) {
                let rows: Vec<NewUser<'_>> = rows
                    .iter()
                    .map(|(name, hair_color)| NewUser { name, hair_color: hair_color.as_deref() })
                    .collect();
                let written =
                    diesel::insert_into(users::table).values(&rows).execute(&mut self.conn).unwrap();
                assert_eq!(written, rows.len());
            }

            fn finish(&mut self) {
                self.run_all(fixture::leave_scratch(self.flavor, NAME)).unwrap();
            }
        }

        impl Associations for $subject {
            type Comment = Comment;

            fn associations(&mut self) -> Tree<User, Post, Comment> {
                let users = users::table.select(User::as_select()).load(&mut self.conn).unwrap();
                let posts = Post::belonging_to(&users)
                    .select(Post::as_select())
                    .load(&mut self.conn)
                    .unwrap();
                let comments = Comment::belonging_to(&posts)
                    .select(Comment::as_select())
                    .load(&mut self.conn)
                    .unwrap();
                let comments = comments.grouped_by(&posts);
                let posts = posts.into_iter().zip(comments).grouped_by(&users);
                users.into_iter().zip(posts).collect()
            }
        }
    };
}

subject!(
    /// Diesel on SQLite, in memory or in a file.
    SqliteSubject,
    SqliteConnection
);
subject!(
    /// Diesel on PostgreSQL, in a scratch schema.
    PgSubject,
    PgConnection
);
subject!(
    /// Diesel on MySQL/MariaDB, in a scratch database.
    MysqlSubject,
    MysqlConnection
);
