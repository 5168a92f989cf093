//! The report: a plain data model of everything a reader is shown, built
//! once from the case, the graph and the disputes, then rendered.
//!
//! The JSON form of [`Report`] is the versioned `claimgraph.report/1`
//! schema (documented in `docs/report-format.md`); the text, Markdown,
//! HTML, DOT, GraphML and AIF renderers read the same model, so every format
//! shows the same facts. Renderers write to `&mut dyn Write` and never touch
//! the file system.

pub mod aif;
pub mod dot;
pub mod escape;
pub mod graphml;
pub mod html;
pub mod json;
pub mod markdown;
mod sections;
pub mod svg;
pub mod text;

use std::io::Write;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::argumentation::{PREFERRED_LIMIT, TooLarge};
use crate::analysis::{CaseAnalysis, ClaimLabel};
use crate::analyzed::AnalyzedCase;
use crate::case::Case;
use crate::dispute::Disputes;
use crate::graph::{ClaimGraph, EdgeRefView, Provenance};
use crate::infer::{Assessment, Relation, Side, round3};
use crate::model::{Claim, Role, Source};

/// The report format's version tag.
pub const REPORT_FORMAT: &str = "claimgraph.report/1";

/// A disputed-points report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`REPORT_FORMAT`].
    pub format: String,
    /// The case.
    pub case: ReportCase,
    /// Counts.
    pub summary: Summary,
    /// Parties, sorted by id.
    pub parties: Vec<ReportParty>,
    /// Sources, sorted by id.
    pub sources: Vec<Source>,
    /// Claims, sorted by id.
    pub claims: Vec<Claim>,
    /// Every edge, sorted by relation, then claim ids.
    pub edges: Vec<ReportEdge>,
    /// Disputed points, by weight.
    pub disputed_points: Vec<ReportPoint>,
    /// Ids of supports edges between claims of different parties.
    pub common_ground: Vec<String>,
    /// Ids of claims that no other party's claim addresses.
    pub unanswered: Vec<String>,
    /// The status and acceptance label of every claim, sorted by claim id.
    #[serde(default)]
    pub statuses: Vec<ReportClaimStatus>,
    /// Contradictions between claims of the same party.
    #[serde(default)]
    pub self_contradictions: Vec<ReportSelfContradiction>,
    /// How the acceptance labels were computed, the preferred extensions,
    /// and what a scenario (`--assume`, `--exclude`) changed.
    #[serde(default)]
    pub acceptance: ReportAcceptance,
    /// Statements made word for word by more than one claim, sorted by
    /// their first claim. Of each party's copies only the first takes part
    /// in the graph and the others stand where it stands, unless a person
    /// named one (annotation, status, revision, scenario), which then takes
    /// part on its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<ReportDuplicate>,
}

/// A statement made word for word (same text, same language) by several
/// claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDuplicate {
    /// The claims that make it, sorted.
    pub claims: Vec<String>,
    /// Their parties, sorted.
    pub parties: Vec<String>,
}

impl ReportDuplicate {
    /// "said by 14 claims of 3 parties: a, b, c, d, e and 9 more".
    #[must_use]
    pub fn describe(&self) -> String {
        const SHOWN: usize = 5;
        let mut ids = self.claims[..self.claims.len().min(SHOWN)].join(", ");
        if self.claims.len() > SHOWN {
            ids.push_str(&format!(" and {} more", self.claims.len() - SHOWN));
        }
        let parties = match self.parties.len() {
            1 => "1 party".to_owned(),
            n => format!("{n} parties"),
        };
        format!("said by {} claims of {parties}: {ids}", self.claims.len())
    }
}

/// Where one claim stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportClaimStatus {
    /// Claim id.
    pub claim: String,
    /// The claim's party.
    pub party: String,
    /// The statuses that apply: the manual one when a person set it,
    /// otherwise the computed ones. Empty for a superseded claim.
    pub status: Vec<ReportStatus>,
    /// Set when the status was set by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<ReportManualStatus>,
    /// The computed statuses, when a manual one replaces them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub computed: Vec<ReportStatus>,
    /// The claim that revises this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// Grounded label: `in`, `out`, `undec`, or `superseded`/`excluded`
    /// for claims outside the argumentation.
    pub acceptance: String,
}

/// One status of a claim.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReportStatus {
    /// `undisputed`, `disputed`, `unanswered`, `common-ground` or
    /// `self-contradicted`.
    pub kind: String,
    /// For `disputed` and `common-ground`: the other parties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
}

impl ReportStatus {
    /// The status in words, such as `disputed by parquet`.
    #[must_use]
    pub fn describe(&self) -> String {
        crate::analysis::status::describe(&self.kind, &self.parties)
    }
}

/// Who set a status by hand, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportManualStatus {
    /// The annotator's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The annotator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// A contradiction between two claims of one party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSelfContradiction {
    /// The party.
    pub party: String,
    /// The contradiction edge's id.
    pub edge: String,
    /// True when one claim revises the other through `supersedes`.
    pub revised: bool,
}

/// Acceptance semantics and their results beyond the per-claim labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportAcceptance {
    /// How supports are read (see `docs/analysis.md`).
    pub support: String,
    /// Largest component whose preferred extensions are enumerated.
    pub preferred_limit: usize,
    /// Claims taken as established (`--assume`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<String>,
    /// Claims struck out (`--exclude`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<String>,
    /// Each connected group of claims that attack one another.
    pub components: Vec<ReportComponent>,
    /// Labels that the scenario changed, by claim id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ReportLabelChange>,
}

/// A connected group of claims that attack one another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportComponent {
    /// Its claims, sorted.
    pub claims: Vec<String>,
    /// Its preferred extensions, each sorted; absent when the group is
    /// over the limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred: Option<Vec<Vec<String>>>,
    /// Why the preferred extensions are absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A label that a scenario changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportLabelChange {
    /// Claim id.
    pub claim: String,
    /// The label without the scenario.
    pub from: String,
    /// The label with it.
    pub to: String,
}

