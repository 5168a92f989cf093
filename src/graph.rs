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

use crate::analyzed::AnalyzedCase;
use crate::case::Case;
use crate::infer::Relation;
use crate::infer::candidates;
use crate::model::AnnotatedRelation;
use crate::progress::{NoProgress, Progress, Stage};

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

/// The graph of a case.
#[derive(Debug)]
pub struct ClaimGraph {
    /// Node weights are claim indices into [`Case::claims`]. Inferred edges
    /// join representatives of duplicate groups only.
    pub graph: DiGraph<usize, Edge>,
    /// For each claim, the claim that stands for its duplicate group
    /// (itself when it has no duplicate).
    representative: Vec<u32>,
    /// Inferred edges the per-claim bound left out (see
    /// [`ClaimGraph::build`]).
    pub bounded_out: usize,
}

impl ClaimGraph {
    /// Infers edges over the candidate pairs, keeps each claim's strongest,
    /// then applies the annotations.
    ///
    /// The rules run once per pair of duplicate groups, on the groups'
    /// representatives. Each representative then chooses at most
    /// `config.max_relations_per_claim` (`K`) of the relations the rules
    /// found for it, the strongest first: by confidence, then contradiction
    /// before support, then the other claim's id. An inferred edge stands
    /// when either of its claims chose it, so the graph holds at most `n·K`
    /// inferred edges for `n` groups. Annotated pairs take no part (an
    /// annotation always wins and does not count against `K`).
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
        let groups = &analyzed.groups;
        let annotated: std::collections::HashSet<(usize, usize)> = case
            .annotations
            .iter()
            .filter_map(|a| annotation_pair(case, &a.claims))
            .map(|(i, j)| (i.min(j), i.max(j)))
            .collect();
        // An edge keeps the verdict only; reports and `explain` run the
        // rules again for the evidence (`AnalyzedCase::provenance`). Pairs
        // are of groups; the rules see their representatives.
        let assess = |g: usize, h: usize| {
            let (i, j) = (groups.representative(g), groups.representative(h));
            if annotated.contains(&(i, j)) {
                return None;
            }
            let assessment = analyzed.assess_if_gated(case, i, j)?;
            let relation = assessment.relation?;
            Some(Verdict {
                from: u32::try_from(i).unwrap_or(u32::MAX),
                to: u32::try_from(j).unwrap_or(u32::MAX),
                relation,
                reversed: assessment.reversed,
                confidence: assessment.confidence,
            })
        };
        let n_groups = groups.len();
        let inferred: Vec<Verdict> = match mode {
            SearchMode::Indexed => {
                let pairs = candidate_pairs(case, analyzed, progress);
                progress.finish(Stage::Candidates);
                progress.start(Stage::Inference, pairs.len() as u64);
                pairs
                    .par_iter()
                    .with_min_len(256)
                    .enumerate()
                    .filter_map(|(k, &(g, h))| {
                        if k % 4096 == 4095 {
                            progress.advance(4096);
                        }
                        assess(g, h)
                    })
                    .collect()
            }
            // All pairs, generated row by row rather than held in memory.
            SearchMode::Exhaustive => {
                progress.start(Stage::Inference, n_groups as u64);
                (0..n_groups)
                    .into_par_iter()
                    .flat_map_iter(|g| {
                        progress.advance(1);
                        (g + 1..n_groups).filter_map(move |h| assess(g, h))
                    })
                    .collect()
            }
        };
        progress.finish(Stage::Inference);
        let found = inferred.len();
        let inferred = strongest(
            inferred,
            case.claims.len(),
            case.config.max_relations_per_claim,
        );
        let bounded_out = found - inferred.len();

        let mut graph = DiGraph::with_capacity(case.claims.len(), inferred.len());
        for i in 0..case.claims.len() {
            graph.add_node(i);
        }
        for verdict in inferred {
            let (i, j) = (verdict.from as usize, verdict.to as usize);
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
        let representative = (0..case.claims.len())
            .map(|i| u32::try_from(groups.representative_of(i)).unwrap_or(u32::MAX))
            .collect();
        ClaimGraph {
            graph,
            representative,
            bounded_out,
        }
    }

    /// The claim that stands for claim `claim`'s duplicate group: the one
    /// whose edges and statuses apply to it.
    #[must_use]
    pub fn representative(&self, claim: usize) -> usize {
        self.representative[claim] as usize
    }

