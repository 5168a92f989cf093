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
use crate::infer::candidates::{self, Candidate};
use crate::infer::rules::{self, CueProfile};
use crate::infer::{Relation, Scratch};
use crate::lists::index32;
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
        /// The rules' combined score: what the claims rank their
        /// relations by, and what `min_score` compares.
        score: f64,
        /// The calibrated confidence in the relation (see
        /// [`crate::infer::calibration`]).
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
    /// The confidence: 1 for an annotation, the calibrated confidence
    /// otherwise.
    #[must_use]
    pub fn confidence(&self) -> f64 {
        match &self.provenance {
            Provenance::Inferred { confidence, .. } => *confidence,
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
    /// How many claims (representatives) hold `max_relations_per_claim`
    /// relations of their own choosing: those whose relations the bound
    /// may have cut (see [`ClaimGraph::build`]).
    pub at_bound: usize,
}

impl ClaimGraph {
    /// Infers edges over the candidate pairs, keeps each claim's strongest,
    /// then applies the annotations.
    ///
    /// The rules run once per pair of duplicate groups, on the groups'
    /// representatives. Each representative then chooses at most
    /// `config.max_relations_per_claim` (`K`) of the relations the rules
    /// found for it, the strongest first: by the rules' score, then contradiction
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
        ClaimGraph::build_in_batches(case, analyzed, mode, progress, JOIN_BATCH)
    }

    /// [`ClaimGraph::build_with_progress`], the join handing its pairs over
    /// `batch` probing claims at a time (the result does not depend on it).
    fn build_in_batches<'a>(
        case: &'a Case,
        analyzed: &'a AnalyzedCase,
        mode: SearchMode,
        progress: &dyn Progress,
        batch: usize,
    ) -> ClaimGraph {
        let groups = &analyzed.groups;
        let annotated = annotated_pairs(case);
        // An edge keeps the verdict only; reports and `explain` run the
        // rules again for the evidence (`AnalyzedCase::provenance`). Pairs
        // are of groups; the rules see their representatives.
        let decide = |g: usize, h: usize, scratch: &mut Scratch<'a>| {
            let (i, j) = (groups.representative(g), groups.representative(h));
            decide_pair(case, analyzed, &annotated, (i, j), scratch)
        };
        let profiles: Vec<CueProfile> = analyzed
            .analyses
            .par_iter()
            .map(|a| CueProfile::of(a, &analyzed.analyzer))
            .collect();
        let k = case.config.max_relations_per_claim;
        let mut kept = Strongest::new(groups.len(), k);
        // Each group's party, numbered.
        let speakers = speakers_of(case, groups);
        // A pair is assessed unless, for each relation, its confidence
        // bound cannot reach `min_score`, or is below the `k`-th
        // strongest relation of that kind that each of its two claims
        // already holds (floors only rise, so a skipped pair could never
        // have been kept).
        let offer = |batch: &[Candidate], kept: &mut Strongest| {
            let verdicts: Vec<Kept> = batch
                .par_iter()
                .with_min_len(256)
                .filter(|c| {
                    let same = speakers[c.a] == speakers[c.b];
                    let bound = rules::confidence_bound(
                        profiles[c.a],
                        profiles[c.b],
                        (c.containment_bound, c.anchors_bound),
                        same,
                        &case.config,
                    );
                    [
                        (Relation::Contradicts, bound.contradicts),
                        (Relation::Supports, bound.supports),
                    ]
                    .iter()
                    .any(|&(relation, bound)| {
                        bound >= case.config.min_score
                            && !(bound < kept.floor(c.a, relation)
                                && bound < kept.floor(c.b, relation))
                    })
                })
                .map_init(Scratch::default, |scratch, c| decide(c.a, c.b, scratch))
                .flatten()
                .collect();
            for verdict in verdicts {
                kept.offer(groups, verdict);
            }
        };
        match mode {
            SearchMode::Indexed => {
                // The rules run batch by batch as the join finds pairs, so
                // the candidates are never all held at once.
                let join = join_of(case, analyzed, &speakers);
                progress.start(Stage::Anchors, 0);
                let mut anchored = anchored_pairs(case, analyzed, &profiles);
                progress.finish(Stage::Anchors);
                // A pair the join finds comes with its own bounds; the
                // others (below the join's threshold) are offered after it.
                let mut found_by_join = vec![false; anchored.len()];
                join.each_batch(batch, progress, |batch| {
                    for c in batch.iter() {
                        let pair = (index32(c.a), index32(c.b));
                        if let Ok(at) = anchored.binary_search(&pair) {
                            found_by_join[at] = true;
                        }
                    }
                    offer(batch, &mut kept);
                });
                let mut found = found_by_join.iter();
                anchored.retain(|_| !found.next().copied().unwrap_or(false));
                // The pairs are held as two numbers each and become
                // candidates a chunk at a time.
                let mut chunk_candidates = Vec::new();
                for chunk in anchored.chunks(batch.saturating_mul(16)) {
                    chunk_candidates.clear();
                    chunk_candidates.extend(chunk.iter().map(|&(a, b)| {
                        let (a, b) = (a as usize, b as usize);
                        // Not found by the join: the rules' containment is
                        // below the join's threshold for the pair's speakers.
                        let t = join.thresholds.of(speakers[a] == speakers[b]);
                        Candidate {
                            a,
                            b,
                            containment_bound: 1.0_f64.min(t * (1.0 + 1e-6)),
                            anchors_bound: u32::MAX,
                        }
                    }));
                    offer(&chunk_candidates, &mut kept);
                }
                progress.finish(Stage::Candidates);
            }
            // All pairs, a row at a time rather than held in memory.
            SearchMode::Exhaustive => {
                let n_groups = groups.len();
                progress.start(Stage::Candidates, n_groups as u64);
                let mut row = Vec::new();
                for g in 0..n_groups {
                    row.clear();
                    row.extend((g + 1..n_groups).map(|h| Candidate {
                        a: g,
                        b: h,
                        containment_bound: 1.0,
                        anchors_bound: u32::MAX,
                    }));
                    offer(&row, &mut kept);
                    progress.advance(1);
                }
                progress.finish(Stage::Candidates);
            }
        }
        progress.start(Stage::Inference, 0);
        let at_bound = kept.full();
        let inferred = kept.into_verdicts();
        progress.finish(Stage::Inference);

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
                        score: verdict.score,
                        confidence: f64::from(verdict.confidence),
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
            at_bound,
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

