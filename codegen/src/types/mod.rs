//! The one mapping from each backend's declared column types to DSL types.

pub mod mysql;
pub mod postgres;
pub mod sqlite;
pub mod sqlite_checks;
