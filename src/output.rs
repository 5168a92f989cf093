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
    let (file, temp) = TempPath::create_file(&dir).map_err(|e| wrap(in_directory(&e, &dir)))?;
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
/// unless it was renamed into place ([`TempPath::persist`]) or kept.
struct TempPath {
    path: PathBuf,
    is_dir: bool,
    keep: bool,
}

impl TempPath {
    /// How many names are tried before giving up: another process would
    /// have to take every one of them first.
    const ATTEMPTS: u32 = 64;

    /// A new private file `.claimgraph-*.tmp` in `dir`, opened for writing.
    fn create_file(dir: &Path) -> std::io::Result<(std::fs::File, TempPath)> {
        Self::create(dir, ".claimgraph-", ".tmp", |path| {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            options.open(path).map(|file| (file, false))
        })
    }

    /// A new private directory `PREFIX*` in `dir`.
    fn create_dir(dir: &Path, prefix: &str) -> std::io::Result<TempPath> {
        Self::create(dir, prefix, "", |path| {
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(path).map(|()| ((), true))
        })
        .map(|((), temp)| temp)
    }

    fn create<T>(
        dir: &Path,
        prefix: &str,
        suffix: &str,
        make: impl Fn(&Path) -> std::io::Result<(T, bool)>,
    ) -> std::io::Result<(T, TempPath)> {
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
                    let temp = TempPath {
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

    /// Keeps the temporary directory: it is no longer removed on drop.
    fn keep(mut self) -> PathBuf {
        self.keep = true;
        std::mem::take(&mut self.path)
    }
}

impl Drop for TempPath {
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
/// [`Error::Usage`] when `output` is the same file as one of `inputs`.
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
            return Err(Error::Usage(format!(
                "refusing to overwrite input file {}; choose another --output",
                output.display()
            )));
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
/// [`Error::Usage`] saying why, when `output` is such a file.
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
        return Err(Error::Usage(format!(
            "refusing to write {} into the input case {}: the case would read it as a claim file and no longer load; choose a path outside the case",
            output.display(),
            case.display()
        )));
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

/// Refuses a target for a new case that already holds something: a file,
/// or a non-empty directory, so that no user file is ever overwritten.
///
/// # Errors
/// [`Error::Usage`] for a file or a non-empty directory, [`Error::Write`]
/// when the directory cannot be listed.
pub fn refuse_existing_case(dir: &Path) -> Result<()> {
    if dir.is_file() {
        return Err(Error::Usage(format!(
            "{} is a file; choose a new directory for the case",
            dir.display()
        )));
    }
    if dir.is_dir() {
        let non_empty = std::fs::read_dir(dir)
            .map_err(|source| Error::Write {
                path: dir.to_path_buf(),
                source,
            })?
            .next()
            .is_some();
        if non_empty {
            return Err(Error::Usage(format!(
                "{} is not empty; choose a new directory for the case",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Writes the files of a new case as the directory `dir`, all at once.
///
/// The files are written into a hidden temporary directory beside `dir`,
/// which is then renamed to `dir`: a run that is killed or fails leaves no
/// `dir` behind (at most a hidden `.claimgraph-new-*` directory), and of
/// two runs writing the same `dir` at the same time only one can succeed,
/// because a directory is never renamed over a non-empty one. An existing
/// empty `dir` is replaced.
///
/// # Errors
/// As [`refuse_existing_case`]; [`Error::Usage`] when another run created
/// `dir` first; [`Error::Write`] when a file or the directory cannot be
/// written.
pub fn write_new_case(dir: &Path, files: &[(String, String)]) -> Result<()> {
    write_case_dir(dir, files, false).map(|_| ())
}

/// The files `claimgraph init` writes, and nothing else may be in a
/// directory that [`fill_new_case`] replaces.
pub const SCAFFOLD_FILES: [&str; 4] = ["README.md", "annotations.json", "case.json", "config.json"];

/// Whether `dir` is a case as `claimgraph init` leaves it: exactly the
/// scaffold's four files, each JSON one a `claimgraph/1` file (and
/// `case.json` holding the case), with no claim, annotation, status or
/// point title in any of them.
#[must_use]
pub fn is_empty_scaffold(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else {
            return false;
        };
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            return false;
        };
        if !SCAFFOLD_FILES.contains(&name.as_str()) || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            return false;
        }
        if name.ends_with(".json") {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                return false;
            };
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                return false;
            };
            if value.get("format").and_then(serde_json::Value::as_str)
                != Some(crate::model::FORMAT_V1)
                || (name == "case.json" && value.get("case").is_none())
            {
                return false;
            }
            let holds = |key: &str| {
                value
                    .get(key)
                    .and_then(serde_json::Value::as_array)
                    .is_some_and(|a| !a.is_empty())
            };
            if holds("claims") || holds("annotations") || holds("statuses") || holds("points") {
                return false;
            }
        }
        names.push(name);
    }
    names.sort_unstable();
    names == SCAFFOLD_FILES
}

/// [`write_new_case`], except that a directory `claimgraph init` made and
/// nobody filled yet ([`is_empty_scaffold`]) is replaced whole by the new
/// case, so that `init DIR` followed by `extract`/`import … --output DIR`
/// works, unless one of `inputs` is inside it. Returns whether such a
/// scaffold was replaced.
///
/// # Errors
/// As [`write_new_case`].
pub fn fill_new_case(dir: &Path, files: &[(String, String)], inputs: &[&Path]) -> Result<bool> {
    // An input inside the scaffold (however it got there) is never
    // replaced along with it.
    let inside = std::fs::canonicalize(dir).is_ok_and(|dir| {
        inputs
            .iter()
            .any(|input| std::fs::canonicalize(input).is_ok_and(|input| input.starts_with(&dir)))
    });
    write_case_dir(dir, files, !inside)
}

fn write_case_dir(dir: &Path, files: &[(String, String)], may_replace: bool) -> Result<bool> {
    let replace = may_replace && is_empty_scaffold(dir);
    if !replace {
        refuse_existing_case(dir)?;
    }
    let wrap = |source: std::io::Error| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(wrap)?;
    let temp = TempPath::create_dir(&parent, ".claimgraph-new-")
        .map_err(|e| wrap(in_directory(&e, &parent)))?;
    for (name, text) in files {
        let path = safe_join(&temp.path, Path::new(name))?;
        if let Some(sub) = path.parent() {
            std::fs::create_dir_all(sub).map_err(wrap)?;
        }
        // An error names the file in the case the user asked for, not in
        // the hidden directory it is built in.
        write_atomic(&path, |out| out.write_all(text.as_bytes())).map_err(|e| match e {
            Error::Write { source, .. } => Error::Write {
                path: dir.join(name),
                source,
            },
            other => other,
        })?;
    }
    // A temporary directory is private (0700); a case directory should not be.
    set_dir_permissions(&temp.path).map_err(wrap)?;
    // Once kept, the directory is no longer removed on drop: a failed
    // rename removes it by hand.
    let built = temp.keep();
    if replace {
        // The scaffold moves aside (onto an empty hidden directory, which a
        // rename may replace), the new case takes its name, and the
        // scaffold is removed; if the second rename fails it comes back.
        let aside = TempPath::create_dir(&parent, ".claimgraph-old-")
            .map_err(|e| wrap(in_directory(&e, &parent)))?
            .keep();
        if let Err(source) = std::fs::rename(dir, &aside) {
            let _ = std::fs::remove_dir_all(&built);
            let _ = std::fs::remove_dir(&aside);
            return Err(wrap(source));
        }
        if let Err(source) = std::fs::rename(&built, dir) {
            let _ = std::fs::rename(&aside, dir);
            let _ = std::fs::remove_dir_all(&built);
            return Err(wrap(source));
        }
        std::fs::remove_dir_all(&aside).map_err(wrap)?;
        return Ok(true);
    }
    if let Err(source) = std::fs::rename(&built, dir) {
        let _ = std::fs::remove_dir_all(&built);
        let taken = matches!(
            source.kind(),
            std::io::ErrorKind::DirectoryNotEmpty | std::io::ErrorKind::AlreadyExists
        ) || dir.exists();
        if taken {
            return Err(Error::Usage(format!(
                "{} was created by another run meanwhile; nothing was written",
                dir.display()
            )));
        }
        return Err(wrap(source));
    }
    Ok(false)
}

#[cfg(unix)]
fn set_dir_permissions(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn set_dir_permissions(_dir: &Path) -> std::io::Result<()> {
    Ok(())
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
/// [`Error::Usage`] when the lock is still held after `wait`,
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
                    return Err(Error::Usage(format!(
                        "{} is being changed by another claimgraph run (it holds {}); nothing was written, try again when it has finished",
                        case.display(),
                        path.display()
                    )));
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

/// Joins a relative path from untrusted input (a claim id turned into a
/// file name, a name inside an imported archive) onto an output directory,
/// refusing anything that would land outside it: absolute paths, `..`
/// components, and existing symlinks inside `dir` that lead out of it.
/// Commands that take `--output DIR` build every file name through this.
///
/// # Errors
/// [`Error::Usage`] naming the refused path.
pub fn safe_join(dir: &Path, relative: &Path) -> Result<PathBuf> {
    use std::path::Component;

    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to write {} outside {}: {why}",
            relative.display(),
            dir.display()
        )))
    };
    let mut joined = dir.to_path_buf();
    let mut n_parts = 0;
    for component in relative.components() {
        match component {
            Component::Normal(part) => {
                joined.push(part);
                n_parts += 1;
            }
            Component::CurDir => {}
            Component::ParentDir => return refuse("the path goes up with \"..\""),
            Component::RootDir | Component::Prefix(_) => return refuse("the path is absolute"),
        }
    }
    if n_parts == 0 {
        return refuse("the path names no file");
    }
    // A symlink already inside the directory could still lead out of it.
    if let (Ok(root), Some(parent)) = (std::fs::canonicalize(dir), joined.parent()) {
        if let Ok(real_parent) = std::fs::canonicalize(parent) {
            if !real_parent.starts_with(&root) {
                return refuse("a symlink leads out of the directory");
            }
        }
        if let Ok(real) = std::fs::canonicalize(&joined) {
            if !real.starts_with(&root) {
                return refuse("a symlink leads out of the directory");
            }
        }
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_keeps_paths_inside() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        assert_eq!(
            safe_join(base, Path::new("a/b.json")).unwrap(),
            base.join("a/b.json")
        );
        assert_eq!(
            safe_join(base, Path::new("./c.json")).unwrap(),
            base.join("c.json")
        );
        for bad in [
            "../x.json",
            "a/../../x.json",
            "/etc/passwd",
            "",
            ".",
            "a/..",
        ] {
            let err = safe_join(base, Path::new(bad)).unwrap_err().to_string();
            assert!(err.starts_with("error: refusing to write"), "{bad}: {err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn safe_join_refuses_symlinks_out() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("f"), dir.path().join("f.json")).unwrap();
        assert!(safe_join(dir.path(), Path::new("out/x.json")).is_err());
        // A dangling link is replaced, not followed, by write_atomic's rename.
        assert!(safe_join(dir.path(), Path::new("f.json")).is_ok());
        std::fs::write(outside.path().join("f"), "x").unwrap();
        assert!(safe_join(dir.path(), Path::new("f.json")).is_err());
    }

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