/// The pairs the case's annotations settle, as (lower, higher) claim index.
fn annotated_pairs(case: &Case) -> std::collections::HashSet<(usize, usize)> {
    case.annotations
        .iter()
        .filter_map(|a| annotation_pair(case, &a.claims))
        .map(|(i, j)| (i.min(j), i.max(j)))
        .collect()
}

/// The rules' verdict between two representatives (`i < j`) as the graph
/// builder takes it: none for an annotated pair, or for two copies of one
/// statement (pinned or not: a claim a person named is never linked to its
/// own copy).
fn decide_pair<'a>(
    case: &'a Case,
    analyzed: &'a AnalyzedCase,
    annotated: &std::collections::HashSet<(usize, usize)>,
    (i, j): (usize, usize),
    scratch: &mut Scratch<'a>,
) -> Option<Kept> {
    if annotated.contains(&(i, j)) || crate::duplicates::same_statement(case, i, j) {
        return None;
    }
    let verdict = analyzed.decide(case, i, j, scratch)?;
    Some(Kept {
        from: u32::try_from(i).unwrap_or(u32::MAX),
        to: u32::try_from(j).unwrap_or(u32::MAX),
        relation: verdict.relation,
        reversed: verdict.reversed,
        score: verdict.score,
        confidence: verdict.confidence_f32(),
    })
}

/// Whether the graph keeps the relation the rules find between two
/// claims, and why: each claim keeps its `max_relations_per_claim`
/// strongest relations of each kind, and an inferred edge stands when
/// either of its claims keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The relation the rules find.
    pub relation: Relation,
    /// For each claim of the pair (in the order asked), how many relations
    /// of this kind its duplicate group holds that rank above this one:
    /// more confident, or as confident with a claim of lower index.
    pub stronger: [usize; 2],
    /// How many of each kind a claim keeps.
    pub max_relations_per_claim: usize,
}