/// One party's dated claims within a disputed point, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportTimeline {
    /// Party id.
    pub party: String,
    /// Dated claims, by date then id.
    pub entries: Vec<ReportTimelineEntry>,
}

/// A dated claim in a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportTimelineEntry {
    /// Claim id.
    pub claim: String,
    /// Its date.
    pub date: String,
    /// The claim that revises it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
}

/// Case metadata in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportCase {
    /// The case id.
    pub id: String,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Counts shown at the top of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of claims.
    pub claims: usize,
    /// Number of parties.
    pub parties: usize,
    /// Number of contradiction edges.
    pub contradictions: usize,
    /// Number of support edges.
    pub supports: usize,
    /// Edges found by the rules.
    pub inferred_edges: usize,
    /// Edges from annotations.
    pub annotated_edges: usize,
    /// Number of disputed points.
    pub disputed_points: usize,
    /// Claims (representatives of duplicate groups) that hold
    /// `max_relations_per_claim` inferred relations of their own: the rules
    /// may have found more for them, and each keeps only its strongest.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub claims_at_relation_bound: usize,
    /// The bound, when any claim reached it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_relations_per_claim: Option<usize>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A party in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportParty {
    /// Party id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// How many claims it holds.
    pub claims: usize,
}

/// Colour of contradictions, in the map and in DOT (`html/style.css`
/// repeats it as `--red`).
pub const CONTRADICTS_COLOUR: &str = "#c62828";
/// Colour of supports, in the map and in DOT (`--green` in the style).
pub const SUPPORTS_COLOUR: &str = "#2e7d32";

/// Party colours, chosen far from the red and green of the edges.
const PALETTE: &[&str] = &[
    "#1f5fa8", "#6a3d9a", "#b35806", "#00838f", "#795548", "#ad1457", "#455a64", "#827717",
];

/// The colour of the party at `index` in [`Report::parties`], the same in
/// every renderer that colours parties.
#[must_use]
pub fn party_colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// Parties in the order reports show them side by side, by
/// [`Role::rank`], ties by id. Each comes with its index in
/// [`Report::parties`], which [`party_colour`] reads.
#[must_use]
pub fn party_order(report: &Report) -> Vec<(usize, &ReportParty)> {
    let mut parties: Vec<(usize, &ReportParty)> = report.parties.iter().enumerate().collect();
    parties.sort_by_key(|(_, party)| (party.role.rank(), party.id.as_str()));
    parties
}

/// An edge in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEdge {
    /// Stable id: `A~B` for a contradiction (ids sorted), `A>B` for A
    /// supports B.
    pub id: String,
    /// `contradicts` or `supports`.
    pub relation: String,
    /// First claim id (the supporting claim for `supports`).
    pub from: String,
    /// Second claim id.
    pub to: String,
    /// 0 to 1; 1 for annotations.
    pub confidence: f64,
    /// Why the edge is there.
    pub provenance: ReportProvenance,
}

/// Why an edge is there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ReportProvenance {
    /// Inferred by the rules.
    Inferred {
        /// The rules' combined score (cue strength times relatedness and
        /// modifiers), which decides the edge; the edge's `confidence` is
        /// its calibrated estimate (see `docs/eval.md`). Absent from
        /// reports written before calibration: read as 0.
        #[serde(default)]
        score: f64,
        /// Weighted Dice similarity.
        similarity: f64,
        /// Weighted containment of the smaller claim.
        containment: f64,
        /// Shared terms (stems), heaviest first.
        shared_terms: Vec<String>,
        /// The rules that fired, in rule order.
        rules: Vec<ReportRule>,
    },
    /// Asserted in an annotation.
    Annotated {
        /// The annotator's note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// The annotator.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        author: Option<String>,
    },
}

/// One fired rule in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRule {
    /// Rule id.
    pub rule: String,
    /// Score.
    pub score: f64,
    /// Plain-words detail.
    pub detail: String,
    /// What it fired on.
    pub evidence: Vec<ReportEvidence>,
}

/// A matched span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEvidence {
    /// The claim it is in.
    pub claim: String,
    /// The text matched.
    pub text: String,
    /// Start, in characters from the start of the claim text.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
}

/// A disputed point in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPoint {
    /// `D1`, `D2`, … in rank order.
    pub id: String,
    /// The title readers see: the case's own title for the point when it
    /// sets one, otherwise the key phrase of the point's most contradicted
    /// claim, cut at a word boundary. Never empty.
    pub title: String,
    /// Where the title comes from: `case` (set by hand in the case's
    /// `points`) or `claims` (derived from the most contradicted claim).
    #[serde(default)]
    pub title_source: String,
    /// The key shared terms.
    pub terms: Vec<String>,
    /// Sum of edge confidences (supports count a quarter); it ranks the
    /// points.
    pub weight: f64,
    /// One entry per party involved.
    pub sides: Vec<ReportSide>,
    /// Ids of the edges within the point.
    pub edges: Vec<String>,
    /// Each party's dated claims in the point (and the claims they
    /// revise), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<ReportTimeline>,
}

/// One party's side of a disputed point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSide {
    /// Party id.
    pub party: String,
    /// Claims in contradiction with another side.
    pub claims: Vec<String>,
    /// Claims that support this side's claims.
    pub supporting: Vec<String>,
    /// Whether the side's claims stand under the grounded semantics:
    /// `stands` (all in), `falls` (all out), `undecided` (all undec) or
    /// `mixed`.
    #[serde(default)]
    pub standing: String,
    /// The standing in words, with why: "stands: no undefeated claim
    /// attacks it", "undecided: each side attacks the other", …
    #[serde(default)]
    pub standing_reason: String,
}

