//! The workloads with the `mysql` client directly: each statement prepared once with
//! `Conn::prep`, then `exec` with its parameters.

use mysql::prelude::Queryable;
use mysql::{Conn, Opts, Params, Statement, Value};
use std::collections::HashMap;

use super::{Comment, Post, Query, Tree, User, tree};
use crate::driver::{Associations, Subject};
use crate::fixture::{self, Flavor, Seed};

const NAME: &str = "raw";

/// A mysql connection and its prepared statements, prepared again after each reset.
pub struct MySqlSubject {
    conn: Conn,
    prepared: HashMap<Query, Statement>,
}

/// A user's columns as the driver reads them (shared with the mysql_async subject).
pub(super) type UserColumns = (i32, String, Option<String>);

/// A user left joined to a post, as the driver reads it.
pub(super) type Joined = (
    i32,
    String,
    Option<String>,
    Option<i32>,
    Option<i32>,
    Option<String>,
    Option<String>,
);
type PostColumns = (i32, i32, String, Option<String>);

impl MySqlSubject {
    /// Connects and enters a scratch database.
    pub fn open(url: &str) -> Result<Self, String> {
        let opts = Opts::from_url(url).map_err(|e| format!("{url}: {e}"))?;
        let mut conn = Conn::new(opts).map_err(|e| format!("{url}: {e}"))?;
        for statement in fixture::enter_scratch(Flavor::MySql, NAME) {
            conn.query_drop(&statement)
                .map_err(|e| format!("{statement}: {e}"))?;
        }
        Ok(MySqlSubject {
            conn,
            prepared: HashMap::new(),
        })
    }

    /// The statement of `query`, prepared on first use.
    fn statement(&mut self, query: Query) -> Statement {
        if let Some(statement) = self.prepared.get(&query) {
            return statement.clone();
        }
        let sql = query.sql(false);
        let statement = self
            .conn
            .prep(&sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        self.prepared.insert(query, statement.clone());
        statement
    }

    fn run_all(&mut self, statements: Vec<String>) {
        for statement in statements {
            self.conn
                .query_drop(&statement)
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
}

/// A user from its columns.
pub(super) fn user((id, name, hair_color): UserColumns) -> User {
    User {
        id,
        name,
        hair_color,
    }
}

/// A user and its post, which is `None` when the join found none.
pub(super) fn joined(
    (id, name, hair_color, post_id, user_id, title, body): Joined,
) -> (User, Option<Post>) {
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

fn post((id, user_id, title, body): PostColumns) -> Post {
    Post {
        id,
        user_id,
        title,
        body,
    }
}

/// The ids as parameters.
fn params(ids: &[i32]) -> Params {
    Params::Positional(ids.iter().map(|&id| Value::from(id)).collect())
}

impl Subject for MySqlSubject {
    type User = User;
    type Post = Post;

    fn reset(&mut self, seed: &Seed) {
        // Statements over dropped tables would fail: prepare them again on first use.
        for (_, statement) in self.prepared.drain() {
            self.conn.close(statement).unwrap();
        }
        self.run_all(fixture::create_tables(Flavor::MySql));
        self.run_all(seed.statements());
    }

    fn trivial(&mut self) -> Vec<User> {
        let statement = self.statement(Query::Trivial);
        self.conn.exec_map(&statement, (), user).unwrap()
    }

    fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        let statement = self.statement(Query::Medium);
        self.conn.exec_map(&statement, ("black",), joined).unwrap()
    }

    fn insert(&mut self, rows: &[(String, Option<String>)]) {
        let statement = self.statement(Query::Insert(rows.len()));
        let values = rows
            .iter()
            .flat_map(|(name, hair)| [Value::from(name.as_str()), Value::from(hair.as_deref())])
            .collect();
        self.conn
            .exec_drop(&statement, Params::Positional(values))
            .unwrap();
        assert_eq!(self.conn.affected_rows() as usize, rows.len());
    }

    fn finish(&mut self) {
        self.prepared.clear();
        self.run_all(fixture::leave_scratch(Flavor::MySql, NAME));
    }
}

impl Associations for MySqlSubject {
    type Comment = Comment;

    fn associations(&mut self) -> Tree {
        let users = self.trivial();
        let statement = self.statement(Query::Posts(users.len()));
        let posts: Vec<Post> = self
            .conn
            .exec_map(&statement, params(&fixture::ids(&users)), post)
            .unwrap();
        let statement = self.statement(Query::Comments(posts.len()));
        let comment = |(id, post_id, text)| Comment { id, post_id, text };
        let comments = self
            .conn
            .exec_map(&statement, params(&fixture::ids(&posts)), comment)
            .unwrap();
        tree(users, posts, comments)
    }
}
