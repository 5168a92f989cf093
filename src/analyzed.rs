//! The text-analysis stage: every distinct statement of a case analysed
//! once, with the case's term weights and interned term sets.
//!
//! Claims are analysed by duplicate group ([`DuplicateGroups`]): a group's
//! claims share one analysis, one term set and one set of term weights,
//! while document frequencies still count every claim, so the weights, and
//! so the verdicts, are those of the ungrouped case.

use rayon::prelude::*;

use crate::case::Case;
use crate::duplicates::DuplicateGroups;
use crate::graph::{EdgeRefView, Provenance};
use crate::infer::candidates::TermSets;
use crate::infer::{self, Assessment, ClaimText, Weights};
use crate::progress::{NoProgress, Progress, Stage};
use crate::text::{Analysis, Analyzer};

/// Every claim analysed, with the weights and the analyser that did it.
#[derive(Debug)]
pub struct AnalyzedCase {
    /// The analyser built from the case's config.
    pub analyzer: Analyzer,
    /// Claims of one party with the same text, analysed once.
    pub groups: DuplicateGroups,
    /// One analysis per duplicate group, in group order (see
    /// [`AnalyzedCase::analysis`] for a claim's).
    pub analyses: Vec<Analysis>,
    /// IDF weights over the case (every claim counts, duplicates too).
    pub weights: Weights,
    /// The content terms of every group, interned.
    pub terms: TermSets,
    /// The weight of every group's content terms, in the order of
    /// [`TermSets::terms`]: looked up once here rather than for every pair.
    term_weights: Vec<f64>,
}

impl AnalyzedCase {
    /// Analyses every claim of the case, in parallel.
    #[must_use]
    pub fn new(case: &Case) -> AnalyzedCase {
        AnalyzedCase::with_progress(case, &[], &NoProgress)
    }

    /// [`AnalyzedCase::new`], leaving the claims in `pinned` (indices) out
    /// of duplicate groups, and reporting progress.
    #[must_use]
    pub fn with_progress(case: &Case, pinned: &[usize], progress: &dyn Progress) -> AnalyzedCase {
        progress.start(Stage::Grouping, 0);
        let groups = DuplicateGroups::new(case, pinned);
        progress.finish(Stage::Grouping);
        progress.start(Stage::Analysis, groups.len() as u64);
        let analyzer = Analyzer::new(&case.config);
        let analyses: Vec<Analysis> = (0..groups.len())
            .into_par_iter()
            .with_min_len(512)
            .map(|g| {
                if g % 1024 == 1023 {
                    progress.advance(1024);
                }
                let claim = &case.claims[groups.representative(g)];
                analyzer.analyze(&claim.text, case.declared_language(claim))
            })
            .collect();
        let sizes: Vec<u32> = (0..groups.len()).map(|g| groups.size(g)).collect();
        let terms = TermSets::counted(&analyses, &sizes);
        let weights = Weights::from_document_frequencies(
            case.claims.len(),
            terms
                .stems
                .iter()
                .zip(&terms.document_frequency)
                .map(|(&s, &df)| (s, df as usize)),
        );
        let by_id: Vec<f64> = terms.stems.iter().map(|&s| weights.weight_of(s)).collect();
        let term_weights = terms
            .all_terms()
            .iter()
            .map(|&t| by_id[t as usize])
            .collect();
        progress.finish(Stage::Analysis);
        AnalyzedCase {
            analyzer,
            groups,
            analyses,
            weights,
            terms,
            term_weights,
        }
    }

    /// The analysis of claim `claim` (its group's).
    #[must_use]
    pub fn analysis(&self, claim: usize) -> &Analysis {
        &self.analyses[self.groups.group_of(claim)]
    }

    /// Runs every rule on claims `i` and `j` of the case.
    #[must_use]
    pub fn assess(&self, case: &Case, i: usize, j: usize) -> Assessment {
        infer::assess(
            self.claim_text(case, i),
            self.claim_text(case, j),
            &self.weights,
            &self.analyzer,
            &case.config,
        )
    }

