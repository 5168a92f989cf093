//! The small state file of `claimgraph review`: the pairs a person skipped,
//! so that a resumed session does not show them again. Annotated pairs need
//! no state: they are no longer suggested.
//!
//! The file is `.claimgraph-review.state` in the case directory. Its name
//! does not end in `.json`, so the loader never reads it as a claim file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, Result};

/// The state file's name.
pub const STATE_FILE: &str = ".claimgraph-review.state";

/// What a review session remembers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewState {
    /// Skipped pairs, each as two claim ids in sorted order.
    #[serde(default)]
    pub skipped: BTreeSet<(String, String)>,
}

impl ReviewState {
    /// Records a skipped pair.
    pub fn skip(&mut self, a: &str, b: &str) {
        let pair = if a <= b {
            (a.to_owned(), b.to_owned())
        } else {
            (b.to_owned(), a.to_owned())
        };
        self.skipped.insert(pair);
    }
}

/// Where the state of the case at `path` lives: in the case directory, or
/// next to a single-file case.
#[must_use]
pub fn state_path(path: &Path) -> PathBuf {
    if crate::load::is_dir(path) {
        path.join(STATE_FILE)
    } else {
        path.parent()
            .map_or_else(|| PathBuf::from(STATE_FILE), |p| p.join(STATE_FILE))
    }
}

/// Reads the state, or an empty one when there is no file yet.
///
/// # Errors
/// [`Error::Invalid`] when the file exists but cannot be read or parsed.
pub fn read(path: &Path) -> Result<ReviewState> {
    if !crate::load::exists(path) {
        return Ok(ReviewState::default());
    }
    let text = crate::load::read_file_with(path, crate::load::Limits::default())?;
    ReviewState::parse(&path.display().to_string(), &text)
}

impl ReviewState {
    /// Parses the text of a state file, `display` naming it in errors.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the text is not a review state.
    pub fn parse(display: &str, text: &str) -> Result<ReviewState> {
        serde_json::from_str(text).map_err(|e| {
            Error::one(
                Diagnostic::at(
                    display,
                    e.line(),
                    e.column(),
                    format!("cannot read the review state: {e}"),
                )
                .with_help("delete the file to start the review from the beginning"),
            )
        })
    }

    /// The text of the state file.
    #[must_use]
    pub fn to_text(&self) -> String {
        super::to_json(self)
    }
}

/// Records a skipped pair in the state of the case at `case`: under the
/// case's lock, the state file is read again, the pair added and the file
/// written atomically, so that two reviews never lose each other's skips.
///
/// # Errors
/// As [`read`] and [`write()`], and when the lock cannot be taken.
pub fn record_skip(case: &Path, a: &str, b: &str) -> Result<ReviewState> {
    let _lock = crate::output::lock_case(case, crate::output::LOCK_WAIT)?;
    let path = state_path(case);
    let mut state = read(&path)?;
    state.skip(a, b);
    write(&path, &state)?;
    Ok(state)
}

/// Writes the state atomically.
///
/// # Errors
/// [`Error::Write`] when the file cannot be written.
pub fn write(path: &Path, state: &ReviewState) -> Result<()> {
    let text = state.to_text();
    crate::output::write_atomic(path, |out| out.write_all(text.as_bytes()))
}
