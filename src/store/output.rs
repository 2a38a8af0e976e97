//! Where an export may be written: never over the journal, its backup or its lock, nor over
//! anything that is not a regular file (a folder, a named pipe, a device, a socket).

use std::fs;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::open::kind;
use super::paths::{backup_path, lock_path, resolve};

/// The file to write for the output path `out`, beside the journal at `journal`: `out` itself,
/// or what it links to. Refused, naming `out` and why, when that is the journal, its backup or
/// lock (through any link or folder path), or exists and is not a regular file.
pub(super) fn target(journal: &Path, out: &Path) -> Result<PathBuf, StoreError> {
    let refuse = |why: String| StoreError::Refused {
        path: out.to_path_buf(),
        why,
    };
    let target = resolve(out);
    if let Ok(meta) = fs::symlink_metadata(&target)
        && !meta.is_file()
    {
        return Err(refuse(format!(
            "it is {}; name a regular file or a new path",
            kind(&meta)
        )));
    }
    let journal = resolve(journal);
    for (what, path) in [
        ("the journal", journal.clone()),
        ("the journal's backup", backup_path(&journal)),
        ("the journal's lock file", lock_path(&journal)),
    ] {
        if same_file(&target, &path) {
            return Err(refuse(format!(
                "it is {what} {}; name another file",
                path.display()
            )));
        }
    }
    Ok(target)
}

/// Whether two paths (neither a link) name one file: the same name in the same folder however
/// the folder is spelt, or, where both exist, the same file on disk.
fn same_file(a: &Path, b: &Path) -> bool {
    if let (Some(x), Some(y)) = (location(a), location(b))
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
        use std::os::unix::fs::MetadataExt;
        return x.dev() == y.dev() && x.ino() == y.ino();
    }
    false
}

/// The canonical folder of `path` joined with its name; `None` when the folder does not exist.
fn location(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(dir).ok()?.join(name))
}
