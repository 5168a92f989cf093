//! Fixing drafted claims without editing JSON (`claimgraph review
//! --drafts`): accept a draft (clear `needs_review`), drop it, move it to
//! another party, change its text or its speaker, split it in two, or
//! merge another draft into it.
//!
//! Drafts live in the `claims.json` that `extract` writes. Each edit takes
//! the case lock, reads that file, changes it, writes it back atomically
//! and loads the case again; when the case no longer validates, the old
//! text is put back, as `annotate` does. A claim that an annotation, a
//! status or a `supersedes` names is never removed (drop, or merged into
//! another), so no reference is left dangling.

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
    /// The draft's text, rewritten (a claim of its own words, or the
    /// statement without the extractor's cut).
    Text(String),
    /// The person who said it; `None` (or an empty name) clears it.
    Speaker(Option<String>),
    /// Two statements in one draft: the text is cut before byte `at`; the
    /// first part keeps the id, the second becomes a new claim right
    /// after it (`ID-2`, or the next free number), both still to review.
    Split {
        /// Byte offset in the text where the second claim starts.
        at: usize,
    },
    /// One statement in two drafts: the claim (its id) is appended to this
    /// one's text and removed. Both must be of one party.
    Merge(String),
}

/// Where to [`DraftEdit::Split`] `text` so that the second claim starts
/// with `words` (as typed at the prompt): the first place after the start
/// where they occur, ignoring case; `None` when they do not occur there.
#[must_use]
pub fn split_point(text: &str, words: &str) -> Option<usize> {
    let pattern: Vec<char> = words.trim().chars().flat_map(char::to_lowercase).collect();
    if pattern.is_empty() {
        return None;
    }
    // Each start is compared with the pattern's few characters only, so
    // the search is linear in the text for a typed phrase.
    text.char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .find(|&i| {
            let mut rest = text[i..].chars().flat_map(char::to_lowercase);
            pattern.iter().all(|p| rest.next() == Some(*p))
        })
}

