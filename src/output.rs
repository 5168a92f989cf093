//! Writing files so that a reader never sees half of one: every output
//! that is a file is written to a temporary file in the target's directory,
//! flushed, then renamed over the target. An interrupted run leaves the old
//! file intact. A device or a pipe (`/dev/stdout`, a FIFO) is the one
//! exception: it is written in place, since renaming a file over it would
//! replace the device itself.
//!
//! This module and `src/load/` are the library's file-system edge: the
//! only modules allowed to call `std::fs` (see `clippy.toml`).
#![allow(clippy::disallowed_methods)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Writes `path` atomically with whatever `fill` writes.
///
/// # Errors
/// [`Error::Write`] when the temporary file cannot be created, written or
/// renamed; the target is then unchanged.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let wrap = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    // A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written
    // in place: renaming a file over it would replace the device itself.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(wrap)?;
        let mut writer = std::io::BufWriter::new(file);
        fill(&mut writer).map_err(wrap)?;
        return writer.flush().map_err(wrap);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (file, temp) = Temporary::create_file(&dir).map_err(|e| wrap(in_directory(&e, &dir)))?;
    let mut writer = std::io::BufWriter::new(file);
    fill(&mut writer).map_err(wrap)?;
    writer.flush().map_err(wrap)?;
    let file = writer.into_inner().map_err(|e| wrap(e.into_error()))?;
    file.sync_all().map_err(wrap)?;
    // A temporary file is private (0600); the output should not be. Keep
    // the permissions of the file we replace, or use the usual 0644.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(&file).map_err(wrap)?,
    };
    file.set_permissions(permissions).map_err(wrap)?;
    drop(file);
    temp.persist(path)
        .map_err(|e| wrap(in_directory(&e, &dir)))?;
    Ok(())
}

/// A temporary file or directory claimgraph created, removed when dropped
/// unless it was renamed into place or kept ([`Temporary::keep`]).
#[derive(Debug)]
pub struct Temporary {
    path: PathBuf,
    is_dir: bool,
    keep: bool,
}

impl Temporary {
    /// How many names are tried before giving up: another process would
    /// have to take every one of them first.
    const ATTEMPTS: u32 = 64;

    /// A new private file `.claimgraph-*.tmp` in `dir`, opened for writing.
    fn create_file(dir: &Path) -> std::io::Result<(std::fs::File, Temporary)> {
        Self::create(dir, ".claimgraph-", ".tmp", |path| {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            options.open(path).map(|file| (file, false))
        })
    }

    /// A new private (0700) directory `PREFIX*` in `dir`.
    ///
    /// # Errors
    /// When it cannot be created; the error says so of `dir`, never of the
    /// temporary name.
    pub fn dir_in(dir: &Path, prefix: &str) -> std::io::Result<Temporary> {
        Self::create(dir, prefix, "", |path| {
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(path).map(|()| ((), true))
        })
        .map(|((), temp)| temp)
        .map_err(|e| in_directory(&e, dir))
    }

    fn create<T>(
        dir: &Path,
        prefix: &str,
        suffix: &str,
        make: impl Fn(&Path) -> std::io::Result<(T, bool)>,
    ) -> std::io::Result<(T, Temporary)> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut last = None;
        for _ in 0..Self::ATTEMPTS {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = format!("{prefix}{}-{n}-{nanos:08x}{suffix}", std::process::id());
            let path = dir.join(name);
            match make(&path) {
                Ok((made, is_dir)) => {
                    let temp = Temporary {
                        path,
                        is_dir,
                        keep: false,
                    };
                    return Ok((made, temp));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::AlreadyExists)))
    }

    /// Renames the temporary file or directory to `target`.
    fn persist(mut self, target: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, target)?;
        self.keep = true;
        Ok(())
    }

    /// Where it is.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Keeps it: it is no longer removed on drop.
    #[must_use]
    pub fn keep(mut self) -> PathBuf {
        self.keep = true;
        std::mem::take(&mut self.path)
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        let _ = if self.is_dir {
            std::fs::remove_dir_all(&self.path)
        } else {
            std::fs::remove_file(&self.path)
        };
    }
}

/// The error of creating or renaming a temporary file, told of the user's
/// directory: the temporary file is a name the user never gave and cannot
/// act on.
fn in_directory(error: &std::io::Error, dir: &Path) -> std::io::Error {
    let kind = error.kind();
    let message = match kind {
        std::io::ErrorKind::NotFound => {
            format!(
                "directory {} does not exist; create it first",
                dir.display()
            )
        }
        std::io::ErrorKind::PermissionDenied => {
            format!("permission denied in directory {}", dir.display())
        }
        _ => format!("{kind} in directory {}", dir.display()),
    };
    std::io::Error::new(kind, message)
}