impl Standing {
    /// True when the graph holds the edge: one of its claims keeps it.
    #[must_use]
    pub fn kept(&self) -> bool {
        self.stronger
            .iter()
            .any(|&n| n < self.max_relations_per_claim)
    }
}

impl ClaimGraph {
    /// How claims `a` and `b` rank the relation the rules find between
    /// them among their relations of that kind, so that a user can be told
    /// why the graph does or does not hold it; `None` when the graph
    /// infers nothing between them (no relation, an annotated pair, or two
    /// copies of one statement). The rules run between each claim's group
    /// and every other group, so the ranks are exact whatever the search
    /// skipped: linear in the case.
    #[must_use]
    pub fn standing(case: &Case, analyzed: &AnalyzedCase, a: usize, b: usize) -> Option<Standing> {
        let groups = &analyzed.groups;
        let (ra, rb) = (groups.representative_of(a), groups.representative_of(b));
        if ra == rb {
            return None;
        }
        let annotated = annotated_pairs(case);
        let ordered = |x: usize, y: usize| (x.min(y), x.max(y));
        let verdict = decide_pair(
            case,
            analyzed,
            &annotated,
            ordered(ra, rb),
            &mut Scratch::default(),
        )?;
        let key = |score: f64, other: usize| (std::cmp::Reverse(Strength(score)), other);
        let stronger = [(ra, rb), (rb, ra)].map(|(mine, other)| {
            let ours = key(verdict.score, other);
            (0..groups.len())
                .into_par_iter()
                .with_min_len(256)
                .map(|h| groups.representative(h))
                .filter(|&r| r != mine && r != other)
                .map_init(Scratch::default, |scratch, r| {
                    decide_pair(case, analyzed, &annotated, ordered(mine, r), scratch)
                        .filter(|kept| kept.relation == verdict.relation)
                        .is_some_and(|kept| key(kept.score, r) < ours)
                })
                .filter(|&above| above)
                .count()
        });
        Some(Standing {
            relation: verdict.relation,
            stronger,
            max_relations_per_claim: case.config.max_relations_per_claim,
        })
    }
}

/// What an inferred edge keeps of its assessment, with its two claims
/// (`from < to`, before a support is turned round).
#[derive(Debug, Clone, Copy)]
struct Kept {
    from: u32,
    to: u32,
    relation: Relation,
    reversed: bool,
    /// What the claims rank it by (the candidate search bounds it).
    score: f64,
    /// What the edge prints: the calibrated confidence, which is an `f32`
    /// value (the candidate search holds many of these per batch).
    confidence: f32,
}

/// How many probing claims the join hands over at a time.
const JOIN_BATCH: usize = 4096;

/// The speaker (party) of every duplicate group, numbered.
fn speakers_of(case: &Case, groups: &crate::duplicates::DuplicateGroups) -> Vec<u32> {
    let mut party_ids = std::collections::BTreeMap::new();
    (0..groups.len())
        .map(|g| {
            let party = case.claims[groups.representative(g)].party.as_str();
            let next = u32::try_from(party_ids.len()).unwrap_or(u32::MAX);
            *party_ids.entry(party).or_insert(next)
        })
        .collect()
}

/// The similarity join over duplicate groups.
fn join_of<'a>(
    case: &Case,
    analyzed: &'a AnalyzedCase,
    speakers: &'a [u32],
) -> candidates::Join<'a> {
    // The rules link a pair only above the related threshold, except that
    // a speaker's own claims may support each other at half the support
    // threshold (`speaker.same`): the join prunes pairs of one speaker
    // below the lower of the two, and other pairs below the related
    // threshold.
    candidates::Join {
        sets: &analyzed.terms,
        weights: &analyzed.weights,
        analyzer: &analyzed.analyzer,
        thresholds: candidates::JoinThresholds {
            across: case.config.related_threshold,
            within: case
                .config
                .related_threshold
                .min(case.config.support_threshold / 2.0),
        },
        groups: speakers,
        fuzzy_threshold: case.config.fuzzy_threshold,
    }
}

