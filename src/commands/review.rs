//! `claimgraph review`: the interactive loop over the suggestions, and over
//! the drafts that `extract` marked `needs_review` (`--drafts`).
//!
//! This module belongs to the binary because it owns the terminal: it reads
//! single keys in raw mode (crossterm) and prints each pair. Every decision
//! goes through [`claimgraph::author::annotate::add`] (atomic, validated)
//! or, for a skip, into the review state file, at once, so quitting or
//! losing the terminal never loses more than the pair on screen.

use std::io::{IsTerminal, StdoutLock, Write};
use std::path::Path;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use claimgraph::Case;
use claimgraph::author::drafts::{self, DraftEdit};
use claimgraph::author::suggest::Suggestion;
use claimgraph::author::suggest::{self, SuggestOptions};
use claimgraph::author::{annotate, review_state};
use claimgraph::model::{AnnotatedRelation, Annotation, Claim};
use claimgraph::terminal::VisibleWriter;
use claimgraph::{Error, Result};

use super::{Outcome, RunConfig};
use crate::cli::ReviewArgs;

/// What the user decided about one pair.
enum Decision {
    Annotate(AnnotatedRelation),
    Skip,
    Quit,
}

/// What the user made of one draft.
enum DraftStep {
    /// An edit to save.
    Edit(DraftEdit),
    /// Nothing to save, with what to say.
    Unchanged(String),
    /// Leave the draft for a later review.
    Skip,
    /// End the review.
    Quit,
}

