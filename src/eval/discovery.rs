//! Discovery evaluation on whole cases: hide a case's annotations, run the
//! inference over the case as `report` would, and score the edges it finds
//! against the annotations.
//!
//! Every pair of claims counts. An annotated pair is gold `contradicts` or
//! `supports` (or `unrelated`); every pair without an annotation is gold
//! unrelated, so an inferred edge there is a false positive. Pairs are
//! unordered: a support found in the wrong direction still counts as found,
//! because the question measured is whether the right pairs are discovered.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::Scores;
use crate::analyzed::AnalyzedCase;
use crate::case::Case;
use crate::graph::{ClaimGraph, SearchMode};
use crate::infer::Relation;
use crate::model::AnnotatedRelation;

/// The evaluation format's version tag.
pub const EVAL_FORMAT: &str = "claimgraph.eval/1";

/// The result of evaluating one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseEval {
    /// The case id.
    pub case: String,
    /// Number of claims.
    pub claims: usize,
    /// Number of unordered pairs of claims.
    pub pairs: usize,
    /// Annotated `contradicts` pairs.
    pub gold_contradicts: usize,
    /// Annotated `supports` pairs.
    pub gold_supports: usize,
    /// Inferred `contradicts` pairs.
    pub predicted_contradicts: usize,
    /// Inferred `supports` pairs.
    pub predicted_supports: usize,
    /// Scores of `contradicts`.
    pub contradicts: Scores,
    /// Scores of `supports`.
    pub supports: Scores,
}

/// The result of evaluating several cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Always [`EVAL_FORMAT`].
    pub format: String,
    /// Always `discovery`.
    pub mode: String,
    /// One entry per case, in the order given.
    pub cases: Vec<CaseEval>,
    /// Scores over all cases, from the summed counts (micro-average).
    pub total: Total,
}

/// Scores over all cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Total {
    /// Number of claims.
    pub claims: usize,
    /// Number of pairs.
    pub pairs: usize,
    /// Scores of `contradicts`.
    pub contradicts: Scores,
    /// Scores of `supports`.
    pub supports: Scores,
}

/// Evaluates one case.
#[must_use]
pub fn evaluate_case(case: &Case, mode: SearchMode) -> CaseEval {
    let mut hidden = case.clone();
    hidden.annotations.clear();
    // The gold claims stay out of duplicate groups, as they would with
    // their annotations: each is judged on its own edges.
    let gold_claims: Vec<usize> = case
        .annotations
        .iter()
        .flat_map(|a| a.claims.iter())
        .filter_map(|id| case.claim_index(id))
        .collect();
    let analyzed = AnalyzedCase::with_progress(&hidden, &gold_claims, &crate::progress::NoProgress);
    let graph = ClaimGraph::build(&hidden, &analyzed, mode);
    let mut predicted: BTreeMap<(usize, usize), Relation> = BTreeMap::new();
    for edge in graph.edges() {
        let key = (edge.from.min(edge.to), edge.from.max(edge.to));
        predicted.entry(key).or_insert(edge.edge.relation);
    }
    let mut gold: BTreeMap<(usize, usize), AnnotatedRelation> = BTreeMap::new();
    for annotation in &case.annotations {
        let (Some(a), Some(b)) = (
            case.claim_index(&annotation.claims[0]),
            case.claim_index(&annotation.claims[1]),
        ) else {
            continue;
        };
        gold.insert((a.min(b), a.max(b)), annotation.relation);
    }
    let score = |relation: Relation, annotated: AnnotatedRelation| {
        let tp = predicted
            .iter()
            .filter(|(pair, r)| **r == relation && gold.get(pair) == Some(&annotated))
            .count();
        let predicted_n = predicted.values().filter(|r| **r == relation).count();
        let gold_n = gold.values().filter(|r| **r == annotated).count();
        (
            Scores::from_counts(tp, predicted_n - tp, gold_n - tp),
            predicted_n,
            gold_n,
        )
    };
    let (contradicts, predicted_contradicts, gold_contradicts) =
        score(Relation::Contradicts, AnnotatedRelation::Contradicts);
    let (supports, predicted_supports, gold_supports) =
        score(Relation::Supports, AnnotatedRelation::Supports);
    let n = case.claims.len();
    CaseEval {
        case: case.meta.id.clone(),
        claims: n,
        pairs: n * n.saturating_sub(1) / 2,
        gold_contradicts,
        gold_supports,
        predicted_contradicts,
        predicted_supports,
        contradicts,
        supports,
    }
}

/// Gathers case results and their micro-averaged total.
#[must_use]
pub fn summarise(cases: Vec<CaseEval>) -> Evaluation {
    let total = Total {
        claims: cases.iter().map(|c| c.claims).sum(),
        pairs: cases.iter().map(|c| c.pairs).sum(),
        contradicts: cases
            .iter()
            .fold(Scores::default(), |acc, c| acc.plus(c.contradicts)),
        supports: cases
            .iter()
            .fold(Scores::default(), |acc, c| acc.plus(c.supports)),
    };
    Evaluation {
        format: EVAL_FORMAT.to_owned(),
        mode: "discovery".to_owned(),
        cases,
        total,
    }
}

/// Renders an evaluation as a table.
///
/// # Errors
/// When the writer fails.
pub fn render_text(evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
    let width = evaluation
        .cases
        .iter()
        .map(|c| c.case.chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    let header = format!(
        "{:<width$}  {:>6}  {:>7}  {:>13}  {:>19}  {:>13}  {:>19}",
        "case", "claims", "pairs", "contradicts", "P      R     F1", "supports", "P      R     F1"
    );
    writeln!(out, "{}", header.trim_end())?;
    let counts = format!(
        "{:<width$}  {:>6}  {:>7}  {:>13}  {:>19}  {:>13}",
        "", "", "", "gold/found/tp", "", "gold/found/tp"
    );
    writeln!(out, "{}", counts.trim_end())?;
    for case in &evaluation.cases {
        line(
            out,
            width,
            &case.case,
            case.claims,
            case.pairs,
            &case.contradicts,
            &case.supports,
        )?;
    }
    if evaluation.cases.len() > 1 {
        let total = &evaluation.total;
        line(
            out,
            width,
            "total",
            total.claims,
            total.pairs,
            &total.contradicts,
            &total.supports,
        )?;
    }
    Ok(())
}

fn line(
    out: &mut dyn Write,
    width: usize,
    name: &str,
    claims: usize,
    pairs: usize,
    contradicts: &Scores,
    supports: &Scores,
) -> io::Result<()> {
    let counts = |s: &Scores| {
        format!(
            "{}/{}/{}",
            s.true_positives + s.false_negatives,
            s.true_positives + s.false_positives,
            s.true_positives
        )
    };
    let prf = |s: &Scores| format!("{:.3}  {:.3}  {:.3}", s.precision, s.recall, s.f1);
    writeln!(
        out,
        "{name:<width$}  {claims:>6}  {pairs:>7}  {:>13}  {:>19}  {:>13}  {:>19}",
        counts(contradicts),
        prf(contradicts),
        counts(supports),
        prf(supports)
    )
}
