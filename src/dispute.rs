//! Finding the disputed points of a case, its common ground, and the claims
//! nobody answered.
//!
//! A disputed point is a connected group of claims joined by contradiction
//! edges that involves at least two parties. Claims that support a member
//! attach to the point on the side of the claim they support. Points are
//! ranked by weight (the sum of their edges' confidences), ties broken by
//! their smallest claim id.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::analyzed::AnalyzedCase;
use crate::case::Case;
use crate::graph::{ClaimGraph, EdgeRefView};
use crate::infer::Relation;
use crate::model::Role;
use petgraph::unionfind::UnionFind;

/// Weight of a support edge relative to a contradiction in a point's weight.
const SUPPORT_WEIGHT: f64 = 0.25;
/// How many key terms make a point's title.
const TITLE_TERMS: usize = 4;

/// One disputed point.
#[derive(Debug, Clone, PartialEq)]
pub struct DisputedPoint {
    /// Key shared terms, most telling first.
    pub terms: Vec<String>,
    /// The sum of the confidences of its edges (supports count a quarter).
    pub weight: f64,
    /// For each party (by id), the claims in contradiction, sorted.
    pub members: BTreeMap<String, Vec<usize>>,
    /// For each party (by id), the claims that only support a member of
    /// that party's side, sorted.
    pub supporting: BTreeMap<String, Vec<usize>>,
    /// Indices into [`ClaimGraph::edges`] of the edges within the point.
    pub edges: Vec<usize>,
}

/// Disputed points, common ground and unanswered claims.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Disputes {
    /// Ranked disputed points.
    pub points: Vec<DisputedPoint>,
    /// Indices into [`ClaimGraph::edges`] of supports between parties.
    pub common_ground: Vec<usize>,
    /// Claims (of parties other than the press, outside every disputed
    /// point) that no other party's claim addresses.
    pub unanswered: Vec<usize>,
}

/// Finds the disputed points.
///
/// Every step is one pass (or one sort) over the claims or the edges, with
/// parties compared by index rather than by name, so that a case of a
/// million claims costs a fraction of a second here.
#[must_use]
pub fn find(case: &Case, analyzed: &AnalyzedCase, graph: &ClaimGraph) -> Disputes {
    let n = case.claims.len();
    let parties = Parties::of(case);
    // A superseded claim is no longer its party's position: its edges take
    // no part in disputes, common ground or answers.
    let superseded_by = case.superseded_by();
    let edges: Vec<_> = graph
        .edges()
        .into_iter()
        .map(|e| (superseded_by[e.from].is_none() && superseded_by[e.to].is_none()).then_some(e))
        .collect();
    let current: Vec<_> = edges.iter().flatten().copied().collect();

    let (cores, mut point_of) = contradiction_groups(n, &current, &parties.of_claim);
    let supporting = attach_supporters(n, &current, &parties.of_claim, &mut point_of, cores.len());
    let mut points = disputed_points(
        case, analyzed, &edges, &parties, &point_of, &cores, supporting,
    );
    points.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then_with(|| first_claim(x).cmp(&first_claim(y)))
    });

    let party_of = &parties.of_claim;
    let common_ground: Vec<usize> = edges
        .iter()
        .enumerate()
        .filter_map(|(k, e)| e.map(|e| (k, e)))
        .filter(|(_, e)| {
            e.edge.relation == Relation::Supports && party_of[e.from] != party_of[e.to]
        })
        .map(|(k, _)| k)
        .collect();

    let mut answered = vec![false; n];
    for e in &current {
        if party_of[e.from] != party_of[e.to] {
            answered[e.from] = true;
            answered[e.to] = true;
        }
    }
    // A claim inside a disputed point is part of an exchange, even when it
    // only supports its own side.
    // A duplicate is answered, or not, through the claim that stands for
    // its group: it is never listed on its own.
    let unanswered = (0..n)
        .filter(|&i| !answered[i] && point_of[i].is_none() && superseded_by[i].is_none())
        .filter(|&i| !graph.is_duplicate(i))
        .filter(|&i| !parties.is_press[party_of[i]])
        .collect();
    Disputes {
        points,
        common_ground,
        unanswered,
    }
}

/// The parties of a case's claims, compared by index rather than by name.
struct Parties<'c> {
    /// The party ids of the claims, sorted.
    names: Vec<&'c str>,
    /// For each claim, its party's index in `names`.
    of_claim: Vec<usize>,
    /// For each party in `names`, whether it is the press.
    is_press: Vec<bool>,
}

