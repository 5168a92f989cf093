//! Error analysis for labelled pair files: `eval --by-rule` and
//! `eval --errors`.
//!
//! `--by-rule` answers "which rule makes the mistakes": per file, how often
//! each rule fires, how many of those pairs the annotators labelled
//! `contradicts`, and, among the pairs where the rule fired and the engine
//! decided a relation, how often that relation was right.
//! `--errors` groups the misclassified pairs by their rule trail (the rules
//! that fired, in rule order, with the gold label and the prediction), the
//! largest group first, so that the trail causing most false
//! contradictions is at the top.
//! The reliability table ([`reliability`], printed by every `eval` of pair
//! files) says how often an edge printed at a confidence is right: per
//! relation and per band of 0.1, the edges in the band and the share of
//! them the annotators agree with.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::infer::{self, rules};

use super::pairs::{FileEval, Gold, PairOutcome, Predicted};

/// How one rule did on one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleTally {
    /// Pairs where the rule fired.
    pub fired: usize,
    /// Of those, pairs labelled `contradicts`.
    pub gold_contradicts: usize,
    /// Of those, pairs labelled `supports`.
    pub gold_supports: usize,
    /// Pairs where the rule fired and the engine predicted `contradicts`.
    pub decided_contradicts: usize,
    /// Of those, pairs labelled `contradicts`.
    pub right_contradicts: usize,
    /// Pairs where the rule fired and the engine predicted `supports`.
    pub decided_supports: usize,
    /// Of those, pairs labelled `supports`.
    pub right_supports: usize,
}

impl RuleTally {
    fn add(&mut self, outcome: &PairOutcome) {
        self.fired += 1;
        self.gold_contradicts += usize::from(outcome.gold == Gold::Contradicts);
        self.gold_supports += usize::from(outcome.gold == Gold::Supports);
        match outcome.predicted {
            Predicted::Contradicts => {
                self.decided_contradicts += 1;
                self.right_contradicts += usize::from(outcome.gold == Gold::Contradicts);
            }
            Predicted::Supports => {
                self.decided_supports += 1;
                self.right_supports += usize::from(outcome.gold == Gold::Supports);
            }
            Predicted::None => {}
        }
    }
}

/// Every rule of [`rules::ALL`] with its tally on one file, in rule order
/// (rules that never fired count zero).
#[must_use]
pub fn by_rule(eval: &FileEval) -> Vec<(&'static str, RuleTally)> {
    let mut tallies: Vec<(&'static str, RuleTally)> = rules::ALL
        .iter()
        .map(|&rule| (rule, RuleTally::default()))
        .collect();
    for outcome in &eval.outcomes {
        for fired in &outcome.fired {
            if let Some((_, tally)) = tallies.iter_mut().find(|(rule, _)| rule == fired) {
                tally.add(outcome);
            }
        }
    }
    tallies
}

/// The confidence bands of the reliability table: `[0.0, 0.1)` …
/// `[0.9, 1.0]`.
pub const BANDS: [(f64, f64); 10] = [
    (0.0, 0.1),
    (0.1, 0.2),
    (0.2, 0.3),
    (0.3, 0.4),
    (0.4, 0.5),
    (0.5, 0.6),
    (0.6, 0.7),
    (0.7, 0.8),
    (0.8, 0.9),
    (0.9, 1.0),
];

/// One band of the reliability table.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Band {
    /// Edges of the relation printed with a confidence in the band.
    pub edges: usize,
    /// Of those, pairs whose gold label is the relation.
    pub right: usize,
    /// The sum of their printed confidences.
    pub confidence_sum: f64,
}

impl Band {
    /// The mean printed confidence of the band's edges (0 when empty):
    /// what a calibrated confidence makes equal to the observed share.
    #[must_use]
    pub fn mean_confidence(&self) -> f64 {
        if self.edges == 0 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)]
        let n = self.edges as f64;
        self.confidence_sum / n
    }
}

