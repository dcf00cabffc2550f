//! schema-gen's engine: introspect a live database into a backend-neutral [`model::Schema`],
//! then emit a readable `schema.rs` of `::dovetail::table!` definitions.
//!
//! ```
//! use dovetail_codegen::model::{Column, Identity, Schema, SqlType, Table};
//!
//! let schema = Schema {
//!     tables: vec![Table {
//!         name: "artist".into(),
//!         columns: vec![
//!             Column { name: "id".into(), sql_type: SqlType::Integer, identity: Some(Identity::ByDefault), ..Column::default() },
//!             Column { name: "name".into(), sql_type: SqlType::Text, nullable: true, ..Column::default() },
//!         ],
//!         primary_key: vec!["id".into()],
//!         ..Table::default()
//!     }],
//!     enums: vec![],
//! };
//! let file = dovetail_codegen::emit::schema_rs(&schema, "schema-gen");
//! assert!(file.text.contains("name: Nullable<Text>,"));
//! ```

pub mod config;
pub mod diff;
pub mod emit;
pub mod error;
pub mod filter;
pub mod introspect;
pub mod model;
pub mod model_structs;
pub mod naming;
pub mod portable;
pub mod types;

pub use error::{Error, Result};
