//! Analysis beyond the list of disputes: the status of every claim, the
//! contradictions within a party, and which claims stand under an
//! argumentation semantics, optionally under a "what if" scenario.
//!
//! Everything here is pure: it reads the case and the claim graph and
//! returns data for the report. [`argumentation`] knows nothing about
//! claims; this module maps claims to arguments and back.

pub mod argumentation;
pub mod status;

use std::collections::BTreeSet;

use crate::case::Case;
use crate::dispute::Disputes;
use crate::error::{Error, Result};
use crate::graph::ClaimGraph;
use crate::infer::Relation;
use argumentation::{Bipolar, ComponentExtensions, Framework, Label, PREFERRED_LIMIT};
pub use status::{ClaimStatus, SelfContradiction, Status, Statuses};

/// A "what if": claims taken as established, and claims struck out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scenario {
    /// Claim ids taken as established: nothing can attack them.
    pub assume: Vec<String>,
    /// Claim ids struck out: they take no part in the argumentation.
    pub exclude: Vec<String>,
}

impl Scenario {
    /// True when nothing is assumed or excluded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.assume.is_empty() && self.exclude.is_empty()
    }
}

/// A claim's acceptance label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimLabel {
    /// A grounded label of a current claim.
    Argument(Label),
    /// The claim is superseded, so it is not its party's position.
    Superseded,
    /// The claim was struck out by the scenario.
    Excluded,
}

impl ClaimLabel {
    /// The label as written in reports: `in`, `out`, `undec`, `superseded`
    /// or `excluded`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimLabel::Argument(label) => label.as_str(),
            ClaimLabel::Superseded => "superseded",
            ClaimLabel::Excluded => "excluded",
        }
    }
}

/// The acceptance of every claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Acceptance {
    /// The grounded label of each claim, under the scenario.
    pub labels: Vec<ClaimLabel>,
    /// The labels with no scenario; equal to `labels` when there is none.
    pub baseline: Vec<ClaimLabel>,
    /// Preferred extensions of each connected part of the framework that
    /// holds an attack (arguments are claim indices), under the scenario.
    pub components: Vec<ComponentExtensions>,
    /// Assumed claims, sorted.
    pub assumed: Vec<usize>,
    /// Excluded claims, sorted.
    pub excluded: Vec<usize>,
    /// False when the support chains would have derived too many attacks
    /// (see [`FLATTEN_STEPS_PER_EDGE`]): the labels then read direct
    /// attacks only.
    pub supports_read: bool,
}

/// Everything this module computes for a report: where each claim stands.
/// (Not [`crate::text::Analysis`], the analysis of one claim's text.)
#[derive(Debug, Clone, PartialEq)]
pub struct CaseAnalysis {
    /// Every claim's statuses ([`Statuses::get`]).
    pub statuses: Statuses,
    /// Contradictions within a party.
    pub self_contradictions: Vec<SelfContradiction>,
    /// Acceptance under the grounded and preferred semantics.
    pub acceptance: Acceptance,
}

impl CaseAnalysis {
    /// Computes the statuses and the acceptance of every claim, with no
    /// scenario.
    #[must_use]
    pub fn baseline(case: &Case, graph: &ClaimGraph, disputes: &Disputes) -> CaseAnalysis {
        let (framework, supports_read) = framework_within(case, graph, &BTreeSet::new());
        let labels = labels(case, graph, &framework, &BTreeSet::new());
        CaseAnalysis {
            statuses: status::compute(case, graph, disputes),
            self_contradictions: status::self_contradictions(case, graph),
            acceptance: Acceptance {
                baseline: labels.clone(),
                labels,
                components: framework.preferred_by_component(PREFERRED_LIMIT),
                assumed: Vec::new(),
                excluded: Vec::new(),
                supports_read,
            },
        }
    }

    /// Computes the statuses and the acceptance of every claim.
    ///
    /// # Errors
    /// [`Error::Usage`] when the scenario names an unknown or superseded
    /// claim, names a claim twice, or assumes two claims that attack each
    /// other.
    pub fn compute(
        case: &Case,
        graph: &ClaimGraph,
        disputes: &Disputes,
        scenario: &Scenario,
    ) -> Result<CaseAnalysis> {
        Ok(CaseAnalysis {
            statuses: status::compute(case, graph, disputes),
            self_contradictions: status::self_contradictions(case, graph),
            acceptance: acceptance(case, graph, scenario)?,
        })
    }
}

