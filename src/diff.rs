//! Comparing two reports: what a new statement, a new annotation or a change
//! to the rules did to the reasoning.
//!
//! Disputed points are renumbered whenever their weights change, so points
//! are matched by the claims they hold (greatest overlap first), never by
//! their `D` number. Edges are matched by id (`A~B`, `A>B`) and each one
//! added or removed carries its reason: the rule trail or the annotation.
//! Claims are matched by id. The result is plain data ([`ReportDiff`], the
//! versioned `claimgraph.diff/1` JSON schema) rendered like a report.
//!
//! ```
//! use claimgraph::{diff, report::Format};
//!
//! let dir = std::env::temp_dir().join(format!("claimgraph-diff-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let case = r#"{
//!   "format": "claimgraph/1",
//!   "case": {"id": "demo", "language": "en"},
//!   "parties": [{"id": "a", "name": "Alice", "role": "prosecution"},
//!               {"id": "b", "name": "Bob", "role": "defense"}],
//!   "claims": [
//!     {"id": "a1", "party": "a", "text": "The payment reached the account in May."},
//!     {"id": "b1", "party": "b", "text": "Nothing was ever transferred."}
//!   ]
//! }"#;
//! std::fs::write(dir.join("case.json"), case).unwrap();
//! let old = claimgraph::Pipeline::run(&dir, Default::default()).unwrap().into_report().unwrap();
//!
//! // An annotator links the two claims.
//! std::fs::write(dir.join("annotations.json"), r#"{"annotations": [
//!   {"claims": ["a1", "b1"], "relation": "contradicts", "author": "desk"}
//! ]}"#).unwrap();
//! let new = claimgraph::Pipeline::run(&dir, Default::default()).unwrap().into_report().unwrap();
//!
//! let changes = diff::diff(&old, &new);
//! assert_eq!(changes.edges_added.len(), 1);
//! assert_eq!(changes.edges_added[0].id, "a1~b1");
//! assert_eq!(changes.edges_added[0].reason, "annotation by desk");
//! assert_eq!(changes.points_appeared.len(), 1);
//! let mut out = Vec::new();
//! diff::render(&changes, Format::Text { color: false }, &mut out).unwrap();
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.contains("+ a1 contradicts b1  (annotation by desk)"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::report::markdown::escape;
use crate::report::{Format, Report, ReportClaimStatus, ReportEdge, ReportPoint, ReportProvenance};

/// The diff format's version tag.
pub const DIFF_FORMAT: &str = "claimgraph.diff/1";

/// Everything that differs between two reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDiff {
    /// Always [`DIFF_FORMAT`].
    pub format: String,
    /// The old report's case id.
    pub old_case: String,
    /// The new report's case id.
    pub new_case: String,
    /// Points in the new report that match no old point.
    pub points_appeared: Vec<DiffPoint>,
    /// Points in the old report that match no new point.
    pub points_vanished: Vec<DiffPoint>,
    /// Matched points whose members changed.
    pub points_changed: Vec<DiffPointChange>,
    /// Edges only in the new report.
    pub edges_added: Vec<DiffEdge>,
    /// Edges only in the old report.
    pub edges_removed: Vec<DiffEdge>,
    /// Edges in both whose reason changed.
    pub edges_changed: Vec<DiffEdgeChange>,
    /// Claim ids only in the new report.
    pub claims_added: Vec<String>,
    /// Claim ids only in the old report.
    pub claims_removed: Vec<String>,
    /// Claims whose status or acceptance label changed.
    pub status_changes: Vec<DiffStatusChange>,
}

/// A disputed point that appeared or vanished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffPoint {
    /// Its id in its own report.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Every claim in it, sorted.
    pub claims: Vec<String>,
}

/// A point found in both reports whose members changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffPointChange {
    /// Its id in the old report.
    pub old_id: String,
    /// Its id in the new report.
    pub new_id: String,
    /// Its title in the new report.
    pub title: String,
    /// Members that joined.
    pub added: Vec<DiffMember>,
    /// Members that left.
    pub removed: Vec<DiffMember>,
}

/// A claim in a point.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DiffMember {
    /// Its party.
    pub party: String,
    /// Claim id.
    pub claim: String,
    /// `claim` for a claim in contradiction, `supporting` for a supporter.
    pub role: String,
}

