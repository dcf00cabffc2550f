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
    /// How long a runner waits for another's lock.
    pub(crate) lock_wait: std::time::Duration,
}

impl Migrations {
    /// Reads `dir`: each sub-folder `<version>_<name>` with at least one `up*.sql` file. Other
    /// files are left alone; a symbolic link to nothing, here or in a folder, is an error.
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
        Ok(Migrations {
            list,
            lock_wait: crate::lock::LOCK_WAIT,
        })
    }

    /// The migrations, in version order.
    pub fn list(&self) -> &[Migration] {
        &self.list
    }

    /// How long a runner waits for another to finish before it fails with
    /// [`Error::Locked`] (10 minutes unless told otherwise).
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("dovetail_doc_lock_wait_{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// use std::time::Duration;
    /// use dovetail_migrations::Migrations;
    ///
    /// let migrations = Migrations::from_dir(&dir)?.lock_wait(Duration::from_secs(30));
    /// # Ok::<(), dovetail_migrations::Error>(())
    /// ```
    pub fn lock_wait(mut self, wait: std::time::Duration) -> Migrations {
        self.lock_wait = wait;
        self
    }
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        refuse_dangling_link(&path)?;
        entries.push(path);
    }
    entries.sort();
    Ok(entries)
}

/// A symbolic link whose target is missing would otherwise be skipped as "not a folder" (or
/// "not a script") without a word, and the migration it stands for silently not run.
fn refuse_dangling_link(path: &Path) -> Result<()> {
    let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
    if is_link && std::fs::metadata(path).is_err() {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return Err(Error::Layout(format!(
            "{}: a symbolic link to `{target}`, which does not exist",
            path.display()
        )));
    }
    Ok(())
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
        if !is_timestamp(version) {
            return Err(Error::Layout(format!(
                "the version `{version}` (before the first `_`) is not a UTC timestamp \
                 YYYYMMDDHHMMSS"
            )));
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

/// Whether `version` is a full UTC timestamp, `YYYYMMDDHHMMSS`, as `migrate new` writes: a
/// shorter number would sort before every real one and run out of order.
fn is_timestamp(version: &str) -> bool {
    version.len() == 14
        && version.bytes().all(|b| b.is_ascii_digit())
        && chrono::NaiveDateTime::parse_from_str(version, "%Y%m%d%H%M%S").is_ok()
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

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;

    /// An empty scratch directory for one test.
    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dovetail_dir_{}_{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn migration(dir: &Path, folder: &str) {
        let folder = dir.join(folder);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("up.sql"), "SELECT 1").unwrap();
    }

    fn layout_error(dir: &Path) -> String {
        match Migrations::from_dir(dir) {
            Err(error @ Error::Layout(_)) => error.to_string(),
            other => panic!("expected a layout error, got {other:?}"),
        }
    }

    #[test]
    fn versions_must_be_full_utc_timestamps() {
        assert!(is_timestamp("20260125093000"));
        for version in [
            "2026",
            "202601250930",
            "20261325093000",
            "20260125250000",
            "2026012509300x",
        ] {
            assert!(!is_timestamp(version), "{version}");
        }
    }

    #[test]
    fn a_short_version_is_an_error_naming_the_folder() {
        let dir = scratch("short_version");
        migration(&dir, "20260101000000_good");
        migration(&dir, "2026_badver");
        let error = layout_error(&dir);
        assert!(
            error.contains(&dir.join("2026_badver").display().to_string()),
            "{error}"
        );
        assert!(
            error.contains("`2026` (before the first `_`) is not a UTC timestamp"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_an_error_naming_it() {
        let dir = scratch("dangling_link");
        migration(&dir, "20260101000000_good");
        let link = dir.join("20260102000000_gone");
        std::os::unix::fs::symlink(dir.join("nowhere"), &link).unwrap();
        let error = layout_error(&dir);
        assert!(error.starts_with(&link.display().to_string()), "{error}");
        assert!(error.contains("does not exist"), "{error}");

        std::fs::remove_file(&link).unwrap();
        let script = dir.join("20260101000000_good/down.sql");
        std::os::unix::fs::symlink(dir.join("nowhere.sql"), &script).unwrap();
        assert!(layout_error(&dir).starts_with(&script.display().to_string()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn embedded_versions_are_checked_the_same_way() {
        const FILES: &[EmbeddedFile] = &[("2026_badver", "up.sql", "SELECT 1")];
        let error = Embedded::new(FILES).migrations().unwrap_err().to_string();
        assert!(
            error.starts_with("2026_badver: the version `2026`"),
            "{error}"
        );
    }
}