/// Pairs of long passages sharing several anchors, which are related
/// whatever their containment, sorted; at most the join's threshold when
/// the join does not find them (see `build_in_batches`).
///
/// Two claims whose cues cannot make a contradiction between them (neither
/// holds a negation or a denial, and they share no quantity, antonym table
/// or `un`-word) are left out: below the join's threshold they cannot
/// support each other either (a support needs the support threshold, which
/// is above it), so the rules would find nothing (`rules::confidence_bound`
/// bounds both relations at 0 for them).
fn anchored_pairs(
    case: &Case,
    analyzed: &AnalyzedCase,
    profiles: &[CueProfile],
) -> Vec<(u32, u32)> {
    let classes: Vec<u8> = profiles.iter().map(CueProfile::class).collect();
    candidates::sharing_anchors(
        &analyzed.terms,
        &analyzed.weights,
        case.config.strong_anchors,
        &classes,
        CueProfile::classes_may_contradict,
    )
    .into_iter()
    .map(|(a, b)| (index32(a), index32(b)))
    .collect()
}

/// Each claim's `k` strongest contradictions and `k` strongest supports so
/// far, kept as the rules find them: a bounded heap per claim and relation
/// whose weakest sets that claim's floor for the relation. Supports are
/// ranked apart from contradictions so that a claim's many paraphrases never
/// push out the one claim that contradicts it. An edge is offered to both
/// its claims and stands when either keeps it, so the result is each
/// claim's exact top `k` of each relation, in `2·n·k` memory, whatever the
/// order the edges come in.
struct Strongest {
    k: usize,
    /// Per duplicate group and relation (`2·g + relation`): its relations,
    /// the weakest on top.
    heaps: Vec<std::collections::BinaryHeap<Ranked>>,
    /// Per duplicate group and relation: the score of its `k`-th
    /// strongest relation once it holds `k`, minus infinity before.
    floors: Vec<f64>,
}

/// A relation as one of its claims ranks it: stronger first by
/// score, then by the other claim. The greatest is the weakest.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    verdict: Kept,
    /// The other claim of the relation.
    other: u32,
}

// The memory formula of docs/scale.md counts two of these per kept edge.
const _: () = assert!(std::mem::size_of::<Ranked>() <= 32);

