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
    // A temporary file is private (0600); the output should not be. Keep
    // the permissions of the file we replace, or use the usual 0644.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(temp.as_file()).map_err(wrap)?,
    };
    temp.as_file().set_permissions(permissions).map_err(wrap)?;
    temp.persist(path).map_err(|e| wrap(e.error))?;
    Ok(())
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

/// Refuses an output path that is one of the inputs.
///
/// # Errors
/// [`Error::Usage`] when `output` is the same file as one of `inputs`.
pub fn refuse_input(output: &Path, inputs: &[String]) -> Result<()> {
    let Ok(out) = std::fs::canonicalize(output) else {
        // A file that does not exist yet cannot be an input.
        return Ok(());
    };
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|i| i == out) {
            return Err(Error::Usage(format!(
                "refusing to overwrite input file {}; choose another --output",
                output.display()
            )));
        }
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

/// Makes `dir` ready to receive a new case: creates it when it does not
/// exist, and refuses a file or a non-empty directory so that no user file
/// is ever overwritten.
///
/// # Errors
/// [`Error::Usage`] for a file or a non-empty directory, [`Error::Write`]
/// when the directory cannot be created.
pub fn prepare_new_dir(dir: &Path) -> Result<()> {
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
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// Writes the files of a new case into `dir` (see [`prepare_new_dir`]).
///
/// # Errors
/// As [`prepare_new_dir`] and [`write_atomic`].
pub fn write_new_case(dir: &Path, files: &[(String, String)]) -> Result<()> {
    prepare_new_dir(dir)?;
    for (name, text) in files {
        write_atomic(&dir.join(name), |out| out.write_all(text.as_bytes()))?;
    }
    Ok(())
}
