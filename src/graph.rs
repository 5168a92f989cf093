//! The claim graph: claims as petgraph nodes, relations as edges that carry
//! their provenance.
//!
//! Nodes are added in claim-id order, so node index `i` is claim `i` of the
//! case. Inferred edges come first; annotations are then applied on top and
//! always win: an annotated pair loses every inferred edge between its two
//! claims, and `unrelated` adds nothing back. Edges are listed through
//! [`ClaimGraph::edges`], which sorts them, so petgraph's internal order
//! never reaches a report.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rayon::prelude::*;

use crate::case::Case;
use crate::infer::candidates::{self, TermSets};
use crate::infer::{self, Assessment, ClaimText, Relation, Weights};
use crate::model::AnnotatedRelation;
use crate::progress::{NoProgress, Progress, Stage};
use crate::text::{Analysis, Analyzer};

/// Where an edge comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Provenance {
    /// Found by the rules. The edge keeps only their verdict: the rules are
    /// pure, so [`AnalyzedCase::provenance`] runs them again for the
    /// rules that fired, with their evidence and scores, when a report is
    /// written (a million edges do not hold their evidence in memory), and
    /// `explain` shows the ones that did not.
    Inferred {
        /// The rules' confidence in the relation.
        confidence: f64,
    },
    /// Asserted by a person in an annotation.
    Annotated {
        /// The annotator's note.
        note: Option<String>,
        /// The annotator.
        author: Option<String>,
    },
}

/// An edge of the claim graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Contradicts (stored once, from the lower to the higher claim id) or
    /// supports (from the supporting claim to the supported one).
    pub relation: Relation,
    /// Why the edge is there.
    pub provenance: Provenance,
}

impl Edge {
    /// The confidence: 1 for an annotation, the rules' confidence otherwise.
    #[must_use]
    pub fn confidence(&self) -> f64 {
        match &self.provenance {
            Provenance::Inferred { confidence } => *confidence,
            Provenance::Annotated { .. } => 1.0,
        }
    }
}

/// An edge with its endpoints as claim indices.
#[derive(Debug, Clone, Copy)]
pub struct EdgeRefView<'g> {
    /// Source claim index (for contradictions, the lower id).
    pub from: usize,
    /// Target claim index.
    pub to: usize,
    /// The edge.
    pub edge: &'g Edge,
}

/// How candidate pairs are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchMode {
    /// Only the pairs an exact similarity join finds able to reach the
    /// rules' relatedness threshold (the default).
    #[default]
    Indexed,
    /// Every pair of claims.
    Exhaustive,
}

/// Every claim analysed, with the weights and the analyser that did it.
#[derive(Debug)]
pub struct AnalyzedCase {
    /// The analyser built from the case's config.
    pub analyzer: Analyzer,
    /// One analysis per claim, in claim order.
    pub analyses: Vec<Analysis>,
    /// IDF weights over the case.
    pub weights: Weights,
    /// The content terms of every claim, interned.
    pub terms: TermSets,
    /// The weight of every claim's content terms, in the order of
    /// [`TermSets::terms`]: looked up once here rather than for every pair.
    term_weights: Vec<f64>,
}

impl AnalyzedCase {
    /// Analyses every claim of the case, in parallel.
    #[must_use]
    pub fn new(case: &Case) -> AnalyzedCase {
        AnalyzedCase::with_progress(case, &NoProgress)
    }

