//! `claimgraph review`: the interactive loop over the suggestions, and over
//! the drafts that `extract` marked `needs_review` (`--drafts`).
//!
//! This module belongs to the binary because it owns the terminal: it reads
//! single keys in raw mode (crossterm) and prints each pair. Every decision
//! goes through [`claimgraph::author::annotate::add`] (atomic, validated)
//! or, for a skip, into the review state file, at once, so quitting or
//! losing the terminal never loses more than the pair on screen.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use claimgraph::author::drafts::{self, DraftEdit};
use claimgraph::author::suggest::{self, SuggestOptions};
use claimgraph::author::{annotate, review_state};
use claimgraph::model::{AnnotatedRelation, Annotation, Claim};
use claimgraph::{Error, Result};

use super::{Outcome, RunConfig};
use crate::cli::ReviewArgs;

/// What the user decided about one pair.
enum Decision {
    Annotate(AnnotatedRelation),
    Skip,
    Quit,
}

/// Runs the review the arguments ask for: of the suggestions, or of the
/// drafts.
pub fn run(args: &ReviewArgs, config: &RunConfig) -> Result<Outcome> {
    if args.drafts {
        run_drafts(&args.path, config)
    } else {
        run_suggestions(&args.path, args.author.as_ref(), args.all, config)
    }
}

/// Runs the review of the suggestions of the case at `path`, leaving out
/// the pairs an earlier review skipped.
fn run_suggestions(
    path: &Path,
    author: Option<&String>,
    all: bool,
    config: &RunConfig,
) -> Result<Outcome> {
    require_terminal()?;
    let case = config.load_case(path)?;
    let skipped = review_state::read(&review_state::state_path(path))?.skipped;
    let pending = suggest::for_case(&case, SuggestOptions { all }, &skipped)?;
    let total = pending.len();
    // Claims and party names are shown visibly: a claim cannot move the
    // cursor or rewrite the prompt.
    let mut out = claimgraph::terminal::VisibleWriter::new(std::io::stdout().lock());
    let io = |source| Error::Write {
        path: "<stdout>".into(),
        source,
    };
    if pending.is_empty() {
        writeln!(
            out,
            "nothing to review: every suggested pair is annotated or skipped"
        )
        .map_err(io)?;
        return Ok(Outcome::Clean);
    }
    let (mut n_annotated, mut n_skipped) = (0, 0);
    for (n, suggestion) in pending.iter().enumerate() {
        writeln!(
            out,
            "\n[{}/{}] {} (confidence {:.3}, similarity {:.3})",
            n + 1,
            total,
            suggestion.relation.map_or_else(
                || "no inferred relation".to_owned(),
                |r| format!("inferred: {r}")
            ),
            suggestion.confidence,
            suggestion.similarity
        )
        .map_err(io)?;
        for (label, id) in [("A", &suggestion.claim_a), ("B", &suggestion.claim_b)] {
            if let Some(claim) = case.claim(id) {
                let party = case
                    .party(&claim.party)
                    .map_or(claim.party.as_str(), |p| p.name.as_str());
                let speaker = claim
                    .speaker
                    .as_deref()
                    .filter(|s| *s != party)
                    .map(|s| format!(", {s}"))
                    .unwrap_or_default();
                let flag = if claim.needs_review {
                    " (needs review)"
                } else {
                    ""
                };
                writeln!(out, "{label}: {id} [{party}{speaker}]{flag}").map_err(io)?;
                writeln!(out, "   {}", claim.text).map_err(io)?;
            }
        }
        for line in &suggestion.evidence {
            writeln!(out, "   evidence: {line}").map_err(io)?;
        }
        write!(out, "[c]ontradicts [s]upports [u]nrelated s[k]ip [q]uit > ").map_err(io)?;
        out.flush().map_err(io)?;
        let decision = read_decision()?;
        match decision {
            Decision::Quit => {
                writeln!(out, "quit").map_err(io)?;
                break;
            }
            Decision::Skip => {
                review_state::record_skip(path, &suggestion.claim_a, &suggestion.claim_b)?;
                n_skipped += 1;
                writeln!(out, "skipped").map_err(io)?;
            }
            Decision::Annotate(relation) => {
                let note = match suggestion.relation {
                    Some(r) => format!(
                        "confirmed in review; inferred {r} at confidence {:.3}",
                        suggestion.confidence
                    ),
                    None => "decided in review; no inferred relation".to_owned(),
                };
                let annotation = Annotation {
                    claims: [suggestion.claim_a.clone(), suggestion.claim_b.clone()],
                    relation,
                    note: Some(note),
                    author: author.cloned(),
                };
                match annotate::add_or_existing(path, &annotation, config.limits())? {
                    (_, None) => {
                        n_annotated += 1;
                        writeln!(out, "saved: {}", relation.as_str()).map_err(io)?;
                    }
                    // Another writer decided this pair meanwhile: its
                    // annotation stands, nothing is overwritten.
                    (_, Some(existing)) => {
                        writeln!(
                            out,
                            "already annotated as {} by another run; kept",
                            existing.relation.as_str()
                        )
                        .map_err(io)?;
                    }
                }
            }
        }
    }
    writeln!(
        out,
        "{n_annotated} annotated, {n_skipped} skipped; run again to resume"
    )
    .map_err(io)?;
    Ok(Outcome::Clean)
}

