//! Versioned schema migrations: a directory of `<version>_<name>/up.sql` + `down.sql` folders
//! (with optional `up.postgres.sql`, `up.mysql.sql`, `up.sqlite.sql` overrides), applied in
//! order by a runner that records each one with a checksum.
//!
//! ```
//! # let dir = std::env::temp_dir().join(format!("dovetail_doc_migrations_{}", std::process::id()));
//! # let _ = std::fs::remove_dir_all(&dir);
//! # std::fs::create_dir_all(dir.join("20260101000000_create_artist")).unwrap();
//! # std::fs::write(dir.join("20260101000000_create_artist/up.sql"), "CREATE TABLE artist (id INTEGER PRIMARY KEY);").unwrap();
//! # std::fs::write(dir.join("20260101000000_create_artist/down.sql"), "DROP TABLE artist;").unwrap();
//! use dovetail_migrations::Migrations;
//!
//! let migrations = Migrations::from_dir(&dir)?;
//! let mut conn = dovetail::connect("sqlite::memory:")?;
//! let applied = migrations.run(&mut *conn, false)?;
//! assert_eq!(applied, vec!["20260101000000_create_artist".to_string()]);
//! assert!(migrations.run(&mut *conn, false)?.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dir;
mod error;
mod lock;
mod runner;
mod scaffold;
mod split;
mod tracking;

pub use dir::{Embedded, EmbeddedFile, Migration, Migrations};
pub use dovetail_macros::embed_migrations;
pub use error::{Error, Result};
pub use lock::TABLE as LOCK_TABLE;
pub use runner::{NO_TRANSACTION, State, Status};
pub use scaffold::new_migration;
pub use split::{Flavor, Statement, split};
pub use tracking::TABLE as TRACKING_TABLE;
