//! Atomic save: temp file, fsync, keep the previous version, rename over, fsync the folder.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::StoreError;
use super::paths::backup_path;
use crate::model::Journal;

/// The journal as it is written: pretty-printed, fields in a stable order, a final newline.
pub fn to_bytes(journal: &Journal) -> Vec<u8> {
    // About what an entry takes, so that the buffer is seldom grown and copied.
    let capacity = 4096 + journal.entries.len() * 768;
    let mut bytes = super::pretty::to_vec(journal, capacity).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Replace the journal at `path` with `journal`, keeping the old file as the backup; mode 0600.
pub(super) fn save(path: &Path, journal: &Journal) -> Result<(), StoreError> {
    replace(path, &to_bytes(journal), Some(0o600), true)
}

/// Write `bytes` to `path` atomically (temp file, fsync, rename), as exports are written: a
/// reader never sees half a file, and a failed write leaves the old file as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace(path, bytes, None, false)
}

fn replace(path: &Path, bytes: &[u8], mode: Option<u32>, backup: bool) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| StoreError::write(dir, e))?;
    let prefix = temp_prefix(path);
    if backup {
        remove_stale(dir, &prefix);
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .tempfile_in(dir)
        .map_err(|e| StoreError::write(path, e))?;
    tmp.write_all(bytes)
        .map_err(|e| StoreError::write(path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| StoreError::write(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = mode.unwrap_or(0o644);
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode))
            .map_err(|e| StoreError::write(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    if backup && path.exists() {
        keep_backup(path, dir)?;
    }
    tmp.persist(path)
        .map_err(|e| StoreError::write(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// The prefix of a save's temp file: `.journal.json.tmp`, so a save that was killed half-way
/// leaves a file that is recognisably ours.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "journal.json".into(), |n| n.to_string_lossy());
    format!(".{name}.tmp")
}

/// Remove temp files left by saves that were killed half-way. Only the holder of the journal's
/// lock writes temp files, and the caller holds it, so any that exist are stale.
fn remove_stale(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Make `journal.json.bak` the current file, atomically: link (or copy) it to a temp name, then
/// rename that over the old backup. The journal itself is never absent.
fn keep_backup(path: &Path, dir: &Path) -> Result<(), StoreError> {
    let backup = backup_path(path);
    let staged = tempfile::Builder::new()
        .prefix(".corepath-bak")
        .tempfile_in(dir)
        .map_err(|e| StoreError::write(&backup, e))?
        .into_temp_path();
    fs::remove_file(&staged).map_err(|e| StoreError::write(&backup, e))?;
    if fs::hard_link(path, &staged).is_err() {
        fs::copy(path, &staged).map_err(|e| StoreError::write(&backup, e))?;
    }
    staged
        .persist(&backup)
        .map_err(|e| StoreError::write(&backup, e.error))?;
    Ok(())
}

fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
