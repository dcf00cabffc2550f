//! The three dialects, one file each; each file answers the [`Dialect`](super::Dialect) questions.

pub mod mysql;
pub mod postgres;
pub mod sqlite;
