//! The terminal report: plain text, with ANSI colour when asked for.
//!
//! The caller decides on colour (a terminal, and `NO_COLOR` unset); this
//! module only knows whether to emit escape codes.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{Report, ReportEdge, ReportProvenance, shown};

struct Styles {
    heading: Style,
    id: Style,
    contradicts: Style,
    supports: Style,
    dim: Style,
}

impl Styles {
    fn new(color: bool) -> Styles {
        if !color {
            return Styles {
                heading: Style::new(),
                id: Style::new(),
                contradicts: Style::new(),
                supports: Style::new(),
                dim: Style::new(),
            };
        }
        Styles {
            heading: Style::new().bold(),
            id: AnsiColor::Cyan.on_default(),
            contradicts: AnsiColor::Red.on_default().bold(),
            supports: AnsiColor::Green.on_default(),
            dim: Style::new().dimmed(),
        }
    }
}

/// Paints `text` with `style` (a no-op style prints the text alone).
fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// Renders the report for a terminal.
///
/// # Errors
/// When the writer fails.
pub fn render(report: &Report, color: bool, out: &mut dyn Write) -> io::Result<()> {
    render_limited(report, color, None, out)
}

/// [`render`], showing at most `limit` items of each list.
///
/// # Errors
/// When the writer fails.
pub fn render_limited(
    report: &Report,
    color: bool,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let edge_index = report.edge_index();
    let s = Styles::new(color);
    let title = report.case.title.as_deref().unwrap_or(&report.case.id);
    writeln!(out, "{}", paint(s.heading, title))?;
    let sum = &report.summary;
    writeln!(
        out,
        "{} claims, {} parties, {} contradictions, {} supports ({} inferred, {} annotated), {} disputed points",
        sum.claims,
        sum.parties,
        sum.contradictions,
        sum.supports,
        sum.inferred_edges,
        sum.annotated_edges,
        sum.disputed_points
    )?;
    writeln!(out)?;
    writeln!(out, "{}", paint(s.heading, "Parties"))?;
    for party in &report.parties {
        writeln!(
            out,
            "  {}  {} ({}, {} claims)",
            paint(s.id, &party.id),
            party.name,
            party.role,
            party.claims
        )?;
    }

    for point in report.disputed_points.iter().take(shown(limit)) {
        writeln!(out)?;
        writeln!(
            out,
            "{} {}  {}",
            paint(s.heading, &format!("{}.", point.id)),
            paint(s.heading, &point.title),
            paint(s.dim, &format!("(weight {:.3})", point.weight))
        )?;
        for side in &point.sides {
            writeln!(
                out,
                "  {}",
                paint(s.heading, report.party_name(&side.party))
            )?;
            for id in &side.claims {
                claim_line(report, &s, id, "", out)?;
            }
            for id in &side.supporting {
                claim_line(report, &s, id, "supporting ", out)?;
            }
        }
        writeln!(out, "  {}", paint(s.dim, "evidence:"))?;
        for edge_id in &point.edges {
            if let Some(edge) = edge_index.get(edge_id.as_str()).copied() {
                edge_lines(&s, edge, "    ", out)?;
            }
        }
    }

    more(
        &s,
        report.disputed_points.len(),
        limit,
        "disputed points",
        out,
    )?;
    writeln!(out)?;
    writeln!(out, "{}", paint(s.heading, "Common ground"))?;
    if report.common_ground.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for edge_id in report.common_ground.iter().take(shown(limit)) {
        if let Some(edge) = edge_index.get(edge_id.as_str()).copied() {
            edge_lines(&s, edge, "  ", out)?;
        }
    }
    more(
        &s,
        report.common_ground.len(),
        limit,
        "common-ground edges",
        out,
    )?;
    writeln!(out)?;
    writeln!(out, "{}", paint(s.heading, "Unanswered claims"))?;
    if report.unanswered.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for id in report.unanswered.iter().take(shown(limit)) {
        claim_line(report, &s, id, "", out)?;
    }
    more(&s, report.unanswered.len(), limit, "unanswered claims", out)?;
    Ok(())
}

/// The line that says how many items `--limit` left out, if any.
fn more(
    s: &Styles,
    total: usize,
    limit: Option<usize>,
    what: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let hidden = super::left_out(total, limit);
    if hidden > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "  {}",
            paint(
                s.dim,
                &format!("... {hidden} more {what} not shown (--limit)")
            )
        )?;
    }
    Ok(())
}

fn claim_line(
    report: &Report,
    s: &Styles,
    id: &str,
    prefix: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(claim) = report.claim(id) else {
        return Ok(());
    };
    let mut meta = Vec::new();
    if let Some(speaker) = &claim.speaker {
        meta.push(speaker.clone());
    }
    if let Some(source) = &claim.source {
        meta.push(source.clone());
    }
    if let Some(date) = &claim.date {
        meta.push(date.clone());
    }
    if claim.quote {
        meta.push("quote".to_owned());
    }
    let text = if claim.quote {
        format!("« {} »", claim.text)
    } else {
        claim.text.clone()
    };
    writeln!(out, "    {prefix}{}  {text}", paint(s.id, &claim.id))?;
    if !meta.is_empty() {
        writeln!(
            out,
            "      {}",
            paint(s.dim, &format!("— {}", meta.join(", ")))
        )?;
    }
    Ok(())
}

fn edge_lines(s: &Styles, edge: &ReportEdge, indent: &str, out: &mut dyn Write) -> io::Result<()> {
    let relation = match edge.relation.as_str() {
        "contradicts" => paint(s.contradicts, "contradicts"),
        other => paint(s.supports, other),
    };
    match &edge.provenance {
        ReportProvenance::Annotated { note, author } => {
            writeln!(
                out,
                "{indent}{} {relation} {}  annotated{}",
                paint(s.id, &edge.from),
                paint(s.id, &edge.to),
                author
                    .as_deref()
                    .map(|a| format!(" by {a}"))
                    .unwrap_or_default()
            )?;
            if let Some(note) = note {
                writeln!(out, "{indent}  note: {note}")?;
            }
        }
        ReportProvenance::Inferred {
            similarity, rules, ..
        } => {
            writeln!(
                out,
                "{indent}{} {relation} {}  inferred, confidence {:.3}, similarity {similarity:.3}",
                paint(s.id, &edge.from),
                paint(s.id, &edge.to),
                edge.confidence
            )?;
            for rule in rules {
                let words: Vec<String> = rule
                    .evidence
                    .iter()
                    .map(|e| format!("\"{}\"", e.text))
                    .collect();
                writeln!(
                    out,
                    "{indent}  {} {:.3}: {}{}",
                    rule.rule,
                    rule.score,
                    rule.detail,
                    if words.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", dedup(words).join(" "))
                    }
                )?;
            }
        }
    }
    Ok(())
}

/// Removes repeated evidence words, keeping the first occurrence.
fn dedup(words: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    words
        .into_iter()
        .filter(|w| seen.insert(w.clone()))
        .collect()
}
