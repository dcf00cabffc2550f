//! The workloads with the `postgres` client directly: each statement prepared once, then
//! `query` or `execute` with its parameters.

use postgres::types::ToSql;
use postgres::{Client, NoTls, Statement};
use std::collections::HashMap;

use super::{Comment, Post, Query, Tree, User, tree};
use crate::driver::{Associations, Subject};
use crate::fixture::{self, Flavor, Seed};

const NAME: &str = "raw";

/// A postgres client and its prepared statements, prepared again after each reset.
pub struct PostgresSubject {
    client: Client,
    prepared: HashMap<Query, Statement>,
}

impl PostgresSubject {
    /// Connects and enters a scratch schema.
    pub fn open(url: &str) -> Result<Self, String> {
        let mut client = Client::connect(url, NoTls).map_err(|e| format!("{url}: {e}"))?;
        for statement in fixture::enter_scratch(Flavor::Postgres, NAME) {
            client
                .batch_execute(&statement)
                .map_err(|e| format!("{statement}: {e}"))?;
        }
        Ok(PostgresSubject {
            client,
            prepared: HashMap::new(),
        })
    }

    /// The statement of `sql`, prepared on first use.
    fn statement(&mut self, query: Query) -> Statement {
        if let Some(statement) = self.prepared.get(&query) {
            return statement.clone();
        }
        let sql = query.sql(true);
        let statement = self
            .client
            .prepare(&sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        self.prepared.insert(query, statement.clone());
        statement
    }

    fn run_all(&mut self, statements: Vec<String>) {
        for statement in statements {
            self.client
                .batch_execute(&statement)
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
}

/// A user from the first three columns (shared with the tokio-postgres subject: the same `Row`).
pub(super) fn user(row: &postgres::Row) -> User {
    User {
        id: row.get(0),
        name: row.get(1),
        hair_color: row.get(2),
    }
}

/// A user left joined to a post, which is `None` when the join found none.
pub(super) fn user_and_post(row: &postgres::Row) -> (User, Option<Post>) {
    let post = row.get::<_, Option<i32>>(3).map(|_| post(row, 3));
    (user(row), post)
}

fn post(row: &postgres::Row, at: usize) -> Post {
    Post {
        id: row.get(at),
        user_id: row.get(at + 1),
        title: row.get(at + 2),
        body: row.get(at + 3),
    }
}

fn comment(row: &postgres::Row) -> Comment {
    Comment {
        id: row.get(0),
        post_id: row.get(1),
        text: row.get(2),
    }
}

/// The ids as parameters.
fn params(ids: &[i32]) -> Vec<&(dyn ToSql + Sync)> {
    ids.iter().map(|id| id as &(dyn ToSql + Sync)).collect()
}

impl Subject for PostgresSubject {
    type User = User;
    type Post = Post;

    fn reset(&mut self, seed: &Seed) {
        // Statements over dropped tables would fail: prepare them again on first use.
        self.prepared.clear();
        self.run_all(fixture::create_tables(Flavor::Postgres));
        self.run_all(seed.statements());
    }

    fn trivial(&mut self) -> Vec<User> {
        let statement = self.statement(Query::Trivial);
        self.client
            .query(&statement, &[])
            .unwrap()
            .iter()
            .map(user)
            .collect()
    }

    fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        let statement = self.statement(Query::Medium);
        let rows = self.client.query(&statement, &[&"black"]).unwrap();
        rows.iter().map(user_and_post).collect()
    }

    fn insert(&mut self, rows: &[(String, Option<String>)]) {
        let statement = self.statement(Query::Insert(rows.len()));
        let params: Vec<&(dyn ToSql + Sync)> = rows
            .iter()
            .flat_map(|(name, hair)| [name as &(dyn ToSql + Sync), hair as &(dyn ToSql + Sync)])
            .collect();
        let written = self.client.execute(&statement, &params).unwrap();
        assert_eq!(written as usize, rows.len());
    }

    fn finish(&mut self) {
        self.prepared.clear();
        self.run_all(fixture::leave_scratch(Flavor::Postgres, NAME));
    }
}

impl Associations for PostgresSubject {
    type Comment = Comment;

    fn associations(&mut self) -> Tree {
        let users = self.trivial();
        let user_ids = fixture::ids(&users);
        let statement = self.statement(Query::Posts(user_ids.len()));
        let rows = self.client.query(&statement, &params(&user_ids)).unwrap();
        let posts: Vec<Post> = rows.iter().map(|row| post(row, 0)).collect();
        let post_ids = fixture::ids(&posts);
        let statement = self.statement(Query::Comments(post_ids.len()));
        let rows = self.client.query(&statement, &params(&post_ids)).unwrap();
        let comments = rows.iter().map(comment).collect();
        tree(users, posts, comments)
    }
}