fn require_terminal() -> Result<()> {
    if std::io::stdin().is_terminal() {
        return Ok(());
    }
    Err(Error::Usage(
        "review needs an interactive terminal on standard input; in scripts use `claimgraph suggest` and `claimgraph annotate`".to_owned(),
    ))
}

/// The keys of `review --drafts`, as the prompt shows them.
const DRAFT_KEYS: &str =
    "[a]ccept [d]rop [p]arty [e]dit text [s]peaker spl[i]t [m]erge s[k]ip [q]uit > ";

/// Runs the review of the drafts of the case at `path`: each key is saved
/// at once through [`drafts::apply`]. A draft stays on screen after an
/// edit of its text or speaker, a split or a merge, until it is accepted,
/// dropped, moved, skipped, or the review quits; the parts of a split are
/// both reviewed.
fn run_drafts(path: &Path, config: &RunConfig) -> Result<Outcome> {
    require_terminal()?;
    let case = config.load_case(path)?;
    // Claims, names and typed text are shown visibly: a claim cannot move
    // the cursor or rewrite the prompt.
    let mut out = claimgraph::terminal::VisibleWriter::new(std::io::stdout().lock());
    let io = |source| Error::Write {
        path: "<stdout>".into(),
        source,
    };
    if drafts::pending(path)?.is_empty() {
        writeln!(out, "no drafts to review: no claim is marked needs_review").map_err(io)?;
        return Ok(Outcome::Clean);
    }
    let (mut n_saved, mut n_skipped) = (0, 0);
    let mut skipped: Vec<String> = Vec::new();
    let mut n_done = 0;
    loop {
        // The file is read again after every change: a split adds a draft,
        // a merge removes one.
        let pending: Vec<Claim> = drafts::pending(path)?
            .into_iter()
            .filter(|c| !skipped.contains(&c.id))
            .collect();
        let Some(claim) = pending.first() else { break };
        let party = case
            .party(&claim.party)
            .map_or(claim.party.as_str(), |p| p.name.as_str());
        let speaker = claim
            .speaker
            .as_deref()
            .map(|s| format!(", {s}"))
            .unwrap_or_default();
        writeln!(
            out,
            "\n[{}/{}] {} [{} ({party}){speaker}]{}",
            n_done + 1,
            n_done + pending.len(),
            claim.id,
            claim.party,
            if claim.quote { " quote" } else { "" }
        )
        .map_err(io)?;
        writeln!(out, "   {}", claim.text).map_err(io)?;
        write!(out, "{DRAFT_KEYS}").map_err(io)?;
        out.flush().map_err(io)?;
        let key = read_key(&['a', 'd', 'p', 'e', 's', 'i', 'm', 'k', 'q'])?;
        let edit = match key {
            'a' => Some(DraftEdit::Accept),
            'd' => Some(DraftEdit::Drop),
            'p' => {
                writeln!(out).map_err(io)?;
                for (k, p) in case.parties.iter().enumerate().take(9) {
                    writeln!(out, "   {}) {} ({})", k + 1, p.id, p.name).map_err(io)?;
                }
                write!(out, "party > ").map_err(io)?;
                out.flush().map_err(io)?;
                let digits: Vec<char> = (1..=case.parties.len().min(9))
                    .filter_map(|d| char::from_digit(u32::try_from(d).unwrap_or(0), 10))
                    .collect();
                let key = read_key(&digits)?;
                key.to_digit(10)
                    .and_then(|d| usize::try_from(d).ok())
                    .and_then(|d| case.parties.get(d.saturating_sub(1)))
                    .map(|p| DraftEdit::Party(p.id.clone()))
            }
            'e' => {
                writeln!(out).map_err(io)?;
                read_line(&mut out, "new text (Enter keeps it) > ")?.map(DraftEdit::Text)
            }
            's' => {
                writeln!(out).map_err(io)?;
                read_line(&mut out, "speaker (Enter keeps it, - clears it) > ")?
                    .map(|s| DraftEdit::Speaker((s != "-").then_some(s)))
            }
            'i' => {
                writeln!(out).map_err(io)?;
                match read_line(&mut out, "second claim starts with (Enter cancels) > ")? {
                    None => None,
                    Some(words) => match drafts::split_point(&claim.text, &words) {
                        Some(at) => Some(DraftEdit::Split { at }),
                        None => {
                            writeln!(
                                out,
                                "\"{words}\" is not in the text after its start; unchanged"
                            )
                            .map_err(io)?;
                            continue;
                        }
                    },
                }
            }
            'm' => {
                writeln!(out).map_err(io)?;
                let next = pending.get(1).map(|c| c.id.clone());
                let prompt = match &next {
                    Some(id) => format!("merge with claim (Enter: {id}) > "),
                    None => "merge with claim > ".to_owned(),
                };
                match (read_line(&mut out, &prompt)?, next) {
                    (Some(other), _) | (None, Some(other)) => Some(DraftEdit::Merge(other)),
                    (None, None) => None,
                }
            }
            'q' => {
                writeln!(out, "quit").map_err(io)?;
                break;
            }
            _ => None,
        };
        let Some(edit) = edit else {
            if key == 'k' {
                skipped.push(claim.id.clone());
                n_skipped += 1;
                n_done += 1;
                writeln!(out, "skipped").map_err(io)?;
            } else {
                writeln!(out, "unchanged").map_err(io)?;
            }
            continue;
        };
        // A refused edit (an annotated claim, another party's claim, an
        // empty text) is told and the draft stays; nothing was written.
        if let Err(error) = drafts::apply(path, &claim.id, &edit) {
            writeln!(out, "not saved: {error}").map_err(io)?;
            continue;
        }
        n_saved += 1;
        let done = match &edit {
            DraftEdit::Accept => "accepted".to_owned(),
            DraftEdit::Drop => "dropped".to_owned(),
            DraftEdit::Party(p) => format!("moved to {p}"),
            DraftEdit::Text(_) => "text changed".to_owned(),
            DraftEdit::Speaker(Some(s)) => format!("speaker set to {s}"),
            DraftEdit::Speaker(None) => "speaker cleared".to_owned(),
            DraftEdit::Split { .. } => "split in two".to_owned(),
            DraftEdit::Merge(other) => format!("merged {other} into it"),
        };
        if matches!(
            edit,
            DraftEdit::Accept | DraftEdit::Drop | DraftEdit::Party(_)
        ) {
            n_done += 1;
        }
        writeln!(out, "{done}").map_err(io)?;
    }
    writeln!(out, "{n_saved} saved, {n_skipped} skipped").map_err(io)?;
    Ok(Outcome::Clean)
}