impl Ranked {
    /// Stronger first by score, then by the other claim (32 bytes an
    /// entry: the key is read off the verdict, not stored beside it).
    fn key(&self) -> (std::cmp::Reverse<Strength>, u32) {
        (std::cmp::Reverse(Strength(self.verdict.score)), self.other)
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// Where a group's heap and floor for a relation are.
fn slot(group: usize, relation: Relation) -> usize {
    2 * group
        + match relation {
            Relation::Contradicts => 0,
            Relation::Supports => 1,
        }
}

impl Strongest {
    fn new(n_groups: usize, k: usize) -> Strongest {
        Strongest {
            k,
            heaps: (0..2 * n_groups)
                .map(|_| std::collections::BinaryHeap::new())
                .collect(),
            floors: vec![f64::NEG_INFINITY; 2 * n_groups],
        }
    }

    /// The score a new relation of this kind must beat to be kept by
    /// the group.
    fn floor(&self, group: usize, relation: Relation) -> f64 {
        self.floors[slot(group, relation)]
    }

    /// Offers a verdict (between two representatives) to both its groups.
    fn offer(&mut self, groups: &crate::duplicates::DuplicateGroups, verdict: Kept) {
        let (g, h) = (
            groups.group_of(verdict.from as usize),
            groups.group_of(verdict.to as usize),
        );
        for (mine, other) in [(g, verdict.to), (h, verdict.from)] {
            let ranked = Ranked { verdict, other };
            let at = slot(mine, verdict.relation);
            let heap = &mut self.heaps[at];
            if heap.len() < self.k {
                // Doubling from one, up to `k`: most claims keep one or two
                // relations, and a heap's first push would otherwise
                // reserve four (160 bytes for each of a million claims).
                if heap.len() == heap.capacity() {
                    heap.reserve_exact(heap.len().clamp(1, self.k - heap.len()));
                }
                heap.push(ranked);
            } else if heap.peek().is_some_and(|weakest| ranked < *weakest) {
                heap.pop();
                heap.push(ranked);
            } else {
                continue;
            }
            if heap.len() >= self.k {
                self.floors[at] = heap.peek().map_or(f64::NEG_INFINITY, |w| w.verdict.score);
            }
        }
    }

    /// How many groups hold `k` relations of one kind or the other.
    fn full(&self) -> usize {
        self.heaps
            .chunks(2)
            .filter(|pair| pair.iter().any(|h| h.len() >= self.k))
            .count()
    }

    /// Every kept relation once, sorted by its two claims.
    fn into_verdicts(self) -> Vec<Kept> {
        let mut all: Vec<Kept> = self
            .heaps
            .into_iter()
            .flat_map(|h| h.into_vec().into_iter().map(|r| r.verdict))
            .collect();
        all.sort_unstable_by_key(|v| (v.from, v.to));
        all.dedup_by_key(|v| (v.from, v.to));
        all
    }
}

/// A score ordered by `f64::total_cmp`.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic corpus of near-duplicates: claims drawn from a few
    /// sentences, each with one random word changed or added, some negated
    /// or with a number, by three parties.
    fn corpus(seed: u64, n: usize) -> Case {
        const WORDS: &[&str] = &[
            "court",
            "paid",
            "fine",
            "platform",
            "report",
            "moderation",
            "police",
            "border",
            "open",
            "closed",
            "messages",
            "data",
            "Durov",
            "Telegram",
        ];
        let mut state = seed;
        let mut next = move |m: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % m
        };
        let mut claims = Vec::new();
        for i in 0..n {
            let base = next(4);
            let mut words: Vec<&str> = (0..5)
                .map(|k| WORDS[(base * 3 + k) % WORDS.len()])
                .collect();
            let at = next(words.len());
            words[at] = WORDS[next(WORDS.len())];
            match next(5) {
                0 => words.insert(1, "never"),
                1 => words.push(["5", "7"][next(2)]),
                _ => {}
            }
            let party = ["a", "b", "c"][next(3)];
            claims.push(serde_json::json!({
                "id": format!("c{i:03}"),
                "party": party,
                "text": format!("Then {}.", words.join(" ")),
            }));
        }
        let case = serde_json::json!({
            "format": "claimgraph/1",
            "case": {"id": "batches", "language": "en"},
            "parties": [
                {"id": "a", "name": "A", "role": "prosecution"},
                {"id": "b", "name": "B", "role": "defense"},
                {"id": "c", "name": "C", "role": "press"},
            ],
            "claims": claims,
        });
        let files = vec![("case.json".to_owned(), case.to_string().into_bytes())];
        crate::load::load_files("batches", &files, crate::load::Limits::default())
            .unwrap_or_else(|e| panic!("the generated case loads: {e}"))
    }

    fn verdicts(graph: &ClaimGraph) -> Vec<(usize, usize, Relation, u64)> {
        graph
            .edges()
            .iter()
            .filter_map(|e| match e.edge.provenance {
                Provenance::Inferred { score, .. } => {
                    Some((e.from, e.to, e.edge.relation, score.to_bits()))
                }
                Provenance::Annotated { .. } => None,
            })
            .collect()
    }

    /// The floors only prune once a claim's heap is full: with one probing
    /// claim per batch they are raised between batches, so pruning happens
    /// here, and the result must not change (against one batch, where no
    /// floor is raised before pruning, and against the exhaustive search).
    #[test]
    fn batches_and_floors_change_no_edge() {
        for seed in 1..6 {
            for k in [1, 2, 4] {
                let mut case = corpus(seed, 60);
                case.config.max_relations_per_claim = k;
                let analyzed = AnalyzedCase::new(&case);
                let one = ClaimGraph::build_in_batches(
                    &case,
                    &analyzed,
                    SearchMode::Indexed,
                    &NoProgress,
                    1,
                );
                let all = ClaimGraph::build_in_batches(
                    &case,
                    &analyzed,
                    SearchMode::Indexed,
                    &NoProgress,
                    usize::MAX,
                );
                let exhaustive = ClaimGraph::build(&case, &analyzed, SearchMode::Exhaustive);
                assert!(
                    !verdicts(&one).is_empty(),
                    "seed {seed}: the corpus links claims"
                );
                assert_eq!(verdicts(&one), verdicts(&all), "seed {seed}, k {k}");
                assert_eq!(verdicts(&one), verdicts(&exhaustive), "seed {seed}, k {k}");
                assert!(
                    one.at_bound > 0,
                    "seed {seed}, k {k}: some claim reaches the bound"
                );
            }
        }
    }
}
