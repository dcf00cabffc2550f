//! Integration tests: every test body runs on SQLite, PostgreSQL and MySQL/MariaDB.
#![allow(clippy::unwrap_used)]

mod harness;
mod shop_fixture;

mod batching;
mod commit_outcome;
mod composition;
mod connect_errors;
mod constraints;
mod decode_errors;
mod exact_values;
mod execution;
mod expressions;
mod generated_schema;
mod identifiers;
mod integer_widths;
mod locks;
mod model_writes;
mod models;
mod mysql_time_zone;
mod packet_limit;
mod pool;
mod round_trip;
mod schema_changes;
mod sql_semantics;
mod statements;
mod transactions;
mod typed_select;
mod typed_write;
mod upsert;
mod value_properties;
