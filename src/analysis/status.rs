//! Where each claim stands: disputed (and by whom), self-contradicted,
//! common ground, unanswered or undisputed, and the contradictions within a
//! party.
//!
//! Statuses are read off the claim graph, counting only current positions:
//! a superseded claim and its edges are left out, and the claim is instead
//! marked as superseded. A status set by hand in the case replaces the
//! computed one; both are kept so that a report can show them side by side.

use crate::case::Case;
use crate::dispute::Disputes;
use crate::graph::ClaimGraph;
use crate::infer::Relation;
use crate::lists::{Lists, index32};
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

/// Every claim's statuses, kept compact: a case of a million claims has a
/// handful of parties, so the lists hold party numbers, not a million
/// copies of their names. [`Statuses::get`] builds one claim's
/// [`ClaimStatus`] when a report asks for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Statuses {
    /// The case's party ids, sorted: the lists below hold their indices.
    parties: Vec<String>,
    /// Per claim, the claim whose statuses it takes: a duplicate stands
    /// where the claim that stands for its group does (neither is ever
    /// superseded: such claims are not grouped).
    stands_as: Vec<u32>,
    /// Per claim, the claim that supersedes it.
    superseded_by: Vec<Option<usize>>,
    /// Per claim, [`SELF_CONTRADICTED`] and [`UNANSWERED`].
    flags: Vec<u8>,
    /// Per claim, the other parties that contradict it, sorted.
    disputed_by: Lists<u32>,
    /// Per claim, the other parties that support it or that it supports,
    /// sorted.
    common_with: Lists<u32>,
}

const SELF_CONTRADICTED: u8 = 1;
const UNANSWERED: u8 = 2;

impl Statuses {
    /// The number of claims.
    #[must_use]
    pub fn len(&self) -> usize {
        self.stands_as.len()
    }

    /// True when the case has no claims.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stands_as.is_empty()
    }

    /// The statuses of claim `i` (an index below [`Statuses::len`]).
    #[must_use]
    pub fn get(&self, i: usize) -> ClaimStatus {
        let i = self.stands_as[i] as usize;
        if self.superseded_by[i].is_some() {
            return ClaimStatus {
                computed: Vec::new(),
                superseded_by: self.superseded_by[i],
            };
        }
        let owned = |list: &[u32]| -> Vec<String> {
            list.iter()
                .map(|&p| self.parties[p as usize].clone())
                .collect()
        };
        let mut computed = Vec::new();
        if !self.disputed_by.get(i).is_empty() {
            computed.push(Status {
                kind: StatusKind::Disputed,
                parties: owned(self.disputed_by.get(i)),
            });
        }
        if self.flags[i] & SELF_CONTRADICTED != 0 {
            computed.push(Status {
                kind: StatusKind::SelfContradicted,
                parties: Vec::new(),
            });
        }
        if computed.is_empty() {
            let kind = if self.flags[i] & UNANSWERED != 0 {
                StatusKind::Unanswered
            } else {
                StatusKind::Undisputed
            };
            computed.push(Status {
                kind,
                parties: Vec::new(),
            });
        }
        if !self.common_with.get(i).is_empty() {
            computed.push(Status {
                kind: StatusKind::CommonGround,
                parties: owned(self.common_with.get(i)),
            });
        }
        ClaimStatus {
            computed,
            superseded_by: None,
        }
    }
}

/// Computes every claim's statuses. A claim is unanswered when the
/// disputes say so (no other party addresses it, it is in no disputed point,
/// and it is not a press claim), so statuses and the report's list agree.
#[must_use]
pub fn compute(case: &Case, graph: &ClaimGraph, disputes: &Disputes) -> Statuses {
    let n = case.claims.len();
    let superseded_by = case.superseded_by();
    let mut parties: Vec<&str> = case.claims.iter().map(|c| c.party.as_str()).collect();
    parties.sort_unstable();
    parties.dedup();
    let party_of: Vec<u32> = case
        .claims
        .iter()
        .map(|c| index32(parties.binary_search(&c.party.as_str()).unwrap_or(0)))
        .collect();
    let mut flags = vec![0u8; n];
    for &i in &disputes.unanswered {
        flags[i] |= UNANSWERED;
    }
    // (claim, other party) pairs, sorted and without repeats, become each
    // claim's sorted list of parties.
    let mut disputed: Vec<(u32, u32)> = Vec::new();
    let mut common: Vec<(u32, u32)> = Vec::new();
    for e in graph.edges() {
        if superseded_by[e.from].is_some() || superseded_by[e.to].is_some() {
            continue;
        }
        let (a, b) = (e.from, e.to);
        let same_party = party_of[a] == party_of[b];
        let (a32, b32) = (index32(a), index32(b));
        match e.edge.relation {
            Relation::Contradicts if same_party => {
                flags[a] |= SELF_CONTRADICTED;
                flags[b] |= SELF_CONTRADICTED;
            }
            Relation::Contradicts => {
                disputed.push((a32, party_of[b]));
                disputed.push((b32, party_of[a]));
            }
            Relation::Supports if !same_party => {
                common.push((a32, party_of[b]));
                common.push((b32, party_of[a]));
            }
            Relation::Supports => {}
        }
    }
    Statuses {
        parties: parties.iter().map(|&p| p.to_owned()).collect(),
        stands_as: (0..n).map(|i| index32(graph.representative(i))).collect(),
        superseded_by,
        flags,
        disputed_by: party_lists(n, disputed),
        common_with: party_lists(n, common),
    }
}

/// Per claim, the parties of its `(claim, party)` pairs, sorted, each once.
fn party_lists(n: usize, mut pairs: Vec<(u32, u32)>) -> Lists<u32> {
    pairs.sort_unstable();
    pairs.dedup();
    Lists::from_pairs(n, &pairs, |&(claim, party)| (claim as usize, party))
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
