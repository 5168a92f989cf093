//! The one walk through a report's sections that the text and Markdown
//! renderers share.
//!
//! [`walk`] decides what is shown and in which order: the head, each
//! disputed point (its sides, claims, timeline and evidence), common
//! ground, unanswered claims, self-consistency, claim status and
//! acceptance, with `--limit` applied and what it left out counted. A
//! renderer implements [`Sections`] and only decides how each piece looks,
//! so a section added here appears in every format that walks it.

use std::collections::HashMap;
use std::io;

use super::{
    Report, ReportAcceptance, ReportClaimStatus, ReportComponent, ReportDuplicate, ReportEdge,
    ReportLabelChange, ReportPoint, ReportSelfContradiction, ReportSide, ReportTimeline, left_out,
    shown,
};
use crate::model::Claim;

/// Where a claim is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClaimPlace {
    /// One of a side's own claims in a disputed point.
    Side,
    /// A claim supporting a side of a disputed point.
    Supporting,
    /// An unanswered claim.
    Unanswered,
}

/// Where an edge is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EdgePlace {
    /// The evidence of a disputed point.
    Point,
    /// Common ground.
    CommonGround,
    /// A party's self-contradiction.
    SelfContradiction,
}

/// How one renderer shows each piece of the walk. Every method writes one
/// piece; the walk calls them in the report's order.
pub(super) trait Sections {
    /// The title, summary and parties.
    fn head(&mut self, report: &Report) -> io::Result<()>;
    /// A section's heading (not the disputed points, which have their own).
    fn section(&mut self, title: &str) -> io::Result<()>;
    /// What an empty section says.
    fn none(&mut self) -> io::Result<()>;
    /// The line that says how many items `--limit` left out (`hidden > 0`).
    fn more(&mut self, hidden: usize, what: &str) -> io::Result<()>;
    /// A disputed point's heading and its figures in words.
    fn point(&mut self, point: &ReportPoint, figures: &str) -> io::Result<()>;
    /// One side of a disputed point, before its claims.
    fn side(&mut self, side: &ReportSide) -> io::Result<()>;
    /// After a side's claims.
    fn side_end(&mut self) -> io::Result<()>;
    /// A disputed point's dated claims (never empty).
    fn timeline(&mut self, timeline: &[ReportTimeline]) -> io::Result<()>;
    /// Before a disputed point's edges.
    fn evidence(&mut self, point: &ReportPoint) -> io::Result<()>;
    /// One claim, with the statement of its repeats if it has any.
    fn claim(
        &mut self,
        claim: &Claim,
        duplicate: Option<&ReportDuplicate>,
        place: ClaimPlace,
    ) -> io::Result<()>;
    /// One edge with its provenance.
    fn edge(&mut self, edge: &ReportEdge, place: EdgePlace) -> io::Result<()>;
    /// A party's self-contradiction, with its edge when the report has it.
    fn self_contradiction(
        &mut self,
        item: &ReportSelfContradiction,
        edge: Option<&ReportEdge>,
    ) -> io::Result<()>;
    /// Before the statuses (all of them, for a renderer that aligns them).
    fn statuses(&mut self, statuses: &[ReportClaimStatus]) -> io::Result<()>;
    /// One claim's status and acceptance label.
    fn status(&mut self, status: &ReportClaimStatus) -> io::Result<()>;
    /// The acceptance heading, with the scenario's assumed and excluded
    /// claims.
    fn acceptance(&mut self, acceptance: &ReportAcceptance) -> io::Result<()>;
    /// Each side's standing in one disputed point.
    fn standing(&mut self, point: &ReportPoint) -> io::Result<()>;
    /// After the standings (`shown` of them).
    fn standings_end(&mut self, shown: usize) -> io::Result<()>;
    /// Before the components: whether there is none.
    fn components(&mut self, empty: bool) -> io::Result<()>;
    /// One group of claims that attack one another.
    fn component(&mut self, component: &ReportComponent) -> io::Result<()>;
    /// What a scenario changed (only when there is a scenario).
    fn changes(&mut self, changes: &[ReportLabelChange]) -> io::Result<()>;
}

