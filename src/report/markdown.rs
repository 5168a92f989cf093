//! The Markdown report, for pasting into an article or a wiki.
//!
//! Claim text is escaped so that a claim can never inject Markdown or HTML
//! into the page it is pasted into.

use std::io::{self, Write};

use super::{Report, ReportEdge, ReportProvenance, ReportStatus, shown};

/// Renders the report as Markdown.
///
/// # Errors
/// When the writer fails.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    render_limited(report, None, out)
}

/// [`render`], showing at most `limit` items of each list.
///
/// # Errors
/// When the writer fails.
pub fn render_limited(
    report: &Report,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let edge_index = report.edge_index();
    let title = report.case.title.as_deref().unwrap_or(&report.case.id);
    writeln!(out, "# Disputed points: {}", escape(title))?;
    writeln!(out)?;
    if let Some(description) = &report.case.description {
        writeln!(out, "{}", escape(description))?;
        writeln!(out)?;
    }
    let duplicates = report.duplicate_index();
    let sum = &report.summary;
    writeln!(
        out,
        "{} claims from {} parties; {} contradictions and {} supports ({} inferred, {} annotated); {} disputed points.",
        sum.claims,
        sum.parties,
        sum.contradictions,
        sum.supports,
        sum.inferred_edges,
        sum.annotated_edges,
        sum.disputed_points
    )?;
    if sum.claims_at_relation_bound > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "> {} claims reached the bound of {} inferred contradictions or {} supports per claim: each keeps only its strongest of each (`--max-relations-per-claim`).",
            sum.claims_at_relation_bound,
            sum.max_relations_per_claim.unwrap_or_default(),
            sum.max_relations_per_claim.unwrap_or_default()
        )?;
    }
    writeln!(out)?;
    writeln!(out, "| Party | Role | Claims |")?;
    writeln!(out, "|---|---|---|")?;
    for party in &report.parties {
        writeln!(
            out,
            "| {} | {} | {} |",
            escape(&party.name),
            escape(&party.role),
            party.claims
        )?;
    }

    for point in report.disputed_points.iter().take(shown(limit)) {
        writeln!(out)?;
        writeln!(out, "## {}. {}", point.id, escape(&point.title))?;
        writeln!(out)?;
        writeln!(
            out,
            "{}.",
            escape(&capitalised(&report.point_figures(point, &edge_index)))
        )?;
        writeln!(out)?;
        for side in &point.sides {
            writeln!(
                out,
                "**{}** ({})",
                escape(report.party_name(&side.party)),
                escape(side.in_words())
            )?;
            writeln!(out)?;
            for id in &side.claims {
                claim_item(report, &duplicates, id, "", out)?;
            }
            for id in &side.supporting {
                claim_item(report, &duplicates, id, "supporting: ", out)?;
            }
            writeln!(out)?;
        }
        if !point.timeline.is_empty() {
            writeln!(out, "Timeline:")?;
            writeln!(out)?;
            for party in &point.timeline {
                for entry in &party.entries {
                    let revised = entry
                        .superseded_by
                        .as_deref()
                        .map(|by| format!(" (superseded by `{}`)", code(by)))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "- {}, {}: `{}`{revised}",
                        escape(&entry.date),
                        escape(report.party_name(&party.party)),
                        code(&entry.claim)
                    )?;
                }
            }
            writeln!(out)?;
        }
        writeln!(out, "Evidence ({}):", super::weight_in_words(point))?;
        writeln!(out)?;
        for edge_id in &point.edges {
            if let Some(edge) = edge_index.get(edge_id.as_str()).copied() {
                edge_item(edge, out)?;
            }
        }
    }

    more(report.disputed_points.len(), limit, "disputed points", out)?;
    writeln!(out)?;
    writeln!(out, "## Common ground")?;
    writeln!(out)?;
    if report.common_ground.is_empty() {
        writeln!(out, "None.")?;
    }
    for edge_id in report.common_ground.iter().take(shown(limit)) {
        if let Some(edge) = edge_index.get(edge_id.as_str()).copied() {
            edge_item(edge, out)?;
        }
    }
    more(
        report.common_ground.len(),
        limit,
        "common-ground edges",
        out,
    )?;
    writeln!(out)?;
    writeln!(out, "## Unanswered claims")?;
    writeln!(out)?;
    if report.unanswered.is_empty() {
        writeln!(out, "None.")?;
    }
    for id in report.unanswered.iter().take(shown(limit)) {
        claim_item(report, &duplicates, id, "", out)?;
    }
    more(report.unanswered.len(), limit, "unanswered claims", out)?;
    analysis_sections(report, out)
}