impl ReportSide {
    /// The standing with its reason; the bare label for a report of an
    /// older version, which carries none.
    #[must_use]
    pub fn in_words(&self) -> &str {
        if self.standing_reason.is_empty() {
            &self.standing
        } else {
            &self.standing_reason
        }
    }
}

impl Report {
    /// Builds the report.
    ///
    /// # Errors
    /// [`crate::Error::VerdictMismatch`] when an inferred edge's rules, run
    /// again for its evidence, no longer give its verdict (a bug).
    pub fn build(
        case: &Case,
        analyzed: &AnalyzedCase,
        graph: &ClaimGraph,
        disputes: &Disputes,
        analysis: &CaseAnalysis,
    ) -> crate::Result<Report> {
        let edges_view = graph.edges();
        let mut report = Report::without_long_lists(case, graph, &edges_view, disputes, analysis);
        report.claims = case.claims.clone();
        report.statuses = (0..case.claims.len())
            .map(|i| claim_status(case, analysis, i))
            .collect();
        let points = Points::new(case, &edges_view, disputes, analysis);
        report.disputed_points = (0..points.len())
            .into_par_iter()
            .map(|k| points.point(k))
            .collect();
        // Every inferred edge's rules run again here (edges keep only their
        // verdict), so in parallel.
        report.edges = edges_view
            .par_iter()
            .with_min_len(64)
            .map(|e| report_edge(case, analyzed, e))
            .collect::<crate::Result<_>>()?;
        Ok(report)
    }

    /// Everything in a report but its claims, edges, disputed points and
    /// statuses, the lists that grow with the case: the JSON writer
    /// serialises those straight from the case, the graph, the disputes and
    /// the analysis (see [`json::write_pipeline`]).
    fn without_long_lists(
        case: &Case,
        graph: &ClaimGraph,
        edges_view: &[EdgeRefView<'_>],
        disputes: &Disputes,
        analysis: &CaseAnalysis,
    ) -> Report {
        let id = |i: usize| case.claims[i].id.clone();
        let claims_per_party = case.claims_by_party();
        let parties = case
            .parties
            .iter()
            .map(|p| ReportParty {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role,
                claims: claims_per_party.get(p.id.as_str()).map_or(0, Vec::len),
            })
            .collect();
        let count = |relation: Relation| {
            edges_view
                .iter()
                .filter(|e| e.edge.relation == relation)
                .count()
        };
        let annotated = edges_view
            .iter()
            .filter(|e| matches!(e.edge.provenance, Provenance::Annotated { .. }))
            .count();
        Report {
            format: REPORT_FORMAT.to_owned(),
            case: ReportCase {
                id: case.meta.id.clone(),
                title: case.meta.title.clone(),
                language: case.meta.language.map(|l| l.code().to_owned()),
                description: case.meta.description.clone(),
            },
            summary: Summary {
                claims: case.claims.len(),
                parties: case.parties.len(),
                contradictions: count(Relation::Contradicts),
                supports: count(Relation::Supports),
                inferred_edges: edges_view.len() - annotated,
                annotated_edges: annotated,
                disputed_points: disputes.points.len(),
                claims_at_relation_bound: graph.at_bound,
                max_relations_per_claim: (graph.at_bound > 0)
                    .then_some(case.config.max_relations_per_claim),
            },
            parties,
            sources: case.sources.clone(),
            claims: Vec::new(),
            common_ground: disputes
                .common_ground
                .iter()
                .map(|&k| edge_id(case, &edges_view[k]))
                .collect(),
            unanswered: disputes.unanswered.iter().map(|&i| id(i)).collect(),
            statuses: Vec::new(),
            self_contradictions: analysis
                .self_contradictions
                .iter()
                .map(|s| ReportSelfContradiction {
                    party: s.party.clone(),
                    edge: format!("{}~{}", id(s.claims[0]), id(s.claims[1])),
                    revised: s.revised,
                })
                .collect(),
            acceptance: acceptance(case, analysis),
            edges: Vec::new(),
            disputed_points: Vec::new(),
            duplicates: duplicates(case, graph),
        }
    }

    /// For each claim id that repeats a statement, its [`ReportDuplicate`].
    #[must_use]
    pub fn duplicate_index(&self) -> std::collections::HashMap<&str, &ReportDuplicate> {
        self.duplicates
            .iter()
            .flat_map(|d| d.claims.iter().map(move |c| (c.as_str(), d)))
            .collect()
    }

    /// The claim with this id.
    #[must_use]
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.claims[i])
    }

    /// Every edge by id, for renderers that look many up.
    #[must_use]
    pub fn edge_index(&self) -> std::collections::HashMap<&str, &ReportEdge> {
        self.edges.iter().map(|e| (e.id.as_str(), e)).collect()
    }

    /// The edge with this id.
    #[must_use]
    pub fn edge(&self, id: &str) -> Option<&ReportEdge> {
        self.edges.iter().find(|e| e.id == id)
    }

    /// The position of a claim in [`Report::claims`].
    #[must_use]
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.claims.binary_search_by(|c| c.id.as_str().cmp(id)).ok()
    }

    /// The source with this id.
    #[must_use]
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The ids of the disputed points each claim takes part in, by claim id.
    #[must_use]
    pub fn points_by_claim(&self) -> std::collections::BTreeMap<&str, Vec<&str>> {
        let mut map: std::collections::BTreeMap<&str, Vec<&str>> =
            std::collections::BTreeMap::new();
        for point in &self.disputed_points {
            for side in &point.sides {
                for claim in side.claims.iter().chain(&side.supporting) {
                    let points = map.entry(claim.as_str()).or_default();
                    if !points.contains(&point.id.as_str()) {
                        points.push(point.id.as_str());
                    }
                }
            }
        }
        map
    }

    /// A point's figures in words (`index` is [`Report::edge_index`], built
    /// once by the caller): who disputes it and on how many relations, such as "between Pavel Durov and Parquet de Paris:
    /// 3 contradictions (1 inferred) and 3 supports".
    #[must_use]
    pub fn point_figures(
        &self,
        point: &ReportPoint,
        index: &std::collections::HashMap<&str, &ReportEdge>,
    ) -> String {
        let edges: Vec<&ReportEdge> = point
            .edges
            .iter()
            .filter_map(|id| index.get(id.as_str()).copied())
            .collect();
        let contradictions = edges.iter().filter(|e| e.relation == "contradicts").count();
        let inferred = edges
            .iter()
            .filter(|e| e.relation == "contradicts" && e.provenance_kind() == "inferred")
            .count();
        let supports = edges.len() - contradictions;
        let names: Vec<&str> = point
            .sides
            .iter()
            .filter(|s| !s.claims.is_empty())
            .map(|s| self.party_name(&s.party))
            .collect();
        let between = match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let inferred = match inferred {
            0 => String::new(),
            n if n == contradictions => " (all inferred)".to_owned(),
            n => format!(" ({n} inferred)"),
        };
        format!(
            "between {between}: {}{inferred} and {}",
            plural(contradictions, "contradiction"),
            plural(supports, "support")
        )
    }

    /// A preferred extension in words: its claims grouped by party, such
    /// as "Pavel Durov: d-a, d-b; Parquet: p-c".
    #[must_use]
    pub fn extension_in_words(&self, extension: &[String]) -> String {
        self.extension_by_party(extension)
            .into_iter()
            .map(|(party, ids)| format!("{party}: {}", ids.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// A preferred extension's claims grouped by party (by party id),
    /// each with the party's display name.
    #[must_use]
    pub fn extension_by_party<'a>(
        &'a self,
        extension: &'a [String],
    ) -> Vec<(&'a str, Vec<String>)> {
        let mut by_party: std::collections::BTreeMap<&str, Vec<String>> =
            std::collections::BTreeMap::new();
        for id in extension {
            let party = self.claim(id).map_or("?", |c| c.party.as_str());
            by_party.entry(party).or_default().push(id.clone());
        }
        by_party
            .into_iter()
            .map(|(party, ids)| (self.party_name(party), ids))
            .collect()
    }

    /// The display name of a party.
    #[must_use]
    pub fn party_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.parties
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.name.as_str())
    }
}