    /// True when `claim` has a duplicate that stands for it.
    #[must_use]
    pub fn is_duplicate(&self, claim: usize) -> bool {
        self.representative(claim) != claim
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

/// What an inferred edge keeps of its assessment, with its two claims
/// (`from < to`, before a support is turned round).
#[derive(Debug, Clone, Copy)]
struct Verdict {
    from: u32,
    to: u32,
    relation: Relation,
    reversed: bool,
    confidence: f64,
}

/// The candidate pairs of duplicate groups, `(g, h)` with `g < h`, sorted.
fn candidate_pairs(
    case: &Case,
    analyzed: &AnalyzedCase,
    progress: &dyn Progress,
) -> Vec<(usize, usize)> {
    // The rules link a pair only above the related threshold, except that
    // a speaker's own claims may support each other at half the support
    // threshold (`speaker.same`): the join prunes pairs of one speaker
    // below the lower of the two, and other pairs below the related
    // threshold.
    let thresholds = candidates::JoinThresholds {
        across: case.config.related_threshold,
        within: case
            .config
            .related_threshold
            .min(case.config.support_threshold / 2.0),
    };
    let groups = &analyzed.groups;
    let mut party_ids = std::collections::BTreeMap::new();
    let speakers: Vec<u32> = (0..groups.len())
        .map(|g| {
            let party = case.claims[groups.representative(g)].party.as_str();
            let next = u32::try_from(party_ids.len()).unwrap_or(u32::MAX);
            *party_ids.entry(party).or_insert(next)
        })
        .collect();
    let mut pairs = candidates::similarity_join(
        &analyzed.terms,
        &analyzed.weights,
        &analyzed.analyzer,
        thresholds,
        &speakers,
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
    pairs
}

/// The verdicts that at least one of their two claims counts among its
/// `k` strongest (see [`ClaimGraph::build`]), in their original order.
/// Linear in the verdicts: each claim's list is cut with a selection, not
/// sorted.
fn strongest(verdicts: Vec<Verdict>, n_claims: usize, k: usize) -> Vec<Verdict> {
    let mut degree = vec![0u32; n_claims + 1];
    for v in &verdicts {
        degree[v.from as usize] += 1;
        degree[v.to as usize] += 1;
    }
    if degree.iter().all(|&d| d as usize <= k) {
        return verdicts;
    }
    // Incidence lists in one array (counting sort by claim).
    let mut offsets = Vec::with_capacity(n_claims + 1);
    let mut total = 0usize;
    for &d in &degree[..n_claims] {
        offsets.push(total);
        total += d as usize;
    }
    offsets.push(total);
    let mut fill = offsets.clone();
    let mut incident = vec![0u32; total];
    for (e, v) in verdicts.iter().enumerate() {
        let e = u32::try_from(e).unwrap_or(u32::MAX);
        for end in [v.from, v.to] {
            incident[fill[end as usize]] = e;
            fill[end as usize] += 1;
        }
    }
    let mut chosen = vec![false; verdicts.len()];
    for claim in 0..n_claims {
        let list = &mut incident[offsets[claim]..offsets[claim + 1]];
        if list.len() > k {
            let claim = u32::try_from(claim).unwrap_or(u32::MAX);
            let rank = |&e: &u32| {
                let v = &verdicts[e as usize];
                let other = if v.from == claim { v.to } else { v.from };
                (std::cmp::Reverse(Strength(v.confidence)), v.relation, other)
            };
            if k > 0 {
                list.select_nth_unstable_by_key(k - 1, rank);
            }
            for &e in &list[..k] {
                chosen[e as usize] = true;
            }
        } else {
            for &e in list.iter() {
                chosen[e as usize] = true;
            }
        }
    }
    verdicts
        .into_iter()
        .zip(chosen)
        .filter_map(|(v, keep)| keep.then_some(v))
        .collect()
}

/// A confidence ordered by `f64::total_cmp`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Strength(f64);

impl Eq for Strength {}

impl PartialOrd for Strength {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Strength {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

fn annotation_pair(case: &Case, claims: &[String; 2]) -> Option<(usize, usize)> {
    Some((case.claim_index(&claims[0])?, case.claim_index(&claims[1])?))
}
