//! The Markdown report, for pasting into an article or a wiki.
//!
//! Claim text is escaped so that a claim can never inject Markdown or HTML
//! into the page it is pasted into.

use std::io::{self, Write};

use super::sections::{self, ClaimPlace, EdgePlace, Sections};
use super::{
    Report, ReportAcceptance, ReportClaimStatus, ReportComponent, ReportDuplicate, ReportEdge,
    ReportLabelChange, ReportPoint, ReportProvenance, ReportSelfContradiction, ReportSide,
    ReportStatus, ReportTimeline,
};
use crate::model::Claim;

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
    sections::walk(report, limit, &mut Markdown { report, out })
}

/// The Markdown look of each piece of [`sections::walk`].
struct Markdown<'r, 'w> {
    report: &'r Report,
    out: &'w mut dyn Write,
}

impl Sections for Markdown<'_, '_> {
    fn head(&mut self, report: &Report) -> io::Result<()> {
        let out = &mut *self.out;
        let title = report.case.title.as_deref().unwrap_or(&report.case.id);
        writeln!(out, "# Disputed points: {}", escape(title))?;
        writeln!(out)?;
        if let Some(description) = &report.case.description {
            writeln!(out, "{}", escape(description))?;
            writeln!(out)?;
        }
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
                escape(party.role.as_str()),
                party.claims
            )?;
        }
        Ok(())
    }

    fn section(&mut self, title: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "## {title}")?;
        writeln!(self.out)
    }

    fn none(&mut self) -> io::Result<()> {
        writeln!(self.out, "None.")
    }

    fn more(&mut self, hidden: usize, what: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "*{hidden} more {what} not shown (`--limit`).*")
    }

    fn point(&mut self, point: &ReportPoint, figures: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "## {}. {}", point.id, escape(&point.title))?;
        writeln!(self.out)?;
        writeln!(self.out, "{}.", escape(&capitalised(figures)))?;
        writeln!(self.out)
    }

    fn side(&mut self, side: &ReportSide) -> io::Result<()> {
        writeln!(
            self.out,
            "**{}** ({})",
            escape(self.report.party_name(&side.party)),
            escape(side.in_words())
        )?;
        writeln!(self.out)
    }

    fn side_end(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    fn timeline(&mut self, timeline: &[ReportTimeline]) -> io::Result<()> {
        writeln!(self.out, "Timeline:")?;
        writeln!(self.out)?;
        for party in timeline {
            for entry in &party.entries {
                let revised = entry
                    .superseded_by
                    .as_deref()
                    .map(|by| format!(" (superseded by `{}`)", code(by)))
                    .unwrap_or_default();
                writeln!(
                    self.out,
                    "- {}, {}: `{}`{revised}",
                    escape(&entry.date),
                    escape(self.report.party_name(&party.party)),
                    code(&entry.claim)
                )?;
            }
        }
        writeln!(self.out)
    }

    fn evidence(&mut self, point: &ReportPoint) -> io::Result<()> {
        writeln!(self.out, "Evidence ({}):", super::weight_in_words(point))?;
        writeln!(self.out)
    }

    fn claim(
        &mut self,
        claim: &Claim,
        duplicate: Option<&ReportDuplicate>,
        place: ClaimPlace,
    ) -> io::Result<()> {
        let prefix = match place {
            ClaimPlace::Supporting => "supporting: ",
            ClaimPlace::Side | ClaimPlace::Unanswered => "",
        };
        claim_item(claim, duplicate, prefix, self.out)
    }

    fn edge(&mut self, edge: &ReportEdge, _place: EdgePlace) -> io::Result<()> {
        edge_item(edge, self.out)
    }

    fn self_contradiction(
        &mut self,
        item: &ReportSelfContradiction,
        edge: Option<&ReportEdge>,
    ) -> io::Result<()> {
        // Without its edge, a party's name alone would say nothing.
        let Some(edge) = edge else {
            return Ok(());
        };
        write!(
            self.out,
            "**{}**",
            escape(self.report.party_name(&item.party))
        )?;
        if item.revised {
            write!(self.out, " (revised: one claim supersedes the other)")?;
        }
        writeln!(self.out)?;
        writeln!(self.out)?;
        edge_item(edge, self.out)?;
        writeln!(self.out)
    }

    fn statuses(&mut self, _statuses: &[ReportClaimStatus]) -> io::Result<()> {
        writeln!(self.out, "| Claim | Party | Acceptance | Status |")?;
        writeln!(self.out, "|---|---|---|---|")
    }

    fn status(&mut self, status: &ReportClaimStatus) -> io::Result<()> {
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
            self.out,
            "| `{}` | {} | {} | {line} |",
            code_cell(&status.claim),
            escape(&status.party),
            escape(&status.acceptance)
        )
    }

    fn acceptance(&mut self, acceptance: &ReportAcceptance) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "## Acceptance")?;
        writeln!(self.out)?;
        writeln!(
            self.out,
            "Grounded labels; contradictions are mutual attacks and supports are read as {}.",
            escape(&acceptance.support)
        )?;
        writeln!(self.out)?;
        if !acceptance.assumed.is_empty() {
            writeln!(self.out, "Assumed: {}.", code_list(&acceptance.assumed))?;
            writeln!(self.out)?;
        }
        if !acceptance.excluded.is_empty() {
            writeln!(self.out, "Excluded: {}.", code_list(&acceptance.excluded))?;
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn standing(&mut self, point: &ReportPoint) -> io::Result<()> {
        let sides: Vec<String> = point
            .sides
            .iter()
            .filter(|side| !side.claims.is_empty())
            .map(|side| {
                format!(
                    "{} {}",
                    escape(self.report.party_name(&side.party)),
                    escape(side.in_words())
                )
            })
            .collect();
        writeln!(
            self.out,
            "- **{}. {}**: {}.",
            point.id,
            escape(&point.title),
            sides.join("; ")
        )
    }

    fn standings_end(&mut self, shown: usize) -> io::Result<()> {
        if shown > 0 {
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn components(&mut self, empty: bool) -> io::Result<()> {
        if empty {
            writeln!(self.out, "No claims attack one another.")
        } else {
            writeln!(
                self.out,
                "For each group of claims that attack one another, the {}:",
                super::PREFERRED_IN_WORDS
            )?;
            writeln!(self.out)
        }
    }

    fn component(&mut self, component: &ReportComponent) -> io::Result<()> {
        writeln!(
            self.out,
            "- {} claims: {}",
            component.claims.len(),
            code_list(&component.claims)
        )?;
        match (&component.preferred, &component.note) {
            (Some(extensions), _) => {
                for extension in extensions {
                    let parts: Vec<String> = self
                        .report
                        .extension_by_party(extension)
                        .into_iter()
                        .map(|(party, ids)| format!("{}: {}", escape(party), code_list(&ids)))
                        .collect();
                    writeln!(self.out, "  - {}", parts.join("; "))?;
                }
            }
            (None, Some(note)) => writeln!(self.out, "  - {}", escape(note))?,
            (None, None) => {}
        }
        Ok(())
    }

    fn changes(&mut self, changes: &[ReportLabelChange]) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "What changes:")?;
        writeln!(self.out)?;
        if changes.is_empty() {
            writeln!(self.out, "Nothing.")?;
        }
        for change in changes {
            writeln!(
                self.out,
                "- `{}`: {} → {}",
                code(&change.claim),
                change.from,
                change.to
            )?;
        }
        Ok(())
    }
}

/// `text` with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Ids as a comma-separated list of code spans.
fn code_list(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{}`", code(id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One claim as a list item, with who said it where and when.
fn claim_item(
    claim: &Claim,
    duplicate: Option<&ReportDuplicate>,
    prefix: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
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
    if let Some(duplicate) = duplicate {
        meta.push(escape(&duplicate.describe()));
    }
    let meta = if meta.is_empty() {
        String::new()
    } else {
        format!(" — {}", meta.join(", "))
    };
    writeln!(out, "- {prefix}`{}` {text}{meta}", code(&claim.id))
}

/// One edge as a list item and, for an inferred one, its fired rules.
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
            score,
            similarity,
            rules,
            ..
        } => {
            writeln!(
                out,
                "{head}: inferred, confidence {:.3} (rules' score {score:.3}), similarity {similarity:.3}",
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
