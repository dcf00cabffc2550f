//! The workloads with `rusqlite` directly: `prepare_cached` statements, rows read by index.

use rusqlite::{Connection, Params, ToSql, params_from_iter};
use std::collections::HashMap;

use super::{Comment, Post, Query, Tree, User, tree};
use crate::driver::{Associations, Subject};
use crate::fixture::{self, Seed, Target};

const NAME: &str = "raw";

/// rusqlite on one connection, with the SQL of each statement built once.
pub struct RusqliteSubject {
    conn: Connection,
    sql: HashMap<Query, String>,
}

impl RusqliteSubject {
    /// Opens the target's database (in memory or its file), as dovetail does.
    pub fn open(target: &Target) -> Result<Self, String> {
        let conn = match target.sqlite_file(NAME) {
            Some(path) => Connection::open(&path),
            None => Connection::open_in_memory(),
        };
        let conn = conn.map_err(|e| e.to_string())?;
        conn.execute_batch("PRAGMA foreign_keys = ON")
            .map_err(|e| e.to_string())?;
        Ok(RusqliteSubject {
            conn,
            sql: HashMap::new(),
        })
    }
}

fn user(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        name: row.get(1)?,
        hair_color: row.get(2)?,
    })
}

fn post(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Post> {
    Ok(Post {
        id: row.get(at)?,
        user_id: row.get(at + 1)?,
        title: row.get(at + 2)?,
        body: row.get(at + 3)?,
    })
}

fn comment(row: &rusqlite::Row<'_>) -> rusqlite::Result<Comment> {
    Ok(Comment {
        id: row.get(0)?,
        post_id: row.get(1)?,
        text: row.get(2)?,
    })
}

impl RusqliteSubject {
    /// The statement of `query` from rusqlite's cache, its SQL built on first use.
    fn statement(&mut self, query: Query) -> rusqlite::CachedStatement<'_> {
        let sql = self.sql.entry(query).or_insert_with(|| query.sql(false));
        self.conn
            .prepare_cached(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The rows of `query`, each read by `read`.
    fn load<T>(
        &mut self,
        query: Query,
        params: impl Params,
        read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Vec<T> {
        let mut statement = self.statement(query);
        let rows = statement.query_map(params, read).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }
}

impl Subject for RusqliteSubject {
    type User = User;
    type Post = Post;

    fn reset(&mut self, seed: &Seed) {
        let statements = [
            fixture::create_tables(fixture::Flavor::Sqlite),
            seed.statements(),
        ];
        for statement in statements.concat() {
            self.conn
                .execute_batch(&statement)
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }

    fn trivial(&mut self) -> Vec<User> {
        self.load(Query::Trivial, [], user)
    }

    fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        self.load(Query::Medium, ["black"], |row| {
            let post = match row.get::<_, Option<i32>>(3)? {
                Some(_) => Some(post(row, 3)?),
                None => None,
            };
            Ok((user(row)?, post))
        })
    }

    fn insert(&mut self, rows: &[(String, Option<String>)]) {
        let mut statement = self.statement(Query::Insert(rows.len()));
        let params = rows
            .iter()
            .flat_map(|(name, hair)| [name as &dyn ToSql, hair as &dyn ToSql]);
        let written = statement.execute(params_from_iter(params)).unwrap();
        assert_eq!(written, rows.len());
    }

    fn finish(&mut self) {}
}

impl Associations for RusqliteSubject {
    type Comment = Comment;

    fn associations(&mut self) -> Tree {
        let users = self.trivial();
        let user_ids = fixture::ids(&users);
        let posts = self.load(
            Query::Posts(user_ids.len()),
            params_from_iter(&user_ids),
            |row| post(row, 0),
        );
        let post_ids = fixture::ids(&posts);
        let comments = self.load(
            Query::Comments(post_ids.len()),
            params_from_iter(&post_ids),
            comment,
        );
        tree(users, posts, comments)
    }
}
