//! Atomic save: temp file, fsync, keep the previous version, rename over, fsync the folder.

use std::fs;
use std::io::Write;
use std::path::Path;

use tempfile::NamedTempFile;

use super::StoreError;
use super::paths::backup_path;
use crate::model::Journal;

/// The prefix earlier versions staged the backup under (in any journal's folder): removed with
/// the other leftovers of a save that was killed half-way.
const OLD_STAGING_PREFIX: &str = ".corepath-bak";

/// The journal as it is written: pretty-printed, fields in a stable order, a final newline.
pub fn to_bytes(journal: &Journal) -> Vec<u8> {
    // About what an entry takes, so that the buffer is seldom grown and copied.
    let capacity = 4096 + journal.entries.len() * 768;
    let mut bytes = super::pretty::to_vec(journal, capacity).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The mode a replaced file ends up with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// 0600 whatever the umask: the journal and its backup.
    Private,
    /// As a program writing a file normally would: a new file 0666 less the umask, a file that
    /// exists keeps its mode.
    Ordinary,
}

/// Why the journal at `path` must not be replaced, when the user made it read-only (no write
/// bit for its owner): a file the user protected is never replaced behind their back.
pub(super) fn write_protected(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o7777;
        (mode & 0o200 == 0).then(|| {
            format!("it is read-only (mode {mode:04o}), so it is not changed; make it writable (chmod u+w) to change it")
        })
    }
    #[cfg(not(unix))]
    meta.permissions()
        .readonly()
        .then(|| "it is read-only, so it is not changed; make it writable to change it".to_string())
}

/// Replace the journal at `path` (a regular file or none, not a link: see
/// [`super::paths::resolve`]) with `journal`, keeping the old file as the backup; mode 0600.
/// A journal the user made read-only is refused.
pub(super) fn save(path: &Path, journal: &Journal) -> Result<(), StoreError> {
    if let Some(why) = write_protected(path) {
        return Err(StoreError::ReadOnly(format!("{}: {why}", path.display())));
    }
    replace(path, &to_bytes(journal), Mode::Private, true)
}

/// Write `bytes` to `path` atomically (temp file, fsync, rename), as exports are written: a
/// reader never sees half a file, and a failed write leaves the old file as it was. A new file
/// gets the mode the umask allows, a file that exists keeps its own.
pub(super) fn write_ordinary(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace(path, bytes, Mode::Ordinary, false)
}

fn replace(path: &Path, bytes: &[u8], mode: Mode, backup: bool) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| StoreError::write(dir, e))?;
    let prefix = temp_prefix(path);
    if backup {
        remove_stale(dir, &prefix);
    }
    let mut tmp = temp_file(dir, &prefix, mode).map_err(|e| StoreError::write(path, e))?;
    tmp.write_all(bytes)
        .map_err(|e| StoreError::write(path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| StoreError::write(path, e))?;
    match mode {
        Mode::Private => make_private(tmp.path()),
        Mode::Ordinary => match fs::metadata(path) {
            Ok(old) => fs::set_permissions(tmp.path(), old.permissions()),
            Err(_) => Ok(()),
        },
    }
    .map_err(|e| StoreError::write(path, e))?;
    if backup && path.exists() {
        keep_backup(path, dir, &prefix)?;
    }
    tmp.persist(path)
        .map_err(|e| StoreError::write(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Make `path` mode 0600 whatever the umask (on unix; elsewhere files keep their permissions).
fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// A temp file in `dir` named `prefix…`, created 0600, or for [`Mode::Ordinary`] 0666 less the
/// umask, as `open(2)` creates any new file.
fn temp_file(dir: &Path, prefix: &str, mode: Mode) -> std::io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    if mode == Mode::Ordinary {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder.tempfile_in(dir)
}

/// The prefix of a save's temp files: `.journal.json.tmp`, so a save that was killed half-way
/// leaves files that are recognisably ours (the new version, and the backup being staged).
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
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) || name.starts_with(OLD_STAGING_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Make `journal.json.bak` the current file, atomically and private (0600): link (or copy) it to
/// a temp name, then rename that over the old backup. The journal itself is never absent.
fn keep_backup(path: &Path, dir: &Path, prefix: &str) -> Result<(), StoreError> {
    let backup = backup_path(path);
    let staged = tempfile::Builder::new()
        .prefix(prefix)
        .tempfile_in(dir)
        .map_err(|e| StoreError::write(&backup, e))?
        .into_temp_path();
    fs::remove_file(&staged).map_err(|e| StoreError::write(&backup, e))?;
    if fs::hard_link(path, &staged).is_err() {
        fs::copy(path, &staged).map_err(|e| StoreError::write(&backup, e))?;
    }
    // A link shares the old journal's mode, which the new journal is about to replace anyway.
    make_private(&staged).map_err(|e| StoreError::write(&backup, e))?;
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
