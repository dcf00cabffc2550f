//! `migrate new`: a new, empty migration folder whose version is the current UTC time.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};

use crate::{Error, Result};

/// Creates `<dir>/<version>_<name>/` with an empty `up.sql` and `down.sql`, the version being
/// `now` as `YYYYMMDDHHMMSS` (one second later while that version is taken); returns the folder.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("dovetail_doc_new_{}", std::process::id()));
/// # let _ = std::fs::remove_dir_all(&dir);
/// let now = "2026-11-27T09:30:00Z".parse().unwrap();
/// let folder = dovetail_migrations::new_migration(&dir, "create_invoice", now)?;
/// assert!(folder.ends_with("20261127093000_create_invoice"));
/// assert!(folder.join("up.sql").is_file() && folder.join("down.sql").is_file());
/// let again = dovetail_migrations::new_migration(&dir, "add_total", now)?;
/// assert!(again.ends_with("20261127093001_add_total"));
/// # Ok::<(), dovetail_migrations::Error>(())
/// ```
pub fn new_migration(dir: &Path, name: &str, now: DateTime<Utc>) -> Result<PathBuf> {
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !valid {
        return Err(Error::Layout(format!(
            "`{name}` is not a migration name: use lowercase letters, digits and underscores"
        )));
    }
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let taken: Vec<String> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let folder = entry.file_name().to_string_lossy().into_owned();
            folder
                .split_once('_')
                .map(|(version, _)| version.to_owned())
        })
        .collect();
    let mut at = now;
    let version = loop {
        let version = at.format("%Y%m%d%H%M%S").to_string();
        if !taken.contains(&version) {
            break version;
        }
        at += TimeDelta::seconds(1);
    };
    let folder = dir.join(format!("{version}_{name}"));
    std::fs::create_dir(&folder).map_err(io(&folder))?;
    for (file, hint) in [("up.sql", "the change"), ("down.sql", "what undoes up.sql")] {
        let path = folder.join(file);
        let text = format!(
            "-- {name}: {hint}. Statements end with `;`; an `{}` file wins over this one on that backend.\n",
            file.replace(".sql", ".<postgres|mysql|sqlite>.sql")
        );
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(folder)
}