/// The bipolar framework of a case: current claims, contradictions as
/// mutual attacks, supports as supports. Claims in `inactive` keep their
/// index but lose every edge.
#[must_use]
pub fn bipolar(case: &Case, graph: &ClaimGraph, inactive: &[bool]) -> Bipolar {
    let mut framework = Bipolar {
        n: case.claims.len(),
        ..Bipolar::default()
    };
    for e in graph.edges() {
        if inactive[e.from] || inactive[e.to] {
            continue;
        }
        match e.edge.relation {
            Relation::Contradicts => {
                framework.attacks.push((e.from, e.to));
                framework.attacks.push((e.to, e.from));
            }
            Relation::Supports => framework.supports.push((e.from, e.to)),
        }
    }
    framework
}

fn acceptance(case: &Case, graph: &ClaimGraph, scenario: &Scenario) -> Result<Acceptance> {
    let superseded_by = case.superseded_by();
    let resolve = |ids: &[String]| -> Result<BTreeSet<usize>> {
        ids.iter()
            .map(|id| {
                let i = claim_index(case, id)?;
                if let Some(newer) = superseded_by[i] {
                    return Err(Error::Usage(format!(
                        "claim \"{id}\" is superseded by \"{}\"; it is not its party's position",
                        case.claims[newer].id
                    )));
                }
                Ok(i)
            })
            .collect()
    };
    let assumed = resolve(&scenario.assume)?;
    let excluded = resolve(&scenario.exclude)?;
    if let Some(&both) = assumed.intersection(&excluded).next() {
        return Err(Error::Usage(format!(
            "claim \"{}\" is both assumed and excluded",
            case.claims[both].id
        )));
    }
    let (framework, supports_read) = framework_within(case, graph, &excluded);
    for &a in &assumed {
        if let Some(b) = framework
            .attackers(a)
            .iter()
            .map(|&b| b as usize)
            .find(|b| assumed.contains(b))
        {
            return Err(Error::Usage(format!(
                "cannot assume both \"{}\" and \"{}\": they contradict each other, directly or through the claims they support",
                case.claims[b.min(a)].id,
                case.claims[b.max(a)].id
            )));
        }
    }
    let framework = if assumed.is_empty() {
        framework
    } else {
        framework.without_attacks_on(&assumed)
    };
    let labels = labels(case, graph, &framework, &excluded);
    let baseline = if scenario.is_empty() {
        labels.clone()
    } else {
        let empty = BTreeSet::new();
        labels_of(case, graph, &empty)
    };
    Ok(Acceptance {
        labels,
        baseline,
        components: framework.preferred_by_component(PREFERRED_LIMIT),
        assumed: assumed.into_iter().collect(),
        excluded: excluded.into_iter().collect(),
        supports_read,
    })
}

/// How many steps deriving the supported and mediated attacks may take,
/// per claim and edge of the case: past it, only direct attacks are read
/// (and the report says so), so that acceptance stays linear in the graph.
pub const FLATTEN_STEPS_PER_EDGE: usize = 16;

/// The flattened Dung framework of the case's current claims, less the
/// excluded ones.
fn framework(case: &Case, graph: &ClaimGraph, excluded: &BTreeSet<usize>) -> Framework {
    framework_within(case, graph, excluded).0
}

/// The framework, and whether it holds the supported and mediated attacks
/// (see [`FLATTEN_STEPS_PER_EDGE`]).
fn framework_within(
    case: &Case,
    graph: &ClaimGraph,
    excluded: &BTreeSet<usize>,
) -> (Framework, bool) {
    let superseded_by = case.superseded_by();
    let inactive: Vec<bool> = (0..case.claims.len())
        .map(|i| superseded_by[i].is_some() || excluded.contains(&i))
        .collect();
    let bipolar = bipolar(case, graph, &inactive);
    let budget = FLATTEN_STEPS_PER_EDGE
        .saturating_mul(bipolar.n + bipolar.attacks.len() + bipolar.supports.len());
    bipolar.flatten_within(budget)
}

fn labels_of(case: &Case, graph: &ClaimGraph, excluded: &BTreeSet<usize>) -> Vec<ClaimLabel> {
    labels(case, graph, &framework(case, graph, excluded), excluded)
}

/// Grounded labels, with claims outside the argumentation marked as such.
/// A duplicate takes the label of the claim that stands for its group.
fn labels(
    case: &Case,
    graph: &ClaimGraph,
    framework: &Framework,
    excluded: &BTreeSet<usize>,
) -> Vec<ClaimLabel> {
    let superseded_by = case.superseded_by();
    let grounded = framework.grounded();
    (0..grounded.len())
        .map(|claim| graph.representative(claim))
        .map(|i| {
            let label = grounded[i];
            if superseded_by[i].is_some() {
                ClaimLabel::Superseded
            } else if excluded.contains(&i) {
                ClaimLabel::Excluded
            } else {
                ClaimLabel::Argument(label)
            }
        })
        .collect()
}

fn claim_index(case: &Case, id: &str) -> Result<usize> {
    case.claim_index(id)
        .ok_or_else(|| Error::unknown_claim(id, case.claims.iter().map(|c| c.id.as_str())))
}
