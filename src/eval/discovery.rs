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
    /// Gold pairs (`contradicts` or `supports`) whose two claims share no
    /// content word: lexical rules cannot find them, whatever their
    /// thresholds.
    #[serde(default)]
    pub gold_without_shared_word: usize,
    /// How many gold pairs the suggestions (`suggest --all` order, run with
    /// the annotations hidden) put in their first 10 and 20; absent for a
    /// case over [`SUGGESTION_RECALL_CLAIMS`] claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<SuggestionRecall>,
}

/// Largest case whose suggestion recall is measured: `suggest --all`
/// assesses every pair of claims of different parties.
pub const SUGGESTION_RECALL_CLAIMS: usize = 2_000;

/// Recall of the suggestions at the top 10 and top 20.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct SuggestionRecall {
    /// Gold pairs (`contradicts` or `supports`).
    pub gold: usize,
    /// Gold pairs among the first 10 suggestions.
    pub found_top10: usize,
    /// Gold pairs among the first 20 suggestions.
    pub found_top20: usize,
    /// `found_top10 / gold` (0 without gold pairs).
    pub recall_top10: f64,
    /// `found_top20 / gold` (0 without gold pairs).
    pub recall_top20: f64,
}

impl SuggestionRecall {
    fn from_counts(gold: usize, found_top10: usize, found_top20: usize) -> SuggestionRecall {
        #[allow(clippy::cast_precision_loss)] // counts of pairs
        let recall = |found: usize| {
            if gold == 0 {
                0.0
            } else {
                crate::infer::round3(found as f64 / gold as f64)
            }
        };
        SuggestionRecall {
            gold,
            found_top10,
            found_top20,
            recall_top10: recall(found_top10),
            recall_top20: recall(found_top20),
        }
    }

    fn plus(self, other: SuggestionRecall) -> SuggestionRecall {
        SuggestionRecall::from_counts(
            self.gold + other.gold,
            self.found_top10 + other.found_top10,
            self.found_top20 + other.found_top20,
        )
    }
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
    /// Gold pairs whose claims share no content word, over all cases.
    #[serde(default)]
    pub gold_without_shared_word: usize,
    /// Suggestion recall over the cases where it was measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<SuggestionRecall>,
}

/// Evaluates one case.
///
/// # Errors
/// [`crate::Error::VerdictMismatch`] when the suggestions' explanation of
/// an inferred edge no longer gives its verdict (a bug).
pub fn evaluate_case(case: &Case, mode: SearchMode) -> crate::Result<CaseEval> {
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
    // The pairs that matter for a reader: those a person related.
    let related: Vec<(usize, usize)> = gold
        .iter()
        .filter(|(_, r)| **r != AnnotatedRelation::Unrelated)
        .map(|(pair, _)| *pair)
        .collect();
    let gold_without_shared_word = related
        .iter()
        .filter(|&&(a, b)| analyzed.assess(&hidden, a, b).shared.is_empty())
        .count();
    let suggestions = if case.claims.len() <= SUGGESTION_RECALL_CLAIMS {
        Some(suggestion_recall(
            case, &hidden, &analyzed, &graph, &related,
        )?)
    } else {
        None
    };
    let n = case.claims.len();
    Ok(CaseEval {
        case: case.meta.id.clone(),
        claims: n,
        pairs: n * n.saturating_sub(1) / 2,
        gold_contradicts,
        gold_supports,
        predicted_contradicts,
        predicted_supports,
        contradicts,
        supports,
        gold_without_shared_word,
        suggestions,
    })
}

/// How many of the `related` gold pairs the ranked suggestions of the
/// `hidden` case (its annotations cleared) hold in their first 10 and 20.
fn suggestion_recall(
    case: &Case,
    hidden: &Case,
    analyzed: &AnalyzedCase,
    graph: &ClaimGraph,
    related: &[(usize, usize)],
) -> crate::Result<SuggestionRecall> {
    let ranked = crate::author::suggest::suggestions(
        hidden,
        analyzed,
        graph,
        crate::author::suggest::SuggestOptions { all: true },
        &std::collections::BTreeSet::new(),
    )?;
    let wanted: std::collections::BTreeSet<(&str, &str)> = related
        .iter()
        .map(|&(a, b)| (case.claims[a].id.as_str(), case.claims[b].id.as_str()))
        .collect();
    let found = |k: usize| {
        ranked
            .iter()
            .take(k)
            .filter(|s| {
                let (a, b) = (s.claim_a.as_str(), s.claim_b.as_str());
                wanted.contains(&(a.min(b), a.max(b)))
            })
            .count()
    };
    Ok(SuggestionRecall::from_counts(
        related.len(),
        found(10),
        found(20),
    ))
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
        gold_without_shared_word: cases.iter().map(|c| c.gold_without_shared_word).sum(),
        suggestions: cases
            .iter()
            .filter_map(|c| c.suggestions)
            .reduce(SuggestionRecall::plus),
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
    writeln!(out)?;
    for case in &evaluation.cases {
        explain(out, case)?;
    }
    writeln!(
        out,
        "P, R and F1 count only the pairs a person annotated as gold: a pair the rules find that nobody annotated counts against precision, and a pair whose claims share no content word is beyond any lexical rule."
    )?;
    Ok(())
}

/// What a case's scores mean: how many gold pairs no lexical rule can
/// see, and how far down the suggestions a person finds the gold pairs.
fn explain(out: &mut dyn Write, case: &CaseEval) -> io::Result<()> {
    let gold = case.gold_contradicts + case.gold_supports;
    if case.gold_without_shared_word == 0 {
        writeln!(
            out,
            "{}: each of its {gold} gold pairs shares a content word",
            case.case
        )?;
    } else {
        writeln!(
            out,
            "{}: {} of its {gold} gold pairs share no content word, so lexical rules cannot find them",
            case.case, case.gold_without_shared_word
        )?;
    }
    match &case.suggestions {
        Some(s) => writeln!(
            out,
            "  suggestions (suggest --all order, annotations hidden): recall {:.3} in the top 10 ({} of {}), {:.3} in the top 20 ({} of {})",
            s.recall_top10, s.found_top10, s.gold, s.recall_top20, s.found_top20, s.gold
        ),
        None => writeln!(
            out,
            "  suggestions: not measured (over {SUGGESTION_RECALL_CLAIMS} claims)"
        ),
    }
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
