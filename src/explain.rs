//! `claimgraph explain`: the full trace of why two claims are, or are not,
//! linked: normalised tokens, similarity scores, every rule (fired or not)
//! and any annotation that overrides the result.

use std::io::{self, Write};

use crate::analyzed::AnalyzedCase;
use crate::case::Case;
use crate::infer::{Assessment, Relation, Side, calibration};
use crate::model::Annotation;
use crate::report::CharOffsets;

/// Evidence lines `explain` prints per rule (the JSON form lists them all):
/// a pair of long passages can hold thousands.
const EVIDENCE_SHOWN: usize = 24;
use crate::text::Analysis;

/// One claim of an explained pair.
#[derive(Debug, Clone, Copy)]
pub struct ExplainedClaim<'a> {
    /// The claim's id (or any label).
    pub id: &'a str,
    /// Who said it, when known.
    pub party: Option<&'a str>,
    /// The original text.
    pub text: &'a str,
    /// Its analysis.
    pub analysis: &'a Analysis,
}

/// Writes the explanation for claims `i` and `j` of the case: the trace of
/// [`render_assessment`], then any annotation that overrides it.
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
    let side_a = ExplainedClaim {
        id: &a.id,
        party: Some(&a.party),
        text: &a.text,
        analysis: analyzed.analysis(i),
    };
    let side_b = ExplainedClaim {
        id: &b.id,
        party: Some(&b.party),
        text: &b.text,
        analysis: analyzed.analysis(j),
    };
    render_assessment(side_a, side_b, &assessment, out)?;
    let duplicates = analyzed.groups.group_of(i) == analyzed.groups.group_of(j);
    let annotated = annotation(case, &a.id, &b.id).is_some();
    if let Some((relation, held)) = analyzed
        .held_back(case, i, j)
        .filter(|_| !duplicates && !annotated)
    {
        let (from, to) = direction(&a.id, &b.id, relation, held.reversed);
        // Four decimals: a confidence printed as 0.700 may be under 0.7.
        writeln!(
            out,
            "operating point: {from} {} {to} is held back: its calibrated confidence \
             {:.4} is under min_calibrated {:.3} (rules' score {:.3}; at the recall point, \
             --operating-point recall, it passes)",
            relation.as_str(),
            held.confidence,
            case.config.min_calibrated,
            held.score,
        )?;
        writeln!(out, "{}", calibration_line(relation, &held))?;
    }
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
    if let Some(standing) = crate::graph::ClaimGraph::standing(case, analyzed, i, j) {
        writeln!(out, "graph: {}", standing_in_words(&standing, &a.id, &b.id))?;
    }
    // The graph compares a duplicate group once, through its first claim.
    let groups = &analyzed.groups;
    if groups.group_of(i) == groups.group_of(j) {
        writeln!(
            out,
            "graph: {} and {} are copies of one statement (same party and text): the graph holds one node for them, {}, and no edge between them",
            a.id,
            b.id,
            case.claims[groups.representative_of(i)].id
        )?;
    } else {
        for (claim, id) in [(i, &a.id), (j, &b.id)] {
            let representative = groups.representative_of(claim);
            if representative != claim {
                writeln!(
                    out,
                    "graph: {id} is a copy of {} (same party and text): the graph compares {} in its place",
                    case.claims[representative].id, case.claims[representative].id
                )?;
            }
        }
    }
    Ok(())
}

/// The claims of an edge in its direction: B supports A when `reversed`.
fn direction<'a>(a: &'a str, b: &'a str, relation: Relation, reversed: bool) -> (&'a str, &'a str) {
    if reversed && relation == Relation::Supports {
        (b, a)
    } else {
        (a, b)
    }
}

/// Every term of the calibrated confidence of `relation`, for JSON.
fn calibration_json(relation: Relation, assessment: &Assessment) -> serde_json::Value {
    calibration::terms(relation, &assessment.features)
        .iter()
        .map(|t| {
            serde_json::json!({
                "feature": t.feature,
                "value": crate::infer::round3(t.value),
                "weight": crate::infer::round3(t.weight),
            })
        })
        .collect()
}

/// Every term of the calibrated confidence of `relation`, and their sum.
fn calibration_line(relation: Relation, assessment: &Assessment) -> String {
    let terms = calibration::terms(relation, &assessment.features);
    let sum: Vec<String> = terms
        .iter()
        .map(|t| format!("{} {:.3} x {:+.3}", t.feature, t.value, t.weight))
        .collect();
    let logit: f64 = terms.iter().map(|t| t.value * t.weight).sum();
    format!(
        "calibration: {} = {logit:+.3}, logistic {:.3}",
        sum.join(" + "),
        assessment.confidence
    )
}

