//! Why a journal could not be read or written, in words a user can act on.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::open::MAX_JOURNAL_BYTES;
use super::paths::{backup_path, resolve};

/// A storage failure.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No journal at the path.
    #[error("no journal at {}: run `corepath init --name \"Your Name\" --tier support-scientist` to start one", .0.display())]
    Missing(PathBuf),
    /// A journal already exists where a new one was to be created.
    #[error("a journal already exists at {}: it is left as it is", .0.display())]
    Exists(PathBuf),
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The file could not be written.
    #[error("cannot write {}: {source} (the journal on disk is unchanged)", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The file does not parse.
    #[error(
        "{} is damaged at line {line}, column {column}: {message}. It has not been changed{}",
        path.display(), restore_hint(path)
    )]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Line of the fault (1-based).
        line: usize,
        /// Column of the fault (1-based).
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// A file written by a newer corepath that this one cannot read.
    #[error(
        "{} was written by a newer corepath (format version {version}): update corepath to open it; \
         the file has not been changed",
        path.display()
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its format version.
        version: u32,
    },
    /// A JSON file that is not a corepath journal.
    #[error("{} is not a corepath journal (its format is {format:?}): it has not been changed", path.display())]
    NotAJournal {
        /// The file.
        path: PathBuf,
        /// The format it claims.
        format: String,
    },
    /// The file is larger than any journal.
    #[error(
        "{} is {size} bytes, more than a journal may hold ({} bytes, 1 GiB): it is not read; \
         is it the right file?",
        path.display(), MAX_JOURNAL_BYTES
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// A file that must not be written there (the journal itself, a device…).
    #[error("cannot write {}: {why}; nothing was written", path.display())]
    Refused {
        /// The path asked for.
        path: PathBuf,
        /// Why not.
        why: String,
    },
    /// The journal cannot be changed.
    #[error("{0}")]
    ReadOnly(String),
    /// Another corepath held the lock too long.
    #[error(
        "{} is busy: another corepath has been saving it for over {seconds} s; try again \
         (if no corepath is running, the lock file {} can be removed)",
        path.display(), lock.display()
    )]
    Busy {
        /// The journal.
        path: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// How long we waited.
        seconds: u64,
    },
}

impl StoreError {
    /// A read failure; a missing file becomes [`StoreError::Missing`].
    pub fn read(path: &Path, source: io::Error) -> StoreError {
        if source.kind() == io::ErrorKind::NotFound {
            StoreError::Missing(path.to_path_buf())
        } else {
            StoreError::Read {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    /// A write failure.
    pub fn write(path: &Path, source: io::Error) -> StoreError {
        StoreError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// How to get the previous version back, when there is one.
fn restore_hint(path: &Path) -> String {
    let backup = backup_path(&resolve(path));
    if backup.exists() {
        format!(
            "; the previous version is kept as {} (copy it over the journal to restore it)",
            backup.display()
        )
    } else {
        "; there is no backup to restore (fix the file by hand, or move it away to start again)"
            .to_string()
    }
}

/// serde_json appends " at line L column C" to its messages; we say it our own way.
pub(super) fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