/// What building a disputed point of the report reads, computed once: the
/// points are built one at a time, in parallel, by the JSON writer's
/// batches or by [`Report::build`].
pub(crate) struct Points<'a> {
    case: &'a Case,
    edges_view: &'a [EdgeRefView<'a>],
    disputes: &'a Disputes,
    analysis: &'a CaseAnalysis,
    superseded_by: Vec<Option<usize>>,
    /// `revised[i]`: the claims that claim `i` supersedes.
    revised: Vec<Vec<usize>>,
    titles: std::collections::BTreeMap<usize, String>,
}

impl<'a> Points<'a> {
    pub(crate) fn new(
        case: &'a Case,
        edges_view: &'a [EdgeRefView<'a>],
        disputes: &'a Disputes,
        analysis: &'a CaseAnalysis,
    ) -> Points<'a> {
        let superseded_by = case.superseded_by();
        let mut revised: Vec<Vec<usize>> = vec![Vec::new(); case.claims.len()];
        for (old, by) in superseded_by.iter().enumerate() {
            if let Some(newer) = by {
                revised[*newer].push(old);
            }
        }
        Points {
            case,
            edges_view,
            disputes,
            analysis,
            superseded_by,
            revised,
            titles: case_titles(case, disputes),
        }
    }

    /// How many points there are.
    pub(crate) fn len(&self) -> usize {
        self.disputes.points.len()
    }

    /// Point `k` as the report gives it.
    pub(crate) fn point(&self, k: usize) -> ReportPoint {
        let Points {
            case,
            edges_view,
            analysis,
            ..
        } = *self;
        let p = &self.disputes.points[k];
        let id = |i: usize| case.claims[i].id.clone();
        let mut parties: Vec<&String> = p.members.keys().chain(p.supporting.keys()).collect();
        parties.sort();
        parties.dedup();
        let timeline = timeline(
            case,
            &self.superseded_by,
            &self.revised,
            p.members
                .values()
                .chain(p.supporting.values())
                .flatten()
                .copied(),
        );
        let (title, title_source) = match self.titles.get(&k) {
            Some(title) => (title.clone(), "case"),
            None => (derived_title(case, edges_view, p, k), "claims"),
        };
        ReportPoint {
            id: format!("D{}", k + 1),
            title,
            title_source: title_source.to_owned(),
            terms: p.terms.clone(),
            weight: round3(p.weight),
            sides: parties
                .into_iter()
                .map(|party| ReportSide {
                    party: party.clone(),
                    claims: p
                        .members
                        .get(party)
                        .map(|v| v.iter().map(|&i| id(i)).collect())
                        .unwrap_or_default(),
                    supporting: p
                        .supporting
                        .get(party)
                        .map(|v| v.iter().map(|&i| id(i)).collect())
                        .unwrap_or_default(),
                    standing: standing(
                        p.members.get(party).map_or(&[], Vec::as_slice),
                        &analysis.acceptance.labels,
                    )
                    .to_owned(),
                    standing_reason: standing_reason(
                        case,
                        edges_view,
                        p,
                        party,
                        &analysis.acceptance.labels,
                    ),
                })
                .collect(),
            edges: p
                .edges
                .iter()
                .map(|&k| edge_id(case, &edges_view[k]))
                .collect(),
            timeline,
        }
    }
}

