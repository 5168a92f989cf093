//! `claimgraph explain`: the full trace of why two claims are, or are not,
//! linked: normalised tokens, similarity scores, every rule (fired or not)
//! and any annotation that overrides the result.

use std::io::{self, Write};

use crate::case::Case;
use crate::graph::AnalyzedCase;
use crate::infer::{Assessment, Side};
use crate::model::Annotation;
use crate::report::char_range;
use crate::text::Analysis;

/// Writes the explanation for claims `i` and `j` of the case.
///
/// # Errors
/// When the writer fails.
pub fn render(
    case: &Case,
    analyzed: &AnalyzedCase,
    i: usize,
    j: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let assessment = analyzed.assess(case, i, j);
    let (a, b) = (&case.claims[i], &case.claims[j]);
    for (label, claim, analysis) in [
        ("A", a, &analyzed.analyses[i]),
        ("B", b, &analyzed.analyses[j]),
    ] {
        writeln!(out, "{label}: {} ({})", claim.id, claim.party)?;
        writeln!(out, "   text: {}", claim.text)?;
        writeln!(
            out,
            "   language: {}{}",
            analysis.language.code(),
            if analysis.language_detected {
                " (detected)"
            } else {
                ""
            }
        )?;
        writeln!(out, "   tokens: {}", tokens(analysis))?;
        let cues: Vec<String> = analysis
            .cues
            .iter()
            .map(|c| format!("{:?}:{}", c.kind, c.cue).to_lowercase())
            .collect();
        writeln!(out, "   cues: {}", none_or(&cues))?;
        let quantities: Vec<String> = analysis
            .quantities
            .iter()
            .map(|q| {
                format!(
                    "{}{}{}",
                    q.value,
                    q.unit
                        .as_deref()
                        .map(|u| format!(" {u}"))
                        .unwrap_or_default(),
                    if q.vague { " (vague)" } else { "" }
                )
            })
            .collect();
        writeln!(out, "   quantities: {}", none_or(&quantities))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "similarity: weighted dice {:.3}, containment {:.3}",
        assessment.similarity, assessment.containment
    )?;
    let shared: Vec<String> = assessment
        .shared
        .iter()
        .map(|s| {
            if s.stem_a == s.stem_b {
                format!("{} ({:.3})", s.stem_a, s.weight)
            } else {
                format!(
                    "{}~{} ({:.3}, jaro-winkler {:.3})",
                    s.stem_a, s.stem_b, s.weight, s.match_score
                )
            }
        })
        .collect();
    writeln!(out, "shared terms: {}", none_or(&shared))?;
    writeln!(out)?;
    writeln!(out, "rules:")?;
    rules(case, &assessment, i, j, out)?;
    writeln!(out)?;
    let inferred = match assessment.relation {
        Some(relation) => {
            let (from, to) = if assessment.reversed && relation.as_str() == "supports" {
                (b, a)
            } else {
                (a, b)
            };
            format!(
                "{} {} {} (confidence {:.3})",
                from.id,
                relation.as_str(),
                to.id,
                assessment.confidence
            )
        }
        None => "no edge".to_owned(),
    };
    writeln!(out, "inferred: {inferred}")?;
    match annotation(case, &a.id, &b.id) {
        Some(annotation) => {
            writeln!(
                out,
                "annotation: {} {} {} overrides the inference{}{}",
                annotation.claims[0],
                annotation.relation.as_str(),
                annotation.claims[1],
                annotation
                    .author
                    .as_deref()
                    .map(|x| format!(" (by {x})"))
                    .unwrap_or_default(),
                annotation
                    .note
                    .as_deref()
                    .map(|x| format!("\n  note: {x}"))
                    .unwrap_or_default()
            )?;
        }
        None => writeln!(out, "annotation: none")?,
    }
    Ok(())
}

fn rules(
    case: &Case,
    assessment: &Assessment,
    i: usize,
    j: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    for rule in &assessment.rules {
        writeln!(
            out,
            "  [{}] {} {:.3}: {}",
            if rule.fired { "x" } else { " " },
            rule.rule,
            rule.score,
            rule.detail
        )?;
        for ev in &rule.evidence {
            let claim = match ev.side {
                Side::A => &case.claims[i],
                Side::B => &case.claims[j],
            };
            let (start, end) = char_range(&claim.text, ev.span.start, ev.span.end);
            writeln!(
                out,
                "        {:?} \"{}\" at {start}..{end}",
                ev.side, ev.text
            )?;
        }
    }
    Ok(())
}

fn tokens(analysis: &Analysis) -> String {
    let words: Vec<String> = analysis
        .tokens
        .iter()
        .filter(|t| !t.stop)
        .map(|t| {
            let mut word = t.stem.clone();
            if t.negated {
                word.insert(0, '¬');
            }
            if t.entity {
                word.push('*');
            }
            if t.reported {
                word.push_str("(reported)");
            }
            word
        })
        .collect();
    none_or(&words)
}

fn none_or(items: &[String]) -> String {
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items.join(" ")
    }
}

fn annotation<'c>(case: &'c Case, a: &str, b: &str) -> Option<&'c Annotation> {
    case.annotations
        .iter()
        .find(|x| (x.claims[0] == a && x.claims[1] == b) || (x.claims[0] == b && x.claims[1] == a))
}