/// Self-consistency, claim status and acceptance.
fn analysis_sections(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "## Self-consistency")?;
    writeln!(out)?;
    if report.self_contradictions.is_empty() {
        writeln!(out, "None.")?;
    }
    for item in &report.self_contradictions {
        if let Some(edge) = report.edge(&item.edge) {
            write!(out, "**{}**", escape(report.party_name(&item.party)))?;
            if item.revised {
                write!(out, " (revised: one claim supersedes the other)")?;
            }
            writeln!(out)?;
            writeln!(out)?;
            edge_item(edge, out)?;
            writeln!(out)?;
        }
    }

    writeln!(out)?;
    writeln!(out, "## Claim status")?;
    writeln!(out)?;
    writeln!(out, "| Claim | Party | Acceptance | Status |")?;
    writeln!(out, "|---|---|---|---|")?;
    for status in &report.statuses {
        let words: Vec<String> = status.status.iter().map(ReportStatus::describe).collect();
        let mut line = match &status.superseded_by {
            Some(by) => format!("superseded by `{}`", code_cell(by)),
            None => escape(&words.join("; ")),
        };
        if let Some(manual) = &status.manual {
            line.push_str(" (manual");
            if let Some(author) = &manual.author {
                line.push_str(&format!(" by {}", escape(author)));
            }
            if let Some(note) = &manual.note {
                line.push_str(&format!(": {}", escape(note)));
            }
            line.push(')');
            let computed: Vec<String> =
                status.computed.iter().map(ReportStatus::describe).collect();
            if !computed.is_empty() {
                line.push_str(&format!("; computed: {}", escape(&computed.join("; "))));
            }
        }
        writeln!(
            out,
            "| `{}` | {} | {} | {line} |",
            code_cell(&status.claim),
            escape(&status.party),
            escape(&status.acceptance)
        )?;
    }

    let acceptance = &report.acceptance;
    writeln!(out)?;
    writeln!(out, "## Acceptance")?;
    writeln!(out)?;
    writeln!(
        out,
        "Grounded labels; contradictions are mutual attacks and supports are read as {}.",
        escape(&acceptance.support)
    )?;
    writeln!(out)?;
    if !acceptance.assumed.is_empty() {
        writeln!(out, "Assumed: {}.", code_list(&acceptance.assumed))?;
        writeln!(out)?;
    }
    if !acceptance.excluded.is_empty() {
        writeln!(out, "Excluded: {}.", code_list(&acceptance.excluded))?;
        writeln!(out)?;
    }
    for point in &report.disputed_points {
        let sides: Vec<String> = point
            .sides
            .iter()
            .filter(|side| !side.claims.is_empty())
            .map(|side| {
                format!(
                    "{} {}",
                    escape(report.party_name(&side.party)),
                    escape(side.in_words())
                )
            })
            .collect();
        writeln!(
            out,
            "- **{}. {}**: {}.",
            point.id,
            escape(&point.title),
            sides.join("; ")
        )?;
    }
    if !report.disputed_points.is_empty() {
        writeln!(out)?;
    }
    if acceptance.components.is_empty() {
        writeln!(out, "No claims attack one another.")?;
    } else {
        writeln!(
            out,
            "For each group of claims that attack one another, the {}:",
            super::PREFERRED_IN_WORDS
        )?;
        writeln!(out)?;
    }
    for component in &acceptance.components {
        writeln!(
            out,
            "- {} claims: {}",
            component.claims.len(),
            code_list(&component.claims)
        )?;
        match (&component.preferred, &component.note) {
            (Some(extensions), _) => {
                for extension in extensions {
                    let parts: Vec<String> = report
                        .extension_by_party(extension)
                        .into_iter()
                        .map(|(party, ids)| format!("{}: {}", escape(party), code_list(&ids)))
                        .collect();
                    writeln!(out, "  - {}", parts.join("; "))?;
                }
            }
            (None, Some(note)) => writeln!(out, "  - {}", escape(note))?,
            (None, None) => {}
        }
    }
    if !acceptance.assumed.is_empty() || !acceptance.excluded.is_empty() {
        writeln!(out)?;
        writeln!(out, "What changes:")?;
        writeln!(out)?;
        if acceptance.changes.is_empty() {
            writeln!(out, "Nothing.")?;
        }
        for change in &acceptance.changes {
            writeln!(
                out,
                "- `{}`: {} → {}",
                code(&change.claim),
                change.from,
                change.to
            )?;
        }
    }
    Ok(())
}