/// The status of claim `i` as the report gives it.
pub(crate) fn claim_status(case: &Case, analysis: &CaseAnalysis, i: usize) -> ReportClaimStatus {
    let to_report = |s: crate::analysis::Status| ReportStatus {
        kind: s.kind.as_str().to_owned(),
        parties: s.parties,
    };
    let claim = &case.claims[i];
    let status = analysis.statuses.get(i);
    let label = &analysis.acceptance.labels[i];
    // Built for this call (`Statuses::get`), so its strings are moved.
    let computed: Vec<ReportStatus> = status.computed.into_iter().map(to_report).collect();
    let superseded_by = status.superseded_by.map(|i| case.claims[i].id.clone());
    match case.manual_status(&claim.id) {
        Some(manual) => ReportClaimStatus {
            claim: claim.id.clone(),
            party: claim.party.clone(),
            status: vec![ReportStatus {
                kind: manual.status.as_str().to_owned(),
                parties: manual.parties.clone(),
            }],
            manual: Some(ReportManualStatus {
                note: manual.note.clone(),
                author: manual.author.clone(),
            }),
            computed,
            superseded_by,
            acceptance: label.as_str().to_owned(),
        },
        None => ReportClaimStatus {
            claim: claim.id.clone(),
            party: claim.party.clone(),
            status: computed,
            manual: None,
            computed: Vec::new(),
            superseded_by,
            acceptance: label.as_str().to_owned(),
        },
    }
}

fn acceptance(case: &Case, analysis: &CaseAnalysis) -> ReportAcceptance {
    let acceptance = &analysis.acceptance;
    let ids = |list: &[usize]| -> Vec<String> {
        list.iter().map(|&i| case.claims[i].id.clone()).collect()
    };
    ReportAcceptance {
        support: if acceptance.supports_read {
            "deductive: supported and mediated attacks".to_owned()
        } else {
            format!(
                "not read: the supported and mediated attacks of this case's support chains would take over {} steps per claim and edge to derive, so the labels count direct attacks only",
                crate::analysis::FLATTEN_STEPS_PER_EDGE
            )
        },
        preferred_limit: PREFERRED_LIMIT,
        assumed: ids(&acceptance.assumed),
        excluded: ids(&acceptance.excluded),
        components: acceptance
            .components
            .iter()
            .map(|c| match &c.preferred {
                Ok(extensions) => ReportComponent {
                    claims: ids(&c.arguments),
                    preferred: Some(extensions.iter().map(|e| ids(e)).collect()),
                    note: None,
                },
                Err(TooLarge::Component { size }) => ReportComponent {
                    claims: ids(&c.arguments),
                    preferred: None,
                    note: Some(format!(
                        "{size} claims attack one another here, over the limit of {PREFERRED_LIMIT} for preferred extensions; only the grounded labels are shown"
                    )),
                },
                Err(TooLarge::Combinations) => ReportComponent {
                    claims: ids(&c.arguments),
                    preferred: None,
                    note: Some("too many preferred extensions to list".to_owned()),
                },
            })
            .collect(),
        changes: acceptance
            .labels
            .iter()
            .zip(&acceptance.baseline)
            .enumerate()
            .filter(|(_, (now, before))| now != before)
            .map(|(i, (now, before))| ReportLabelChange {
                claim: case.claims[i].id.clone(),
                from: before.as_str().to_owned(),
                to: now.as_str().to_owned(),
            })
            .collect(),
    }
}

/// Whether a side's member claims stand.
fn standing(members: &[usize], labels: &[ClaimLabel]) -> &'static str {
    use crate::analysis::argumentation::Label;
    let all = |label: Label| {
        members
            .iter()
            .all(|&i| labels.get(i) == Some(&ClaimLabel::Argument(label)))
    };
    if members.is_empty() {
        "undecided"
    } else if all(Label::In) {
        "stands"
    } else if all(Label::Out) {
        "falls"
    } else if all(Label::Undec) {
        "undecided"
    } else {
        "mixed"
    }
}

/// What every visual mark of the graph formats means, one meaning per
/// mark: the HTML map's caption, the DOT legend and the GraphML
/// description all print these lines.
pub const LEGEND: [(&str, &str); 5] = [
    (
        "red line",
        "contradicts: the two claims cannot both be true",
    ),
    ("green arrow", "supports, pointing at the supported claim"),
    ("solid line", "annotated by a person"),
    ("dashed line", "inferred by the rules"),
    (
        "thick border",
        "a claim a disputed point sets against another party's (thin: any other claim)",
    ),
];

