//! The exclusive lock that lets one change at a time through.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use super::StoreError;
use super::open::{open_regular, regular_or_missing};
use super::paths::{lock_path, resolve};

/// How long to wait for another process's change to finish.
const WAIT: Duration = Duration::from_secs(5);

/// An exclusive lock on a journal, released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

impl Lock {
    /// Take the lock on the journal at `path`, waiting up to a few seconds. The lock file sits
    /// beside the journal's target when `path` is a link; it must be a regular file. A journal
    /// that is not a regular file (a device, a pipe) is refused before a lock file is made.
    pub fn acquire(path: &Path) -> Result<Lock, StoreError> {
        let target = resolve(path);
        regular_or_missing(&target).map_err(|e| StoreError::read(path, e))?;
        let lock = lock_path(&target);
        if let Some(dir) = lock.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|e| StoreError::write(dir, e))?;
        }
        let (file, _) = open_regular(
            &lock,
            OpenOptions::new().create(true).truncate(false).write(true),
        )
        .map_err(|e| StoreError::write(&lock, e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                    thread::sleep(Duration::from_millis(10))
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Busy {
                        path: path.to_path_buf(),
                        lock,
                        seconds: WAIT.as_secs(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::write(&lock, e)),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