/// `text` with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The line that says how many items `--limit` left out, if any.
fn more(total: usize, limit: Option<usize>, what: &str, out: &mut dyn Write) -> io::Result<()> {
    let hidden = super::left_out(total, limit);
    if hidden > 0 {
        writeln!(out)?;
        writeln!(out, "*{hidden} more {what} not shown (`--limit`).*")?;
    }
    Ok(())
}

/// Each repeated claim's statement, by claim id.
type Duplicates<'r> = std::collections::HashMap<&'r str, &'r crate::report::ReportDuplicate>;

fn code_list(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{}`", code(id)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn claim_item(
    report: &Report,
    duplicates: &Duplicates<'_>,
    id: &str,
    prefix: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(claim) = report.claim(id) else {
        return Ok(());
    };
    let text = if claim.quote {
        format!("« {} »", escape(&claim.text))
    } else {
        escape(&claim.text)
    };
    let mut meta = Vec::new();
    if let Some(speaker) = &claim.speaker {
        meta.push(escape(speaker));
    }
    if let Some(source) = &claim.source {
        meta.push(format!("source `{}`", code(source)));
    }
    if let Some(date) = &claim.date {
        meta.push(escape(date));
    }
    if claim.quote {
        meta.push("quote".to_owned());
    }
    if let Some(duplicate) = duplicates.get(id) {
        meta.push(escape(&duplicate.describe()));
    }
    let meta = if meta.is_empty() {
        String::new()
    } else {
        format!(" — {}", meta.join(", "))
    };
    writeln!(out, "- {prefix}`{}` {text}{meta}", code(&claim.id))
}

fn edge_item(edge: &ReportEdge, out: &mut dyn Write) -> io::Result<()> {
    let head = format!(
        "- `{}` **{}** `{}`",
        code(&edge.from),
        edge.relation,
        code(&edge.to)
    );
    match &edge.provenance {
        ReportProvenance::Annotated { note, author } => {
            write!(out, "{head}: annotated")?;
            if let Some(author) = author {
                write!(out, " by {}", escape(author))?;
            }
            if let Some(note) = note {
                write!(out, ". {}", escape(note))?;
            }
            writeln!(out)
        }
        ReportProvenance::Inferred {
            similarity, rules, ..
        } => {
            writeln!(
                out,
                "{head}: inferred, confidence {:.3}, similarity {similarity:.3}",
                edge.confidence
            )?;
            for rule in rules {
                let mut words: Vec<String> = rule
                    .evidence
                    .iter()
                    .map(|e| format!("“{}”", escape(&e.text)))
                    .collect();
                words.dedup();
                writeln!(
                    out,
                    "  - `{}` ({:.3}): {}{}",
                    rule.rule,
                    rule.score,
                    escape(&rule.detail),
                    if words.is_empty() {
                        String::new()
                    } else {
                        format!(" on {}", words.join(", "))
                    }
                )?;
            }
            Ok(())
        }
    }
}

/// Escapes Markdown and HTML metacharacters in running text.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if crate::terminal::is_hidden(c) => out.push_str(&crate::terminal::escape_char(c)),
            _ => out.push(c),
        }
    }
    out
}

/// Text safe inside a single-backtick code span: a backtick would end the
/// span and a line break would end the line, and characters a terminal
/// acts on are shown visibly.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '`' => out.push('\''),
            '\n' | '\r' => out.push(' '),
            c if crate::terminal::is_hidden(c) => out.push_str(&crate::terminal::escape_char(c)),
            _ => out.push(c),
        }
    }
    out
}

/// A code span inside a table cell. GitHub-flavoured Markdown splits a row
/// at every `|` not preceded by a backslash, even inside a code span, and
/// removes that backslash before reading the span: `\|` keeps an id with a
/// pipe in its cell instead of forging a new column.
fn code_cell(text: &str) -> String {
    code(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_markdown() {
        assert_eq!(
            escape("<script>*x*</script>"),
            "\\<script\\>\\*x\\*\\</script\\>"
        );
        assert_eq!(escape("a | b\nc"), "a \\| b c");
        assert_eq!(escape("x\u{1b}[2J\u{202e}"), "x\\u{1b}\\[2J\\u{202e}");
    }

    #[test]
    fn code_spans_cannot_end_early_or_split_a_cell() {
        assert_eq!(code("a`b\nc\u{7}"), "a'b c\\u{7}");
        assert_eq!(
            code_cell("x` | `in` | undisputed |"),
            "x' \\| 'in' \\| undisputed \\|"
        );
    }
}
