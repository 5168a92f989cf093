//! The GraphML export, for Gephi and yEd: one node per claim and one edge
//! per relation, with party, relation and provenance as typed data keys.
//!
//! Contradictions are written as undirected edges (`directed="false"`), since
//! the relation is symmetric; supports are directed from the supporting
//! claim. Each edge's `line_style` is `dashed` when inferred and `solid`
//! when annotated, and the graph's `legend` holds the same legend as the
//! HTML map and DOT ([`super::LEGEND`]). All text goes through [`super::escape::markup`], which also drops
//! the characters XML cannot hold.

use std::io::{self, Write};

use super::escape::{markup, xml_id};
use super::{Report, ReportProvenance};

/// The data keys: id, domain, name, type.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("text", "node", "text", "string"),
    ("party", "node", "party", "string"),
    ("party_name", "node", "party_name", "string"),
    ("role", "node", "role", "string"),
    ("speaker", "node", "speaker", "string"),
    ("date", "node", "date", "string"),
    ("source", "node", "source", "string"),
    ("source_url", "node", "source_url", "string"),
    ("quote", "node", "quote", "boolean"),
    ("disputed_point", "node", "disputed_point", "string"),
    ("acceptance", "node", "acceptance", "string"),
    ("status", "node", "status", "string"),
    ("relation", "edge", "relation", "string"),
    ("provenance", "edge", "provenance", "string"),
    ("confidence", "edge", "confidence", "double"),
    ("note", "edge", "note", "string"),
    ("author", "edge", "author", "string"),
    ("rules", "edge", "rules", "string"),
    ("edge_label", "edge", "label", "string"),
    ("line_style", "edge", "line_style", "string"),
    ("legend", "graph", "legend", "string"),
];

/// Renders the report's graph as GraphML.
///
/// # Errors
/// When the writer fails.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain, name, kind) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(
        out,
        r#"  <graph id="{}" edgedefault="directed">"#,
        xml_id(&report.case.id)
    )?;
    writeln!(
        out,
        r#"    <data key="legend">{}</data>"#,
        markup(&super::legend_text())
    )?;
    let points = report.points_by_claim();
    for claim in &report.claims {
        writeln!(out, r#"    <node id="{}">"#, xml_id(&claim.id))?;
        let party = report.parties.iter().find(|p| p.id == claim.party);
        let source = claim.source.as_deref().and_then(|s| report.source(s));
        let point_ids = points.get(claim.id.as_str()).map(|ids| ids.join(","));
        let status = report.statuses.iter().find(|s| s.claim == claim.id);
        let status_words = status.map(status_words);
        let values = [
            ("label", Some(claim.id.as_str())),
            ("text", Some(claim.text.as_str())),
            ("party", Some(claim.party.as_str())),
            ("party_name", party.map(|p| p.name.as_str())),
            ("role", party.map(|p| p.role.as_str())),
            ("speaker", claim.speaker.as_deref()),
            ("date", claim.date.as_deref()),
            ("source", claim.source.as_deref()),
            ("source_url", source.and_then(|s| s.url.as_deref())),
            ("quote", Some(if claim.quote { "true" } else { "false" })),
            ("disputed_point", point_ids.as_deref()),
            ("acceptance", status.map(|s| s.acceptance.as_str())),
            ("status", status_words.as_deref()),
        ];
        data(&values, out)?;
        writeln!(out, "    </node>")?;
    }
    for edge in &report.edges {
        let directed = if edge.relation == "contradicts" {
            r#" directed="false""#
        } else {
            ""
        };
        writeln!(
            out,
            r#"    <edge id="{}" source="{}" target="{}"{directed}>"#,
            xml_id(&edge.id),
            xml_id(&edge.from),
            xml_id(&edge.to)
        )?;
        let confidence = format!("{:.3}", edge.confidence);
        let (note, author, rules) = match &edge.provenance {
            ReportProvenance::Annotated { note, author } => (note.clone(), author.clone(), None),
            ReportProvenance::Inferred { rules, .. } => (
                None,
                None,
                Some(
                    rules
                        .iter()
                        .map(|r| r.rule.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ),
        };
        let values = [
            ("relation", Some(edge.relation.as_str())),
            ("provenance", Some(edge.provenance_kind())),
            ("confidence", Some(confidence.as_str())),
            ("note", note.as_deref()),
            ("author", author.as_deref()),
            ("rules", rules.as_deref()),
            ("edge_label", Some(edge.relation.as_str())),
            (
                "line_style",
                Some(if edge.provenance_kind() == "inferred" {
                    "dashed"
                } else {
                    "solid"
                }),
            ),
        ];
        data(&values, out)?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// A claim's statuses in words, or what superseded it.
fn status_words(status: &super::ReportClaimStatus) -> String {
    match &status.superseded_by {
        Some(by) => format!("superseded by {by}"),
        None => status
            .status
            .iter()
            .map(super::ReportStatus::describe)
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn data(values: &[(&str, Option<&str>)], out: &mut dyn Write) -> io::Result<()> {
    for (key, value) in values {
        if let Some(value) = value {
            writeln!(out, r#"      <data key="{key}">{}</data>"#, markup(value))?;
        }
    }
    Ok(())
}
