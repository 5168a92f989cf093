//! `claimgraph suggest`: the pairs a person should look at next.
//!
//! A suggestion is a pair of claims that no annotation covers yet, with
//! what the inference makes of it. Contradictions between different parties
//! come first (they make disputed points), then contradictions within a
//! party, then `supports` edges, each by confidence; with `all`, every other
//! pair of claims from different parties follows, by similarity. Pure: it
//! reads a loaded case and its graph.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde::Serialize;

use crate::analyzed::AnalyzedCase;
use crate::case::Case;
use crate::graph::{ClaimGraph, Provenance};
use crate::infer::{Relation, round3};

/// One pair to look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The first claim id (for `supports`, the supporting claim).
    pub claim_a: String,
    /// The second claim id.
    pub claim_b: String,
    /// The inferred relation, or `None` for a pair the rules left unlinked.
    pub relation: Option<&'static str>,
    /// The inference's confidence (0 when there is no relation).
    pub confidence: f64,
    /// The weighted similarity of the two claims.
    pub similarity: f64,
    /// True when the two claims belong to different parties.
    pub cross_party: bool,
    /// The rules that fired, one line each.
    pub evidence: Vec<String>,
    /// The sort key's score: higher is more useful.
    pub score: f64,
}

/// Which pairs to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SuggestOptions {
    /// Also list cross-party pairs that have no inferred relation.
    pub all: bool,
}

/// The suggestions for a case, most useful first, leaving out annotated
/// pairs and the pairs in `skipped` (unordered pairs of claim ids).
///
/// # Errors
/// [`crate::Error::VerdictMismatch`] when an inferred edge's explanation no
/// longer gives its verdict (a bug).
pub fn suggestions(
    case: &Case,
    analyzed: &AnalyzedCase,
    graph: &ClaimGraph,
    options: SuggestOptions,
    skipped: &BTreeSet<(String, String)>,
) -> crate::Result<Vec<Suggestion>> {
    let mut annotated: BTreeSet<(usize, usize)> = BTreeSet::new();
    for annotation in &case.annotations {
        if let (Some(i), Some(j)) = (
            case.claim_index(&annotation.claims[0]),
            case.claim_index(&annotation.claims[1]),
        ) {
            annotated.insert((i.min(j), i.max(j)));
        }
    }
    let is_skipped = |i: usize, j: usize| {
        let (a, b) = (&case.claims[i].id, &case.claims[j].id);
        let key = if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        skipped.contains(&key)
    };
    let cross = |i: usize, j: usize| case.claims[i].party != case.claims[j].party;
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut out = Vec::new();
    for view in graph.edges() {
        if !matches!(view.edge.provenance, Provenance::Inferred { .. }) {
            continue;
        }
        let assessment = analyzed.provenance(case, &view)?;
        let key = (view.from.min(view.to), view.from.max(view.to));
        if annotated.contains(&key) || is_skipped(view.from, view.to) || !seen.insert(key) {
            continue;
        }
        let cross_party = cross(view.from, view.to);
        let rank = match (view.edge.relation, cross_party) {
            (Relation::Contradicts, true) => 3.0,
            (Relation::Contradicts, false) => 2.0,
            (Relation::Supports, _) => 1.0,
        };
        out.push(Suggestion {
            claim_a: case.claims[view.from].id.clone(),
            claim_b: case.claims[view.to].id.clone(),
            relation: Some(view.edge.relation.as_str()),
            confidence: round3(assessment.confidence),
            similarity: round3(assessment.similarity),
            cross_party,
            evidence: assessment
                .fired()
                .map(|r| format!("{}: {}", r.rule, r.detail))
                .collect(),
            score: round3(rank + assessment.confidence),
        });
    }
    if options.all {
        for i in 0..case.claims.len() {
            for j in i + 1..case.claims.len() {
                // A duplicate is reviewed through the claim that stands
                // for its group.
                if !cross(i, j)
                    || graph.is_duplicate(i)
                    || graph.is_duplicate(j)
                    || annotated.contains(&(i, j))
                    || seen.contains(&(i, j))
                    || is_skipped(i, j)
                {
                    continue;
                }
                let assessment = analyzed.assess(case, i, j);
                out.push(Suggestion {
                    claim_a: case.claims[i].id.clone(),
                    claim_b: case.claims[j].id.clone(),
                    relation: None,
                    confidence: 0.0,
                    similarity: round3(assessment.similarity),
                    cross_party: true,
                    evidence: assessment
                        .fired()
                        .map(|r| format!("{}: {}", r.rule, r.detail))
                        .collect(),
                    score: round3(assessment.similarity),
                });
            }
        }
    }
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.claim_a.cmp(&y.claim_a))
            .then_with(|| x.claim_b.cmp(&y.claim_b))
    });
    Ok(out)
}

/// Writes suggestions for people: one block per pair.
///
/// # Errors
/// When the writer fails.
pub fn render_text(case: &Case, suggestions: &[Suggestion], out: &mut dyn Write) -> io::Result<()> {
    if suggestions.is_empty() {
        writeln!(out, "no suggestions: every inferred pair is annotated")?;
        return Ok(());
    }
    for (n, s) in suggestions.iter().enumerate() {
        writeln!(
            out,
            "{}. {} {} {} (score {:.3}, confidence {:.3}, similarity {:.3})",
            n + 1,
            s.claim_a,
            s.relation.unwrap_or("unlinked"),
            s.claim_b,
            s.score,
            s.confidence,
            s.similarity
        )?;
        for id in [&s.claim_a, &s.claim_b] {
            if let Some(claim) = case.claim(id) {
                let party = case
                    .party(&claim.party)
                    .map_or(claim.party.as_str(), |p| p.name.as_str());
                writeln!(out, "   {id} [{party}]: {}", claim.text)?;
            }
        }
        for line in &s.evidence {
            writeln!(out, "   evidence: {line}")?;
        }
    }
    Ok(())
}

/// Writes suggestions as JSON (`claimgraph.suggestions/1`).
///
/// # Errors
/// When the writer fails.
pub fn render_json(suggestions: &[Suggestion], out: &mut dyn Write) -> io::Result<()> {
    let document = serde_json::json!({
        "format": "claimgraph.suggestions/1",
        "suggestions": suggestions,
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