/// Reads one line typed at `prompt` (the terminal in its ordinary line
/// mode: the user can correct what they type). `None` for an empty line or
/// the end of input.
fn read_line(out: &mut impl Write, prompt: &str) -> Result<Option<String>> {
    let io = |source| Error::Write {
        path: "<terminal>".into(),
        source,
    };
    write!(out, "{prompt}").map_err(io)?;
    out.flush().map_err(io)?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(io)?;
    let line = line.trim();
    Ok((!line.is_empty()).then(|| line.to_owned()))
}

/// Reads one of `keys` in raw mode (Esc and Ctrl-C read as `q`).
fn read_key(keys: &[char]) -> Result<char> {
    let io = |source| Error::Write {
        path: "<terminal>".into(),
        source,
    };
    terminal::enable_raw_mode().map_err(io)?;
    let result = loop {
        match event::read() {
            Ok(Event::Key(KeyEvent {
                code,
                modifiers,
                kind,
                ..
            })) if kind != KeyEventKind::Release => match code {
                KeyCode::Char('c') if modifiers.contains(KeyModifiers::CONTROL) => break Ok('q'),
                KeyCode::Esc => break Ok('q'),
                KeyCode::Char(c) if keys.contains(&c) => break Ok(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(io(e)),
        }
    };
    terminal::disable_raw_mode().map_err(io)?;
    result
}

/// Reads one decision key in raw mode, restoring the terminal afterwards
/// (Esc and Ctrl-C quit, as in [`read_key`]).
fn read_decision() -> Result<Decision> {
    Ok(match read_key(&['c', 's', 'u', 'k', 'q'])? {
        'c' => Decision::Annotate(AnnotatedRelation::Contradicts),
        's' => Decision::Annotate(AnnotatedRelation::Supports),
        'u' => Decision::Annotate(AnnotatedRelation::Unrelated),
        'k' => Decision::Skip,
        _ => Decision::Quit,
    })
}