/// An edge added or removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffEdge {
    /// Edge id.
    pub id: String,
    /// `contradicts` or `supports`.
    pub relation: String,
    /// First claim.
    pub from: String,
    /// Second claim.
    pub to: String,
    /// Why the edge is (or was) there: the annotation or the rule trail.
    pub reason: String,
}

/// An edge whose reason changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffEdgeChange {
    /// Edge id.
    pub id: String,
    /// The old reason.
    pub old_reason: String,
    /// The new reason.
    pub new_reason: String,
}

/// A claim whose status or acceptance changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffStatusChange {
    /// Claim id.
    pub claim: String,
    /// The old statuses, in words.
    pub old_status: Vec<String>,
    /// The new statuses, in words.
    pub new_status: Vec<String>,
    /// The old acceptance label.
    pub old_acceptance: String,
    /// The new acceptance label.
    pub new_acceptance: String,
}

impl ReportDiff {
    /// True when the two reports show the same reasoning.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.points_appeared.is_empty()
            && self.points_vanished.is_empty()
            && self.points_changed.is_empty()
            && self.edges_added.is_empty()
            && self.edges_removed.is_empty()
            && self.edges_changed.is_empty()
            && self.claims_added.is_empty()
            && self.claims_removed.is_empty()
            && self.status_changes.is_empty()
    }
}

/// Compares two reports.
#[must_use]
pub fn diff(old: &Report, new: &Report) -> ReportDiff {
    let (points_appeared, points_vanished, points_changed) =
        diff_points(&old.disputed_points, &new.disputed_points);
    let (edges_added, edges_removed, edges_changed) = diff_edges(&old.edges, &new.edges);
    let old_claims: BTreeSet<&str> = old.claims.iter().map(|c| c.id.as_str()).collect();
    let new_claims: BTreeSet<&str> = new.claims.iter().map(|c| c.id.as_str()).collect();
    ReportDiff {
        format: DIFF_FORMAT.to_owned(),
        old_case: old.case.id.clone(),
        new_case: new.case.id.clone(),
        points_appeared,
        points_vanished,
        points_changed,
        edges_added,
        edges_removed,
        edges_changed,
        claims_added: new_claims
            .difference(&old_claims)
            .map(|s| (*s).to_owned())
            .collect(),
        claims_removed: old_claims
            .difference(&new_claims)
            .map(|s| (*s).to_owned())
            .collect(),
        status_changes: diff_statuses(&old.statuses, &new.statuses),
    }
}

fn members(point: &ReportPoint) -> BTreeSet<DiffMember> {
    let mut set = BTreeSet::new();
    for side in &point.sides {
        for (list, role) in [(&side.claims, "claim"), (&side.supporting, "supporting")] {
            for claim in list {
                set.insert(DiffMember {
                    party: side.party.clone(),
                    claim: claim.clone(),
                    role: role.to_owned(),
                });
            }
        }
    }
    set
}

fn claim_set(point: &ReportPoint) -> BTreeSet<String> {
    members(point).into_iter().map(|m| m.claim).collect()
}

fn summary(point: &ReportPoint) -> DiffPoint {
    DiffPoint {
        id: point.id.clone(),
        title: point.title.clone(),
        claims: claim_set(point).into_iter().collect(),
    }
}

