//! `schema-gen`: writes a dovetail `schema.rs` from a live database. A thin shell over
//! `dovetail-codegen`: parse arguments, connect, introspect, emit, report.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use dovetail::connection::ConnectionUrl;
use dovetail_codegen::config::Config;
use dovetail_codegen::{diff, emit, filter, introspect};

/// Write a dovetail schema.rs from a live PostgreSQL, MySQL/MariaDB or SQLite database.
#[derive(Debug, Parser)]
#[command(name = "schema-gen", version)]
struct Args {
    /// The database: postgres://user@host:port/db, mysql://user@host:port/db,
    /// sqlite://relative.db or sqlite:///absolute.db (default: DATABASE_URL, also read from .env).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Write the schema to this file (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Compare FILE with the database instead of writing it: exit 0 when it is up to date,
    /// 1 with a list of differences when not.
    #[arg(long, requires = "output")]
    check: bool,
    /// PostgreSQL schema to read (default: public).
    #[arg(long = "schema", value_name = "NAME")]
    schemas: Vec<String>,
    /// Only tables whose name matches one of these globs (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    tables: Vec<String>,
    /// Leave out tables whose name matches one of these globs (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    exclude: Vec<String>,
    /// Type overrides, renames and view-column nullability (default: ./schema-gen.toml if it
    /// exists).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {}", message.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, String> {
    let started = Instant::now();
    let url = database_url(args)?;
    let origin = origin(&url)?;
    let mut conn = dovetail::connect(&url).map_err(|e| e.to_string())?;
    let options = match args.schemas.is_empty() {
        true => introspect::Options::default(),
        false => introspect::Options {
            schemas: args.schemas.clone(),
        },
    };
    let mut schema = introspect::introspect(&mut *conn, &options).map_err(|e| e.to_string())?;
    filter::retain_tables(&mut schema, &args.tables, &args.exclude);
    load_config(args)?
        .apply(&mut schema)
        .map_err(|e| e.to_string())?;
    let file = emit::schema_rs(
        &schema,
        &format!("the {} database `{origin}`", conn.backend()),
    );
    for warning in &file.warnings {
        eprintln!("warning: {warning}");
    }
    if args.check {
        return check(args, &file.text);
    }
    let destination = write(args, &file.text)?;
    eprintln!(
        "wrote {destination}: {} tables, {} views, {} enums, {} skipped in {:.2} s",
        file.tables,
        file.views,
        schema.enums.len(),
        file.warnings.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// `--config FILE`, or `schema-gen.toml` when present, or nothing.
fn load_config(args: &Args) -> Result<Config, String> {
    let default = PathBuf::from("schema-gen.toml");
    let path = match &args.config {
        Some(path) => path,
        None if default.is_file() => &default,
        None => return Ok(Config::default()),
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Config::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `--database-url`, `DATABASE_URL`, or `DATABASE_URL=` in `./.env`.
fn database_url(args: &Args) -> Result<String, String> {
    if let Some(url) = &args.database_url {
        return Ok(url.clone());
    }
    let dotenv = std::fs::read_to_string(".env").unwrap_or_default();
    dotenv
        .lines()
        .filter_map(|line| line.trim().strip_prefix("DATABASE_URL="))
        .map(|value| value.trim().trim_matches(['"', '\'']).to_owned())
        .next()
        .ok_or_else(|| "no database URL: pass --database-url or set DATABASE_URL".into())
}

/// The database's name for the header, checking that a SQLite file exists (SQLite would
/// otherwise create an empty one).
fn origin(url: &str) -> Result<String, String> {
    let parsed = ConnectionUrl::parse(url).map_err(|e| e.to_string())?;
    let name = match parsed {
        ConnectionUrl::SqliteMemory => "in-memory".to_owned(),
        ConnectionUrl::SqliteFile(path) => {
            if !path.is_file() {
                return Err(format!("no SQLite database at {}", path.display()));
            }
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        }
        ConnectionUrl::Postgres(url) | ConnectionUrl::MySql(url) => {
            let path = url.rsplit('/').next().unwrap_or_default();
            path.split('?').next().unwrap_or_default().to_owned()
        }
    };
    Ok(name)
}

fn check(args: &Args, generated: &str) -> Result<ExitCode, String> {
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

fn write(args: &Args, text: &str) -> Result<String, String> {
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