/// Per relation (`contradicts`, then `supports`) and per [`BANDS`] band,
/// how many edges were predicted and how many were right.
#[must_use]
pub fn reliability(eval: &FileEval) -> [(Predicted, [Band; BANDS.len()]); 2] {
    let mut table = [
        (Predicted::Contradicts, [Band::default(); BANDS.len()]),
        (Predicted::Supports, [Band::default(); BANDS.len()]),
    ];
    for outcome in &eval.outcomes {
        let Some((_, bands)) = table.iter_mut().find(|(p, _)| *p == outcome.predicted) else {
            continue;
        };
        let k = BANDS
            .iter()
            .position(|&(_, hi)| outcome.confidence < hi)
            .unwrap_or(BANDS.len() - 1);
        bands[k].edges += 1;
        bands[k].confidence_sum += outcome.confidence;
        let right = match outcome.predicted {
            Predicted::Contradicts => outcome.gold == Gold::Contradicts,
            Predicted::Supports => outcome.gold == Gold::Supports,
            Predicted::None => false,
        };
        bands[k].right += usize::from(right);
    }
    table
}

/// Writes the reliability table of one file: per band that holds an edge,
/// for each relation the observed precision, the edges and their mean
/// printed confidence, which a calibrated confidence would match.
///
/// # Errors
/// When the writer fails.
pub fn render_reliability(eval: &FileEval, out: &mut dyn Write) -> io::Result<()> {
    let table: Vec<(Predicted, [Band; BANDS.len()])> = reliability(eval)
        .into_iter()
        // Without `supports` gold labels a support's precision means
        // nothing (DACCORD labels non-contradictions `compatible`).
        .filter(|(p, bands)| {
            !(*p == Predicted::Supports && eval.support.is_none())
                && bands.iter().any(|b| b.edges > 0)
        })
        .collect();
    if table.is_empty() {
        return Ok(());
    }
    write!(out, "  {:<13} {:<7}", "reliability", "band")?;
    for (predicted, _) in &table {
        write!(
            out,
            " {:>24}",
            format!("{} right (mean)", predicted.as_str())
        )?;
    }
    writeln!(out)?;
    for (k, (lo, hi)) in BANDS.iter().enumerate() {
        if table.iter().all(|(_, bands)| bands[k].edges == 0) {
            continue;
        }
        write!(out, "  {:<13} {:<7}", "", format!("{lo:.1}-{hi:.1}"))?;
        for (_, bands) in &table {
            let band = bands[k];
            let cell = if band.edges == 0 {
                "-".to_owned()
            } else {
                format!(
                    "{} of {} ({:.3})",
                    share(band.right, band.edges),
                    band.edges,
                    band.mean_confidence()
                )
            };
            write!(out, " {cell:>24}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The reliability table as JSON.
#[must_use]
pub fn reliability_json(eval: &FileEval) -> serde_json::Value {
    reliability(eval)
        .into_iter()
        .map(|(predicted, bands)| {
            let bands: Vec<serde_json::Value> = BANDS
                .iter()
                .zip(bands)
                .map(|(&(lo, hi), band)| {
                    serde_json::json!({
                        "from": lo,
                        "to": hi,
                        "edges": band.edges,
                        "right": band.right,
                        "mean_confidence": infer::round3(band.mean_confidence()),
                    })
                })
                .collect();
            serde_json::json!({ "relation": predicted.as_str(), "bands": bands })
        })
        .collect()
}

/// Misclassified pairs that share a rule trail.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorGroup<'e> {
    /// The gold label of every pair in the group.
    pub gold: Gold,
    /// What the engine predicted for every pair in the group.
    pub predicted: Predicted,
    /// The rules that fired, in rule order.
    pub trail: Vec<&'static str>,
    /// The pairs, in file order.
    pub pairs: Vec<&'e PairOutcome>,
}

/// True when the prediction for a pair is an error of a measured class:
/// a wrong relation, or a missed `contradicts` or `supports`.
#[must_use]
pub fn is_error(outcome: &PairOutcome) -> bool {
    match outcome.predicted {
        Predicted::Contradicts => outcome.gold != Gold::Contradicts,
        Predicted::Supports => outcome.gold != Gold::Supports,
        Predicted::None => matches!(outcome.gold, Gold::Contradicts | Gold::Supports),
    }
}

/// The errors of one file grouped by rule trail: largest group first, ties
/// in (prediction, gold, trail) order.
#[must_use]
pub fn error_groups(eval: &FileEval) -> Vec<ErrorGroup<'_>> {
    let mut groups: BTreeMap<(Predicted, Gold, Vec<&'static str>), Vec<&PairOutcome>> =
        BTreeMap::new();
    for outcome in eval.outcomes.iter().filter(|o| is_error(o)) {
        groups
            .entry((outcome.predicted, outcome.gold, outcome.fired.clone()))
            .or_default()
            .push(outcome);
    }
    let mut groups: Vec<ErrorGroup<'_>> = groups
        .into_iter()
        .map(|((predicted, gold, trail), pairs)| ErrorGroup {
            gold,
            predicted,
            trail,
            pairs,
        })
        .collect();
    // A stable sort keeps the BTreeMap order among groups of one size.
    groups.sort_by_key(|g| std::cmp::Reverse(g.pairs.len()));
    groups
}

/// Writes the per-rule table of every file.
///
/// # Errors
/// When the writer fails.
pub fn render_by_rule(evals: &[FileEval], out: &mut dyn Write) -> io::Result<()> {
    for eval in evals {
        writeln!(out)?;
        writeln!(
            out,
            "{}: rules (fired: pairs where the rule fired; gold c: of those, labelled contradicts; decided c/s: \
             of those, predicted contradicts/supports; precision: the right share of those)",
            eval.file
        )?;
        writeln!(
            out,
            "  {:<18} {:>6} {:>7} {:>10} {:>10} {:>10} {:>10}",
            "rule", "fired", "gold c", "decided c", "precision", "decided s", "precision"
        )?;
        for (rule, t) in by_rule(eval) {
            writeln!(
                out,
                "  {rule:<18} {:>6} {:>7} {:>10} {:>10} {:>10} {:>10}",
                t.fired,
                t.gold_contradicts,
                t.decided_contradicts,
                share(t.right_contradicts, t.decided_contradicts),
                t.decided_supports,
                share(t.right_supports, t.decided_supports),
            )?;
        }
    }
    Ok(())
}

/// Writes the errors of every file grouped by rule trail, each group with
/// its pairs (id, confidence, similarity, containment).
///
/// # Errors
/// When the writer fails.
pub fn render_errors(evals: &[FileEval], out: &mut dyn Write) -> io::Result<()> {
    for eval in evals {
        let groups = error_groups(eval);
        let n: usize = groups.iter().map(|g| g.pairs.len()).sum();
        writeln!(out)?;
        writeln!(
            out,
            "{}: {n} error(s) in {} rule trail(s), largest first",
            eval.file,
            groups.len()
        )?;
        for group in &groups {
            writeln!(
                out,
                "  {:>5}  gold {}, predicted {}; fired: {}",
                group.pairs.len(),
                group.gold.as_str(),
                group.predicted.as_str(),
                if group.trail.is_empty() {
                    "none".to_owned()
                } else {
                    group.trail.join(", ")
                }
            )?;
            for o in &group.pairs {
                writeln!(
                    out,
                    "         {}\tconfidence {:.3}\tsim {:.3} cont {:.3}",
                    o.id, o.confidence, o.similarity, o.containment
                )?;
            }
        }
    }
    Ok(())
}

/// The per-rule tallies as JSON, for `eval --by-rule --format json`.
#[must_use]
pub fn by_rule_json(eval: &FileEval) -> serde_json::Value {
    by_rule(eval)
        .into_iter()
        .map(|(rule, t)| {
            serde_json::json!({
                "rule": rule,
                "fired": t.fired,
                "gold_contradicts": t.gold_contradicts,
                "gold_supports": t.gold_supports,
                "decided_contradicts": t.decided_contradicts,
                "right_contradicts": t.right_contradicts,
                "decided_supports": t.decided_supports,
                "right_supports": t.right_supports,
            })
        })
        .collect()
}

/// The errors grouped by rule trail as JSON, for `eval --errors --format
/// json`.
#[must_use]
pub fn errors_json(eval: &FileEval) -> serde_json::Value {
    error_groups(eval)
        .into_iter()
        .map(|g| {
            let pairs: Vec<serde_json::Value> = g
                .pairs
                .iter()
                .map(|o| {
                    serde_json::json!({
                        "id": o.id,
                        "confidence": infer::round3(o.confidence),
                        "similarity": infer::round3(o.similarity),
                        "containment": infer::round3(o.containment),
                    })
                })
                .collect();
            serde_json::json!({
                "gold": g.gold.as_str(),
                "predicted": g.predicted.as_str(),
                "fired": g.trail,
                "pairs": pairs,
            })
        })
        .collect()
}

fn share(num: usize, den: usize) -> String {
    if den == 0 {
        "-".to_owned()
    } else {
        #[allow(clippy::cast_precision_loss)]
        let r = num as f64 / den as f64;
        format!("{:.3}", infer::round3(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::pairs::{Split, evaluate, parse};

    fn fixture() -> FileEval {
        let text = concat!(
            r#"{"id":"1","lang":"en","a":{"text":"The bridge is open to traffic."},"b":{"text":"The bridge is not open to traffic."},"label":"contradicts"}"#,
            "\n",
            r#"{"id":"2","lang":"en","a":{"text":"The museum is open on Sundays."},"b":{"text":"The museum is not open on Sundays."},"label":"neutral"}"#,
            "\n",
            r#"{"id":"3","lang":"en","a":{"text":"Rain fell in Lyon."},"b":{"text":"Stocks rose in Tokyo."},"label":"supports"}"#,
            "\n",
        );
        let pairs = parse("t.jsonl", text).unwrap();
        evaluate(
            "t.jsonl",
            &pairs,
            Split::All,
            &crate::config::Config::default(),
        )
    }

    #[test]
    fn a_rule_is_right_when_its_relation_matches_gold() {
        let eval = fixture();
        let tallies = by_rule(&eval);
        let (_, negation) = tallies
            .iter()
            .find(|(rule, _)| *rule == rules::NEGATION)
            .unwrap();
        assert_eq!(negation.fired, 2);
        assert_eq!(negation.gold_contradicts, 1);
        assert_eq!(negation.decided_contradicts, 2);
        assert_eq!(negation.right_contradicts, 1);
        assert_eq!(
            share(negation.right_contradicts, negation.decided_contradicts),
            "0.500"
        );
        // Every rule is listed, fired or not.
        assert_eq!(tallies.len(), rules::ALL.len());
    }

    #[test]
    fn reliability_counts_each_edge_in_its_band() {
        let eval = fixture();
        let table = reliability(&eval);
        let contradictions: usize = table[0].1.iter().map(|b| b.edges).sum();
        let right: usize = table[0].1.iter().map(|b| b.right).sum();
        assert_eq!(contradictions, 2);
        assert_eq!(right, 1);
        // Each contradiction is in the band of its printed confidence, and
        // the band's mean is the mean of what its edges print.
        for outcome in eval
            .outcomes
            .iter()
            .filter(|o| o.predicted == Predicted::Contradicts)
        {
            let (k, &(lo, hi)) = BANDS
                .iter()
                .enumerate()
                .find(|(_, (lo, hi))| (*lo..*hi).contains(&outcome.confidence))
                .unwrap();
            let band = table[0].1[k];
            assert!(band.edges >= 1, "no edge in {lo}-{hi}");
            let mean = band.mean_confidence();
            assert!((lo..hi).contains(&mean), "mean {mean} outside {lo}-{hi}");
        }
    }

    #[test]
    fn errors_are_grouped_by_trail_largest_first() {
        let eval = fixture();
        let groups = error_groups(&eval);
        // Pair 2 is a false contradiction, pair 3 a missed support: two
        // trails, one pair each, and pair 1 (right) is in neither.
        assert_eq!(groups.len(), 2);
        let ids: Vec<&str> = groups
            .iter()
            .flat_map(|g| g.pairs.iter().map(|p| p.id.as_str()))
            .collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains(&"2") && ids.contains(&"3"));
        let false_contradiction = groups
            .iter()
            .find(|g| g.predicted == Predicted::Contradicts)
            .unwrap();
        assert!(false_contradiction.trail.contains(&rules::NEGATION));
        assert_eq!(false_contradiction.gold, Gold::Neutral);
    }
}
