//! The Graphviz DOT export: one cluster per party, one node per claim, one
//! edge per relation (red contradictions, green supports; dashed when
//! inferred, solid when annotated), and a legend cluster with the shared
//! legend ([`super::LEGEND`]).
//!
//! Party, relation and provenance travel as extra attributes (`party`,
//! `relation`, `provenance`, `confidence`, `note`, …) that Graphviz keeps
//! and ignores, so the file both renders with `dot -Tsvg` and carries the
//! data for other tools. Every string is escaped by
//! [`super::escape::dot_string`].

use std::io::{self, Write};

use super::escape::{dot_id, dot_string, shorten};
use super::{CONTRADICTS_COLOUR as CONTRADICTS, Report, SUPPORTS_COLOUR as SUPPORTS};

/// Renders the report's graph as DOT.
///
/// # Errors
/// When the writer fails.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let title = report.case.title.as_deref().unwrap_or(&report.case.id);
    writeln!(out, "digraph \"{}\" {{", dot_id(&report.case.id))?;
    writeln!(
        out,
        "  graph [label=\"{}\", labelloc=t, fontname=\"Helvetica\", rankdir=LR, nodesep=0.3, ranksep=1.2];",
        dot_string(title)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    let points = report.points_by_claim();
    // The thick border of the legend: claims set against another party's.
    let members: std::collections::BTreeSet<&str> = report
        .disputed_points
        .iter()
        .flat_map(|p| &p.sides)
        .flat_map(|s| &s.claims)
        .map(String::as_str)
        .collect();
    for (party_idx, party) in report.parties.iter().enumerate() {
        writeln!(out, "  subgraph \"cluster_{party_idx}\" {{")?;
        writeln!(
            out,
            "    label=\"{} ({})\"; style=\"rounded\"; color=\"#9e9e9e\";",
            dot_string(&party.name),
            dot_string(party.role.as_str())
        )?;
        for claim in report.claims.iter().filter(|c| c.party == party.id) {
            let label = format!("{}\n{}", claim.id, wrap(&shorten(&claim.text, 120), 32));
            let mut attributes = vec![
                format!("label=\"{}\"", dot_string(&label)),
                format!("tooltip=\"{}\"", dot_string(&claim.text)),
                format!("party=\"{}\"", dot_string(&claim.party)),
                format!("role=\"{}\"", dot_string(party.role.as_str())),
                format!("text=\"{}\"", dot_string(&claim.text)),
            ];
            let optional = [
                ("speaker", claim.speaker.as_deref()),
                ("date", claim.date.as_deref()),
                ("source", claim.source.as_deref()),
            ];
            for (name, value) in optional {
                if let Some(value) = value {
                    attributes.push(format!("{name}=\"{}\"", dot_string(value)));
                }
            }
            if claim.quote {
                attributes.push("quote=\"true\"".to_owned());
            }
            if let Some(status) = report.statuses.iter().find(|s| s.claim == claim.id) {
                attributes.push(format!("acceptance=\"{}\"", dot_string(&status.acceptance)));
            }
            if let Some(ids) = points.get(claim.id.as_str()) {
                attributes.push(format!("disputed_point=\"{}\"", ids.join(",")));
            }
            if members.contains(claim.id.as_str()) {
                attributes.push("penwidth=2".to_owned());
            }
            writeln!(
                out,
                "    \"{}\" [{}];",
                dot_id(&claim.id),
                attributes.join(", ")
            )?;
        }
        writeln!(out, "  }}")?;
    }
    for edge in &report.edges {
        let contradicts = edge.relation == "contradicts";
        // No edge label: the colour says the relation (see the legend), and
        // labels Graphviz places far from their lines only tangle the map.
        let mut attributes = vec![
            format!("relation=\"{}\"", edge.relation),
            format!(
                "color=\"{}\"",
                if contradicts { CONTRADICTS } else { SUPPORTS }
            ),
            format!("style={}", line_style(edge.provenance_kind())),
            format!("provenance=\"{}\"", edge.provenance_kind()),
            format!("confidence=\"{:.3}\"", edge.confidence),
            format!("tooltip=\"{}\"", dot_string(&edge.explanation())),
        ];
        if contradicts {
            attributes.push("dir=both, arrowhead=tee, arrowtail=tee, penwidth=2".to_owned());
        }
        match &edge.provenance {
            super::ReportProvenance::Annotated { note, author } => {
                if let Some(note) = note {
                    attributes.push(format!("note=\"{}\"", dot_string(note)));
                }
                if let Some(author) = author {
                    attributes.push(format!("author=\"{}\"", dot_string(author)));
                }
            }
            super::ReportProvenance::Inferred { rules, .. } => {
                let names: Vec<&str> = rules.iter().map(|r| r.rule.as_str()).collect();
                attributes.push(format!("rules=\"{}\"", dot_string(&names.join(","))));
            }
        }
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [{}];",
            dot_id(&edge.from),
            dot_id(&edge.to),
            attributes.join(", ")
        )?;
    }
    legend(out)?;
    writeln!(out, "}}")
}

/// `solid` for annotated edges, `dashed` for inferred ones.
fn line_style(provenance: &str) -> &'static str {
    if provenance == "inferred" {
        "dashed"
    } else {
        "solid"
    }
}

/// A legend cluster: one sample line per relation and provenance, and the
/// shared legend text ([`super::LEGEND`]) as its label. Its nodes and edges
/// carry `legend="true"` so that tools reading the data can skip them.
fn legend(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "  subgraph \"cluster_legend\" {{")?;
    let lines: Vec<String> = super::LEGEND
        .iter()
        .map(|(mark, meaning)| format!("{mark}: {meaning}"))
        .collect();
    writeln!(
        out,
        "    label=\"Legend\\l{}\\l\"; labeljust=l; style=\"rounded\"; color=\"#9e9e9e\"; fontsize=9;",
        dot_string(&lines.join("\n")).replace("\\n", "\\l")
    )?;
    writeln!(
        out,
        "    node [shape=plaintext, style=\"\", fontsize=9, legend=\"true\"];"
    )?;
    let samples = [
        ("contradicts", "annotated", CONTRADICTS),
        ("contradicts", "inferred", CONTRADICTS),
        ("supports", "annotated", SUPPORTS),
        ("supports", "inferred", SUPPORTS),
    ];
    for (k, (relation, provenance, colour)) in samples.into_iter().enumerate() {
        let ends = if relation == "contradicts" {
            ", dir=both, arrowhead=tee, arrowtail=tee, penwidth=2"
        } else {
            ""
        };
        writeln!(
            out,
            "    \"legend_{k}a\" [label=\"{relation}\"]; \"legend_{k}b\" [label=\"{provenance}\"];"
        )?;
        writeln!(
            out,
            "    \"legend_{k}a\" -> \"legend_{k}b\" [color=\"{colour}\", style={}, legend=\"true\"{ends}];",
            line_style(provenance)
        )?;
    }
    writeln!(out, "  }}")
}

/// Breaks text into lines of about `width` characters at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap("", 7), "");
    }
}
