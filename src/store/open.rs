//! Opening only regular files: a named pipe, a device or a folder at the journal's path (or its
//! lock's) must not hang a command with the lock held, nor feed it bytes without end.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io;
use std::path::Path;

use super::StoreError;

/// The largest journal read: 1 GiB, some ten times a journal of a million entries.
pub const MAX_JOURNAL_BYTES: u64 = 1 << 30;

/// What kind of thing `meta` describes, for a message: "a folder", "a named pipe (FIFO)"…
pub(super) fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else if t.is_symlink() {
        "a symbolic link that leads nowhere usable"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// An error unless `meta` is a regular file.
fn regular(meta: &Metadata) -> io::Result<()> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", kind(meta)),
        ))
    }
}

/// An error when something other than a regular file is at `path` (through any links).
pub(super) fn regular_or_missing(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) => regular(&meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Open `path` with `options` if it is a regular file (or does not exist and `options` create
/// it), with what it is now. The kind is checked before opening, so a device is never opened,
/// and again on the open file, which was opened without blocking (a pipe swapped in between
/// cannot hang the open).
pub(super) fn open_regular(path: &Path, options: &mut OpenOptions) -> io::Result<(File, Metadata)> {
    regular_or_missing(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    regular(&meta)?;
    Ok((file, meta))
}

/// Open the journal at `path` to read: a regular file of at most [`MAX_JOURNAL_BYTES`]. Returns
/// the file and its size.
pub(super) fn open_journal(path: &Path) -> Result<(File, u64), StoreError> {
    let (file, meta) =
        open_regular(path, OpenOptions::new().read(true)).map_err(|e| StoreError::read(path, e))?;
    let size = meta.len();
    if size > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    Ok((file, size))
}

/// Read a small file someone hands corepath (a statement, a summary): only a regular file, and
/// refused past `limit` bytes with its size, so a pipe or a huge file can neither hang nor fill
/// memory.
pub fn read_small(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let (file, meta) = open_regular(path, OpenOptions::new().read(true))?;
    let too_big = |size: u64| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("it is {size} bytes, over the {limit} bytes read for it"),
        )
    };
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}
