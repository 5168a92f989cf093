//! The terminal report: plain text, with ANSI colour when asked for.
//!
//! The caller decides on colour (a terminal, and `NO_COLOR` unset); this
//! module only knows whether to emit escape codes. Every string from the
//! case goes through [`crate::terminal::visible`] (here `v`, and inside
//! `paint`), so a claim can never emit escape codes or a bare carriage
//! return of its own.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{Report, ReportEdge, ReportProvenance, ReportStatus, shown};
use crate::terminal::visible as v;

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

/// Paints `text` with `style` (a no-op style prints the text alone). The
/// text is shown visibly: painting is where most case strings are printed.
fn paint(style: Style, text: &str) -> String {
    format!("{style}{}{style:#}", v(text))
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
    let duplicates = report.duplicate_index();
    let s = Styles::new(color);
    let title = report.case.title.as_deref().unwrap_or(&report.case.id);
    writeln!(out, "{}", paint(s.heading, title))?;
    let sum = &report.summary;
    writeln!(
        out,
        "{}, {}, {}, {} ({} inferred, {} annotated), {}",
        count(sum.claims, "claim", "claims"),
        count(sum.parties, "party", "parties"),
        count(sum.contradictions, "contradiction", "contradictions"),
        count(sum.supports, "support", "supports"),
        sum.inferred_edges,
        sum.annotated_edges,
        count(sum.disputed_points, "disputed point", "disputed points")
    )?;
    if sum.claims_at_relation_bound > 0 {
        writeln!(
            out,
            "{}",
            paint(
                s.dim,
                &format!(
                    "note: {} claims reached the bound of {} inferred contradictions or {} supports per claim: each keeps only its strongest of each (--max-relations-per-claim)",
                    sum.claims_at_relation_bound,
                    sum.max_relations_per_claim.unwrap_or_default(),
                    sum.max_relations_per_claim.unwrap_or_default()
                )
            )
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", paint(s.heading, "Parties"))?;
    for party in &report.parties {
        writeln!(
            out,
            "  {}  {} ({}, {} claims)",
            paint(s.id, &party.id),
            v(&party.name),
            v(&party.role),
            party.claims
        )?;
    }

    for point in report.disputed_points.iter().take(shown(limit)) {
        writeln!(out)?;
        writeln!(
            out,
            "{} {}",
            paint(s.heading, &format!("{}.", point.id)),
            paint(s.heading, &point.title),
        )?;
        writeln!(
            out,
            "  {}",
            paint(s.dim, &report.point_figures(point, &edge_index))
        )?;
        for side in &point.sides {
            writeln!(
                out,
                "  {}  {}",
                paint(s.heading, report.party_name(&side.party)),
                paint(s.dim, &format!("[{}]", side.in_words()))
            )?;
            for id in &side.claims {
                claim_line(report, &duplicates, &s, id, "", out)?;
            }
            for id in &side.supporting {
                claim_line(report, &duplicates, &s, id, "supporting ", out)?;
            }
        }
        if !point.timeline.is_empty() {
            writeln!(out, "  {}", paint(s.dim, "timeline:"))?;
            for party in &point.timeline {
                writeln!(out, "    {}", v(report.party_name(&party.party)))?;
                for entry in &party.entries {
                    let revised = entry
                        .superseded_by
                        .as_deref()
                        .map(|by| format!("  (superseded by {})", v(by)))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "      {}  {}{revised}",
                        v(&entry.date),
                        paint(s.id, &entry.claim)
                    )?;
                }
            }
        }
        writeln!(
            out,
            "  {}",
            paint(
                s.dim,
                &format!("evidence ({}):", super::weight_in_words(point))
            )
        )?;
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
        claim_line(report, &duplicates, &s, id, "", out)?;
    }
    more(&s, report.unanswered.len(), limit, "unanswered claims", out)?;
    analysis_sections(report, &s, limit, out)
}

/// Self-consistency, claim status and acceptance.
fn analysis_sections(
    report: &Report,
    s: &Styles,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", paint(s.heading, "Self-consistency"))?;
    if report.self_contradictions.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for item in &report.self_contradictions {
        writeln!(
            out,
            "  {}{}",
            paint(s.heading, report.party_name(&item.party)),
            if item.revised {
                paint(s.dim, "  (revised: one claim supersedes the other)")
            } else {
                String::new()
            }
        )?;
        if let Some(edge) = report.edge(&item.edge) {
            edge_lines(s, edge, "    ", out)?;
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", paint(s.heading, "Claim status"))?;
    let width = report
        .statuses
        .iter()
        .map(|c| v(&c.claim).chars().count())
        .max()
        .unwrap_or(0);
    for status in &report.statuses {
        let words: Vec<String> = status.status.iter().map(ReportStatus::describe).collect();
        let mut line = match &status.superseded_by {
            Some(by) => format!("superseded by {}", v(by)),
            None => words.join("; "),
        };
        if let Some(manual) = &status.manual {
            line.push_str(" (manual");
            if let Some(author) = &manual.author {
                line.push_str(&format!(" by {}", v(author)));
            }
            line.push(')');
            let computed: Vec<String> =
                status.computed.iter().map(ReportStatus::describe).collect();
            if !computed.is_empty() {
                line.push_str(&format!("; computed: {}", computed.join("; ")));
            }
        }
        let padding = " ".repeat(width.saturating_sub(v(&status.claim).chars().count()));
        writeln!(
            out,
            "  {}{padding}  {:<10}  {}",
            paint(s.id, &status.claim),
            v(&status.acceptance),
            v(&line)
        )?;
        if let Some(note) = status.manual.as_ref().and_then(|m| m.note.as_ref()) {
            writeln!(out, "  {}  note: {}", " ".repeat(width + 12), v(note))?;
        }
    }

    let acceptance = &report.acceptance;
    writeln!(out)?;
    writeln!(
        out,
        "{}  {}",
        paint(s.heading, "Acceptance"),
        paint(
            s.dim,
            &format!("(grounded labels; supports read as {})", acceptance.support)
        )
    )?;
    if !acceptance.assumed.is_empty() {
        writeln!(out, "  assumed: {}", v(&acceptance.assumed.join(", ")))?;
    }
    if !acceptance.excluded.is_empty() {
        writeln!(out, "  excluded: {}", v(&acceptance.excluded.join(", ")))?;
    }
    for point in report.disputed_points.iter().take(shown(limit)) {
        writeln!(
            out,
            "  {} {}",
            paint(s.heading, &format!("{}.", point.id)),
            paint(s.heading, &point.title)
        )?;
        for side in point.sides.iter().filter(|side| !side.claims.is_empty()) {
            writeln!(
                out,
                "    {}  {}",
                v(report.party_name(&side.party)),
                v(side.in_words())
            )?;
        }
    }
    if acceptance.components.is_empty() {
        writeln!(out, "  (no claims attack one another)")?;
    } else {
        writeln!(
            out,
            "  for each group of claims that attack one another, the {}:",
            super::PREFERRED_IN_WORDS
        )?;
    }
    for component in &acceptance.components {
        writeln!(
            out,
            "    {} claims: {}",
            component.claims.len(),
            v(&component.claims.join(", "))
        )?;
        match (&component.preferred, &component.note) {
            (Some(extensions), _) => {
                for extension in extensions {
                    writeln!(out, "      - {}", v(&report.extension_in_words(extension)))?;
                }
            }
            (None, Some(note)) => writeln!(out, "      {}", v(note))?,
            (None, None) => {}
        }
    }
    if !acceptance.assumed.is_empty() || !acceptance.excluded.is_empty() {
        writeln!(out, "  what changes:")?;
        if acceptance.changes.is_empty() {
            writeln!(out, "    (nothing)")?;
        }
        for change in &acceptance.changes {
            writeln!(
                out,
                "    {}  {} -> {}",
                paint(s.id, &change.claim),
                v(&change.from),
                v(&change.to)
            )?;
        }
    }
    Ok(())
}

/// `n` and its noun, in the singular for one.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The line that says how many items `--limit` left out, if any.
/// Each repeated claim's statement, by claim id.
type Duplicates<'r> = std::collections::HashMap<&'r str, &'r super::ReportDuplicate>;

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
    duplicates: &Duplicates<'_>,
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
        format!("« {} »", v(&claim.text))
    } else {
        v(&claim.text).into_owned()
    };
    if let Some(duplicate) = duplicates.get(id) {
        meta.push(duplicate.describe());
    }
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
                    .map(|a| format!(" by {}", v(a)))
                    .unwrap_or_default()
            )?;
            if let Some(note) = note {
                writeln!(out, "{indent}  note: {}", v(note))?;
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
                    .map(|e| format!("\"{}\"", v(&e.text)))
                    .collect();
                writeln!(
                    out,
                    "{indent}  {} {:.3}: {}{}",
                    v(&rule.rule),
                    rule.score,
                    v(&rule.detail),
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
