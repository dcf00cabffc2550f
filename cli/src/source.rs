//! Where the inputs come from: the database URL (flag, environment or `.env`) and the config
//! file.

use std::path::PathBuf;

use dovetail::connection::ConnectionUrl;
use dovetail_codegen::config::Config;

use crate::GenerateArgs;

/// `--database-url`, `DATABASE_URL`, or `DATABASE_URL=` in `./.env`.
pub fn database_url(args: &GenerateArgs) -> Result<String, String> {
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

/// The config file: `--config FILE`, or `schema-gen.toml` when present.
pub fn config_path(args: &GenerateArgs) -> Option<PathBuf> {
    let default = PathBuf::from("schema-gen.toml");
    match &args.config {
        Some(path) => Some(path.clone()),
        None if default.is_file() => Some(default),
        None => None,
    }
}

/// The config, or the default one when there is no file.
pub fn load_config(args: &GenerateArgs) -> Result<Config, String> {
    let Some(path) = config_path(args) else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Config::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Refuses a SQLite URL naming a file that does not exist: SQLite would create an empty one,
/// and the schema of nothing is not what was asked for.
pub fn refuse_missing_sqlite_file(url: &str) -> Result<(), String> {
    match ConnectionUrl::parse(url).map_err(|e| e.to_string())? {
        ConnectionUrl::SqliteFile(path) if !path.is_file() => {
            Err(format!("no SQLite database at {}", path.display()))
        }
        _ => Ok(()),
    }
}
