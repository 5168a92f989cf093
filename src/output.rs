//! Writing files so that a reader never sees half of one: every output is
//! written to a temporary file in the target's directory, flushed, then
//! renamed over the target. An interrupted run leaves the old file intact.

use std::io::Write;
use std::path::{Path, PathBuf};

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
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".claimgraph-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(wrap)?;
    {
        let mut writer = std::io::BufWriter::new(temp.as_file_mut());
        fill(&mut writer).map_err(wrap)?;
        writer.flush().map_err(wrap)?;
    }
    temp.as_file().sync_all().map_err(wrap)?;
    temp.persist(path).map_err(|e| wrap(e.error))?;
    Ok(())
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
