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

/// Creates the directory `path` (and its parents) unless it exists.
///
/// # Errors
/// [`Error::Usage`] when `path` exists and is not a directory;
/// [`Error::Write`] when it cannot be created.
pub fn ensure_dir(path: &Path) -> Result<()> {
    if path.exists() && !path.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a directory; --output names the case directory to write",
            path.display()
        )));
    }
    std::fs::create_dir_all(path).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
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
