//! The journal on disk: where it lives, reading it, and changing it safely.
//!
//! Every change is a short transaction: take the lock, re-read the file if another process changed
//! it, apply the one change, write a temp file beside it, fsync, keep the previous version as
//! `journal.json.bak`, rename over, fsync the folder, release the lock.
//!
//! Only regular files are read as journals, up to [`MAX_JOURNAL_BYTES`]. A journal reached
//! through a symbolic link is written through to its target, and its backup and lock sit beside
//! the target ([`resolve`]). A journal the user made read-only is opened read-only.

mod error;
mod lock;
mod open;
mod output;
mod paths;
mod pretty;
mod save;
mod stream;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

use crate::model::{self, Journal};

pub use error::StoreError;
pub use lock::Lock;
pub use open::{MAX_JOURNAL_BYTES, read_small};
pub use paths::{backup_path, default_journal_path, lock_path, resolve};
pub use save::to_bytes;

/// The bundled demo journal, as JSON text.
pub const DEMO_JSON: &str = include_str!("../../assets/demo-journal.json");

/// What identifies one version of the file on disk, to notice changes made by another process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(FileStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            inode,
        })
    }
}

/// A journal as read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The journal.
    pub journal: Journal,
    /// The version of the file it was read from.
    pub stamp: Option<FileStamp>,
    /// Why it cannot be changed, if it cannot (a newer format).
    pub read_only: Option<String>,
}

/// The journal file at one path.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

impl Store {
    /// The journal at `path` (it need not exist yet).
    pub fn new(path: impl Into<PathBuf>) -> Store {
        Store { path: path.into() }
    }

    /// Where the journal lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a journal exists there.
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// The current version of the file on disk, if there is one.
    pub fn stamp(&self) -> Option<FileStamp> {
        FileStamp::of(&self.path)
    }

    /// Read the journal. A file that does not parse is refused with its line and column; a newer
    /// format is read but marked read-only.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        let stamp = self.stamp();
        let journal = read_journal(&self.path)?;
        let read_only = (journal.version > model::VERSION)
            .then(|| {
                format!(
                    "written by a newer corepath (format version {}; this one understands {}), so it is open read-only",
                    journal.version,
                    model::VERSION
                )
            })
            .or_else(|| save::write_protected(&self.path));
        Ok(Loaded {
            journal,
            stamp,
            read_only,
        })
    }

    /// Write a new journal where none exists yet.
    pub fn create(&self, journal: &Journal) -> Result<(), StoreError> {
        let _lock = Lock::acquire(&self.path)?;
        if self.exists() {
            return Err(StoreError::Exists(self.path.clone()));
        }
        save::save(&resolve(&self.path), journal)
    }

    /// Write an export or roll-up to `out` atomically, as a normal program writes a file (a new
    /// file gets the mode the umask allows; one that exists keeps its mode; a link is written
    /// through). Refused when `out` is this journal, its backup or its lock, or anything but a
    /// regular file or a new path.
    pub fn write_output(&self, out: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let target = output::target(&self.path, out)?;
        save::write_ordinary(&target, bytes)
    }

    /// Apply one change under the lock and save. `cached` is a journal already in memory with the
    /// stamp it was read at: it is used as it is when the file has not changed since, else the
    /// file is read again. Returns the change's result and the journal as saved.
    pub fn transact<T, E>(
        &self,
        cached: Option<(&Journal, FileStamp)>,
        change: impl FnOnce(&mut Journal) -> Result<T, E>,
    ) -> Result<(T, Loaded), E>
    where
        E: From<StoreError>,
    {
        let _lock = Lock::acquire(&self.path)?;
        // The journal as it is on disk: the cached one when the file has not changed since.
        let reloaded;
        let before = match cached {
            Some((journal, stamp)) if self.stamp() == Some(stamp) => journal,
            _ => {
                let loaded = self.load()?;
                if let Some(why) = loaded.read_only {
                    return Err(
                        StoreError::ReadOnly(format!("{}: {why}", self.path.display())).into(),
                    );
                }
                reloaded = loaded.journal;
                &reloaded
            }
        };
        if before.version > model::VERSION {
            return Err(
                StoreError::ReadOnly(format!("{} is open read-only", self.path.display())).into(),
            );
        }
        let mut journal = before.clone();
        let value = change(&mut journal)?;
        if journal != *before {
            save::save(&resolve(&self.path), &journal)?;
        }
        let stamp = self.stamp();
        Ok((
            value,
            Loaded {
                journal,
                stamp,
                read_only: None,
            },
        ))
    }
}

/// Read and parse the journal file in chunks (see [`stream`]), so that its text and its entries
/// are never all in memory at once; a file the chunked reader does not take is read whole and
/// given to [`parse`], which names the fault. Only a regular file is read, and no more of it
/// than [`MAX_JOURNAL_BYTES`], even if it grows meanwhile.
fn read_journal(path: &Path) -> Result<Journal, StoreError> {
    use std::io::{Read, Seek};
    let (mut file, size) = open::open_journal(path)?;
    match stream::read((&file).take(MAX_JOURNAL_BYTES)) {
        Ok(journal) if journal.format == model::FORMAT => return Ok(journal),
        Ok(_) | Err(stream::Stop::Unusual) => {}
        Err(stream::Stop::Io(e)) => return Err(StoreError::read(path, e)),
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.rewind()
        .and_then(|()| (&file).take(MAX_JOURNAL_BYTES).read_to_end(&mut bytes))
        .map_err(|e| StoreError::read(path, e))?;
    parse(path, &bytes)
}

/// Parse journal bytes, naming the file, line and column of a fault.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Journal, StoreError> {
    match serde_json::from_slice::<Journal>(bytes) {
        Ok(journal) if journal.format == model::FORMAT => Ok(journal),
        Ok(journal) => Err(StoreError::NotAJournal {
            path: path.to_path_buf(),
            format: journal.format,
        }),
        Err(e) => {
            if let Ok(header) = serde_json::from_slice::<Header>(bytes) {
                if let Some(format) = header.format.filter(|f| f != model::FORMAT) {
                    return Err(StoreError::NotAJournal {
                        path: path.to_path_buf(),
                        format,
                    });
                }
                if let Some(version) = header.version.filter(|&v| v > model::VERSION) {
                    return Err(StoreError::Newer {
                        path: path.to_path_buf(),
                        version,
                    });
                }
            }
            Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                message: error::strip_position(&e.to_string()),
            })
        }
    }
}

/// A temporary copy of the demo journal: the folder (removed when dropped) and the file in it.
pub fn demo_copy() -> Result<(tempfile::TempDir, PathBuf), StoreError> {
    let dir = tempfile::Builder::new()
        .prefix("corepath-demo")
        .tempdir()
        .map_err(|e| StoreError::write(Path::new("corepath-demo"), e))?;
    let path = dir.path().join("journal.json");
    fs::write(&path, DEMO_JSON).map_err(|e| StoreError::write(&path, e))?;
    Ok((dir, path))
}

/// A fresh id of eight lowercase letters and digits that `taken` does not know.
pub fn fresh_id(taken: impl Fn(&str) -> bool) -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    loop {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.write_u32(std::process::id());
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let mut bits = hasher.finish();
        let id: String = (0..8)
            .map(|_| {
                let c = ALPHABET[(bits & 31) as usize] as char;
                bits >>= 5;
                c
            })
            .collect();
        if id.chars().any(|c| c.is_ascii_alphabetic()) && !taken(&id) {
            return id;
        }
    }
}
