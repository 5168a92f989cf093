//! The inference rules, each with a stable id.
//!
//! A pair goes through the rules in a fixed order. Relatedness rules decide
//! whether the two claims are about the same thing; cue rules look for a
//! reason they disagree; modifier rules scale the confidence. [`run`]
//! combines them into one [`Assessment`] that records every rule, fired or
//! not, so that `explain` can show why a pair is, or is not, linked.
//!
//! | id | kind | catches | deliberately misses |
//! |---|---|---|---|
//! | `similarity.tokens` | relatedness | shared stems and aliases, weighted by IDF, with Jaro-Winkler for spelling variants | paraphrases with no shared words |
//! | `gate.same_event` | relatedness | enough shared anchor terms (or one shared entity) to be about the same thing | topical overlap on common words only |
//! | `polarity.negation` | cue | one claim negates what the other asserts (`ne … pas`, `not`) | double negation; negation inside reported speech |
//! | `polarity.denial` | cue | one claim denies or refutes (`faux`, `nier`, `deny`, `hoax`) | denial words in both claims |
//! | `lexical.antonym` | cue | antonym stems across the pair (`open`/`closed`) | antonyms within one claim |
//! | `number.mismatch` | cue | different values with the same unit | vague quantities (`des millions`) against precise ones |
//! | `modality.hedge` | modifier | hedged claims (`allegedly`, `selon`) lower confidence | - |
//! | `speech.reported` | modifier | content the speaker only reports (`certains médias affirment que`) is not held | - |

use crate::config::Config;
use crate::text::{Analysis, Analyzer, CueKind, Token};

use super::{Assessment, ClaimText, Evidence, Relation, RuleOutcome, SharedTerm, Side, Weights};

/// Rule id: weighted token similarity.
pub const SIMILARITY: &str = "similarity.tokens";
/// Rule id: same-event gate.
pub const SAME_EVENT: &str = "gate.same_event";
/// Rule id: negation polarity.
pub const NEGATION: &str = "polarity.negation";
/// Rule id: denial and refutation cues.
pub const DENIAL: &str = "polarity.denial";
/// Rule id: antonyms.
pub const ANTONYM: &str = "lexical.antonym";
/// Rule id: number, date and quantity mismatch.
pub const NUMBER: &str = "number.mismatch";
/// Rule id: hedging lowers confidence.
pub const HEDGE: &str = "modality.hedge";
/// Rule id: reported speech is not held by its speaker.
pub const REPORTED: &str = "speech.reported";

/// Strength of each contradiction cue before relatedness and modifiers.
const NEGATION_STRENGTH: f64 = 0.75;
const DENIAL_STRENGTH: f64 = 0.70;
const ANTONYM_STRENGTH: f64 = 0.65;
const NUMBER_STRENGTH: f64 = 0.80;
/// Confidence factor for a hedged claim.
const HEDGE_FACTOR: f64 = 0.8;
/// Confidence factor when the shared content is only reported.
const REPORTED_FACTOR: f64 = 0.5;