    /// The relation the rules find for claims `i` and `j` whose calibrated
    /// confidence is under the case's `min_calibrated`, so that it is no
    /// edge, with the assessment at `min_calibrated` 0 (the recall point)
    /// that finds it; `None` when there is no such relation.
    #[must_use]
    pub fn held_back(
        &self,
        case: &Case,
        i: usize,
        j: usize,
    ) -> Option<(infer::Relation, Assessment)> {
        if case.config.min_calibrated <= 0.0 {
            return None;
        }
        let recall = crate::config::Config {
            min_calibrated: 0.0,
            ..case.config.clone()
        };
        let found = infer::assess(
            self.claim_text(case, i),
            self.claim_text(case, j),
            &self.weights,
            &self.analyzer,
            &recall,
        );
        let relation = found.relation?;
        (found.confidence < case.config.min_calibrated).then_some((relation, found))
    }

    /// The rules' verdict on claims `i` and `j`, without explanation (see
    /// [`rules::decide`](crate::infer::rules::decide)); `scratch` is reused
    /// from pair to pair.
    #[must_use]
    pub fn decide<'a>(
        &'a self,
        case: &'a Case,
        i: usize,
        j: usize,
        scratch: &mut infer::Scratch<'a>,
    ) -> Option<infer::Verdict> {
        infer::rules::decide(
            self.claim_text(case, i),
            self.claim_text(case, j),
            &self.weights,
            &self.analyzer,
            &case.config,
            scratch,
        )
    }

    /// Why the graph holds an edge: the rules that fired, as
    /// [`ClaimGraph::build`](crate::graph::ClaimGraph::build) found them (the
    /// lower claim index is side A). For an annotated edge, what the rules
    /// that fired say of the pair.
    ///
    /// # Errors
    /// [`Error::VerdictMismatch`](crate::Error::VerdictMismatch) when the
    /// rules run again do not give an inferred edge's relation, direction
    /// and confidence, in every build: an explanation is only shown when it
    /// is the reason the edge is there.
    pub fn provenance(&self, case: &Case, edge: &EdgeRefView<'_>) -> crate::Result<Assessment> {
        let (a, b) = (edge.from.min(edge.to), edge.from.max(edge.to));
        let mut assessment = self.assess(case, a, b);
        if let Provenance::Inferred { score, confidence } = edge.edge.provenance {
            let agrees = assessment.unexplained.is_none()
                && assessment.relation == Some(edge.edge.relation)
                && assessment.score.to_bits() == score.to_bits()
                && assessment.confidence.to_bits() == confidence.to_bits()
                && (edge.edge.relation == infer::Relation::Contradicts
                    || assessment.reversed == (edge.from > edge.to));
            if !agrees {
                return Err(crate::Error::VerdictMismatch {
                    from: case.claims[edge.from].id.clone(),
                    relation: edge.edge.relation.as_str(),
                    to: case.claims[edge.to].id.clone(),
                    held: confidence,
                    found: format!(
                        "{} at {:.6}{}{}",
                        assessment
                            .relation
                            .map_or("no relation", infer::Relation::as_str),
                        assessment.confidence,
                        if assessment.reversed {
                            ", reversed"
                        } else {
                            ""
                        },
                        assessment.unexplained.map_or(String::new(), |rule| format!(
                            "; the explanation of {rule} does not find what its decision found"
                        ))
                    ),
                });
            }
        }
        assessment.rules.retain(|r| r.fired);
        Ok(assessment)
    }

    /// What the rules read of claim `i`: its group's text and analysis, its
    /// own speaker.
    pub(crate) fn claim_text<'a>(&'a self, case: &'a Case, i: usize) -> ClaimText<'a> {
        let group = self.groups.group_of(i);
        ClaimText {
            text: &case.claims[self.groups.representative(group)].text,
            analysis: &self.analyses[group],
            speaker: Some(&case.claims[i].party),
            term_weights: self.term_weights.get(self.terms.range(group)),
        }
    }
}
