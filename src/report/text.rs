//! The terminal report: plain text, with ANSI colour when asked for.
//!
//! The caller decides on colour (a terminal, and `NO_COLOR` unset); this
//! module only knows whether to emit escape codes. Every string from the
//! case goes through [`crate::terminal::visible`] (here `v`, and inside
//! `paint`), so a claim can never emit escape codes or a bare carriage
//! return of its own.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::sections::{self, ClaimPlace, EdgePlace, Sections};
use super::{
    Report, ReportAcceptance, ReportClaimStatus, ReportComponent, ReportDuplicate, ReportEdge,
    ReportLabelChange, ReportPoint, ReportProvenance, ReportSelfContradiction, ReportSide,
    ReportStatus, ReportTimeline,
};
use crate::model::Claim;
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
    let mut text = Text {
        report,
        s: Styles::new(color),
        status_width: 0,
        out,
    };
    sections::walk(report, limit, &mut text)
}

/// The terminal's look of each piece of [`sections::walk`].
struct Text<'r, 'w> {
    report: &'r Report,
    s: Styles,
    /// The width of the widest claim id in the status list.
    status_width: usize,
    out: &'w mut dyn Write,
}

impl Sections for Text<'_, '_> {
    fn head(&mut self, report: &Report) -> io::Result<()> {
        let (s, out) = (&self.s, &mut *self.out);
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
                v(party.role.as_str()),
                party.claims
            )?;
        }
        Ok(())
    }

    fn section(&mut self, title: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "{}", paint(self.s.heading, title))
    }

    fn none(&mut self) -> io::Result<()> {
        writeln!(self.out, "  (none)")
    }

    fn more(&mut self, hidden: usize, what: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(
            self.out,
            "  {}",
            paint(
                self.s.dim,
                &format!("... {hidden} more {what} not shown (--limit)")
            )
        )
    }

    fn point(&mut self, point: &ReportPoint, figures: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{} {}",
            paint(self.s.heading, &format!("{}.", point.id)),
            paint(self.s.heading, &point.title),
        )?;
        writeln!(self.out, "  {}", paint(self.s.dim, figures))
    }

    fn side(&mut self, side: &ReportSide) -> io::Result<()> {
        writeln!(
            self.out,
            "  {}  {}",
            paint(self.s.heading, self.report.party_name(&side.party)),
            paint(self.s.dim, &format!("[{}]", side.in_words()))
        )
    }

    fn side_end(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn timeline(&mut self, timeline: &[ReportTimeline]) -> io::Result<()> {
        writeln!(self.out, "  {}", paint(self.s.dim, "timeline:"))?;
        for party in timeline {
            writeln!(self.out, "    {}", v(self.report.party_name(&party.party)))?;
            for entry in &party.entries {
                let revised = entry
                    .superseded_by
                    .as_deref()
                    .map(|by| format!("  (superseded by {})", v(by)))
                    .unwrap_or_default();
                writeln!(
                    self.out,
                    "      {}  {}{revised}",
                    v(&entry.date),
                    paint(self.s.id, &entry.claim)
                )?;
            }
        }
        Ok(())
    }

    fn evidence(&mut self, point: &ReportPoint) -> io::Result<()> {
        writeln!(
            self.out,
            "  {}",
            paint(
                self.s.dim,
                &format!("evidence ({}):", super::weight_in_words(point))
            )
        )
    }

    fn claim(
        &mut self,
        claim: &Claim,
        duplicate: Option<&ReportDuplicate>,
        place: ClaimPlace,
    ) -> io::Result<()> {
        let prefix = match place {
            ClaimPlace::Supporting => "supporting ",
            ClaimPlace::Side | ClaimPlace::Unanswered => "",
        };
        claim_line(&self.s, claim, duplicate, prefix, self.out)
    }

    fn edge(&mut self, edge: &ReportEdge, place: EdgePlace) -> io::Result<()> {
        let indent = match place {
            EdgePlace::CommonGround => "  ",
            EdgePlace::Point | EdgePlace::SelfContradiction => "    ",
        };
        edge_lines(&self.s, edge, indent, self.out)
    }

    fn self_contradiction(
        &mut self,
        item: &ReportSelfContradiction,
        edge: Option<&ReportEdge>,
    ) -> io::Result<()> {
        writeln!(
            self.out,
            "  {}{}",
            paint(self.s.heading, self.report.party_name(&item.party)),
            if item.revised {
                paint(self.s.dim, "  (revised: one claim supersedes the other)")
            } else {
                String::new()
            }
        )?;
        match edge {
            Some(edge) => self.edge(edge, EdgePlace::SelfContradiction),
            None => Ok(()),
        }
    }

    fn statuses(&mut self, statuses: &[ReportClaimStatus]) -> io::Result<()> {
        self.status_width = statuses
            .iter()
            .map(|c| v(&c.claim).chars().count())
            .max()
            .unwrap_or(0);
        Ok(())
    }

    fn status(&mut self, status: &ReportClaimStatus) -> io::Result<()> {
        let width = self.status_width;
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
            self.out,
            "  {}{padding}  {:<10}  {}",
            paint(self.s.id, &status.claim),
            v(&status.acceptance),
            v(&line)
        )?;
        if let Some(note) = status.manual.as_ref().and_then(|m| m.note.as_ref()) {
            writeln!(self.out, "  {}  note: {}", " ".repeat(width + 12), v(note))?;
        }
        Ok(())
    }

    fn acceptance(&mut self, acceptance: &ReportAcceptance) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{}  {}",
            paint(self.s.heading, "Acceptance"),
            paint(
                self.s.dim,
                &format!("(grounded labels; supports read as {})", acceptance.support)
            )
        )?;
        if !acceptance.assumed.is_empty() {
            writeln!(self.out, "  assumed: {}", v(&acceptance.assumed.join(", ")))?;
        }
        if !acceptance.excluded.is_empty() {
            writeln!(
                self.out,
                "  excluded: {}",
                v(&acceptance.excluded.join(", "))
            )?;
        }
        Ok(())
    }

    fn standing(&mut self, point: &ReportPoint) -> io::Result<()> {
        writeln!(
            self.out,
            "  {} {}",
            paint(self.s.heading, &format!("{}.", point.id)),
            paint(self.s.heading, &point.title)
        )?;
        for side in point.sides.iter().filter(|side| !side.claims.is_empty()) {
            writeln!(
                self.out,
                "    {}  {}",
                v(self.report.party_name(&side.party)),
                v(side.in_words())
            )?;
        }
        Ok(())
    }

    fn standings_end(&mut self, _shown: usize) -> io::Result<()> {
        Ok(())
    }

    fn components(&mut self, empty: bool) -> io::Result<()> {
        if empty {
            writeln!(self.out, "  (no claims attack one another)")
        } else {
            writeln!(
                self.out,
                "  for each group of claims that attack one another, the {}:",
                super::PREFERRED_IN_WORDS
            )
        }
    }

    fn component(&mut self, component: &ReportComponent) -> io::Result<()> {
        writeln!(
            self.out,
            "    {} claims: {}",
            component.claims.len(),
            v(&component.claims.join(", "))
        )?;
        match (&component.preferred, &component.note) {
            (Some(extensions), _) => {
                for extension in extensions {
                    writeln!(
                        self.out,
                        "      - {}",
                        v(&self.report.extension_in_words(extension))
                    )?;
                }
            }
            (None, Some(note)) => writeln!(self.out, "      {}", v(note))?,
            (None, None) => {}
        }
        Ok(())
    }

    fn changes(&mut self, changes: &[ReportLabelChange]) -> io::Result<()> {
        writeln!(self.out, "  what changes:")?;
        if changes.is_empty() {
            writeln!(self.out, "    (nothing)")?;
        }
        for change in changes {
            writeln!(
                self.out,
                "    {}  {} -> {}",
                paint(self.s.id, &change.claim),
                v(&change.from),
                v(&change.to)
            )?;
        }
        Ok(())
    }
}

/// `n` and its noun, in the singular for one.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One claim and, dimmed below it, who said it where and when.
fn claim_line(
    s: &Styles,
    claim: &Claim,
    duplicate: Option<&ReportDuplicate>,
    prefix: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
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
    if let Some(duplicate) = duplicate {
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

/// One edge and, for an inferred one, each fired rule with its evidence.
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
            score,
            similarity,
            rules,
            ..
        } => {
            writeln!(
                out,
                "{indent}{} {relation} {}  inferred, confidence {:.3} (rules' score {score:.3}), similarity {similarity:.3}",
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