/// Standard output during a review. Claims, names and typed text are shown
/// visibly: a claim cannot move the cursor or rewrite the prompt.
struct Screen(VisibleWriter<StdoutLock<'static>>);

impl Screen {
    fn new() -> Screen {
        Screen(VisibleWriter::new(std::io::stdout().lock()))
    }

    /// Shows `text` at once.
    fn show(&mut self, text: &str) -> Result<()> {
        self.0
            .write_all(text.as_bytes())
            .and_then(|()| self.0.flush())
            .map_err(|source| Error::Write {
                path: "<stdout>".into(),
                source,
            })
    }
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
    let mut screen = Screen::new();
    if pending.is_empty() {
        screen.show("nothing to review: every suggested pair is annotated or skipped\n")?;
        return Ok(Outcome::Clean);
    }
    let (mut n_annotated, mut n_skipped) = (0, 0);
    for (n, suggestion) in pending.iter().enumerate() {
        screen.show(&pair_text(&case, suggestion, n + 1, pending.len()))?;
        screen.show("[c]ontradicts [s]upports [u]nrelated s[k]ip [q]uit > ")?;
        match read_decision()? {
            Decision::Quit => {
                screen.show("quit\n")?;
                break;
            }
            Decision::Skip => {
                review_state::record_skip(path, &suggestion.claim_a, &suggestion.claim_b)?;
                n_skipped += 1;
                screen.show("skipped\n")?;
            }
            Decision::Annotate(relation) => {
                let annotation = Annotation {
                    claims: [suggestion.claim_a.clone(), suggestion.claim_b.clone()],
                    relation,
                    note: Some(review_note(suggestion)),
                    author: author.cloned(),
                };
                match annotate::add_or_existing(path, &annotation, config.limits())? {
                    (_, None) => {
                        n_annotated += 1;
                        screen.show(&format!("saved: {}\n", relation.as_str()))?;
                    }
                    // Another writer decided this pair meanwhile: its
                    // annotation stands, nothing is overwritten.
                    (_, Some(existing)) => screen.show(&format!(
                        "already annotated as {} by another run; kept\n",
                        existing.relation.as_str()
                    ))?,
                }
            }
        }
    }
    screen.show(&format!(
        "{n_annotated} annotated, {n_skipped} skipped; run again to resume\n"
    ))?;
    Ok(Outcome::Clean)
}

/// The `n`-th of `total` pairs as the review shows it: the inference's
/// verdict, both claims with their party and speaker, and the evidence.
fn pair_text(case: &Case, suggestion: &Suggestion, n: usize, total: usize) -> String {
    let verdict = suggestion.relation.map_or_else(
        || "no inferred relation".to_owned(),
        |r| format!("inferred: {r}"),
    );
    let mut text = format!(
        "\n[{n}/{total}] {verdict} (confidence {:.3}, similarity {:.3})\n",
        suggestion.confidence, suggestion.similarity
    );
    for (label, id) in [("A", &suggestion.claim_a), ("B", &suggestion.claim_b)] {
        if let Some(claim) = case.claim(id) {
            let party = party_name(case, claim);
            let speaker = speaker_suffix(claim.speaker.as_deref().filter(|s| *s != party));
            let flag = if claim.needs_review {
                " (needs review)"
            } else {
                ""
            };
            text.push_str(&format!("{label}: {id} [{party}{speaker}]{flag}\n"));
            text.push_str(&format!("   {}\n", claim.text));
        }
    }
    for line in &suggestion.evidence {
        text.push_str(&format!("   evidence: {line}\n"));
    }
    text
}

/// The name of a claim's party (its id when the case has no such party).
fn party_name<'c>(case: &'c Case, claim: &'c Claim) -> &'c str {
    case.party(&claim.party)
        .map_or(claim.party.as_str(), |p| p.name.as_str())
}

/// ", SPEAKER" after a party's name, or nothing.
fn speaker_suffix(speaker: Option<&str>) -> String {
    speaker.map(|s| format!(", {s}")).unwrap_or_default()
}

/// The note of an annotation decided in review.
fn review_note(suggestion: &Suggestion) -> String {
    match suggestion.relation {
        Some(r) => format!(
            "confirmed in review; inferred {r} at confidence {:.3}",
            suggestion.confidence
        ),
        None => "decided in review; no inferred relation".to_owned(),
    }
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
    let mut screen = Screen::new();
    if drafts::pending(path)?.is_empty() {
        screen.show("no drafts to review: no claim is marked needs_review\n")?;
        return Ok(Outcome::Clean);
    }
    let (mut n_saved, mut n_skipped, mut n_done) = (0, 0, 0);
    let mut skipped: Vec<String> = Vec::new();
    loop {
        // The file is read again after every change: a split adds a draft,
        // a merge removes one.
        let pending: Vec<Claim> = drafts::pending(path)?
            .into_iter()
            .filter(|c| !skipped.contains(&c.id))
            .collect();
        let Some(claim) = pending.first() else { break };
        screen.show(&draft_text(
            &case,
            claim,
            n_done + 1,
            n_done + pending.len(),
        ))?;
        screen.show(DRAFT_KEYS)?;
        let edit = match read_draft_step(&mut screen, &case, &pending)? {
            DraftStep::Edit(edit) => edit,
            DraftStep::Unchanged(message) => {
                screen.show(&message)?;
                continue;
            }
            DraftStep::Skip => {
                skipped.push(claim.id.clone());
                n_skipped += 1;
                n_done += 1;
                screen.show("skipped\n")?;
                continue;
            }
            DraftStep::Quit => {
                screen.show("quit\n")?;
                break;
            }
        };
        // A refused edit (an annotated claim, another party's claim, an
        // empty text) is told and the draft stays; nothing was written.
        if let Err(error) = drafts::apply(path, &claim.id, &edit) {
            screen.show(&format!("not saved: {error}\n"))?;
            continue;
        }
        n_saved += 1;
        if matches!(
            edit,
            DraftEdit::Accept | DraftEdit::Drop | DraftEdit::Party(_)
        ) {
            n_done += 1;
        }
        screen.show(&format!("{}\n", edit_done(&edit)))?;
    }
    screen.show(&format!("{n_saved} saved, {n_skipped} skipped\n"))?;
    Ok(Outcome::Clean)
}

/// The `n`-th of `total` drafts as the review shows it.
fn draft_text(case: &Case, claim: &Claim, n: usize, total: usize) -> String {
    let party = party_name(case, claim);
    let speaker = speaker_suffix(claim.speaker.as_deref());
    format!(
        "\n[{n}/{total}] {} [{} ({party}){speaker}]{}\n   {}\n",
        claim.id,
        claim.party,
        if claim.quote { " quote" } else { "" },
        claim.text
    )
}

/// Reads what to do with the first of the `pending` drafts: a key, then
/// for some keys a party or a line of text.
fn read_draft_step(screen: &mut Screen, case: &Case, pending: &[Claim]) -> Result<DraftStep> {
    let unchanged = || DraftStep::Unchanged("unchanged\n".to_owned());
    let key = read_key(&['a', 'd', 'p', 'e', 's', 'i', 'm', 'k', 'q'])?;
    if !matches!(key, 'a' | 'd' | 'k' | 'q') {
        screen.show("\n")?;
    }
    let edit = match key {
        'a' => Some(DraftEdit::Accept),
        'd' => Some(DraftEdit::Drop),
        'k' => return Ok(DraftStep::Skip),
        'q' => return Ok(DraftStep::Quit),
        'p' => read_party(screen, case)?.map(DraftEdit::Party),
        'e' => read_line(screen, "new text (Enter keeps it) > ")?.map(DraftEdit::Text),
        's' => read_line(screen, "speaker (Enter keeps it, - clears it) > ")?
            .map(|s| DraftEdit::Speaker((s != "-").then_some(s))),
        'i' => match read_line(screen, "second claim starts with (Enter cancels) > ")? {
            None => None,
            Some(words) => match drafts::split_point(&pending[0].text, &words) {
                Some(at) => Some(DraftEdit::Split { at }),
                None => {
                    return Ok(DraftStep::Unchanged(format!(
                        "\"{words}\" is not in the text after its start; unchanged\n"
                    )));
                }
            },
        },
        'm' => {
            let next = pending.get(1).map(|c| c.id.clone());
            let prompt = match &next {
                Some(id) => format!("merge with claim (Enter: {id}) > "),
                None => "merge with claim > ".to_owned(),
            };
            match (read_line(screen, &prompt)?, next) {
                (Some(other), _) | (None, Some(other)) => Some(DraftEdit::Merge(other)),
                (None, None) => None,
            }
        }
        _ => None,
    };
    Ok(edit.map_or_else(unchanged, DraftStep::Edit))
}

/// Lists the first nine parties and reads one by its digit.
fn read_party(screen: &mut Screen, case: &Case) -> Result<Option<String>> {
    let mut list = String::new();
    for (k, p) in case.parties.iter().enumerate().take(9) {
        list.push_str(&format!("   {}) {} ({})\n", k + 1, p.id, p.name));
    }
    list.push_str("party > ");
    screen.show(&list)?;
    let digits: Vec<char> = (1..=case.parties.len().min(9))
        .filter_map(|d| char::from_digit(u32::try_from(d).unwrap_or(0), 10))
        .collect();
    let key = read_key(&digits)?;
    Ok(key
        .to_digit(10)
        .and_then(|d| usize::try_from(d).ok())
        .and_then(|d| case.parties.get(d.saturating_sub(1)))
        .map(|p| p.id.clone()))
}

/// What the review says once an edit is saved.
fn edit_done(edit: &DraftEdit) -> String {
    match edit {
        DraftEdit::Accept => "accepted".to_owned(),
        DraftEdit::Drop => "dropped".to_owned(),
        DraftEdit::Party(p) => format!("moved to {p}"),
        DraftEdit::Text(_) => "text changed".to_owned(),
        DraftEdit::Speaker(Some(s)) => format!("speaker set to {s}"),
        DraftEdit::Speaker(None) => "speaker cleared".to_owned(),
        DraftEdit::Split { .. } => "split in two".to_owned(),
        DraftEdit::Merge(other) => format!("merged {other} into it"),
    }
}

/// Reads one line typed at `prompt` (the terminal in its ordinary line
/// mode: the user can correct what they type). `None` for an empty line or
/// the end of input.
fn read_line(screen: &mut Screen, prompt: &str) -> Result<Option<String>> {
    screen.show(prompt)?;
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|source| Error::Terminal { source })?;
    let line = line.trim();
    Ok((!line.is_empty()).then(|| line.to_owned()))
}

/// Reads one of `keys` in raw mode (Esc and Ctrl-C read as `q`).
fn read_key(keys: &[char]) -> Result<char> {
    let io = |source| Error::Terminal { source };
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
