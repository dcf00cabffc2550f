//! Integration tests: every test body runs on SQLite, PostgreSQL and MySQL/MariaDB.
#![allow(clippy::unwrap_used)]

mod harness;

mod connect_errors;
mod constraints;
mod decode_errors;
mod execution;
mod identifiers;
mod round_trip;
