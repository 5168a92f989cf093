//! Fixing drafted claims without editing JSON (`claimgraph review
//! --drafts`): accept a draft (clear `needs_review`), drop it, or move it
//! to another party.
//!
//! Drafts live in the `claims.json` that `extract` writes. Each edit reads
//! that file, changes one claim, writes it back atomically and loads the
//! case again; when the case no longer validates, the old text is put back,
//! as `annotate` does.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::load;
use crate::model::{Claim, ClaimFile};

/// One change to one drafted claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftEdit {
    /// The draft is right: clear `needs_review`.
    Accept,
    /// The draft is a fragment or says nothing: remove it.
    Drop,
    /// The draft belongs to another party (its id).
    Party(String),
}

/// The file holding the drafts of the case at `path` (a directory holds
/// them in `claims.json`; a single file is its own).
#[must_use]
pub fn drafts_file(path: &Path) -> PathBuf {
    if load::is_dir(path) {
        path.join("claims.json")
    } else {
        path.to_path_buf()
    }
}

/// The claims of the drafts file still marked `needs_review`, in file
/// order.
///
/// # Errors
/// When the case does not load or the drafts file cannot be read.
pub fn pending(path: &Path) -> Result<Vec<Claim>> {
    let file = read(&drafts_file(path))?;
    Ok(file.claims.into_iter().filter(|c| c.needs_review).collect())
}

fn read(target: &Path) -> Result<ClaimFile> {
    let text = load::read_file(target)?;
    serde_json::from_str(&text).map_err(|e| {
        Error::Usage(format!(
            "{}: the drafts file is not a claim file ({e})",
            target.display()
        ))
    })
}

/// Applies `edit` to the claim `id` of the case at `path`.
///
/// # Errors
/// [`Error::Usage`] for an unknown claim or party, or when dropping a claim
/// that an annotation names; load and write errors otherwise. The file is
/// unchanged on error.
pub fn apply(path: &Path, id: &str, edit: &DraftEdit) -> Result<()> {
    // Read, change and write under the case lock, like `annotate`: another
    // writer's change is never lost.
    let _lock = crate::output::lock_case(path, crate::output::LOCK_WAIT)?;
    let case = load::load_case(path)?;
    let target = drafts_file(path);
    let old_text = load::read_file(&target)?;
    let mut file = read(&target)?;
    let Some(at) = file.claims.iter().position(|c| c.id == id) else {
        return Err(Error::Usage(format!(
            "unknown claim \"{id}\" in {}",
            target.display()
        )));
    };
    match edit {
        DraftEdit::Accept => file.claims[at].needs_review = false,
        DraftEdit::Drop => {
            if let Some(a) = case
                .annotations
                .iter()
                .find(|a| a.claims.iter().any(|c| c == id))
            {
                return Err(Error::Usage(format!(
                    "claim \"{id}\" is annotated ({} {} {}); remove the annotation first",
                    a.claims[0],
                    a.relation.as_str(),
                    a.claims[1]
                )));
            }
            file.claims.remove(at);
        }
        DraftEdit::Party(party) => {
            if case.party(party).is_none() {
                let known: Vec<&str> = case.parties.iter().map(|p| p.id.as_str()).collect();
                return Err(Error::Usage(format!(
                    "unknown party \"{party}\"; the case has {}",
                    known.join(", ")
                )));
            }
            file.claims[at].party.clone_from(party);
            file.claims[at].needs_review = false;
        }
    }
    let new_text = super::to_json(&file);
    crate::output::write_atomic(&target, |out| out.write_all(new_text.as_bytes()))?;
    if let Err(error) = load::load_case(path) {
        crate::output::write_atomic(&target, |out| out.write_all(old_text.as_bytes()))?;
        return Err(error);
    }
    Ok(())
}
