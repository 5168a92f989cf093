//! The report: a plain data model of everything a reader is shown, built
//! once from the case, the graph and the disputes, then rendered.
//!
//! The JSON form of [`Report`] is the versioned `claimgraph.report/1`
//! schema (documented in `docs/report-format.md`); the text and Markdown
//! renderers read the same model, so every format shows the same facts.
//! Renderers write to `&mut dyn Write` and never touch the file system.

pub mod markdown;
pub mod text;

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::dispute::Disputes;
use crate::graph::{AnalyzedCase, ClaimGraph, Provenance};
use crate::infer::{Assessment, Side, round3};
use crate::model::{Claim, Source};

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
}

/// A party in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportParty {
    /// Party id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: String,
    /// How many claims it holds.
    pub claims: usize,
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
    /// The key shared terms, joined.
    pub title: String,
    /// The key shared terms.
    pub terms: Vec<String>,
    /// Sum of edge confidences (supports count a quarter).
    pub weight: f64,
    /// One entry per party involved.
    pub sides: Vec<ReportSide>,
    /// Ids of the edges within the point.
    pub edges: Vec<String>,
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
}

impl Report {
    /// Builds the report.
    #[must_use]
    pub fn build(
        case: &Case,
        analyzed: &AnalyzedCase,
        graph: &ClaimGraph,
        disputes: &Disputes,
    ) -> Report {
        let _ = analyzed;
        let edges_view = graph.edges();
        let id = |i: usize| case.claims[i].id.clone();
        let edges: Vec<ReportEdge> = edges_view
            .iter()
            .map(|e| {
                let (from, to) = (id(e.from), id(e.to));
                let edge_id = match e.edge.relation {
                    crate::infer::Relation::Contradicts => format!("{from}~{to}"),
                    crate::infer::Relation::Supports => format!("{from}>{to}"),
                };
                let provenance = match &e.edge.provenance {
                    Provenance::Annotated { note, author } => ReportProvenance::Annotated {
                        note: note.clone(),
                        author: author.clone(),
                    },
                    Provenance::Inferred(assessment) => {
                        // The assessment's side A is the lower claim index.
                        let (a, b) = (e.from.min(e.to), e.from.max(e.to));
                        inferred_provenance(case, assessment, a, b)
                    }
                };
                ReportEdge {
                    id: edge_id,
                    relation: e.edge.relation.as_str().to_owned(),
                    from,
                    to,
                    confidence: round3(e.edge.confidence()),
                    provenance,
                }
            })
            .collect();
        let claims_per_party = case.claims_by_party();
        let parties = case
            .parties
            .iter()
            .map(|p| ReportParty {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.as_str().to_owned(),
                claims: claims_per_party.get(p.id.as_str()).map_or(0, Vec::len),
            })
            .collect();
        let disputed_points = disputes
            .points
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let mut parties: Vec<&String> =
                    p.members.keys().chain(p.supporting.keys()).collect();
                parties.sort();
                parties.dedup();
                ReportPoint {
                    id: format!("D{}", k + 1),
                    title: p.terms.join(", "),
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
                        })
                        .collect(),
                    edges: p.edges.iter().map(|&k| edges[k].id.clone()).collect(),
                }
            })
            .collect::<Vec<_>>();
        let count = |rel: &str| edges.iter().filter(|e| e.relation == rel).count();
        let annotated = edges
            .iter()
            .filter(|e| matches!(e.provenance, ReportProvenance::Annotated { .. }))
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
                contradictions: count("contradicts"),
                supports: count("supports"),
                inferred_edges: edges.len() - annotated,
                annotated_edges: annotated,
                disputed_points: disputed_points.len(),
            },
            parties,
            sources: case.sources.clone(),
            claims: case.claims.clone(),
            common_ground: disputes
                .common_ground
                .iter()
                .map(|&k| edges[k].id.clone())
                .collect(),
            unanswered: disputes.unanswered.iter().map(|&i| id(i)).collect(),
            edges,
            disputed_points,
        }
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

    /// The display name of a party.
    #[must_use]
    pub fn party_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.parties
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.name.as_str())
    }
}

fn inferred_provenance(
    case: &Case,
    assessment: &Assessment,
    a: usize,
    b: usize,
) -> ReportProvenance {
    let claim_of = |side: Side| match side {
        Side::A => &case.claims[a],
        Side::B => &case.claims[b],
    };
    let rules = assessment
        .fired()
        .map(|r| ReportRule {
            rule: r.rule.to_owned(),
            score: round3(r.score),
            detail: r.detail.clone(),
            evidence: r
                .evidence
                .iter()
                .map(|ev| {
                    let claim = claim_of(ev.side);
                    let (start, end) = char_range(&claim.text, ev.span.start, ev.span.end);
                    ReportEvidence {
                        claim: claim.id.clone(),
                        text: ev.text.clone(),
                        start,
                        end,
                    }
                })
                .collect(),
        })
        .collect();
    ReportProvenance::Inferred {
        similarity: round3(assessment.similarity),
        containment: round3(assessment.containment),
        shared_terms: assessment
            .shared
            .iter()
            .map(|s| {
                if s.stem_a == s.stem_b {
                    s.stem_a.clone()
                } else {
                    format!("{}~{}", s.stem_a, s.stem_b)
                }
            })
            .collect(),
        rules,
    }
}

/// Converts a byte range to a character range.
#[must_use]
pub fn char_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let count = |offset: usize| text.char_indices().take_while(|(i, _)| *i < offset).count();
    (count(start), count(end))
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
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, report)?;
            writeln!(out)
        }
    }
}
