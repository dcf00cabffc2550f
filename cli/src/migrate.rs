//! `schema-gen migrate …`: create, apply, revert and list migrations, then optionally
//! regenerate `schema.rs` (`-o FILE`) from the migrated database in the same step.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dovetail_migrations::{Migrations, State};

use crate::source::{config_path, database_url};
use crate::{DatabaseAction, GenerateArgs, MigrateAction, MigrateArgs, generate};

/// Runs one `migrate` action.
pub fn run(args: &GenerateArgs, migrate: &MigrateArgs) -> Result<ExitCode, String> {
    let dir = migrations_dir(args, migrate);
    let regenerates = matches!(
        migrate.action,
        MigrateAction::Database(
            DatabaseAction::Run { .. } | DatabaseAction::Revert { .. } | DatabaseAction::Redo
        )
    );
    if args.output.is_some() && !regenerates {
        return Err("-o FILE only applies to `migrate run`, `revert` and `redo`".into());
    }
    if args.check {
        return Err("--check does not apply to `migrate`".into());
    }
    match &migrate.action {
        MigrateAction::New { name } => {
            let folder = dovetail_migrations::new_migration(&dir, name, chrono::Utc::now())
                .map_err(|e| e.to_string())?;
            println!("created {}", folder.display());
            Ok(ExitCode::SUCCESS)
        }
        MigrateAction::Database(action) => on_database(args, &dir, action),
    }
}

fn on_database(
    args: &GenerateArgs,
    dir: &Path,
    action: &DatabaseAction,
) -> Result<ExitCode, String> {
    let migrations = Migrations::from_dir(dir).map_err(|e| e.to_string())?;
    let url = database_url(args)?;
    let mut conn = dovetail::connect(&url).map_err(|e| e.to_string())?;
    let conn = &mut *conn;
    let fail = |e: dovetail_migrations::Error| e.to_string();
    match action {
        DatabaseAction::Status => {
            for status in migrations.status(conn).map_err(fail)? {
                let state = match status.state {
                    State::Applied => "applied",
                    State::Pending => "pending",
                    State::Changed => "changed",
                };
                println!("{state:<8} {}", status.id);
            }
            return Ok(ExitCode::SUCCESS);
        }
        DatabaseAction::Unlock => {
            match Migrations::unlock(conn).map_err(fail)? {
                Some((holder, since)) => println!("released the lock of {holder} (since {since})"),
                None => println!("the migrations were not locked"),
            }
            return Ok(ExitCode::SUCCESS);
        }
        DatabaseAction::Run { allow_drift } => {
            report(
                "applied",
                &migrations.run(conn, *allow_drift).map_err(fail)?,
            );
        }
        DatabaseAction::Revert { steps } => {
            report("reverted", &migrations.revert(conn, *steps).map_err(fail)?);
        }
        DatabaseAction::Redo => {
            report("redone", &migrations.redo(conn).map_err(fail)?);
        }
    }
    match args.output {
        Some(_) => generate::write_schema(args, conn),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// `--migrations-dir`, else `migrations/` next to the config file, else `./migrations`.
fn migrations_dir(args: &GenerateArgs, migrate: &MigrateArgs) -> PathBuf {
    if let Some(dir) = &migrate.migrations_dir {
        return dir.clone();
    }
    config_path(args)
        .and_then(|config| config.parent().map(|parent| parent.join("migrations")))
        .unwrap_or_else(|| PathBuf::from("migrations"))
}

fn report(done: &str, ids: &[String]) {
    if ids.is_empty() {
        println!("nothing to do");
    }
    for id in ids {
        println!("{done} {id}");
    }
}
