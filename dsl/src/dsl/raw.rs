//! Raw SQL with typed parameters and a declared result type: for what the DSL cannot say.
//!
//! The SQL is sent as written, so write it in the connection's dialect (`?` placeholders on
//! SQLite and MySQL, `$1, $2…` on PostgreSQL). Parameters are still bound, never spliced, and
//! rows still decode through [`FromRow`] against the declared SQL types.
//!
//! ```
//! use dovetail::prelude::*;
//! use dovetail::dsl::raw_sql;
//!
//! let mut conn = dovetail::connect("sqlite::memory:")?;
//! let rows: Vec<(i64, String)> = raw_sql::<(BigInt, Text)>("SELECT ?, upper(?)")
//!     .bind::<BigInt, _>(7_i64)
//!     .bind::<Text, _>("seven")
//!     .load(&mut *conn)?;
//! assert_eq!(rows, vec![(7, "SEVEN".to_string())]);
//! # Ok::<(), dovetail::Error>(())
//! ```

use std::marker::PhantomData;

use super::rust_types::BindValue;
use super::selection::{RowOf, load_rows};
use crate::connection::Connection;
use crate::error::Result;
use crate::value::Value;

/// A raw SQL statement whose rows have SQL types `S`.
#[derive(Debug, Clone)]
pub struct RawQuery<S> {
    sql: String,
    params: Vec<Value>,
    types: PhantomData<fn() -> S>,
}

/// Raw SQL whose rows have the SQL types `S` (a tuple such as `(Integer, Nullable<Text>)`).
pub fn raw_sql<S>(sql: impl Into<String>) -> RawQuery<S> {
    RawQuery {
        sql: sql.into(),
        params: Vec::new(),
        types: PhantomData,
    }
}

impl<S> RawQuery<S> {
    /// Binds the next parameter: a Rust value of SQL type `T`.
    pub fn bind<T, V: BindValue<T>>(mut self, value: V) -> Self {
        self.params.push(value.into_expr().into_value());
        self
    }

    /// Runs it and decodes every row into `R`.
    pub fn load<R, C>(&self, conn: &mut C) -> Result<Vec<R>>
    where
        R: RowOf<S>,
        C: Connection + ?Sized,
    {
        load_rows(conn, &self.sql, &self.params)
    }

    /// Its SQL text and bound values.
    #[cfg(feature = "tokio")]
    pub(crate) fn sql_and_params(&self) -> (&str, &[Value]) {
        (&self.sql, &self.params)
    }

    /// Runs it as a statement; returns the number of rows affected.
    pub fn execute<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<u64> {
        conn.execute_sql(&self.sql, &self.params)
    }
}