/// Writes the trace of one assessment: each claim's normalised tokens, cues
/// and quantities; the similarity scores and shared terms; every rule,
/// fired or not, with what it looked at (and where, in characters); and
/// the inferred relation. Used by `explain` and by the rule tests.
///
/// # Errors
/// When the writer fails.
pub fn render_assessment(
    a: ExplainedClaim<'_>,
    b: ExplainedClaim<'_>,
    assessment: &Assessment,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (label, claim) in [("A", a), ("B", b)] {
        let analysis = claim.analysis;
        match claim.party {
            Some(party) => writeln!(out, "{label}: {} ({party})", claim.id)?,
            None => writeln!(out, "{label}: {}", claim.id)?,
        }
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
            } else if s.thesaurus {
                format!("{}~{} ({:.3}, thesaurus)", s.stem_a, s.stem_b, s.weight)
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
    rules(a.text, b.text, assessment, out)?;
    writeln!(out)?;
    let inferred = match assessment.relation {
        Some(relation) => {
            let (from, to) = if assessment.reversed && relation.as_str() == "supports" {
                (b, a)
            } else {
                (a, b)
            };
            format!(
                "{} {} {} (rules' score {:.3}, calibrated confidence {:.3})",
                from.id,
                relation.as_str(),
                to.id,
                assessment.score,
                assessment.confidence
            )
        }
        None => "no edge".to_owned(),
    };
    writeln!(out, "inferred: {inferred}")?;
    if let Some(relation) = assessment.relation {
        writeln!(out, "{}", calibration_line(relation, assessment))?;
    }
    if let Some(rule) = assessment.unexplained {
        writeln!(
            out,
            "warning: the explanation of {rule} does not find what its decision found; please report this bug"
        )?;
    }
    Ok(())
}

/// Whether the graph keeps the inferred relation, in words.
fn standing_in_words(standing: &crate::graph::Standing, a: &str, b: &str) -> String {
    let kind = match standing.relation {
        crate::infer::Relation::Contradicts => "contradictions",
        crate::infer::Relation::Supports => "supports",
    };
    let [above_a, above_b] = standing.stronger;
    let k = standing.max_relations_per_claim;
    if standing.kept() {
        format!(
            "kept (each claim keeps its {k} strongest {kind}; stronger ones: {above_a} for {a}, {above_b} for {b})"
        )
    } else {
        format!(
            "not kept: it ranks after {above_a} stronger {kind} of {a} and {above_b} of {b}, and each claim keeps its {k} strongest (max_relations_per_claim; raise it to keep this edge)"
        )
    }
}

fn rules(
    text_a: &str,
    text_b: &str,
    assessment: &Assessment,
    out: &mut dyn Write,
) -> io::Result<()> {
    let offsets = [CharOffsets::new(text_a), CharOffsets::new(text_b)];
    for rule in &assessment.rules {
        writeln!(
            out,
            "  [{}] {} {:.3}: {}",
            if rule.fired { "x" } else { " " },
            rule.rule,
            rule.score,
            rule.detail
        )?;
        for ev in rule.evidence.iter().take(EVIDENCE_SHOWN) {
            let (start, end) = offsets[ev.side.index()].range(ev.span.start, ev.span.end);
            writeln!(
                out,
                "        {:?} \"{}\" at {start}..{end}",
                ev.side, ev.text
            )?;
        }
        if rule.evidence.len() > EVIDENCE_SHOWN {
            writeln!(
                out,
                "        … and {} more (`--format json` lists them all)",
                rule.evidence.len() - EVIDENCE_SHOWN
            )?;
        }
    }
    Ok(())
}

fn tokens(analysis: &Analysis) -> String {
    let words: Vec<String> = analysis
        .tokens
        .iter()
        .filter(|t| !t.stop())
        .map(|t| {
            let mut word = t.stem.to_string();
            // A word matched through a thesaurus group shows its own stem
            // and the group's: `collabor=cooper`. (Aliases show the name.)
            if t.stem != t.word_stem && !t.entity() {
                word = format!("{}={}", t.word_stem, t.stem);
            }
            if t.negated() {
                word.insert(0, '¬');
            }
            if t.entity() {
                word.push('*');
            }
            if t.reported() {
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

/// Writes the explanation for claims `i` and `j` as JSON
/// (`claimgraph.explain/1`): the same content as [`render`], with character
/// offsets for every piece of evidence.
///
/// # Errors
/// When the writer fails.
pub fn render_json(
    case: &Case,
    analyzed: &AnalyzedCase,
    i: usize,
    j: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    use serde_json::json;
    let assessment = analyzed.assess(case, i, j);
    let (a, b) = (&case.claims[i], &case.claims[j]);
    let claim_json = |claim: &crate::model::Claim, analysis: &Analysis| {
        json!({
            "id": claim.id,
            "party": claim.party,
            "text": claim.text,
            "language": analysis.language.code(),
            "language_detected": analysis.language_detected,
            "tokens": analysis.tokens.iter().filter(|t| !t.stop()).map(|t| json!({
                "stem": t.stem,
                "word_stem": t.word_stem,
                "negated": t.negated(),
                "entity": t.entity(),
                "reported": t.reported(),
            })).collect::<Vec<_>>(),
            "cues": analysis.cues.iter().map(|c| json!({
                "kind": format!("{:?}", c.kind).to_lowercase(),
                "cue": c.cue,
            })).collect::<Vec<_>>(),
            "quantities": analysis.quantities.iter().map(|q| json!({
                "value": q.value,
                "unit": q.unit,
                "vague": q.vague,
            })).collect::<Vec<_>>(),
        })
    };
    let offsets = [CharOffsets::new(&a.text), CharOffsets::new(&b.text)];
    let rules: Vec<serde_json::Value> = assessment
        .rules
        .iter()
        .map(|r| {
            let evidence: Vec<serde_json::Value> = r
                .evidence
                .iter()
                .map(|e| {
                    let claim = if e.side == Side::A { a } else { b };
                    let (start, end) = offsets[e.side.index()].range(e.span.start, e.span.end);
                    json!({"claim": claim.id, "text": e.text, "start": start, "end": end})
                })
                .collect();
            json!({
                "rule": r.rule,
                "fired": r.fired,
                "score": crate::infer::round3(r.score),
                "detail": r.detail,
                "evidence": evidence,
            })
        })
        .collect();
    let inferred = assessment.relation.map(|relation| {
        let (from, to) = if assessment.reversed && relation.as_str() == "supports" {
            (b, a)
        } else {
            (a, b)
        };
        json!({
            "from": from.id,
            "relation": relation.as_str(),
            "to": to.id,
            "score": crate::infer::round3(assessment.score),
            "confidence": crate::infer::round3(assessment.confidence),
            "calibration": calibration_json(relation, &assessment),
        })
    });
    let annotation = annotation(case, &a.id, &b.id).map(|x| {
        json!({
            "claims": x.claims,
            "relation": x.relation.as_str(),
            "author": x.author,
            "note": x.note,
        })
    });
    let graph = crate::graph::ClaimGraph::standing(case, analyzed, i, j).map(|standing| {
        json!({
            "kept": standing.kept(),
            "relation": standing.relation.as_str(),
            "stronger": {"a": standing.stronger[0], "b": standing.stronger[1]},
            "max_relations_per_claim": standing.max_relations_per_claim,
        })
    });
    let duplicates = analyzed.groups.group_of(i) == analyzed.groups.group_of(j);
    let held_back = analyzed
        .held_back(case, i, j)
        .filter(|_| !duplicates && annotation.is_none())
        .map(|(relation, held)| {
            let (from, to) = direction(&a.id, &b.id, relation, held.reversed);
            json!({
                "from": from,
                "relation": relation.as_str(),
                "to": to,
                "score": crate::infer::round3(held.score),
                "confidence": crate::infer::round3(held.confidence),
                "min_calibrated": crate::infer::round3(case.config.min_calibrated),
                "calibration": calibration_json(relation, &held),
            })
        });
    let mut doc = json!({
        "format": "claimgraph.explain/1",
        "a": claim_json(a, analyzed.analysis(i)),
        "b": claim_json(b, analyzed.analysis(j)),
        "similarity": crate::infer::round3(assessment.similarity),
        "containment": crate::infer::round3(assessment.containment),
        "shared_terms": assessment.shared.iter().map(|s| json!({
            "stem_a": s.stem_a,
            "stem_b": s.stem_b,
            "match_score": crate::infer::round3(s.match_score),
            "weight": crate::infer::round3(s.weight),
            "entity": s.entity,
        })).collect::<Vec<_>>(),
        "rules": rules,
        "inferred": inferred,
        "annotation": annotation,
        "graph": graph,
    });
    // Only present when the operating point holds a relation back, so
    // explanations at the default point are unchanged.
    if let (Some(held), Some(fields)) = (held_back, doc.as_object_mut()) {
        fields.insert("held_back".to_owned(), held);
    }
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
