//! What the CLI tests share: running `schema-gen`, its output, scratch directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `schema-gen` with `args`, without any `DATABASE_URL` from the environment.
pub fn schema_gen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schema-gen"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .unwrap()
}

/// A scratch directory under the target directory, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What the command printed on standard error.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// What the command printed on standard output.
#[allow(dead_code, reason = "each test binary uses what it needs")]
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