/// Runs every rule on a pair.
#[must_use]
pub fn run(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    weights: &Weights,
    analyzer: &Analyzer,
    config: &Config,
) -> Assessment {
    let overlap = overlap(a.analysis, b.analysis, weights, analyzer);
    let related = overlap.containment >= config.related_threshold;
    let mut rules = Vec::with_capacity(8);

    rules.push(RuleOutcome {
        rule: SIMILARITY,
        fired: related,
        score: overlap.containment,
        evidence: overlap.evidence(a, b),
        detail: format!(
            "{} shared term(s); weighted dice {:.3}, containment {:.3} (threshold {:.3})",
            overlap.shared.len(),
            overlap.dice,
            overlap.containment,
            config.related_threshold
        ),
    });

    // Anchors are shared terms that are not common across the whole case.
    let anchors: Vec<&Shared<'_>> = overlap
        .shared
        .iter()
        .filter(|s| !weights.is_common(&s.term.stem_a) || !weights.is_common(&s.term.stem_b))
        .collect();
    let anchor_score = anchors.len();
    let same_event = related && anchor_score >= config.min_shared_anchors;
    let anchor_names: Vec<&str> = anchors.iter().map(|s| s.term.stem_a.as_str()).collect();
    rules.push(RuleOutcome {
        rule: SAME_EVENT,
        fired: same_event,
        score: if same_event { 1.0 } else { 0.0 },
        evidence: Vec::new(),
        detail: format!(
            "anchor score {anchor_score} (need {}; terms in over a quarter of the claims do not count): {}",
            config.min_shared_anchors,
            if anchor_names.is_empty() { "none".to_owned() } else { anchor_names.join(", ") }
        ),
    });

    let negation = negation_rule(a, b, &overlap);
    let denial = denial_rule(a, b);
    let antonym = antonym_rule(a, b, analyzer);
    let number = number_rule(a, b);
    let hedge = hedge_rule(a, b);
    let reported = reported_rule(a, b, &overlap);

    let cue_strength = [
        (&negation, NEGATION_STRENGTH),
        (&denial, DENIAL_STRENGTH),
        (&antonym, ANTONYM_STRENGTH),
        (&number, NUMBER_STRENGTH),
    ]
    .iter()
    .filter(|(r, _)| r.fired)
    .map(|(_, s)| *s)
    .fold(0.0_f64, f64::max);
    let modifier = hedge.score * reported.score;
    let relatedness = (overlap.containment / 0.5).min(1.0);

    let mut relation = None;
    let mut confidence = 0.0;
    if same_event && cue_strength > 0.0 {
        let c = cue_strength * (0.5 + 0.5 * relatedness) * modifier;
        if c >= config.min_confidence {
            relation = Some(Relation::Contradicts);
            confidence = c;
        }
    }
    if relation.is_none()
        && cue_strength == 0.0
        && same_event
        && overlap.containment >= config.support_threshold
    {
        let span = (1.0 - config.support_threshold).max(1e-9);
        let c = (0.5 + 0.5 * ((overlap.containment - config.support_threshold) / span).min(1.0))
            * modifier;
        if c >= config.min_confidence {
            relation = Some(Relation::Supports);
            confidence = c;
        }
    }
    rules.extend([negation, denial, antonym, number, hedge, reported]);

    // The claim that says more supports the one that says less (a premise
    // entails its shorter hypothesis); ties keep the pair's order.
    let reversed = overlap.weight_b > overlap.weight_a;
    Assessment {
        similarity: overlap.dice,
        containment: overlap.containment,
        shared: overlap.shared.into_iter().map(|s| s.term).collect(),
        rules,
        relation,
        reversed,
        confidence,
    }
}

/// A shared term with where it occurs on each side.
struct Shared<'t> {
    term: SharedTerm,
    token_a: &'t Token,
    token_b: &'t Token,
}

struct Overlap<'t> {
    shared: Vec<Shared<'t>>,
    weight_a: f64,
    weight_b: f64,
    dice: f64,
    containment: f64,
}

impl Overlap<'_> {
    fn evidence(&self, a: ClaimText<'_>, b: ClaimText<'_>) -> Vec<Evidence> {
        let mut evidence = Vec::new();
        for s in &self.shared {
            evidence.push(token_evidence(Side::A, a.text, s.token_a));
            evidence.push(token_evidence(Side::B, b.text, s.token_b));
        }
        evidence
    }
}

fn token_evidence(side: Side, text: &str, token: &Token) -> Evidence {
    Evidence {
        side,
        text: text
            .get(token.span.start..token.span.end)
            .unwrap_or_default()
            .to_owned(),
        span: token.span,
    }
}

/// First occurrence of each content stem.
fn content_terms(analysis: &Analysis) -> Vec<&Token> {
    let mut seen = std::collections::HashSet::new();
    analysis
        .tokens
        .iter()
        .filter(|t| !t.stop && seen.insert(t.stem.as_str()))
        .collect()
}

