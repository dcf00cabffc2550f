//! Writing (or checking) `schema.rs`: introspect, filter, apply the config, emit.

use std::process::ExitCode;
use std::time::Instant;

use dovetail::Connection;
use dovetail_codegen::config::Mapping;
use dovetail_codegen::{diff, emit, filter, introspect};

use crate::GenerateArgs;
use crate::source::{database_url, load_config, refuse_missing_sqlite_file};

/// `schema-gen [options]`: connects and writes or checks the schema.
pub fn run(args: &GenerateArgs) -> Result<ExitCode, String> {
    let url = database_url(args)?;
    refuse_missing_sqlite_file(&url)?;
    let mut conn = dovetail::connect(&url).map_err(|e| e.to_string())?;
    write_schema(args, &mut *conn)
}

/// Introspects `conn` and writes the schema to `-o FILE` (or standard output), or compares it
/// with FILE under `--check`. The migrations' tracking table is never part of it. The header
/// names the backend, not the database: the same schema gives the same file wherever it lives.
pub fn write_schema(args: &GenerateArgs, conn: &mut dyn Connection) -> Result<ExitCode, String> {
    let started = Instant::now();
    let options = match args.schemas.is_empty() {
        true => introspect::Options::default(),
        false => introspect::Options {
            schemas: args.schemas.clone(),
        },
    };
    let mut schema = introspect::introspect(conn, &options).map_err(|e| e.to_string())?;
    let mut exclude = args.exclude.clone();
    exclude.push(dovetail_migrations::TRACKING_TABLE.to_owned());
    exclude.push(dovetail_migrations::LOCK_TABLE.to_owned());
    filter::retain_tables(&mut schema, &args.tables, &exclude);
    let mut config = load_config(args)?;
    if args.portable {
        config.mapping = Mapping::Portable;
    }
    config.apply(&mut schema).map_err(|e| e.to_string())?;
    let origin = match config.mapping {
        Mapping::Native => format!("a {} database", conn.backend()),
        Mapping::Portable => "a database, with the portable mapping".to_owned(),
    };
    let options = emit::EmitOptions {
        models: args.models || config.models,
    };
    let file = emit::schema_rs_with(&schema, &origin, options);
    for warning in &file.warnings {
        eprintln!("warning: {warning}");
    }
    if args.check {
        return check(args, &file.text);
    }
    let destination = write(args, &file.text)?;
    eprintln!(
        "wrote {destination}: {} tables, {} views, {} enums, {} models, {} skipped in {:.2} s",
        file.tables,
        file.views,
        schema.enums.len(),
        file.models,
        file.warnings.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn check(args: &GenerateArgs, generated: &str) -> Result<ExitCode, String> {
    let path = args.output.as_ref().ok_or("--check needs -o FILE")?;
    let current = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let changes = diff::changes(&current, generated);
    if changes.is_empty() {
        eprintln!("{} is up to date", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} differs from the database:", path.display());
    for change in changes {
        println!("  {change}");
    }
    Ok(ExitCode::from(1))
}

fn write(args: &GenerateArgs, text: &str) -> Result<String, String> {
    match &args.output {
        Some(path) => {
            std::fs::write(path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(path.display().to_string())
        }
        None => {
            print!("{text}");
            Ok("standard output".into())
        }
    }
}
