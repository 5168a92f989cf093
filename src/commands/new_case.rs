//! New case directories: the files of a case that `init`, `extract` and
//! `import` made in memory are written into a hidden temporary directory
//! and renamed into place at once, so that no case is visible before it is
//! whole, and nothing the user has is overwritten (an empty `init`
//! scaffold excepted, which is replaced whole).
//!
//! This is the binary's one file-system module (see ARCHITECTURE.md): it
//! lists and renames directories, which the library's
//! [`claimgraph::output`] leaves to it.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use claimgraph::author::scaffold;
use claimgraph::error::Taken;
use claimgraph::output::{self, Temporary};
use claimgraph::{Error, Result};

/// [`Error::CaseDirTaken`] for `dir`.
fn taken(dir: &Path, why: Taken) -> Error {
    Error::CaseDirTaken {
        dir: dir.to_path_buf(),
        why,
    }
}

/// Refuses a target for a new case that already holds something: a file,
/// or a non-empty directory, so that no user file is ever overwritten.
///
/// # Errors
/// [`Error::CaseDirTaken`] for a file or a non-empty directory, [`Error::Write`]
/// when the directory cannot be listed.
fn refuse_existing_case(dir: &Path) -> Result<()> {
    if dir.is_file() {
        return Err(taken(dir, Taken::File));
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
            return Err(taken(dir, Taken::NotEmpty));
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
/// As [`refuse_existing_case`]; [`Error::CaseDirTaken`] when another run created
/// `dir` first; [`Error::Write`] when a file or the directory cannot be
/// written.
pub fn write_new_case(dir: &Path, files: &[(String, String)]) -> Result<()> {
    write_case_dir(dir, files, false).map(|_| ())
}

/// Whether `dir` is a case as `claimgraph init` left it
/// ([`scaffold::is_empty_scaffold`]): its entries are listed and its JSON
/// files read here, and judged there.
fn is_empty_scaffold(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else {
            return false;
        };
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            return false;
        };
        if !scaffold::SCAFFOLD_FILES.contains(&name.as_str())
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            return false;
        }
        let text = if name.ends_with(".json") {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                return false;
            };
            text
        } else {
            String::new()
        };
        files.push((name, text));
    }
    scaffold::is_empty_scaffold(&files)
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
    let temp = Temporary::dir_in(&parent, ".claimgraph-new-").map_err(wrap)?;
    for (name, text) in files {
        let path = safe_join(temp.path(), Path::new(name))?;
        if let Some(sub) = path.parent() {
            std::fs::create_dir_all(sub).map_err(wrap)?;
        }
        // An error names the file in the case the user asked for, not in
        // the hidden directory it is built in.
        output::write_atomic(&path, |out| out.write_all(text.as_bytes())).map_err(|e| match e {
            Error::Write { source, .. } => Error::Write {
                path: dir.join(name),
                source,
            },
            other => other,
        })?;
    }
    // A temporary directory is private (0700); a case directory should not be.
    set_dir_permissions(temp.path()).map_err(wrap)?;
    // Once kept, the directory is no longer removed on drop: a failed
    // rename removes it by hand.
    let built = temp.keep();
    if replace {
        // The scaffold moves aside (onto an empty hidden directory, which a
        // rename may replace), the new case takes its name, and the
        // scaffold is removed; if the second rename fails it comes back.
        let aside = Temporary::dir_in(&parent, ".claimgraph-old-")
            .map_err(wrap)?
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
        let made_meanwhile = matches!(
            source.kind(),
            std::io::ErrorKind::DirectoryNotEmpty | std::io::ErrorKind::AlreadyExists
        ) || dir.exists();
        if made_meanwhile {
            return Err(taken(dir, Taken::ByAnotherRun));
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

/// Joins a relative path from untrusted input (a claim id turned into a
/// file name, a name inside an imported archive) onto an output directory,
/// refusing anything that would land outside it: absolute paths, `..`
/// components, and existing symlinks inside `dir` that lead out of it.
/// Commands that take `--output DIR` build every file name through this.
///
/// # Errors
/// [`Error::OutsideOutput`] naming the refused path.
fn safe_join(dir: &Path, relative: &Path) -> Result<PathBuf> {
    use std::path::Component;

    let refuse = |why: &'static str| {
        Err(Error::OutsideOutput {
            relative: relative.to_path_buf(),
            dir: dir.to_path_buf(),
            why,
        })
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
}
