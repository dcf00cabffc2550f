//! The migrations directory: one folder per migration, `<version>_<name>`, holding `up.sql`
//! and `down.sql`; a backend-specific `up.<backend>.sql` wins over the generic file.

use std::path::{Path, PathBuf};

use dovetail::Backend;
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// One migration: its version, name and the SQL files it may run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The sortable version (a UTC timestamp such as `20260125093000`).
    pub version: String,
    /// The name after the version.
    pub name: String,
    /// `(file name, SQL)` of every `up*.sql` file.
    up: Vec<(String, String)>,
    /// `(file name, SQL)` of every `down*.sql` file.
    down: Vec<(String, String)>,
}

impl Migration {
    /// `<version>_<name>`, as the folder is called.
    pub fn id(&self) -> String {
        format!("{}_{}", self.version, self.name)
    }

    /// The up script for `backend`: `(file name, SQL)`.
    pub fn up(&self, backend: Backend) -> Option<(&str, &str)> {
        pick(&self.up, "up", backend)
    }

    /// The down script for `backend`: `(file name, SQL)`.
    pub fn down(&self, backend: Backend) -> Option<(&str, &str)> {
        pick(&self.down, "down", backend)
    }

    /// SHA-256 (hex) of the up script for `backend`: what drift detection compares.
    pub fn checksum(&self, backend: Backend) -> String {
        let sql = self.up(backend).map_or("", |(_, sql)| sql);
        Sha256::digest(sql.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

fn backend_suffix(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => "postgres",
        Backend::MySql => "mysql",
        Backend::Sqlite => "sqlite",
    }
}

fn pick<'m>(
    files: &'m [(String, String)],
    kind: &str,
    backend: Backend,
) -> Option<(&'m str, &'m str)> {
    let specific = format!("{kind}.{}.sql", backend_suffix(backend));
    let generic = format!("{kind}.sql");
    [specific, generic].iter().find_map(|wanted| {
        files
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(name, sql)| (name.as_str(), sql.as_str()))
    })
}

/// Every migration of a directory, in version order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Migrations {
    pub(crate) list: Vec<Migration>,
}

impl Migrations {
    /// Reads `dir`: each sub-folder `<version>_<name>` with at least one `up*.sql` file.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Migrations> {
        let dir = dir.as_ref();
        let mut list = Vec::new();
        for entry in read_dir(dir)? {
            if entry.is_dir() {
                list.push(read_migration(&entry)?);
            }
        }
        list.sort_by(|a, b| a.version.cmp(&b.version));
        if let Some(pair) = list.windows(2).find(|w| w[0].version == w[1].version) {
            return Err(Error::Layout(format!(
                "{} and {} share version {}",
                pair[0].id(),
                pair[1].id(),
                pair[0].version
            )));
        }
        Ok(Migrations { list })
    }

    /// The migrations, in version order.
    pub fn list(&self) -> &[Migration] {
        &self.list
    }
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        entries.push(entry.map_err(io)?.path());
    }
    entries.sort();
    Ok(entries)
}

fn read_migration(folder: &Path) -> Result<Migration> {
    let folder_name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some((version, name)) = folder_name.split_once('_') else {
        return Err(Error::Layout(format!(
            "{folder_name}: expected <version>_<name>"
        )));
    };
    if version.is_empty() || !version.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::Layout(format!(
            "{folder_name}: the version must be digits"
        )));
    }
    let (mut up, mut down) = (Vec::new(), Vec::new());
    for file in read_dir(folder)? {
        let file_name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let sql = || {
            std::fs::read_to_string(&file).map_err(|source| Error::Io {
                path: file.display().to_string(),
                source,
            })
        };
        if file_name.starts_with("up") && file_name.ends_with(".sql") {
            up.push((file_name, sql()?));
        } else if file_name.starts_with("down") && file_name.ends_with(".sql") {
            down.push((file_name, sql()?));
        }
    }
    if up.is_empty() {
        return Err(Error::Layout(format!("{folder_name}: no up.sql")));
    }
    Ok(Migration {
        version: version.to_owned(),
        name: name.to_owned(),
        up,
        down,
    })
}