/// Matches points greedily by the Jaccard overlap of their claims.
fn diff_points(
    old: &[ReportPoint],
    new: &[ReportPoint],
) -> (Vec<DiffPoint>, Vec<DiffPoint>, Vec<DiffPointChange>) {
    let old_sets: Vec<BTreeSet<String>> = old.iter().map(claim_set).collect();
    let new_sets: Vec<BTreeSet<String>> = new.iter().map(claim_set).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in old_sets.iter().enumerate() {
        for (j, b) in new_sets.iter().enumerate() {
            let shared = a.intersection(b).count();
            if shared > 0 {
                #[allow(clippy::cast_precision_loss)]
                let jaccard = shared as f64 / a.union(b).count() as f64;
                pairs.push((jaccard, i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut old_matched = vec![None; old.len()];
    let mut new_matched = vec![false; new.len()];
    for (_, i, j) in pairs {
        if old_matched[i].is_none() && !new_matched[j] {
            old_matched[i] = Some(j);
            new_matched[j] = true;
        }
    }
    let appeared = (0..new.len())
        .filter(|&j| !new_matched[j])
        .map(|j| summary(&new[j]))
        .collect();
    let mut vanished = Vec::new();
    let mut changed = Vec::new();
    for (i, matched) in old_matched.iter().enumerate() {
        let Some(j) = *matched else {
            vanished.push(summary(&old[i]));
            continue;
        };
        let (before, after) = (members(&old[i]), members(&new[j]));
        if before != after {
            changed.push(DiffPointChange {
                old_id: old[i].id.clone(),
                new_id: new[j].id.clone(),
                title: new[j].title.clone(),
                added: after.difference(&before).cloned().collect(),
                removed: before.difference(&after).cloned().collect(),
            });
        }
    }
    (appeared, vanished, changed)
}

/// Why an edge is there, in one line.
#[must_use]
pub fn reason(edge: &ReportEdge) -> String {
    match &edge.provenance {
        ReportProvenance::Annotated { note, author } => {
            let mut text = "annotation".to_owned();
            if let Some(author) = author {
                text.push_str(&format!(" by {author}"));
            }
            if let Some(note) = note {
                text.push_str(&format!(": {note}"));
            }
            text
        }
        ReportProvenance::Inferred { rules, .. } => {
            let trail: Vec<String> = rules
                .iter()
                .map(|r| format!("{} {:.3}", r.rule, r.score))
                .collect();
            format!(
                "inferred, confidence {:.3}: {}",
                edge.confidence,
                trail.join(", ")
            )
        }
    }
}

fn diff_edges(
    old: &[ReportEdge],
    new: &[ReportEdge],
) -> (Vec<DiffEdge>, Vec<DiffEdge>, Vec<DiffEdgeChange>) {
    let old_by: BTreeMap<&str, &ReportEdge> = old.iter().map(|e| (e.id.as_str(), e)).collect();
    let new_by: BTreeMap<&str, &ReportEdge> = new.iter().map(|e| (e.id.as_str(), e)).collect();
    let entry = |e: &ReportEdge| DiffEdge {
        id: e.id.clone(),
        relation: e.relation.clone(),
        from: e.from.clone(),
        to: e.to.clone(),
        reason: reason(e),
    };
    let added = new_by
        .iter()
        .filter(|(id, _)| !old_by.contains_key(*id))
        .map(|(_, e)| entry(e))
        .collect();
    let removed = old_by
        .iter()
        .filter(|(id, _)| !new_by.contains_key(*id))
        .map(|(_, e)| entry(e))
        .collect();
    let changed = old_by
        .iter()
        .filter_map(|(id, before)| {
            let after = new_by.get(id)?;
            let (old_reason, new_reason) = (reason(before), reason(after));
            (old_reason != new_reason).then(|| DiffEdgeChange {
                id: (*id).to_owned(),
                old_reason,
                new_reason,
            })
        })
        .collect();
    (added, removed, changed)
}

fn status_words(status: &ReportClaimStatus) -> Vec<String> {
    if let Some(by) = &status.superseded_by {
        return vec![format!("superseded by {by}")];
    }
    let mut words: Vec<String> = status.status.iter().map(|s| s.describe()).collect();
    if status.manual.is_some() {
        words.push("manual".to_owned());
    }
    words
}

fn diff_statuses(old: &[ReportClaimStatus], new: &[ReportClaimStatus]) -> Vec<DiffStatusChange> {
    let new_by: BTreeMap<&str, &ReportClaimStatus> =
        new.iter().map(|s| (s.claim.as_str(), s)).collect();
    let mut changes: Vec<DiffStatusChange> = old
        .iter()
        .filter_map(|before| {
            let after = new_by.get(before.claim.as_str())?;
            let (old_status, new_status) = (status_words(before), status_words(after));
            (old_status != new_status || before.acceptance != after.acceptance).then(|| {
                DiffStatusChange {
                    claim: before.claim.clone(),
                    old_status,
                    new_status,
                    old_acceptance: before.acceptance.clone(),
                    new_acceptance: after.acceptance.clone(),
                }
            })
        })
        .collect();
    changes.sort_by(|x, y| x.claim.cmp(&y.claim));
    changes
}

/// Renders a diff.
///
/// # Errors
/// When the writer fails.
pub fn render(diff: &ReportDiff, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, diff)?;
            writeln!(out)
        }
        Format::Markdown => render_lines(diff, true, out),
        // Colour adds nothing to a diff's +/- marks, so text is always plain.
        // The graph formats have no diff form (the CLI does not offer them
        // for diff); they fall back to plain text.
        Format::Text { .. } | Format::Html | Format::Dot | Format::Graphml | Format::Aif => {
            render_lines(diff, false, out)
        }
    }
}

fn render_lines(diff: &ReportDiff, markdown: bool, out: &mut dyn Write) -> io::Result<()> {
    // A report read from a file is as untrusted as a claim file: every
    // string from it is escaped for Markdown, or shown visibly on a
    // terminal.
    let esc = |s: &str| {
        if markdown {
            escape(s)
        } else {
            crate::terminal::visible(s).into_owned()
        }
    };
    let heading = |title: &str| {
        if markdown {
            format!("\n## {title}\n")
        } else {
            format!("\n{title}")
        }
    };
    let item = if markdown { "- " } else { "  " };
    let cases = if diff.old_case == diff.new_case {
        diff.new_case.clone()
    } else {
        format!("{} -> {}", diff.old_case, diff.new_case)
    };
    if markdown {
        writeln!(out, "# Changes: {}", esc(&cases))?;
    } else {
        writeln!(out, "Changes: {}", esc(&cases))?;
    }
    if diff.is_empty() {
        writeln!(out)?;
        writeln!(out, "No change.")?;
        return Ok(());
    }
    let point_line = |p: &DiffPoint| {
        let title = if p.title.is_empty() {
            String::new()
        } else {
            format!(" \"{}\"", esc(&p.title))
        };
        format!("{}{title}: {}", esc(&p.id), esc(&p.claims.join(", ")))
    };
    if !(diff.points_appeared.is_empty()
        && diff.points_vanished.is_empty()
        && diff.points_changed.is_empty())
    {
        writeln!(out, "{}", heading("Disputed points"))?;
        for p in &diff.points_appeared {
            writeln!(out, "{item}appeared {}", point_line(p))?;
        }
        for p in &diff.points_vanished {
            writeln!(out, "{item}vanished {}", point_line(p))?;
        }
        for p in &diff.points_changed {
            let mut parts: Vec<String> = Vec::new();
            for (sign, list) in [("+", &p.added), ("-", &p.removed)] {
                for m in list {
                    let role = if m.role == "supporting" {
                        " (supporting)"
                    } else {
                        ""
                    };
                    parts.push(format!("{sign}{} {}{role}", esc(&m.party), esc(&m.claim)));
                }
            }
            writeln!(
                out,
                "{item}changed {} (now {}): {}",
                esc(&p.old_id),
                esc(&p.new_id),
                parts.join(", ")
            )?;
        }
    }
    if !(diff.edges_added.is_empty()
        && diff.edges_removed.is_empty()
        && diff.edges_changed.is_empty())
    {
        writeln!(out, "{}", heading("Edges"))?;
        for (sign, list) in [("+", &diff.edges_added), ("-", &diff.edges_removed)] {
            for e in list {
                writeln!(
                    out,
                    "{item}{}{sign} {} {} {}  ({})",
                    if markdown { "\\" } else { "" },
                    esc(&e.from),
                    esc(&e.relation),
                    esc(&e.to),
                    esc(&e.reason)
                )?;
            }
        }
        for e in &diff.edges_changed {
            writeln!(
                out,
                "{item}~ {}: {} -> {}",
                esc(&e.id),
                esc(&e.old_reason),
                esc(&e.new_reason)
            )?;
        }
    }
    if !(diff.claims_added.is_empty() && diff.claims_removed.is_empty()) {
        writeln!(out, "{}", heading("Claims"))?;
        for id in &diff.claims_added {
            writeln!(out, "{item}added {}", esc(id))?;
        }
        for id in &diff.claims_removed {
            writeln!(out, "{item}removed {}", esc(id))?;
        }
    }
    if !diff.status_changes.is_empty() {
        writeln!(out, "{}", heading("Statuses"))?;
        for s in &diff.status_changes {
            writeln!(
                out,
                "{item}{}: {} ({}) -> {} ({})",
                esc(&s.claim),
                esc(&s.old_acceptance),
                esc(&s.old_status.join("; ")),
                esc(&s.new_acceptance),
                esc(&s.new_status.join("; "))
            )?;
        }
    }
    Ok(())
}
