//! Finding the disputed points of a case, its common ground, and the claims
//! nobody answered.
//!
//! A disputed point is a connected group of claims joined by contradiction
//! edges that involves at least two parties. Claims that support a member
//! attach to the point on the side of the claim they support. Points are
//! ranked by weight (the sum of their edges' confidences), ties broken by
//! their smallest claim id.

use std::collections::{BTreeMap, BTreeSet};

use crate::case::Case;
use crate::graph::{AnalyzedCase, ClaimGraph};
use crate::infer::Relation;
use crate::model::Role;

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
#[must_use]
pub fn find(case: &Case, analyzed: &AnalyzedCase, graph: &ClaimGraph) -> Disputes {
    let n = case.claims.len();
    let edges = graph.edges();
    let party = |i: usize| case.claims[i].party.as_str();
    // A superseded claim is no longer its party's position: its edges take
    // no part in disputes, common ground or answers.
    let superseded_by = case.superseded_by();
    let edges: Vec<_> = edges
        .into_iter()
        .map(|e| (superseded_by[e.from].is_none() && superseded_by[e.to].is_none()).then_some(e))
        .collect();
    let current: Vec<_> = edges.iter().flatten().copied().collect();

    // Union-find over contradiction edges.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for e in current
        .iter()
        .filter(|e| e.edge.relation == Relation::Contradicts)
    {
        let (ra, rb) = (root(&mut parent, e.from), root(&mut parent, e.to));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut cross_party: BTreeSet<usize> = BTreeSet::new();
    for e in current
        .iter()
        .filter(|e| e.edge.relation == Relation::Contradicts)
    {
        let r = root(&mut parent, e.from);
        groups.entry(r).or_default().extend([e.from, e.to]);
        if party(e.from) != party(e.to) {
            cross_party.insert(r);
        }
    }
    // Only groups with a contradiction between two parties are disputes.
    let cores: Vec<BTreeSet<usize>> = groups
        .into_iter()
        .filter(|(r, _)| cross_party.contains(r))
        .map(|(_, members)| members)
        .collect();

    let mut point_of: Vec<Option<usize>> = vec![None; n];
    for (p, members) in cores.iter().enumerate() {
        for &m in members {
            point_of[m] = Some(p);
        }
    }
    // Attach supporters, following chains of support to a fixed point.
    let mut supporting: Vec<BTreeMap<String, Vec<usize>>> = vec![BTreeMap::new(); cores.len()];
    let mut side_of: Vec<Option<String>> = (0..n)
        .map(|i| point_of[i].map(|_| party(i).to_owned()))
        .collect();
    loop {
        let mut changed = false;
        for e in current
            .iter()
            .filter(|e| e.edge.relation == Relation::Supports)
        {
            if point_of[e.from].is_none() {
                if let (Some(p), Some(side)) = (point_of[e.to], side_of[e.to].clone()) {
                    point_of[e.from] = Some(p);
                    supporting[p].entry(side.clone()).or_default().push(e.from);
                    side_of[e.from] = Some(side);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }

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
    let mut points: Vec<DisputedPoint> = Vec::with_capacity(cores.len());
    for (p, core) in cores.iter().enumerate() {
        let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &m in core {
            members.entry(party(m).to_owned()).or_default().push(m);
        }
        let point_edges = std::mem::take(&mut edges_of[p]);
        let mut weight = 0.0;
        for &k in &point_edges {
            let Some(e) = edges[k] else { continue };
            weight += match e.edge.relation {
                Relation::Contradicts => e.edge.confidence(),
                Relation::Supports => SUPPORT_WEIGHT * e.edge.confidence(),
            };
        }
        let mut sup = std::mem::take(&mut supporting[p]);
        for list in sup.values_mut() {
            list.sort_unstable();
        }
        let all = std::mem::take(&mut claims_of[p]);
        points.push(DisputedPoint {
            terms: key_terms(case, analyzed, &all),
            weight,
            members,
            supporting: sup,
            edges: point_edges,
        });
    }
    points.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then_with(|| first_claim(x).cmp(&first_claim(y)))
    });

    let common_ground: Vec<usize> = edges
        .iter()
        .enumerate()
        .filter_map(|(k, e)| e.map(|e| (k, e)))
        .filter(|(_, e)| e.edge.relation == Relation::Supports && party(e.from) != party(e.to))
        .map(|(k, _)| k)
        .collect();

    let mut answered = vec![false; n];
    for e in &current {
        if party(e.from) != party(e.to) {
            answered[e.from] = true;
            answered[e.to] = true;
        }
    }
    // A claim inside a disputed point is part of an exchange, even when it
    // only supports its own side.
    let unanswered = (0..n)
        .filter(|&i| !answered[i] && point_of[i].is_none() && superseded_by[i].is_none())
        .filter(|&i| case.party(party(i)).is_none_or(|p| p.role != Role::Press))
        .collect();
    Disputes {
        points,
        common_ground,
        unanswered,
    }
}

fn first_claim(point: &DisputedPoint) -> usize {
    point
        .members
        .values()
        .filter_map(|v| v.first().copied())
        .min()
        .unwrap_or(usize::MAX)
}

/// The terms that the most claims of a point share, weighted by rarity, as
/// they are most often written (lower-cased).
fn key_terms(case: &Case, analyzed: &AnalyzedCase, claims: &[usize]) -> Vec<String> {
    // stem -> (claims containing it, surface form counts)
    let mut stats: BTreeMap<&str, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for &i in claims {
        let analysis = &analyzed.analyses[i];
        let mut seen = BTreeSet::new();
        for token in analysis.tokens.iter().filter(|t| !t.stop) {
            let entry = stats.entry(token.stem.as_str()).or_default();
            if seen.insert(token.stem.as_str()) {
                entry.0 += 1;
            }
            let surface = case.claims[i]
                .text
                .get(token.span.start..token.span.end)
                .unwrap_or(&token.norm)
                .to_lowercase();
            *entry.1.entry(surface).or_default() += 1;
        }
    }
    let mut ranked: Vec<(f64, &str, String)> = stats
        .into_iter()
        .filter(|(_, (count, _))| *count >= 2)
        .map(|(stem, (count, forms))| {
            #[allow(clippy::cast_precision_loss)]
            let score = count as f64 * analyzed.weights.weight(stem);
            let form = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(f, _)| f)
                .unwrap_or_default();
            (score, stem, form)
        })
        .collect();
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    ranked
        .into_iter()
        .take(TITLE_TERMS)
        .map(|(_, _, form)| form)
        .collect()
}