fn overlap<'t>(
    a: &'t Analysis,
    b: &'t Analysis,
    weights: &Weights,
    analyzer: &Analyzer,
) -> Overlap<'t> {
    let terms_a = content_terms(a);
    let terms_b = content_terms(b);
    let weight_a: f64 = terms_a.iter().map(|t| weights.weight(&t.stem)).sum();
    let weight_b: f64 = terms_b.iter().map(|t| weights.weight(&t.stem)).sum();
    let mut used_b = vec![false; terms_b.len()];
    let mut shared = Vec::new();
    let mut matched = 0.0;
    for token_a in &terms_a {
        let exact = terms_b.iter().position(|t| t.stem == token_a.stem);
        let found = exact.map(|j| (j, 1.0)).or_else(|| {
            // Spelling variants: the best fuzzy match among unused terms.
            // Only names are compared fuzzily: for common words a close
            // spelling is usually another word (pays/Paris).
            terms_b
                .iter()
                .enumerate()
                .filter(|(j, t)| !used_b[*j] && t.entity && token_a.entity)
                .filter_map(|(j, t)| analyzer.fuzzy_match(&token_a.norm, &t.norm).map(|s| (j, s)))
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
        });
        if let Some((j, score)) = found {
            if used_b[j] {
                continue;
            }
            used_b[j] = true;
            let token_b = terms_b[j];
            let weight = weights
                .weight(&token_a.stem)
                .min(weights.weight(&token_b.stem));
            matched += weight * score;
            shared.push(Shared {
                term: SharedTerm {
                    stem_a: token_a.stem.clone(),
                    stem_b: token_b.stem.clone(),
                    match_score: score,
                    weight,
                    entity: token_a.entity || token_b.entity,
                },
                token_a,
                token_b,
            });
        }
    }
    shared.sort_by(|x, y| {
        y.term
            .weight
            .total_cmp(&x.term.weight)
            .then_with(|| x.term.stem_a.cmp(&y.term.stem_a))
    });
    let total = weight_a + weight_b;
    let dice = if total > 0.0 {
        2.0 * matched / total
    } else {
        0.0
    };
    let smaller = weight_a.min(weight_b);
    let containment = if smaller > 0.0 {
        (matched / smaller).min(1.0)
    } else {
        0.0
    };
    Overlap {
        shared,
        weight_a,
        weight_b,
        dice,
        containment,
    }
}

fn cues(analysis: &Analysis, kind: CueKind) -> impl Iterator<Item = &crate::text::Cue> {
    analysis.cues.iter().filter(move |c| c.kind == kind)
}

fn cue_evidence(side: Side, claim: ClaimText<'_>, kind: CueKind) -> Vec<Evidence> {
    cues(claim.analysis, kind)
        .map(|c| Evidence {
            side,
            text: claim
                .text
                .get(c.span.start..c.span.end)
                .unwrap_or(&c.cue)
                .to_owned(),
            span: c.span,
        })
        .collect()
}

/// `polarity.negation`: a shared term is negated on exactly one side, or one
/// claim carries a negation and the other none.
///
/// Catches "la plateforme n'a pas donné suite" against "la plateforme a
/// donné suite". Misses double negation (the analyser reports an even
/// parity as not negated) and negations that sit in reported speech.
fn negation_rule(a: ClaimText<'_>, b: ClaimText<'_>, overlap: &Overlap<'_>) -> RuleOutcome {
    let flipped: Vec<&Shared<'_>> = overlap
        .shared
        .iter()
        .filter(|s| s.token_a.negated != s.token_b.negated)
        .collect();
    let negated_a = a.analysis.tokens.iter().any(|t| t.negated);
    let negated_b = b.analysis.tokens.iter().any(|t| t.negated);
    // Without a shared negated term, a negation on one side only counts
    // when the claims overlap strongly (the scope may have missed it).
    let fired = !flipped.is_empty() || (negated_a != negated_b && overlap.containment >= 0.5);
    let mut evidence = cue_evidence(Side::A, a, CueKind::Negation);
    evidence.extend(cue_evidence(Side::B, b, CueKind::Negation));
    for s in &flipped {
        evidence.push(token_evidence(Side::A, a.text, s.token_a));
        evidence.push(token_evidence(Side::B, b.text, s.token_b));
    }
    let detail = if flipped.is_empty() {
        format!(
            "negation in A: {}, in B: {}",
            yes_no(negated_a),
            yes_no(negated_b)
        )
    } else {
        let terms: Vec<&str> = flipped.iter().map(|s| s.term.stem_a.as_str()).collect();
        format!(
            "shared term(s) negated on one side only: {}",
            terms.join(", ")
        )
    };
    RuleOutcome {
        rule: NEGATION,
        fired,
        score: if fired { NEGATION_STRENGTH } else { 0.0 },
        evidence,
        detail,
    }
}

