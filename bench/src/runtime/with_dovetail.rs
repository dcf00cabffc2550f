//! The workloads with dovetail's typed DSL on a `dovetail::connect`ed connection.

use dovetail::Connection;
use dovetail::dsl::selection::Columns4;
use dovetail::dsl::{FromRow, RowCursor};
use dovetail::prelude::*;

use super::{Comment, Post, Tree, User, comments, posts, tree, users};
use crate::driver::{Associations, Subject};
use crate::fixture::{self, Flavor, Seed, Target};

const NAME: &str = "dovetail";

/// dovetail on one connection.
pub struct DovetailSubject {
    conn: Box<dyn Connection>,
    flavor: Flavor,
}

impl DovetailSubject {
    /// Connects to the target and enters a scratch schema there; the error says why not.
    pub fn open(target: &Target) -> Result<Self, String> {
        let url = url(target, NAME);
        let mut conn = dovetail::connect(&url).map_err(|e| format!("{url}: {e}"))?;
        for statement in fixture::enter_scratch(target.flavor(), NAME) {
            conn.batch_execute(&statement)
                .map_err(|e| format!("{statement}: {e}"))?;
        }
        Ok(DovetailSubject {
            conn,
            flavor: target.flavor(),
        })
    }

    /// The connection.
    pub fn connection(&mut self) -> &mut dyn Connection {
        &mut *self.conn
    }

    fn run_all(&mut self, statements: Vec<String>) {
        for statement in statements {
            self.conn
                .batch_execute(&statement)
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
}

/// dovetail's URL of the target, with the SQLite file of `implementation`.
pub(super) fn url(target: &Target, implementation: &str) -> String {
    match target {
        Target::SqliteMemory => "sqlite::memory:".to_string(),
        Target::SqliteFile(_) => {
            let path = target.sqlite_file(implementation).expect("a SQLite file");
            format!("sqlite://{}", path.display())
        }
        Target::Postgres(url) | Target::MySql(url) => url.clone(),
    }
}

/// One row of an INSERT into `users`, borrowing the benchmark's strings.
#[derive(dovetail::Insertable)]
#[dovetail(table = users)]
pub(super) struct NewUser<'a> {
    pub(super) name: &'a str,
    pub(super) hair_color: Option<&'a str>,
}

/// The columns of a left-joined post: a post, or `None` when every column is NULL.
pub(super) struct MaybePost(pub(super) Option<Post>);

impl<A, B, C, D> Columns4<A, B, C, D> for MaybePost
where
    Option<i32>: FromRow<A> + FromRow<B>,
    Option<String>: FromRow<C> + FromRow<D>,
{
    fn read_columns(cursor: &mut RowCursor<'_>) -> dovetail::Result<Self> {
        let id = <Option<i32> as FromRow<A>>::from_row(cursor)?;
        let user_id = <Option<i32> as FromRow<B>>::from_row(cursor)?;
        let title = <Option<String> as FromRow<C>>::from_row(cursor)?;
        let body = <Option<String> as FromRow<D>>::from_row(cursor)?;
        Ok(MaybePost(match (id, user_id, title) {
            (Some(id), Some(user_id), Some(title)) => Some(Post {
                id,
                user_id,
                title,
                body,
            }),
            _ => None,
        }))
    }
}

impl Subject for DovetailSubject {
    type User = User;
    type Post = Post;

    fn reset(&mut self, seed: &Seed) {
        self.run_all(fixture::create_tables(self.flavor));
        self.run_all(seed.statements());
    }

    fn trivial(&mut self) -> Vec<User> {
        users::table
            .select(users::all_columns)
            .load(&mut *self.conn)
            .unwrap()
    }

    fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        let rows: Vec<(User, MaybePost)> = users::table
            .left_join_fk(posts::table)
            .filter(users::hair_color.eq("black"))
            .select((users::all_columns, posts::all_columns))
            .load(&mut *self.conn)
            .unwrap();
        // The same layout: the collect reuses the allocation.
        rows.into_iter()
            .map(|(user, post)| (user, post.0))
            .collect()
    }

    fn insert(&mut self, rows: &[(String, Option<String>)]) {
        let count = rows.len();
        let rows = rows.iter().map(|(name, hair_color)| NewUser {
            name,
            hair_color: hair_color.as_deref(),
        });
        let written = insert_into(users::table)
            .values_many(rows)
            .execute(&mut *self.conn)
            .unwrap();
        assert_eq!(written as usize, count);
    }

    fn finish(&mut self) {
        self.run_all(fixture::leave_scratch(self.flavor, NAME));
    }
}

impl Associations for DovetailSubject {
    type Comment = Comment;

    fn associations(&mut self) -> Tree {
        let users: Vec<User> = users::table
            .select(users::all_columns)
            .load(&mut *self.conn)
            .unwrap();
        let posts: Vec<Post> = posts::table
            .filter(posts::user_id.in_list(fixture::ids(&users)))
            .select(posts::all_columns)
            .load(&mut *self.conn)
            .unwrap();
        let comments: Vec<Comment> = comments::table
            .filter(comments::post_id.in_list(fixture::ids(&posts)))
            .select(comments::all_columns)
            .load(&mut *self.conn)
            .unwrap();
        tree(users, posts, comments)
    }
}