#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// Refuses an output path that is one of the inputs, whether named the same
/// way, through a symlink, or (on Unix) as a hard link to the same file.
///
/// # Errors
/// [`Error::OverwriteInput`] when `output` is the same file as one of
/// `inputs`.
pub fn refuse_input(output: &Path, inputs: &[String]) -> Result<()> {
    let Ok(out) = std::fs::canonicalize(output) else {
        // A file that does not exist yet cannot be an input.
        return Ok(());
    };
    let out_id = file_id(&out);
    for input in inputs {
        let same_path = std::fs::canonicalize(input).is_ok_and(|i| i == out);
        let same_file = out_id.is_some() && file_id(Path::new(input)) == out_id;
        if same_path || same_file {
            return Err(Error::OverwriteInput {
                output: output.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// Refuses an output that would land inside an input case directory as a
/// claim file (`.json` or `.jsonl`): the next load would read it as part
/// of the case, and a report is not a claim file, so the case would no
/// longer load.
///
/// # Errors
/// [`Error::IntoInputCase`] when `output` is such a file.
pub fn refuse_into_case(output: &Path, case: &Path) -> Result<()> {
    let claim_file = output
        .extension()
        .is_some_and(|e| e == "json" || e == "jsonl");
    // An existing claim file of the case is an input: `refuse_input` says
    // so in its own words.
    if !claim_file || !case.is_dir() || output.exists() {
        return Ok(());
    }
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok(parent), Ok(case_dir)) = (std::fs::canonicalize(parent), std::fs::canonicalize(case))
    else {
        return Ok(());
    };
    if parent == case_dir {
        return Err(Error::IntoInputCase {
            output: output.to_path_buf(),
            case: case.to_path_buf(),
        });
    }
    Ok(())
}

/// Removes a file that claimgraph wrote, to undo an edit that left the case
/// invalid.
///
/// # Errors
/// [`Error::Write`] when the file cannot be removed.
pub fn remove(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// An advisory lock on a case, held while a command reads, changes and
/// writes it; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct CaseLock {
    _file: std::fs::File,
}

/// How long [`lock_case`] waits for another writer by default.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The lock file of the case at `case`: `.claimgraph.lock` in a case
/// directory, `.NAME.claimgraph.lock` beside a single-file case. Its name
/// does not end in `.json`, so the loader never reads it. It is never
/// removed: removing a lock file lets two writers lock two different files.
#[must_use]
pub fn lock_path(case: &Path) -> PathBuf {
    if case.is_dir() {
        return case.join(".claimgraph.lock");
    }
    let name = case
        .file_name()
        .map_or_else(|| "case".to_owned(), |n| n.to_string_lossy().into_owned());
    let lock = format!(".{name}.claimgraph.lock");
    match case.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(lock),
        _ => PathBuf::from(lock),
    }
}

/// Takes the advisory lock of the case at `case` (see [`lock_path`]),
/// waiting at most `wait` for another claimgraph process that holds it.
///
/// # Errors
/// [`Error::Locked`] when the lock is still held after `wait`,
/// [`Error::Write`] when the lock file cannot be created or locked.
pub fn lock_case(case: &Path, wait: std::time::Duration) -> Result<CaseLock> {
    let path = lock_path(case);
    let wrap = |source: std::io::Error| Error::Write {
        path: path.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(wrap)?;
    let deadline = std::time::Instant::now() + wait;
    loop {
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => return Ok(CaseLock { _file: file }),
            Err(fs4::TryLockError::WouldBlock) => {
                if std::time::Instant::now() >= deadline {
                    return Err(Error::Locked {
                        case: case.to_path_buf(),
                        lock: path.clone(),
                    });
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(fs4::TryLockError::Error(source)) => return Err(wrap(source)),
        }
    }
}

/// The device and inode of a file, which two hard links share.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn refuse_input_sees_hard_links() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("case.json");
        std::fs::write(&input, "{}").unwrap();
        let link = dir.path().join("link.json");
        std::fs::hard_link(&input, &link).unwrap();
        let inputs = vec![input.display().to_string()];
        assert!(refuse_input(&link, &inputs).is_err());
        assert!(refuse_input(&dir.path().join("new.json"), &inputs).is_ok());
    }

    #[test]
    fn write_atomic_replaces_whole_files_and_keeps_old_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, "old").unwrap();
        let err = write_atomic(&target, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("interrupted"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        write_atomic(&target, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("out.txt")]);
    }
}