/// `polarity.denial`: exactly one claim denies or refutes.
///
/// Catches "c'est absolument faux" or "he denied the report" against the
/// claim denied. Misses pairs where both sides deny (they may agree).
fn denial_rule(a: ClaimText<'_>, b: ClaimText<'_>) -> RuleOutcome {
    let evidence_a = cue_evidence(Side::A, a, CueKind::Denial);
    let evidence_b = cue_evidence(Side::B, b, CueKind::Denial);
    let fired = evidence_a.is_empty() != evidence_b.is_empty();
    let detail = format!(
        "denial in A: {}, in B: {}",
        yes_no(!evidence_a.is_empty()),
        yes_no(!evidence_b.is_empty())
    );
    let mut evidence = evidence_a;
    evidence.extend(evidence_b);
    RuleOutcome {
        rule: DENIAL,
        fired,
        score: if fired { DENIAL_STRENGTH } else { 0.0 },
        evidence,
        detail,
    }
}

/// `lexical.antonym`: a content stem of A is an antonym of one of B.
///
/// Catches "the border is open" against "the border is closed". Misses
/// antonyms within a single claim and words the lexicon does not list.
fn antonym_rule(a: ClaimText<'_>, b: ClaimText<'_>, analyzer: &Analyzer) -> RuleOutcome {
    let mut evidence = Vec::new();
    let mut pairs = Vec::new();
    let terms_b = content_terms(b.analysis);
    for token_a in content_terms(a.analysis) {
        for token_b in &terms_b {
            if analyzer.are_antonyms(a.analysis.language, &token_a.stem, &token_b.stem)
                && token_a.negated == token_b.negated
            {
                pairs.push(format!("{}/{}", token_a.stem, token_b.stem));
                evidence.push(token_evidence(Side::A, a.text, token_a));
                evidence.push(token_evidence(Side::B, b.text, token_b));
            }
        }
    }
    let fired = !pairs.is_empty();
    RuleOutcome {
        rule: ANTONYM,
        fired,
        score: if fired { ANTONYM_STRENGTH } else { 0.0 },
        evidence,
        detail: if fired {
            format!("antonyms: {}", pairs.join(", "))
        } else {
            "no antonym pair".to_owned()
        },
    }
}