impl<'c> Parties<'c> {
    fn of(case: &'c Case) -> Parties<'c> {
        let mut names: Vec<&str> = case.claims.iter().map(|c| c.party.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let index = |name: &str| names.binary_search(&name).unwrap_or(0);
        let of_claim = case.claims.iter().map(|c| index(&c.party)).collect();
        let is_press = names
            .iter()
            .map(|name| case.party(name).is_some_and(|p| p.role == Role::Press))
            .collect();
        Parties {
            names,
            of_claim,
            is_press,
        }
    }

    /// Claims grouped by the id of their party.
    fn group(&self, list: Vec<(usize, usize)>) -> BTreeMap<String, Vec<usize>> {
        let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (party, claim) in list {
            match map.get_mut(self.names[party]) {
                Some(claims) => claims.push(claim),
                None => {
                    map.insert(self.names[party].to_owned(), vec![claim]);
                }
            }
        }
        map
    }
}

/// The groups of claims joined by contradictions between two parties at
/// least (union-find, near-linear in the edges): each group's claims,
/// sorted, and each claim's group.
fn contradiction_groups(
    n: usize,
    current: &[EdgeRefView<'_>],
    party_of: &[usize],
) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let contradictions = || {
        current
            .iter()
            .filter(|e| e.edge.relation == Relation::Contradicts)
    };
    let mut sets: UnionFind<usize> = UnionFind::new(n);
    let mut contradicted = vec![false; n];
    for e in contradictions() {
        sets.union(e.from, e.to);
        contradicted[e.from] = true;
        contradicted[e.to] = true;
    }
    let mut cross_party = vec![false; n];
    for e in contradictions() {
        if party_of[e.from] != party_of[e.to] {
            cross_party[sets.find_mut(e.from)] = true;
        }
    }
    // Only groups with a contradiction between two parties are disputes.
    // Claims in increasing order meet each group at its root first, so the
    // points are numbered by root and their members come out sorted.
    let mut point_of: Vec<Option<usize>> = vec![None; n];
    let mut point_of_root: Vec<Option<usize>> = vec![None; n];
    let mut cores: Vec<Vec<usize>> = Vec::new();
    for i in (0..n).filter(|&i| contradicted[i]) {
        let r = sets.find_mut(i);
        if !cross_party[r] {
            continue;
        }
        let p = *point_of_root[r].get_or_insert_with(|| {
            cores.push(Vec::new());
            cores.len() - 1
        });
        cores[p].push(i);
        point_of[i] = Some(p);
    }
    (cores, point_of)
}

/// Attaches supporters, following chains of support breadth first from
/// the points' claims (in claim order): a supporter joins the point, and
/// takes the side (party index), of the first attached claim it is found
/// to support. Each support edge is followed once. Returns each point's
/// (side, supporter) pairs.
fn attach_supporters(
    n: usize,
    current: &[EdgeRefView<'_>],
    party_of: &[usize],
    point_of: &mut [Option<usize>],
    n_points: usize,
) -> Vec<Vec<(usize, usize)>> {
    let mut supporting: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_points];
    let mut side_of: Vec<Option<usize>> =
        (0..n).map(|i| point_of[i].map(|_| party_of[i])).collect();
    let supporters = supporters_of(n, current);
    let mut queue: std::collections::VecDeque<usize> =
        (0..n).filter(|&i| point_of[i].is_some()).collect();
    while let Some(t) = queue.pop_front() {
        let (Some(p), Some(side)) = (point_of[t], side_of[t]) else {
            continue;
        };
        for &s in supporters.of(t) {
            let s = s as usize;
            if point_of[s].is_none() {
                point_of[s] = Some(p);
                side_of[s] = Some(side);
                supporting[p].push((side, s));
                queue.push_back(s);
            }
        }
    }
    supporting
}

/// The disputed points, in the order of their groups (not yet ranked), each with its
/// members and supporters by party, its edges, weight and key terms.
fn disputed_points(
    case: &Case,
    analyzed: &AnalyzedCase,
    edges: &[Option<EdgeRefView<'_>>],
    parties: &Parties<'_>,
    point_of: &[Option<usize>],
    cores: &[Vec<usize>],
    supporting: Vec<Vec<(usize, usize)>>,
) -> Vec<DisputedPoint> {
    // Each point's edges and claims, in one pass over each (not one pass
    // per point: a large case has tens of thousands of points).
    let mut edges_of: Vec<Vec<usize>> = vec![Vec::new(); cores.len()];
    for (k, e) in edges
        .iter()
        .enumerate()
        .filter_map(|(k, e)| e.map(|e| (k, e)))
    {
        if let (Some(p), Some(q)) = (point_of[e.from], point_of[e.to]) {
            if p == q {
                edges_of[p].push(k);
            }
        }
    }
    let mut claims_of: Vec<Vec<usize>> = vec![Vec::new(); cores.len()];
    for (i, p) in point_of.iter().enumerate() {
        if let Some(p) = p {
            claims_of[*p].push(i);
        }
    }
    // The key terms are most of the work here, and each point's are its
    // own: they are found in parallel, collected in point order.
    let terms_of: Vec<Vec<String>> = claims_of
        .par_iter()
        .map_init(KeyTermScratch::default, |scratch, all| {
            key_terms(case, analyzed, all, scratch)
        })
        .collect();
    let mut points: Vec<DisputedPoint> = Vec::with_capacity(cores.len());
    let each = cores.iter().zip(terms_of).zip(supporting);
    for (p, ((core, terms), supporters)) in each.enumerate() {
        let members = parties.group(core.iter().map(|&m| (parties.of_claim[m], m)).collect());
        let point_edges = std::mem::take(&mut edges_of[p]);
        let mut weight = 0.0;
        for &k in &point_edges {
            let Some(e) = edges[k] else { continue };
            weight += match e.edge.relation {
                Relation::Contradicts => e.edge.confidence(),
                Relation::Supports => SUPPORT_WEIGHT * e.edge.confidence(),
            };
        }
        let mut sup = parties.group(supporters);
        for list in sup.values_mut() {
            list.sort_unstable();
        }
        points.push(DisputedPoint {
            terms,
            weight,
            members,
            supporting: sup,
            edges: point_edges,
        });
    }
    points
}

/// For each claim, the claims that support it, in edge order: one array
/// for the whole case (a counting sort), not one list per claim.
struct Supporters {
    offsets: Vec<usize>,
    sources: Vec<u32>,
}

impl Supporters {
    fn of(&self, claim: usize) -> &[u32] {
        &self.sources[self.offsets[claim]..self.offsets[claim + 1]]
    }
}

fn supporters_of(n: usize, edges: &[EdgeRefView<'_>]) -> Supporters {
    let supports = || {
        edges
            .iter()
            .filter(|e| e.edge.relation == Relation::Supports)
    };
    let mut offsets = vec![0usize; n + 1];
    for e in supports() {
        offsets[e.to + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut sources = vec![0u32; offsets[n]];
    for e in supports() {
        sources[fill[e.to]] = u32::try_from(e.from).unwrap_or(u32::MAX);
        fill[e.to] += 1;
    }
    Supporters { offsets, sources }
}

fn first_claim(point: &DisputedPoint) -> usize {
    point
        .members
        .values()
        .filter_map(|v| v.first().copied())
        .min()
        .unwrap_or(usize::MAX)
}

/// Buffers reused from one point to the next by [`key_terms`].
#[derive(Default)]
struct KeyTermScratch<'a> {
    /// (stem, claim index, surface form) of every content token.
    occurrences: Vec<(ustr::Ustr, usize, std::borrow::Cow<'a, str>)>,
}

/// The terms that the most claims of a point share, weighted by rarity, as
/// they are most often written (lower-cased).
fn key_terms<'a>(
    case: &'a Case,
    analyzed: &'a AnalyzedCase,
    claims: &[usize],
    scratch: &mut KeyTermScratch<'a>,
) -> Vec<String> {
    // One sorted list of occurrences stands for the maps stem -> claims and
    // stem -> surface form counts: a point's stems are grouped by sorting.
    let occurrences = &mut scratch.occurrences;
    occurrences.clear();
    for &i in claims {
        let text = &case.claims[i].text;
        for token in analyzed.analysis(i).tokens.iter().filter(|t| !t.stop()) {
            let surface = text
                .get(token.span().start..token.span().end)
                .unwrap_or(&token.norm);
            occurrences.push((token.stem, i, lowercase(surface)));
        }
    }
    occurrences.sort_unstable();
    let mut ranked: Vec<(f64, &str, &str)> = Vec::new();
    let mut forms: Vec<&str> = Vec::new();
    for group in occurrences.chunk_by(|x, y| x.0 == y.0) {
        let stem = group[0].0;
        // Occurrences are sorted by claim within a stem: count the runs.
        let count = group.chunk_by(|x, y| x.1 == y.1).count();
        if count < 2 {
            continue;
        }
        // The most frequent surface form, the smallest on a tie.
        forms.clear();
        forms.extend(group.iter().map(|o| o.2.as_ref()));
        forms.sort_unstable();
        let mut form = "";
        let mut best = 0;
        for run in forms.chunk_by(|x, y| x == y) {
            if run.len() > best {
                best = run.len();
                form = run[0];
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let score = count as f64 * analyzed.weights.weight_of(stem);
        ranked.push((score, stem.as_str(), form));
    }
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    ranked
        .into_iter()
        .take(TITLE_TERMS)
        .map(|(_, _, form)| form.to_owned())
        .collect()
}

/// `text` lower-cased, borrowed when it already is (most words are).
fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        std::borrow::Cow::Owned(text.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
