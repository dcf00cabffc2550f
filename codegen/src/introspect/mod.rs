//! Reads a live database's catalog into a [`Schema`], one catalog query per kind of object.

mod mysql;
mod postgres;
mod sqlite;

use dovetail::{Backend, Connection};

use crate::Result;
use crate::model::Schema;

/// What to read.
#[derive(Debug, Clone)]
pub struct Options {
    /// PostgreSQL schemas to read (default `public`); ignored elsewhere.
    pub schemas: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            schemas: vec!["public".into()],
        }
    }
}

/// Reads the schema of the database `conn` is connected to.
pub fn introspect(conn: &mut dyn Connection, options: &Options) -> Result<Schema> {
    let mut schema = match conn.backend() {
        Backend::Postgres => postgres::introspect(conn, &options.schemas)?,
        Backend::MySql => mysql::introspect(conn)?,
        Backend::Sqlite => sqlite::introspect(conn)?,
    };
    schema
        .tables
        .sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    schema.enums.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(schema)
}
