//! The workloads with `tokio-postgres` directly: each statement prepared once, then `query` or
//! `execute` with its parameters, rows read by index; the connection runs as a task on the
//! benchmark's runtime.

use std::collections::HashMap;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, NoTls, Statement};

use super::with_postgres::{user, user_and_post};
use super::{Post, Query, User};
use crate::driver_async::AsyncSubject;
use crate::fixture::{self, Flavor, Seed};

const NAME: &str = "raw_async";

/// A tokio-postgres client and its prepared statements, prepared again after each reset.
pub struct TokioPostgresSubject {
    client: Client,
    prepared: HashMap<Query, Statement>,
}

impl TokioPostgresSubject {
    /// Connects, spawns the connection on the current runtime and enters a scratch schema.
    pub async fn open(url: &str) -> Result<Self, String> {
        let (client, connection) = tokio_postgres::connect(url, NoTls)
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                eprintln!("tokio-postgres connection: {error}");
            }
        });
        for statement in fixture::enter_scratch(Flavor::Postgres, NAME) {
            client
                .batch_execute(&statement)
                .await
                .map_err(|e| format!("{statement}: {e}"))?;
        }
        Ok(TokioPostgresSubject {
            client,
            prepared: HashMap::new(),
        })
    }

    /// The statement of `query`, prepared on first use.
    async fn statement(&mut self, query: Query) -> Statement {
        if let Some(statement) = self.prepared.get(&query) {
            return statement.clone();
        }
        let sql = query.sql(true);
        let statement = self
            .client
            .prepare(&sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        self.prepared.insert(query, statement.clone());
        statement
    }

    async fn run_all(&self, statements: Vec<String>) {
        for statement in statements {
            self.client
                .batch_execute(&statement)
                .await
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
}

impl AsyncSubject for TokioPostgresSubject {
    type User = User;
    type Post = Post;

    async fn reset(&mut self, seed: &Seed) {
        // Statements over dropped tables would fail: prepare them again on first use.
        self.prepared.clear();
        self.run_all(fixture::create_tables(Flavor::Postgres)).await;
        self.run_all(seed.statements()).await;
    }

    async fn trivial(&mut self) -> Vec<User> {
        let statement = self.statement(Query::Trivial).await;
        let rows = self.client.query(&statement, &[]).await.unwrap();
        rows.iter().map(user).collect()
    }

    async fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        let statement = self.statement(Query::Medium).await;
        let rows = self.client.query(&statement, &[&"black"]).await.unwrap();
        rows.iter().map(user_and_post).collect()
    }

    async fn insert(&mut self, rows: &[(String, Option<String>)]) {
        let statement = self.statement(Query::Insert(rows.len())).await;
        let params: Vec<&(dyn ToSql + Sync)> = rows
            .iter()
            .flat_map(|(name, hair)| [name as &(dyn ToSql + Sync), hair as &(dyn ToSql + Sync)])
            .collect();
        let written = self.client.execute(&statement, &params).await.unwrap();
        assert_eq!(written as usize, rows.len());
    }

    async fn finish(&mut self) {
        self.prepared.clear();
        self.run_all(fixture::leave_scratch(Flavor::Postgres, NAME))
            .await;
    }
}