    /// [`AnalyzedCase::new`], reporting progress.
    #[must_use]
    pub fn with_progress(case: &Case, progress: &dyn Progress) -> AnalyzedCase {
        let analyzer = Analyzer::new(&case.config);
        progress.start(Stage::Analysis, case.claims.len() as u64);
        let analyses: Vec<Analysis> = case
            .claims
            .par_iter()
            .with_min_len(512)
            .enumerate()
            .map(|(i, c)| {
                if i % 1024 == 1023 {
                    progress.advance(1024);
                }
                analyzer.analyze(&c.text, case.declared_language(c))
            })
            .collect();
        let terms = TermSets::new(&analyses);
        let weights = Weights::from_document_frequencies(
            analyses.len(),
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
            analyses,
            weights,
            terms,
            term_weights,
        }
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

    /// [`AnalyzedCase::assess`] for a pair that can have a relation, and
    /// `None`, cheaply, for one that cannot (see
    /// [`rules::run_if_gated`](crate::infer::rules::run_if_gated)).
    #[must_use]
    pub fn assess_if_gated(&self, case: &Case, i: usize, j: usize) -> Option<Assessment> {
        infer::rules::run_if_gated(
            self.claim_text(case, i),
            self.claim_text(case, j),
            &self.weights,
            &self.analyzer,
            &case.config,
        )
    }

    /// Why the graph holds an edge it inferred: the rules that fired, as
    /// [`ClaimGraph::build`] found them (the lower claim index is side A).
    /// For an annotated edge, what the rules that fired say of the pair.
    /// Debug builds check that the rules give an inferred edge's relation,
    /// direction and confidence.
    #[must_use]
    pub fn provenance(&self, case: &Case, edge: &EdgeRefView<'_>) -> Assessment {
        let (a, b) = (edge.from.min(edge.to), edge.from.max(edge.to));
        let mut assessment = self.assess(case, a, b);
        if let Provenance::Inferred { confidence } = edge.edge.provenance {
            debug_assert!(
                assessment.relation == Some(edge.edge.relation)
                    && assessment.confidence.to_bits() == confidence.to_bits()
                    && (edge.edge.relation == Relation::Contradicts
                        || assessment.reversed == (edge.from > edge.to)),
                "the rules no longer give edge {}-{}: {:?} {} {} vs {:?} {}",
                edge.from,
                edge.to,
                assessment.relation,
                assessment.confidence,
                assessment.reversed,
                edge.edge.relation,
                confidence
            );
        }
        assessment.rules.retain(|r| r.fired);
        assessment
    }

    fn claim_text<'a>(&'a self, case: &'a Case, i: usize) -> ClaimText<'a> {
        ClaimText {
            text: &case.claims[i].text,
            analysis: &self.analyses[i],
            speaker: Some(&case.claims[i].party),
            term_weights: self.term_weights.get(self.terms.range(i)),
        }
    }
}

/// The graph of a case.
#[derive(Debug)]
pub struct ClaimGraph {
    /// Node weights are claim indices into [`Case::claims`].
    pub graph: DiGraph<usize, Edge>,
}

impl ClaimGraph {
    /// Infers edges over the candidate pairs, then applies the annotations.
    #[must_use]
    pub fn build(case: &Case, analyzed: &AnalyzedCase, mode: SearchMode) -> ClaimGraph {
        ClaimGraph::build_with_progress(case, analyzed, mode, &NoProgress)
    }