/// [`LEGEND`] as one sentence per mark.
#[must_use]
pub fn legend_text() -> String {
    LEGEND
        .iter()
        .map(|(mark, meaning)| format!("{mark}: {meaning}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a point's weight is, for the evidence: readers see the point's
/// figures in words instead.
#[must_use]
pub fn weight_in_words(point: &ReportPoint) -> String {
    format!(
        "rank weight {:.3}: the confidences of its contradictions plus a quarter of its supports'",
        point.weight
    )
}

/// What the preferred extensions are, in a sentence.
pub const PREFERRED_IN_WORDS: &str = "positions a reader can hold consistently (preferred extensions: each a largest set of claims that do not attack one another and answer every attack)";

/// Longest derived title, in characters, before it is cut at a word.
pub const TITLE_CHARS: usize = 72;

/// The titles a case sets by hand, by point index: each entry goes to the
/// point holding the most of its claims (at least one; the higher ranked
/// on a tie), and the first entry that picks a point wins it.
fn case_titles(case: &Case, disputes: &Disputes) -> std::collections::BTreeMap<usize, String> {
    let mut point_of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (k, p) in disputes.points.iter().enumerate() {
        for &i in p.members.values().chain(p.supporting.values()).flatten() {
            point_of.entry(i).or_insert(k);
        }
    }
    let mut titles = std::collections::BTreeMap::new();
    for entry in &case.points {
        let mut counts: std::collections::BTreeMap<usize, usize> =
            std::collections::BTreeMap::new();
        for id in &entry.claims {
            if let Some(k) = case.claim_index(id).and_then(|i| point_of.get(&i)) {
                *counts.entry(*k).or_default() += 1;
            }
        }
        // The most claims; on a tie the first (best ranked) point.
        let best = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(&k, _)| k);
        if let Some(k) = best {
            titles
                .entry(k)
                .or_insert_with(|| entry.title.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    titles
}

/// A point's title from its claims: the key phrase of the claim with the
/// most contradictions in the point (then the strongest, then the first
/// by id), never empty.
fn derived_title(
    case: &Case,
    edges_view: &[EdgeRefView<'_>],
    point: &crate::dispute::DisputedPoint,
    k: usize,
) -> String {
    let mut degree: std::collections::BTreeMap<usize, (usize, f64)> =
        std::collections::BTreeMap::new();
    for &e in &point.edges {
        let edge = &edges_view[e];
        if edge.edge.relation == Relation::Contradicts {
            for i in [edge.from, edge.to] {
                let d = degree.entry(i).or_default();
                d.0 += 1;
                d.1 += edge.edge.confidence();
            }
        }
    }
    degree
        .iter()
        .max_by(|a, b| {
            a.1.0
                .cmp(&b.1.0)
                .then(a.1.1.total_cmp(&b.1.1))
                .then(b.0.cmp(a.0))
        })
        .map(|(&i, _)| key_phrase(&case.claims[i].text, TITLE_CHARS))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("Disputed point D{}", k + 1))
}

/// A claim's text as a heading: one line, without the quotation marks
/// that enclose the whole of it or a final full stop, and cut at the last
/// word boundary before `max` characters (with an ellipsis).
#[must_use]
pub fn key_phrase(text: &str, max: usize) -> String {
    const PAIRS: [(char, char); 4] = [('«', '»'), ('“', '”'), ('"', '"'), ('‹', '›')];
    let mut phrase = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Transcripts often keep a tokeniser's spaces ("It 's been done ,"):
    // no language writes a space before these.
    for (spaced, joined) in [(" ,", ","), (" .", "."), (" 's", "'s"), (" n't", "n't")] {
        phrase = phrase.replace(spaced, joined);
    }
    loop {
        let before = phrase.len();
        let trimmed = phrase.trim_end_matches(['.', ',', ';', ':', ' ']);
        phrase = trimmed.to_owned();
        for (open, close) in PAIRS {
            let inner = phrase
                .strip_prefix(open)
                .and_then(|rest| rest.strip_suffix(close));
            if let Some(inner) = inner {
                if !inner.contains(open) && !inner.contains(close) {
                    phrase = inner.trim().to_owned();
                }
            }
        }
        if phrase.len() == before {
            break;
        }
    }
    if phrase.chars().count() <= max {
        return phrase;
    }
    let head: String = phrase.chars().take(max).collect();
    let cut = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .filter(|&i| i >= head.len() / 2)
        .unwrap_or(head.len());
    let mut short = head[..cut]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–'))
        .to_owned();
    short.push('…');
    short
}

/// A side's standing in words: what its label is and why, read off the
/// labels of the claims that attack it within the point.
fn standing_reason(
    case: &Case,
    edges_view: &[EdgeRefView<'_>],
    point: &crate::dispute::DisputedPoint,
    party: &str,
    labels: &[ClaimLabel],
) -> String {
    use crate::analysis::argumentation::Label;
    let members = point.members.get(party).map_or(&[][..], Vec::as_slice);
    let label_of = |i: usize| labels.get(i).copied();
    // The other parties' claims that contradict this side in the point.
    let mut attackers: Vec<usize> = Vec::new();
    for &e in &point.edges {
        let edge = &edges_view[e];
        if edge.edge.relation != Relation::Contradicts {
            continue;
        }
        for (mine, theirs) in [(edge.from, edge.to), (edge.to, edge.from)] {
            if members.binary_search(&mine).is_ok() && case.claims[theirs].party != party {
                attackers.push(theirs);
            }
        }
    }
    attackers.sort_unstable();
    attackers.dedup();
    let parties_of = |claims: &[usize]| {
        let mut names: Vec<&str> = claims
            .iter()
            .map(|&i| {
                let id = case.claims[i].party.as_str();
                case.party(id).map_or(id, |p| p.name.as_str())
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names.join(", ")
    };
    let count = |label: Label| {
        members
            .iter()
            .filter(|&&i| label_of(i) == Some(ClaimLabel::Argument(label)))
            .count()
    };
    match standing(members, labels) {
        "stands" => "stands: no undefeated claim attacks it".to_owned(),
        "falls" => {
            let winners: Vec<usize> = attackers
                .iter()
                .copied()
                .filter(|&i| label_of(i) == Some(ClaimLabel::Argument(Label::In)))
                .collect();
            if winners.is_empty() {
                "falls: a claim that stands attacks it".to_owned()
            } else {
                format!(
                    "falls: a claim of {} that stands attacks it",
                    parties_of(&winners)
                )
            }
        }
        "undecided" => {
            let mutual = !attackers.is_empty()
                && attackers
                    .iter()
                    .all(|&i| label_of(i) == Some(ClaimLabel::Argument(Label::Undec)));
            if mutual {
                "undecided: each side attacks the other and no other claim settles it".to_owned()
            } else {
                "undecided: what attacks it is not settled either".to_owned()
            }
        }
        _ => format!(
            "mixed: of its {} claims {} stand, {} fall and {} are undecided",
            members.len(),
            count(Label::In),
            count(Label::Out),
            count(Label::Undec)
        ),
    }
}

/// The dated claims of a point per party, with the claims they revise.
/// `revised[i]` lists the claims that claim `i` supersedes.
fn timeline(
    case: &Case,
    superseded_by: &[Option<usize>],
    revised: &[Vec<usize>],
    claims: impl Iterator<Item = usize>,
) -> Vec<ReportTimeline> {
    let mut all: std::collections::BTreeSet<usize> = claims.collect();
    // Add the revision history of every claim in the point.
    let mut stack: Vec<usize> = all.iter().copied().collect();
    while let Some(i) = stack.pop() {
        for &old in &revised[i] {
            if all.insert(old) {
                stack.push(old);
            }
        }
    }
    let mut per_party: std::collections::BTreeMap<&str, Vec<(&str, &str, usize)>> =
        std::collections::BTreeMap::new();
    for i in all {
        let claim = &case.claims[i];
        if let Some(date) = &claim.date {
            per_party.entry(claim.party.as_str()).or_default().push((
                date.as_str(),
                claim.id.as_str(),
                i,
            ));
        }
    }
    per_party
        .into_iter()
        .map(|(party, mut entries)| {
            entries.sort_unstable();
            ReportTimeline {
                party: party.to_owned(),
                entries: entries
                    .into_iter()
                    .map(|(date, claim, i)| ReportTimelineEntry {
                        claim: claim.to_owned(),
                        date: date.to_owned(),
                        superseded_by: superseded_by[i].map(|k| case.claims[k].id.clone()),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The statements made word for word by more than one claim: the
/// representatives' texts are hashed (one per duplicate group, across
/// parties), and each claim joins its representative's statement.
fn duplicates(case: &Case, graph: &ClaimGraph) -> Vec<ReportDuplicate> {
    let n = case.claims.len();
    let mut statement_of_rep: Vec<u32> = vec![u32::MAX; n];
    let mut by_text: crate::FastMap<(Option<crate::model::Language>, &str), u32> =
        crate::FastMap::default();
    for (i, claim) in case.claims.iter().enumerate() {
        if graph.is_duplicate(i) {
            continue;
        }
        let next = u32::try_from(by_text.len()).unwrap_or(u32::MAX);
        statement_of_rep[i] = *by_text
            .entry((case.declared_language(claim), claim.text.as_str()))
            .or_insert(next);
    }
    let mut sizes = vec![0u32; by_text.len()];
    let statement = |i: usize| statement_of_rep[graph.representative(i)] as usize;
    for i in 0..n {
        sizes[statement(i)] += 1;
    }
    // Statements said more than once, in the order of their first claim.
    let mut repeated: Vec<Option<usize>> = vec![None; sizes.len()];
    let mut claims_of: Vec<Vec<usize>> = Vec::new();
    for i in 0..n {
        let s = statement(i);
        if sizes[s] > 1 {
            let k = *repeated[s].get_or_insert_with(|| {
                claims_of.push(Vec::new());
                claims_of.len() - 1
            });
            claims_of[k].push(i);
        }
    }
    claims_of
        .into_iter()
        .map(|claims| {
            let mut parties: Vec<String> = claims
                .iter()
                .map(|&i| case.claims[i].party.clone())
                .collect();
            parties.sort_unstable();
            parties.dedup();
            ReportDuplicate {
                claims: claims.iter().map(|&i| case.claims[i].id.clone()).collect(),
                parties,
            }
        })
        .collect()
}

/// The stable id of an edge: `A~B` for a contradiction, `A>B` for A
/// supports B.
fn edge_id(case: &Case, e: &EdgeRefView<'_>) -> String {
    let (from, to) = (&case.claims[e.from].id, &case.claims[e.to].id);
    let separator = edge_id_separator(e.edge.relation);
    format!("{from}{separator}{to}")
}

/// What joins the two claim ids of an edge id.
fn edge_id_separator(relation: Relation) -> &'static str {
    match relation {
        Relation::Contradicts => "~",
        Relation::Supports => ">",
    }
}

/// One edge of the graph as the report shows it: the one form of an edge
/// that both [`Report::build`] and the streaming [`json::write_pipeline`]
/// serialise.
fn report_edge(
    case: &Case,
    analyzed: &AnalyzedCase,
    e: &EdgeRefView<'_>,
) -> crate::Result<ReportEdge> {
    let provenance = match &e.edge.provenance {
        Provenance::Annotated { note, author } => ReportProvenance::Annotated {
            note: note.clone(),
            author: author.clone(),
        },
        Provenance::Inferred { .. } => {
            // The assessment's side A is the lower claim index.
            let (a, b) = (e.from.min(e.to), e.from.max(e.to));
            inferred_provenance(case, analyzed.provenance(case, e)?, a, b)
        }
    };
    Ok(ReportEdge {
        id: edge_id(case, e),
        relation: e.edge.relation.as_str().to_owned(),
        from: case.claims[e.from].id.clone(),
        to: case.claims[e.to].id.clone(),
        confidence: round3(e.edge.confidence()),
        provenance,
    })
}

/// The provenance of an inferred edge, from its assessment (taken whole so
/// that each rule's detail moves into the report instead of being copied).
fn inferred_provenance(
    case: &Case,
    assessment: Assessment,
    a: usize,
    b: usize,
) -> ReportProvenance {
    let claim_of = |side: Side| match side {
        Side::A => &case.claims[a],
        Side::B => &case.claims[b],
    };
    let offsets = [
        CharOffsets::new(&case.claims[a].text),
        CharOffsets::new(&case.claims[b].text),
    ];
    let rules = assessment
        .rules
        .into_iter()
        .filter(|r| r.fired)
        .map(|r| ReportRule {
            rule: r.rule.to_owned(),
            score: round3(r.score),
            detail: r.detail,
            evidence: r
                .evidence
                .iter()
                .map(|ev| {
                    let claim = claim_of(ev.side);
                    let (start, end) = offsets[ev.side.index()].range(ev.span.start, ev.span.end);
                    ReportEvidence {
                        claim: claim.id.clone(),
                        text: ev.text.to_string(),
                        start,
                        end,
                    }
                })
                .collect(),
        })
        .collect();
    ReportProvenance::Inferred {
        score: round3(assessment.score),
        similarity: round3(assessment.similarity),
        containment: round3(assessment.containment),
        shared_terms: assessment
            .shared
            .iter()
            .map(|s| {
                if s.stem_a == s.stem_b {
                    s.stem_a.to_string()
                } else {
                    format!("{}~{}", s.stem_a, s.stem_b)
                }
            })
            .collect(),
        rules,
    }
}

impl ReportEdge {
    /// `annotated` or `inferred`.
    #[must_use]
    pub fn provenance_kind(&self) -> &'static str {
        match self.provenance {
            ReportProvenance::Annotated { .. } => "annotated",
            ReportProvenance::Inferred { .. } => "inferred",
        }
    }

    /// The annotator's note, or the fired rules with their scores.
    #[must_use]
    pub fn explanation(&self) -> String {
        match &self.provenance {
            ReportProvenance::Annotated { note, .. } => note.clone().unwrap_or_default(),
            ReportProvenance::Inferred { rules, .. } => rules
                .iter()
                .map(|r| format!("{} ({:.3}): {}", r.rule, r.score, r.detail))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// Converts a byte range to a character range.
#[must_use]
pub fn char_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    CharOffsets::new(text).range(start, end)
}

/// Byte offsets of one text as character offsets. One pass over the text
/// counts the characters before each 4 KiB block; a lookup then counts
/// within one block, so that the thousands of evidence spans of a long
/// claim take time linear in their number, not in their number times the
/// text's length.
pub struct CharOffsets<'t> {
    text: &'t str,
    /// For each block after the first: its first byte (on a character
    /// boundary) and the characters before it. Empty for a text of one
    /// block, so that a short claim costs no allocation.
    blocks: Vec<(usize, usize)>,
}

impl<'t> CharOffsets<'t> {
    const BLOCK: usize = 4096;

    /// Counts the characters of `text` block by block.
    #[must_use]
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        let mut blocks = Vec::new();
        let mut chars = 0;
        let mut from = 0;
        while from + Self::BLOCK < text.len() {
            let mut to = from + Self::BLOCK;
            while !text.is_char_boundary(to) {
                to += 1;
            }
            chars += text.get(from..to).map_or(0, |block| block.chars().count());
            blocks.push((to, chars));
            from = to;
        }
        CharOffsets { text, blocks }
    }

    /// The characters that start before byte `offset`: those of the text up
    /// to the first character boundary at or after it.
    #[must_use]
    pub fn count(&self, offset: usize) -> usize {
        let mut boundary = offset.min(self.text.len());
        while !self.text.is_char_boundary(boundary) {
            boundary += 1;
        }
        let k = self.blocks.partition_point(|&(byte, _)| byte <= boundary);
        let (byte, chars) = k.checked_sub(1).map_or((0, 0), |k| self.blocks[k]);
        chars
            + self
                .text
                .get(byte..boundary)
                .map_or(0, |part| part.chars().count())
    }

    /// A byte range as a character range.
    #[must_use]
    pub fn range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.count(start), self.count(end))
    }
}

/// How many items of a list a `limit` shows.
#[must_use]
pub fn shown(limit: Option<usize>) -> usize {
    limit.unwrap_or(usize::MAX)
}

/// How many of `total` items a `limit` leaves out.
#[must_use]
pub fn left_out(total: usize, limit: Option<usize>) -> usize {
    total.saturating_sub(shown(limit))
}

/// The formats `report` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// For the terminal.
    Text {
        /// Use ANSI colours.
        color: bool,
    },
    /// For articles and wikis.
    Markdown,
    /// `claimgraph.report/1`.
    Json,
    /// One self-contained HTML page with an SVG dispute map.
    Html,
    /// Graphviz DOT.
    Dot,
    /// GraphML, for Gephi and yEd.
    Graphml,
    /// The Argument Interchange Format (AIF JSON).
    Aif,
}

/// Renders a report.
///
/// # Errors
/// When the writer fails.
pub fn render(report: &Report, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    render_limited(report, format, None, out)
}

/// Renders a report; text and Markdown show at most `limit` disputed
/// points (the heaviest), common-ground edges and unanswered claims, each
/// list followed by a count of what was left out. JSON always holds
/// everything, serialised straight into the writer (no second copy of the
/// report is built).
///
/// # Errors
/// When the writer fails.
pub fn render_limited(
    report: &Report,
    format: Format,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Text { color } => text::render_limited(report, color, limit, out),
        Format::Markdown => markdown::render_limited(report, limit, out),
        Format::Json => json::write(report, out),
        Format::Html => html::render(report, out),
        Format::Dot => dot::render(report, out),
        Format::Graphml => graphml::render(report, out),
        Format::Aif => aif::render(report, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Block by block, the character offsets of a long text of one-, two-,
    /// three- and four-byte characters are those counted from its start,
    /// at every byte, inside characters too.
    #[test]
    fn char_offsets_count_what_a_scan_counts() {
        let text = "aé€𝄞 « guillemets » ".repeat(700);
        assert!(text.len() > 3 * CharOffsets::BLOCK);
        let offsets = CharOffsets::new(&text);
        for offset in (0..=text.len() + 2).step_by(7) {
            let mut boundary = offset.min(text.len());
            while !text.is_char_boundary(boundary) {
                boundary += 1;
            }
            assert_eq!(
                offsets.count(offset),
                text[..boundary].chars().count(),
                "{offset}"
            );
        }
    }
}
