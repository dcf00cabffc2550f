//! The workloads with `mysql_async` directly: each statement prepared once with `Conn::prep`,
//! then `exec_map` or `exec_drop` with its parameters, rows read by position into tuples, as
//! the blocking `mysql` implementation does.

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, Opts, Params, Statement, Value};
use std::collections::HashMap;

use super::with_mysql::{joined, user};
use super::{Post, Query, User};
use crate::driver_async::AsyncSubject;
use crate::fixture::{self, Flavor, Seed};

const NAME: &str = "raw_async";

/// A mysql_async connection and its prepared statements, prepared again after each reset.
pub struct MySqlAsyncSubject {
    conn: Conn,
    prepared: HashMap<Query, Statement>,
}

impl MySqlAsyncSubject {
    /// Connects and enters a scratch database.
    pub async fn open(url: &str) -> Result<Self, String> {
        let opts = Opts::from_url(url).map_err(|e| format!("{url}: {e}"))?;
        let mut conn = Conn::new(opts).await.map_err(|e| format!("{url}: {e}"))?;
        for statement in fixture::enter_scratch(Flavor::MySql, NAME) {
            conn.query_drop(&statement)
                .await
                .map_err(|e| format!("{statement}: {e}"))?;
        }
        Ok(MySqlAsyncSubject {
            conn,
            prepared: HashMap::new(),
        })
    }

    /// The statement of `query`, prepared on first use.
    async fn statement(&mut self, query: Query) -> Statement {
        if let Some(statement) = self.prepared.get(&query) {
            return statement.clone();
        }
        let sql = query.sql(false);
        let statement = self
            .conn
            .prep(&sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        self.prepared.insert(query, statement.clone());
        statement
    }

    async fn run_all(&mut self, statements: Vec<String>) {
        for statement in statements {
            self.conn
                .query_drop(&statement)
                .await
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
}

impl AsyncSubject for MySqlAsyncSubject {
    type User = User;
    type Post = Post;

    async fn reset(&mut self, seed: &Seed) {
        // Statements over dropped tables would fail: prepare them again on first use.
        for (_, statement) in self.prepared.drain() {
            self.conn.close(statement).await.unwrap();
        }
        self.run_all(fixture::create_tables(Flavor::MySql)).await;
        self.run_all(seed.statements()).await;
    }

    async fn trivial(&mut self) -> Vec<User> {
        let statement = self.statement(Query::Trivial).await;
        self.conn.exec_map(&statement, (), user).await.unwrap()
    }

    async fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        let statement = self.statement(Query::Medium).await;
        self.conn
            .exec_map(&statement, ("black",), joined)
            .await
            .unwrap()
    }

    async fn insert(&mut self, rows: &[(String, Option<String>)]) {
        let statement = self.statement(Query::Insert(rows.len())).await;
        let values: Vec<Value> = rows
            .iter()
            .flat_map(|(name, hair)| [Value::from(name.as_str()), Value::from(hair.as_deref())])
            .collect();
        self.conn
            .exec_drop(&statement, Params::Positional(values))
            .await
            .unwrap();
        assert_eq!(self.conn.affected_rows() as usize, rows.len());
    }

    async fn finish(&mut self) {
        self.prepared.clear();
        self.run_all(fixture::leave_scratch(Flavor::MySql, NAME))
            .await;
    }
}
