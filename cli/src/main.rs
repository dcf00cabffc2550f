//! `schema-gen`: writes a dovetail `schema.rs` from a live database, and runs migrations. A thin
//! shell over `dovetail-codegen` and `dovetail-migrations`: parse arguments, connect, do the
//! work, report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod generate;
mod migrate;
mod source;

/// Write a dovetail schema.rs from a live PostgreSQL, MySQL/MariaDB or SQLite database, and
/// migrate that database.
#[derive(Debug, Parser)]
#[command(name = "schema-gen", version)]
struct Args {
    #[command(flatten)]
    generate: GenerateArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

/// What to read and where to write the schema; also used by `migrate run -o`.
#[derive(Debug, clap::Args)]
struct GenerateArgs {
    /// The database: postgres://user@host:port/db, mysql://user@host:port/db,
    /// sqlite://relative.db or sqlite:///absolute.db (default: DATABASE_URL, also read from .env).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, global = true)]
    database_url: Option<String>,
    /// Write the schema to this file (default: standard output). With `migrate run`, `revert`
    /// or `redo`: regenerate this file after migrating.
    #[arg(short, long, value_name = "FILE", global = true)]
    output: Option<PathBuf>,
    /// Compare FILE with the database instead of writing it: exit 0 when it is up to date,
    /// 1 with a list of differences when not.
    #[arg(long, requires = "output")]
    check: bool,
    /// PostgreSQL schema to read (default: public).
    #[arg(long = "schema", value_name = "NAME", global = true)]
    schemas: Vec<String>,
    /// Only tables whose name matches one of these globs (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "GLOB", global = true)]
    tables: Vec<String>,
    /// Leave out tables whose name matches one of these globs (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "GLOB", global = true)]
    exclude: Vec<String>,
    /// The same file from every backend for the same logical schema: unsigned integers widened
    /// to signed ones, enums named by their first column, view columns nullable… (as
    /// `mapping = "portable"` in the config).
    #[arg(long, global = true)]
    portable: bool,
    /// Also write a `#[derive(Model)]` struct per table with a primary key, with its
    /// relationships along the foreign keys (as `models = true` in the config).
    #[arg(long, global = true)]
    models: bool,
    /// Type overrides, renames and view-column nullability (default: ./schema-gen.toml if it
    /// exists).
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Versioned schema changes: `<version>_<name>/up.sql` and `down.sql` folders.
    Migrate(MigrateArgs),
}

#[derive(Debug, clap::Args)]
struct MigrateArgs {
    /// The migrations directory (default: `migrations/` next to the config file, or in the
    /// current directory).
    #[arg(long, value_name = "DIR", global = true)]
    migrations_dir: Option<PathBuf>,
    #[command(subcommand)]
    action: MigrateAction,
}

#[derive(Debug, Subcommand)]
enum MigrateAction {
    /// Create `<timestamp>_NAME/up.sql` and `down.sql`.
    New {
        /// Lowercase letters, digits and underscores.
        name: String,
    },
    #[command(flatten)]
    Database(DatabaseAction),
}

/// The `migrate` actions that connect to the database.
#[derive(Debug, Subcommand)]
enum DatabaseAction {
    /// Apply the pending migrations in order.
    Run {
        /// Run even though applied migrations' files changed since.
        #[arg(long)]
        allow_drift: bool,
    },
    /// Undo the last applied migrations, newest first.
    Revert {
        /// How many to undo.
        #[arg(long, default_value_t = 1)]
        steps: usize,
    },
    /// Undo the last applied migration and apply it again.
    Redo,
    /// List every migration as applied, pending or changed.
    Status,
    /// Release the migration lock of a runner that died holding it (PostgreSQL, MySQL).
    Unlock,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match &args.command {
        None => generate::run(&args.generate),
        Some(Command::Migrate(migrate)) => migrate::run(&args.generate, migrate),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {}", message.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