/// `number.mismatch`: both claims give a precise quantity in the same unit
/// and some value on one side appears nowhere on the other.
///
/// Catches "5 millions d'euros" against "3 millions d'euros". Misses vague
/// quantities ("des millions") and numbers whose units differ or are absent
/// on one side only.
fn number_rule(a: ClaimText<'_>, b: ClaimText<'_>) -> RuleOutcome {
    let precise = |analysis: &Analysis| {
        analysis
            .quantities
            .iter()
            .filter(|q| !q.vague)
            .cloned()
            .collect::<Vec<_>>()
    };
    let (qa, qb) = (precise(a.analysis), precise(b.analysis));
    let close = |x: f64, y: f64| (x - y).abs() <= 0.01 * x.abs().max(y.abs()).max(1e-9);
    // Look from both sides, so that the rule is symmetric: {1} against
    // {5, 1} conflicts on 5 whichever claim comes first.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, x) in qa.iter().enumerate() {
        let same_unit: Vec<usize> = (0..qb.len()).filter(|&j| qb[j].unit == x.unit).collect();
        if let Some(&j) = same_unit.first() {
            if !same_unit.iter().any(|&j| close(x.value, qb[j].value)) {
                pairs.push((i, j));
            }
        }
    }
    for (j, y) in qb.iter().enumerate() {
        let same_unit: Vec<usize> = (0..qa.len()).filter(|&i| qa[i].unit == y.unit).collect();
        if let Some(&i) = same_unit.first() {
            if !same_unit.iter().any(|&i| close(qa[i].value, y.value)) && !pairs.contains(&(i, j)) {
                pairs.push((i, j));
            }
        }
    }
    let mut evidence = Vec::new();
    let mut mismatches = Vec::new();
    for (i, j) in pairs {
        let (x, y) = (&qa[i], &qb[j]);
        mismatches.push(format!(
            "{} vs {} ({})",
            fmt_value(x.value),
            fmt_value(y.value),
            x.unit.as_deref().unwrap_or("no unit")
        ));
        evidence.push(Evidence {
            side: Side::A,
            text: a
                .text
                .get(x.span.start..x.span.end)
                .unwrap_or_default()
                .to_owned(),
            span: x.span,
        });
        evidence.push(Evidence {
            side: Side::B,
            text: b
                .text
                .get(y.span.start..y.span.end)
                .unwrap_or_default()
                .to_owned(),
            span: y.span,
        });
    }
    let fired = !mismatches.is_empty();
    RuleOutcome {
        rule: NUMBER,
        fired,
        score: if fired { NUMBER_STRENGTH } else { 0.0 },
        evidence,
        detail: if fired {
            format!("different values: {}", mismatches.join("; "))
        } else {
            format!(
                "{} precise quantit(ies) in A, {} in B, none in conflict",
                qa.len(),
                qb.len()
            )
        },
    }
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
    }
}

/// `modality.hedge`: a hedged claim asserts less, so any relation it takes
/// part in gets less confidence.
fn hedge_rule(a: ClaimText<'_>, b: ClaimText<'_>) -> RuleOutcome {
    let mut evidence = cue_evidence(Side::A, a, CueKind::Hedge);
    evidence.extend(cue_evidence(Side::B, b, CueKind::Hedge));
    let fired = !evidence.is_empty();
    RuleOutcome {
        rule: HEDGE,
        fired,
        score: if fired { HEDGE_FACTOR } else { 1.0 },
        detail: if fired {
            format!("hedged: confidence x{HEDGE_FACTOR}")
        } else {
            "no hedge".to_owned()
        },
        evidence,
    }
}

/// `speech.reported`: when most shared content sits in speech the claim only
/// reports ("certains médias affirment que …"), its speaker does not hold it.
fn reported_rule(a: ClaimText<'_>, b: ClaimText<'_>, overlap: &Overlap<'_>) -> RuleOutcome {
    let mut evidence = cue_evidence(Side::A, a, CueKind::Reported);
    evidence.extend(cue_evidence(Side::B, b, CueKind::Reported));
    let n = overlap.shared.len();
    let reported = |pick: &dyn Fn(&Shared<'_>) -> bool| {
        n > 0 && overlap.shared.iter().filter(|s| pick(s)).count() * 2 > n
    };
    // Reporting a view in order to deny it ("les affirmations … c'est
    // absolument faux") is holding the opposite view, not distance from it.
    let denies = |claim: ClaimText<'_>| cues(claim.analysis, CueKind::Denial).next().is_some();
    let in_a = reported(&|s| s.token_a.reported) && !denies(a);
    let in_b = reported(&|s| s.token_b.reported) && !denies(b);
    let fired = in_a || in_b;
    RuleOutcome {
        rule: REPORTED,
        fired,
        score: if fired { REPORTED_FACTOR } else { 1.0 },
        detail: if fired {
            format!(
                "shared content is reported, not held (A: {}, B: {}): confidence x{REPORTED_FACTOR}",
                yes_no(in_a),
                yes_no(in_b)
            )
        } else {
            "shared content is held by both speakers".to_owned()
        },
        evidence,
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
