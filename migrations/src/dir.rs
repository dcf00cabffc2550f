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
        let mut list = Vec::new();
        for folder in read_dir(dir.as_ref())? {
            if folder.is_dir() {
                list.push(read_migration(&folder)?);
            }
        }
        Migrations::ordered(list)
    }

    /// Sorts `list` by version, refusing two migrations of one version.
    fn ordered(mut list: Vec<Migration>) -> Result<Migrations> {
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
    let folder_name = file_name(folder);
    let mut files = Vec::new();
    for file in read_dir(folder)? {
        let name = file_name(&file);
        if is_script(&name) {
            let sql = std::fs::read_to_string(&file).map_err(|source| Error::Io {
                path: file.display().to_string(),
                source,
            })?;
            files.push((name, sql));
        }
    }
    Migration::from_files(&folder_name, files)
        .map_err(|e| Error::Layout(format!("{}: {e}", folder.display())))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether a file of a migration folder is one of its scripts: `up*.sql` or `down*.sql`.
fn is_script(file_name: &str) -> bool {
    (file_name.starts_with("up") || file_name.starts_with("down")) && file_name.ends_with(".sql")
}

impl Migration {
    /// The migration of folder `<version>_<name>` holding `(file name, SQL)` scripts.
    fn from_files(folder: &str, files: Vec<(String, String)>) -> Result<Migration> {
        let Some((version, name)) = folder.split_once('_') else {
            return Err(Error::Layout(
                "expected a folder named <version>_<name>".into(),
            ));
        };
        if version.is_empty() || !version.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::Layout(
                "the version (before the first `_`) is not all digits".into(),
            ));
        }
        let (up, down): (Vec<_>, Vec<_>) = files
            .into_iter()
            .filter(|(file, _)| is_script(file))
            .partition(|(file, _)| file.starts_with("up"));
        if up.is_empty() {
            return Err(Error::Layout("no up.sql".into()));
        }
        Ok(Migration {
            version: version.to_owned(),
            name: name.to_owned(),
            up,
            down,
        })
    }
}

/// A migrations directory compiled into the program by
/// [`embed_migrations!`](crate::embed_migrations), so it can migrate its database at start-up
/// without the files on disk.
///
/// ```
/// use dovetail_migrations::{embed_migrations, Embedded};
///
/// // The directory is read at compile time, relative to the crate's Cargo.toml.
/// const MIGRATIONS: Embedded = embed_migrations!("tests/fixtures/embedded");
///
/// let mut conn = dovetail::connect("sqlite::memory:")?;
/// let applied = MIGRATIONS.migrations()?.run(&mut *conn, false)?;
/// assert_eq!(applied, ["20260101000000_create_genre", "20260102000000_seed_genre"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    files: &'static [EmbeddedFile],
}

/// One script of an [`Embedded`] directory: `(folder, file name, SQL)`.
pub type EmbeddedFile = (&'static str, &'static str, &'static str);

impl Embedded {
    /// The directory of `files`; what `embed_migrations!` expands to.
    #[doc(hidden)]
    pub const fn new(files: &'static [EmbeddedFile]) -> Embedded {
        Embedded { files }
    }

    /// The embedded migrations, in version order.
    pub fn migrations(&self) -> Result<Migrations> {
        let mut folders: Vec<(&str, Vec<(String, String)>)> = Vec::new();
        for &(folder, file, sql) in self.files {
            let entry = (file.to_owned(), sql.to_owned());
            match folders.iter_mut().find(|(name, _)| *name == folder) {
                Some((_, files)) => files.push(entry),
                None => folders.push((folder, vec![entry])),
            }
        }
        let list = folders
            .into_iter()
            .map(|(folder, files)| {
                Migration::from_files(folder, files)
                    .map_err(|e| Error::Layout(format!("{folder}: {e}")))
            })
            .collect::<Result<Vec<_>>>()?;
        Migrations::ordered(list)
    }
}