    /// [`ClaimGraph::build`], reporting progress.
    #[must_use]
    pub fn build_with_progress(
        case: &Case,
        analyzed: &AnalyzedCase,
        mode: SearchMode,
        progress: &dyn Progress,
    ) -> ClaimGraph {
        // An edge keeps the verdict only; reports and `explain` run the
        // rules again for the evidence (`AnalyzedCase::provenance`).
        let assess = |i: usize, j: usize| {
            let assessment = analyzed.assess_if_gated(case, i, j)?;
            let relation = assessment.relation?;
            Some((
                i,
                j,
                Verdict {
                    relation,
                    reversed: assessment.reversed,
                    confidence: assessment.confidence,
                },
            ))
        };
        let n = case.claims.len();
        let inferred: Vec<(usize, usize, Verdict)> = match mode {
            SearchMode::Indexed => {
                // The rules link a pair only above the related threshold,
                // except that a speaker's own claims may support each other
                // at half the support threshold (`speaker.same`): the join
                // prunes pairs of one speaker below the lower of the two,
                // and other pairs below the related threshold.
                let thresholds = candidates::JoinThresholds {
                    across: case.config.related_threshold,
                    within: case
                        .config
                        .related_threshold
                        .min(case.config.support_threshold / 2.0),
                };
                let mut party_ids = std::collections::BTreeMap::new();
                let groups: Vec<u32> = case
                    .claims
                    .iter()
                    .map(|c| {
                        let next = u32::try_from(party_ids.len()).unwrap_or(u32::MAX);
                        *party_ids.entry(c.party.as_str()).or_insert(next)
                    })
                    .collect();
                let mut pairs = candidates::similarity_join(
                    &analyzed.terms,
                    &analyzed.weights,
                    &analyzed.analyzer,
                    thresholds,
                    &groups,
                    case.config.fuzzy_threshold,
                    progress,
                );
                // Long passages sharing several anchors are related too.
                pairs.extend(candidates::sharing_anchors(
                    &analyzed.terms,
                    &analyzed.weights,
                    case.config.strong_anchors,
                ));
                pairs.par_sort_unstable();
                pairs.dedup();
                progress.finish(Stage::Candidates);
                progress.start(Stage::Inference, pairs.len() as u64);
                pairs
                    .par_iter()
                    .with_min_len(256)
                    .enumerate()
                    .filter_map(|(k, &(i, j))| {
                        if k % 4096 == 4095 {
                            progress.advance(4096);
                        }
                        assess(i, j)
                    })
                    .collect()
            }
            // All pairs, generated row by row rather than held in memory.
            SearchMode::Exhaustive => {
                progress.start(Stage::Inference, n as u64);
                (0..n)
                    .into_par_iter()
                    .flat_map_iter(|i| {
                        progress.advance(1);
                        (i + 1..n).filter_map(move |j| assess(i, j))
                    })
                    .collect()
            }
        };
        progress.finish(Stage::Inference);

        let mut graph = DiGraph::with_capacity(case.claims.len(), inferred.len());
        for i in 0..case.claims.len() {
            graph.add_node(i);
        }
        let annotated: std::collections::HashSet<(usize, usize)> = case
            .annotations
            .iter()
            .filter_map(|a| annotation_pair(case, &a.claims))
            .map(|(i, j)| (i.min(j), i.max(j)))
            .collect();
        for (i, j, verdict) in inferred {
            if annotated.contains(&(i, j)) {
                continue;
            }
            let (from, to) = match verdict.relation {
                Relation::Supports if verdict.reversed => (j, i),
                _ => (i, j),
            };
            graph.add_edge(
                NodeIndex::new(from),
                NodeIndex::new(to),
                Edge {
                    relation: verdict.relation,
                    provenance: Provenance::Inferred {
                        confidence: verdict.confidence,
                    },
                },
            );
        }
        for annotation in &case.annotations {
            let Some((i, j)) = annotation_pair(case, &annotation.claims) else {
                continue;
            };
            let relation = match annotation.relation {
                AnnotatedRelation::Contradicts => Relation::Contradicts,
                AnnotatedRelation::Supports => Relation::Supports,
                AnnotatedRelation::Unrelated => continue,
            };
            let (from, to) = if relation == Relation::Contradicts {
                (i.min(j), i.max(j))
            } else {
                (i, j)
            };
            graph.add_edge(
                NodeIndex::new(from),
                NodeIndex::new(to),
                Edge {
                    relation,
                    provenance: Provenance::Annotated {
                        note: annotation.note.clone(),
                        author: annotation.author.clone(),
                    },
                },
            );
        }
        ClaimGraph { graph }
    }

    /// Every edge, sorted by relation, then source, then target claim index.
    #[must_use]
    pub fn edges(&self) -> Vec<EdgeRefView<'_>> {
        let mut edges: Vec<EdgeRefView<'_>> = self
            .graph
            .edge_references()
            .map(|e| EdgeRefView {
                from: e.source().index(),
                to: e.target().index(),
                edge: e.weight(),
            })
            .collect();
        edges.sort_by_key(|e| (e.edge.relation, e.from, e.to));
        edges
    }
}

/// What an inferred edge keeps of its assessment.
struct Verdict {
    relation: Relation,
    reversed: bool,
    confidence: f64,
}

fn annotation_pair(case: &Case, claims: &[String; 2]) -> Option<(usize, usize)> {
    Some((case.claim_index(&claims[0])?, case.claim_index(&claims[1])?))
}
