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

/// The previous version of the journal: `journal.json.bak` (beside the file itself; see
/// [`resolve`] for a journal reached through a link).
pub fn backup_path(path: &Path) -> PathBuf {
    beside(path, ".bak")
}

/// The lock file that serialises changes: `journal.json.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    beside(path, ".lock")
}

/// How many symbolic links are followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Where the data at `path` lives: `path` itself, or, when it is a symbolic link, what the link
/// points to (following a chain of links). A journal in a dotfiles repository or a synced folder
/// is often reached through a link: saves replace the target, beside it, and the link stays.
/// Its backup and lock sit beside the target too, so every path to one journal shares one lock.
pub fn resolve(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let Ok(target) = std::fs::read_link(&current) else {
            return current;
        };
        current = match current.parent() {
            Some(dir) => dir.join(target),
            None => target,
        };
    }
    current
}