/// Walks `report` through `sections`, showing at most `limit` items of each
/// long list.
///
/// # Errors
/// When the renderer's writer fails.
pub(super) fn walk(
    report: &Report,
    limit: Option<usize>,
    sections: &mut impl Sections,
) -> io::Result<()> {
    let edges = report.edge_index();
    let duplicates = report.duplicate_index();
    sections.head(report)?;
    disputed_points(report, &edges, &duplicates, limit, sections)?;
    more(
        sections,
        report.disputed_points.len(),
        limit,
        "disputed points",
    )?;

    let common_ground = List {
        title: "Common ground",
        ids: &report.common_ground,
        what: "common-ground edges",
    };
    list(
        sections,
        &common_ground,
        limit,
        |sections, id| match edges.get(id).copied() {
            Some(edge) => sections.edge(edge, EdgePlace::CommonGround),
            None => Ok(()),
        },
    )?;
    let unanswered = List {
        title: "Unanswered claims",
        ids: &report.unanswered,
        what: "unanswered claims",
    };
    list(sections, &unanswered, limit, |sections, id| {
        claim(report, &duplicates, id, ClaimPlace::Unanswered, sections)
    })?;

    sections.section("Self-consistency")?;
    if report.self_contradictions.is_empty() {
        sections.none()?;
    }
    for item in &report.self_contradictions {
        sections.self_contradiction(item, edges.get(item.edge.as_str()).copied())?;
    }

    sections.section("Claim status")?;
    sections.statuses(&report.statuses)?;
    for status in &report.statuses {
        sections.status(status)?;
    }
    acceptance(report, limit, sections)
}

/// Each disputed point that `limit` shows, with its sides and evidence.
fn disputed_points(
    report: &Report,
    edges: &HashMap<&str, &ReportEdge>,
    duplicates: &HashMap<&str, &ReportDuplicate>,
    limit: Option<usize>,
    sections: &mut impl Sections,
) -> io::Result<()> {
    for point in report.disputed_points.iter().take(shown(limit)) {
        sections.point(point, &report.point_figures(point, edges))?;
        for side in &point.sides {
            sections.side(side)?;
            for id in &side.claims {
                claim(report, duplicates, id, ClaimPlace::Side, sections)?;
            }
            for id in &side.supporting {
                claim(report, duplicates, id, ClaimPlace::Supporting, sections)?;
            }
            sections.side_end()?;
        }
        if !point.timeline.is_empty() {
            sections.timeline(&point.timeline)?;
        }
        sections.evidence(point)?;
        for id in &point.edges {
            if let Some(edge) = edges.get(id.as_str()).copied() {
                sections.edge(edge, EdgePlace::Point)?;
            }
        }
    }
    Ok(())
}

/// The acceptance section: the scenario, each shown point's standings, the
/// components and, under a scenario, what it changed.
fn acceptance(
    report: &Report,
    limit: Option<usize>,
    sections: &mut impl Sections,
) -> io::Result<()> {
    let acceptance = &report.acceptance;
    sections.acceptance(acceptance)?;
    let points = report.disputed_points.iter().take(shown(limit));
    let mut n_shown = 0;
    for point in points {
        sections.standing(point)?;
        n_shown += 1;
    }
    sections.standings_end(n_shown)?;
    sections.components(acceptance.components.is_empty())?;
    for component in &acceptance.components {
        sections.component(component)?;
    }
    if !acceptance.assumed.is_empty() || !acceptance.excluded.is_empty() {
        sections.changes(&acceptance.changes)?;
    }
    Ok(())
}

/// A section that lists ids, cut by `--limit`.
struct List<'r> {
    title: &'static str,
    ids: &'r [String],
    /// What the ids are, for the count of those left out.
    what: &'static str,
}

/// A list section: its heading, what it says when empty, the items
/// `limit` shows and the count of those it left out.
fn list<S: Sections>(
    sections: &mut S,
    list: &List<'_>,
    limit: Option<usize>,
    mut item: impl FnMut(&mut S, &str) -> io::Result<()>,
) -> io::Result<()> {
    sections.section(list.title)?;
    if list.ids.is_empty() {
        sections.none()?;
    }
    for id in list.ids.iter().take(shown(limit)) {
        item(sections, id)?;
    }
    more(sections, list.ids.len(), limit, list.what)
}

/// One claim, when the report holds it.
fn claim(
    report: &Report,
    duplicates: &HashMap<&str, &ReportDuplicate>,
    id: &str,
    place: ClaimPlace,
    sections: &mut impl Sections,
) -> io::Result<()> {
    match report.claim(id) {
        Some(claim) => sections.claim(claim, duplicates.get(id).copied(), place),
        None => Ok(()),
    }
}

/// The count of what `limit` left out of `total`, if anything.
fn more(
    sections: &mut impl Sections,
    total: usize,
    limit: Option<usize>,
    what: &str,
) -> io::Result<()> {
    match left_out(total, limit) {
        0 => Ok(()),
        hidden => sections.more(hidden, what),
    }
}
