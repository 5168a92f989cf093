//! Where each claim stands: disputed (and by whom), self-contradicted,
//! common ground, unanswered or undisputed, and the contradictions within a
//! party.
//!
//! Statuses are read off the claim graph, counting only current positions:
//! a superseded claim and its edges are left out, and the claim is instead
//! marked as superseded. A status set by hand in the case replaces the
//! computed one; both are kept so that a report can show them side by side.

use std::collections::BTreeSet;

use crate::case::Case;
use crate::dispute::Disputes;
use crate::graph::ClaimGraph;
use crate::infer::Relation;
use crate::model::StatusKind;

/// One status of a claim.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Status {
    /// Which status.
    pub kind: StatusKind,
    /// For `disputed` and `common-ground`: the other parties, sorted.
    pub parties: Vec<String>,
}

/// The statuses of one claim.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClaimStatus {
    /// Computed statuses in a fixed order: disputed, self-contradicted,
    /// unanswered, undisputed, common-ground. Empty for a superseded claim.
    pub computed: Vec<Status>,
    /// The claim that supersedes this one.
    pub superseded_by: Option<usize>,
}

/// A contradiction between two claims of the same party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfContradiction {
    /// The party.
    pub party: String,
    /// The two claims, lower index first.
    pub claims: [usize; 2],
    /// True when one of the two revises the other (through `supersedes`),
    /// so the party has changed its story rather than holding both.
    pub revised: bool,
}

/// Computes every claim's statuses. A claim is unanswered when the
/// disputes say so (no other party addresses it, it is in no disputed point,
/// and it is not a press claim), so statuses and the report's list agree.
#[must_use]
pub fn compute(case: &Case, graph: &ClaimGraph, disputes: &Disputes) -> Vec<ClaimStatus> {
    let n = case.claims.len();
    let superseded_by = case.superseded_by();
    let party = |i: usize| case.claims[i].party.as_str();
    let mut disputed_by: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); n];
    let mut common_with: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); n];
    let mut self_contradicted = vec![false; n];
    let mut unanswered = vec![false; n];
    for &i in &disputes.unanswered {
        unanswered[i] = true;
    }
    for e in graph.edges() {
        if superseded_by[e.from].is_some() || superseded_by[e.to].is_some() {
            continue;
        }
        let (a, b) = (e.from, e.to);
        let same_party = party(a) == party(b);
        match e.edge.relation {
            Relation::Contradicts if same_party => {
                self_contradicted[a] = true;
                self_contradicted[b] = true;
            }
            Relation::Contradicts => {
                disputed_by[a].insert(party(b));
                disputed_by[b].insert(party(a));
            }
            Relation::Supports if !same_party => {
                common_with[a].insert(party(b));
                common_with[b].insert(party(a));
            }
            Relation::Supports => {}
        }
    }
    (0..n)
        .map(|i| {
            // A duplicate stands where the claim that stands for its group
            // does (neither is ever superseded: such claims are not grouped).
            let i = graph.representative(i);
            if superseded_by[i].is_some() {
                return ClaimStatus {
                    computed: Vec::new(),
                    superseded_by: superseded_by[i],
                };
            }
            let mut computed = Vec::new();
            let owned = |set: &BTreeSet<&str>| set.iter().map(|p| (*p).to_owned()).collect();
            if !disputed_by[i].is_empty() {
                computed.push(Status {
                    kind: StatusKind::Disputed,
                    parties: owned(&disputed_by[i]),
                });
            }
            if self_contradicted[i] {
                computed.push(Status {
                    kind: StatusKind::SelfContradicted,
                    parties: Vec::new(),
                });
            }
            if computed.is_empty() {
                let kind = if unanswered[i] {
                    StatusKind::Unanswered
                } else {
                    StatusKind::Undisputed
                };
                computed.push(Status {
                    kind,
                    parties: Vec::new(),
                });
            }
            if !common_with[i].is_empty() {
                computed.push(Status {
                    kind: StatusKind::CommonGround,
                    parties: owned(&common_with[i]),
                });
            }
            ClaimStatus {
                computed,
                superseded_by: None,
            }
        })
        .collect()
}

/// Every contradiction between two claims of the same party, sorted by
/// party, then claims. Superseded claims are kept: a party that changed its
/// story is news, and `revised` says so.
#[must_use]
pub fn self_contradictions(case: &Case, graph: &ClaimGraph) -> Vec<SelfContradiction> {
    let superseded_by = case.superseded_by();
    // True when `newer` revises `older`, directly or through a chain.
    let revises = |newer: usize, older: usize| {
        let mut at = older;
        for _ in 0..case.claims.len() {
            match superseded_by[at] {
                Some(next) if next == newer => return true,
                Some(next) => at = next,
                None => return false,
            }
        }
        false
    };
    let mut found: Vec<SelfContradiction> = graph
        .edges()
        .into_iter()
        .filter(|e| e.edge.relation == Relation::Contradicts)
        .filter(|e| case.claims[e.from].party == case.claims[e.to].party)
        .map(|e| {
            let (a, b) = (e.from.min(e.to), e.from.max(e.to));
            SelfContradiction {
                party: case.claims[a].party.clone(),
                claims: [a, b],
                revised: revises(a, b) || revises(b, a),
            }
        })
        .collect();
    found.sort_by(|x, y| x.party.cmp(&y.party).then(x.claims.cmp(&y.claims)));
    found
}

impl Status {
    /// The status in words, such as `disputed by parquet`.
    #[must_use]
    pub fn describe(&self) -> String {
        describe(self.kind.as_str(), &self.parties)
    }
}

/// A status kind and its parties in words: `disputed by a, b`,
/// `common-ground with a`.
#[must_use]
pub fn describe(kind: &str, parties: &[String]) -> String {
    if parties.is_empty() {
        return kind.to_owned();
    }
    let joiner = if kind == StatusKind::CommonGround.as_str() {
        "with"
    } else {
        "by"
    };
    format!("{kind} {joiner} {}", parties.join(", "))
}
