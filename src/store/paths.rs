//! Where the journal and its companions live.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The platform's data folder for corepath, with `journal.json` in it.
pub fn default_journal_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "corepath").map(|d| d.data_dir().join("journal.json"))
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path
        .file_name()
        .map(OsString::from)
        .unwrap_or_else(|| "journal.json".into());
    name.push(suffix);
    path.with_file_name(name)
}

/// The previous version of the journal: `journal.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    beside(path, ".bak")
}

/// The lock file that serialises changes: `journal.json.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    beside(path, ".lock")
}