/// The new claim id a [`DraftEdit::Split`] of `id` gives, among the `taken`
/// ids: `ID-2`, `ID-3`, …
#[must_use]
pub fn split_id(id: &str, taken: &[&str]) -> String {
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .unwrap_or_else(|| format!("{id}-x"))
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
        return Err(Error::one(
            crate::error::Diagnostic::file(
                &target.display().to_string(),
                format!("unknown claim \"{id}\""),
            )
            .with_help("review only claims of this file; their ids are in it"),
        ));
    };
    match edit {
        DraftEdit::Accept => file.claims[at].needs_review = false,
        DraftEdit::Drop => {
            refuse_if_referenced(&case, id)?;
            file.claims.remove(at);
        }
        DraftEdit::Text(text) => {
            let text = text.trim();
            if text.is_empty() {
                return Err(at_claim(
                    &target,
                    &old_text,
                    at,
                    "text",
                    format!("the new text of claim \"{id}\" is empty"),
                    "type the statement, or drop the claim",
                ));
            }
            text.clone_into(&mut file.claims[at].text);
        }
        DraftEdit::Speaker(speaker) => {
            file.claims[at].speaker = speaker
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned);
        }
        DraftEdit::Split { at: cut } => {
            let text = file.claims[at].text.clone();
            let (first, second) = match text.get(..*cut).zip(text.get(*cut..)) {
                Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                    (a.trim().to_owned(), b.trim().to_owned())
                }
                _ => {
                    let why = if *cut > text.len() {
                        format!("past the end of its text ({} bytes)", text.len())
                    } else if !text.is_char_boundary(*cut) {
                        "inside a character".to_owned()
                    } else {
                        "one part would hold no words".to_owned()
                    };
                    return Err(at_claim(
                        &target,
                        &old_text,
                        at,
                        "text",
                        format!("cannot split claim \"{id}\" at byte {cut}: {why}"),
                        "split where the second statement starts, inside the text",
                    ));
                }
            };
            let taken: Vec<&str> = case.claims.iter().map(|c| c.id.as_str()).collect();
            let new_id = split_id(id, &taken);
            let mut rest = file.claims[at].clone();
            rest.id = new_id;
            rest.text = second;
            rest.needs_review = true;
            file.claims[at].text = first;
            file.claims[at].needs_review = true;
            file.claims.insert(at + 1, rest);
        }
        DraftEdit::Merge(other) => {
            if other == id {
                return Err(at_claim(
                    &target,
                    &old_text,
                    at,
                    "",
                    format!("cannot merge claim \"{id}\" with itself"),
                    "name another claim of the same party",
                ));
            }
            let Some(from) = file.claims.iter().position(|c| &c.id == other) else {
                return Err(Error::one(
                    crate::error::Diagnostic::file(
                        &target.display().to_string(),
                        format!("unknown claim \"{other}\""),
                    )
                    .with_help("merge only claims of this file; their ids are in it"),
                ));
            };
            if file.claims[from].party != file.claims[at].party {
                return Err(at_claim(
                    &target,
                    &old_text,
                    from,
                    "party",
                    format!(
                        "claims \"{id}\" ({}) and \"{other}\" ({}) belong to different parties",
                        file.claims[at].party, file.claims[from].party
                    ),
                    "move one to the other's party first (key p), then merge",
                ));
            }
            refuse_if_referenced(&case, other)?;
            let absorbed = file.claims.remove(from);
            let into = if from < at { at - 1 } else { at };
            let claim = &mut file.claims[into];
            claim.text = format!("{} {}", claim.text.trim_end(), absorbed.text.trim_start());
            claim.quote = claim.quote && absorbed.quote;
            claim.needs_review = true;
            if claim.speaker.is_none() {
                claim.speaker = absorbed.speaker;
            }
            claim.locator = match (claim.locator.take(), absorbed.locator) {
                (Some(a), Some(b)) => Some(crate::model::Locator {
                    start: a.start.min(b.start),
                    end: a.end.max(b.end),
                }),
                (a, b) => a.or(b),
            };
        }
        DraftEdit::Party(party) => {
            if case.party(party).is_none() {
                let known: Vec<&str> = case.parties.iter().map(|p| p.id.as_str()).collect();
                return Err(at_claim(
                    &target,
                    &old_text,
                    at,
                    "party",
                    format!("unknown party \"{party}\""),
                    &format!("the case has {}", known.join(", ")),
                ));
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

/// An error about the claim at `index` of the drafts file, positioned at
/// its `field` (`text`, `party`, or the whole claim for ""), with what to
/// do.
fn at_claim(
    target: &Path,
    old_text: &str,
    index: usize,
    field: &str,
    message: String,
    help: &str,
) -> Error {
    let pointer = if field.is_empty() {
        format!("/claims/{index}")
    } else {
        format!("/claims/{index}/{field}")
    };
    let offset = load::position::PointerIndex::build(old_text).value(&pointer);
    let (line, column) = load::position::line_column(old_text, offset);
    Error::one(
        crate::error::Diagnostic::at(&target.display().to_string(), line, column, message)
            .with_help(help),
    )
}

/// [`Error::Usage`] when an annotation, a manual status or another claim's
/// `supersedes` names the claim `id`: removing it would leave the reference
/// dangling.
fn refuse_if_referenced(case: &crate::case::Case, id: &str) -> Result<()> {
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
    if case.statuses.iter().any(|s| s.claim == id) {
        return Err(Error::Usage(format!(
            "claim \"{id}\" has a status set by hand; remove the status first"
        )));
    }
    if let Some(c) = case
        .claims
        .iter()
        .find(|c| c.supersedes.as_deref() == Some(id))
    {
        return Err(Error::Usage(format!(
            "claim \"{id}\" is superseded by claim \"{}\"; change its supersedes first",
            c.id
        )));
    }
    Ok(())
}
