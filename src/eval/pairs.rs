//! `claimgraph eval FILE.jsonl...`: classify labelled claim pairs and report
//! the confusion matrix and precision, recall and F1 per file.
//!
//! Each line of a pair file is one JSON object:
//! `{"id", "lang", "a": {"party", "text"}, "b": {"party", "text"}, "label"}`,
//! with `label` one of `contradicts`, `supports`, `neutral`, `unrelated` or
//! `compatible`. Every pair goes through [`crate::infer::assess`] with the
//! built-in configuration (at the operating point asked for) and IDF
//! weights computed over all the texts of the file, exactly as a case's
//! claims would. Analysis and assessment run in
//! parallel (rayon); the result does not depend on the thread count.
//!
//! A bad line is reported as `file:line:column: error: ...`, every bad line
//! of the file at once, like the claim-file loader does.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::eval::breakdown;
use crate::infer::{self, ClaimText, Relation, Weights};
use crate::load::position::char_column;
use crate::model::Language;
use crate::text::{Analysis, Analyzer};

/// A gold label of a pair file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gold {
    /// The two claims cannot both be true.
    Contradicts,
    /// B follows from A, or A and B say the same thing.
    Supports,
    /// Same subject, neither follows nor contradicts.
    Neutral,
    /// No relation.
    Unrelated,
    /// Not a contradiction; support or neutral, the source does not say.
    Compatible,
}

impl Gold {
    /// Every label, in the order of the confusion matrix.
    pub const ALL: [Gold; 5] = [
        Gold::Contradicts,
        Gold::Supports,
        Gold::Neutral,
        Gold::Unrelated,
        Gold::Compatible,
    ];

    /// The label as written in pair files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Gold::Contradicts => "contradicts",
            Gold::Supports => "supports",
            Gold::Neutral => "neutral",
            Gold::Unrelated => "unrelated",
            Gold::Compatible => "compatible",
        }
    }
}

/// What the engine predicted for a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Predicted {
    /// An inferred `contradicts` edge.
    Contradicts,
    /// An inferred `supports` edge, in either direction.
    Supports,
    /// No edge.
    None,
}

impl Predicted {
    /// Every prediction, in the order of the confusion matrix columns.
    pub const ALL: [Predicted; 3] = [Predicted::Contradicts, Predicted::Supports, Predicted::None];

    /// The prediction as printed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Predicted::Contradicts => "contradicts",
            Predicted::Supports => "supports",
            Predicted::None => "none",
        }
    }

    fn index(self) -> usize {
        match self {
            Predicted::Contradicts => 0,
            Predicted::Supports => 1,
            Predicted::None => 2,
        }
    }
}

/// One side of a labelled pair.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PairClaim {
    /// The speaker, when the source records one.
    #[serde(default)]
    pub party: Option<String>,
    /// The claim's text.
    pub text: String,
}

/// One labelled pair.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Pair {
    /// The pair's id (also fixes its [`Split`] half).
    pub id: String,
    /// The language of both texts.
    pub lang: Language,
    /// The first claim (the premise).
    pub a: PairClaim,
    /// The second claim (the hypothesis).
    pub b: PairClaim,
    /// The gold label.
    pub label: Gold,
}

/// Which pairs of a file are scored. The halves are fixed by a hash of each
/// pair's id, so they are the same on every machine and every run: develop
/// the rules on one half, check on the other that they still hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Split {
    /// Every pair.
    #[default]
    All,
    /// Pairs whose id hashes to an even number.
    Dev,
    /// Pairs whose id hashes to an odd number.
    HeldOut,
}

impl Split {
    /// The split as printed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Split::All => "all",
            Split::Dev => "dev",
            Split::HeldOut => "held-out",
        }
    }

    /// True when the pair with this id is scored.
    #[must_use]
    pub fn contains(self, id: &str) -> bool {
        match self {
            Split::All => true,
            Split::Dev => fnv1a(id) % 2 == 0,
            Split::HeldOut => fnv1a(id) % 2 == 1,
        }
    }
}

/// FNV-1a, 64 bits: tiny, stable across platforms and Rust versions (unlike
/// the standard library's hasher, whose output may change).
fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Precision, recall and F1 of one class against all the others.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    /// Predicted and gold.
    pub true_positives: usize,
    /// Predicted, not gold.
    pub false_positives: usize,
    /// Gold, not predicted.
    pub false_negatives: usize,
}

impl Metrics {
    /// Precision; 0 when nothing was predicted.
    #[must_use]
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Recall; 0 when there is no gold example.
    #[must_use]
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// The harmonic mean of precision and recall.
    #[must_use]
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let r = num as f64 / den as f64;
        r
    }
}

/// The outcome on one pair, for listing errors.
#[derive(Debug, Clone, PartialEq)]
pub struct PairOutcome {
    /// The pair's id.
    pub id: String,
    /// Its gold label.
    pub gold: Gold,
    /// What the engine said.
    pub predicted: Predicted,
    /// The rules' score of the prediction (0 for none).
    pub score: f64,
    /// The calibrated confidence of the prediction (0 for none).
    pub confidence: f64,
    /// The pair's calibration features (see
    /// [`crate::infer::calibration`]).
    pub features: infer::calibration::Features,
    /// The ids of the rules that fired.
    pub fired: Vec<&'static str>,
    /// The pair's weighted Dice similarity.
    pub similarity: f64,
    /// The pair's containment (see [`crate::infer::Assessment::containment`]).
    pub containment: f64,
}

/// The evaluation of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileEval {
    /// The file as the user named it.
    pub file: String,
    /// Which pairs were scored.
    pub split: Split,
    /// The number of pairs scored.
    pub n_pairs: usize,
    /// The operating point: the calibrated confidence under which a
    /// relation was held back (`min_calibrated`; 0 at the recall point).
    pub min_calibrated: f64,
    /// Gold label × predicted relation (columns in [`Predicted::ALL`] order);
    /// only labels that occur are present.
    pub confusion: BTreeMap<Gold, [usize; 3]>,
    /// `contradicts` against everything else.
    pub contradiction: Metrics,
    /// `supports` against everything else, when the file has `supports` gold
    /// labels.
    pub support: Option<Metrics>,
    /// Every scored pair, in file order.
    pub outcomes: Vec<PairOutcome>,
}

/// Reads a pair file (through [`crate::load::read_file_with`], within the
/// limits: the loader is the only code that touches the disk) and
/// evaluates it.
///
/// # Errors
/// [`Error::Invalid`] when the file cannot be read, is not UTF-8 or has bad
/// lines.
pub fn evaluate_path(
    path: &Path,
    split: Split,
    limits: crate::load::Limits,
    config: &Config,
) -> Result<FileEval> {
    let display = path.to_string_lossy().replace('\\', "/");
    let text = crate::load::read_file_with(path, limits)?;
    evaluate_text(&display, &text, split, limits, config)
}

/// Evaluates the text of a pair file, `display` naming it in errors; a
/// pair text over `limits.max_claim_bytes` is refused like a claim's.
/// `config` is the built-in configuration, or another operating point.
///
/// # Errors
/// [`Error::Invalid`] for bad lines and texts over the limit.
pub fn evaluate_text(
    display: &str,
    text: &str,
    split: Split,
    limits: crate::load::Limits,
    config: &Config,
) -> Result<FileEval> {
    let pairs = parse(display, text)?;
    // The claim-size limit holds for pair texts as for claims: a pair's
    // line is the n-th line that is not blank.
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1);
    let mut too_long = Vec::new();
    for (pair, line) in pairs.iter().zip(lines) {
        for (side, claim) in [("a", &pair.a), ("b", &pair.b)] {
            if claim.text.len() > limits.max_claim_bytes {
                too_long.push(
                    Diagnostic::at(
                        display,
                        line,
                        1,
                        format!(
                            "text of {side} is {} bytes, over the limit of {} bytes",
                            claim.text.len(),
                            limits.max_claim_bytes
                        ),
                    )
                    .with_help("raise --max-claim-bytes"),
                );
            }
        }
    }
    if !too_long.is_empty() {
        return Err(Error::Invalid(too_long));
    }
    Ok(evaluate(display, &pairs, split, config))
}

/// Parses a pair file. Blank lines are skipped.
///
/// # Errors
/// [`Error::Invalid`] with one positioned diagnostic per bad line. Ids are
/// not required to be unique: some published sets repeat them.
pub fn parse(display: &str, text: &str) -> Result<Vec<Pair>> {
    let mut pairs = Vec::new();
    let mut diagnostics = Vec::new();
    for (line_idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Pair>(line) {
            Ok(pair) => pairs.push(pair),
            Err(e) => {
                let column = char_column(line, 1, e.column());
                diagnostics.push(
                    Diagnostic::at(display, line_idx + 1, column, message(&e)).with_help(
                        "each line is {\"id\", \"lang\", \"a\": {\"text\"}, \"b\": {\"text\"}, \"label\"}",
                    ),
                );
            }
        }
    }
    if pairs.is_empty() && diagnostics.is_empty() {
        diagnostics.push(Diagnostic::file(display, "no pairs in file"));
    }
    if diagnostics.is_empty() {
        Ok(pairs)
    } else {
        diagnostics.sort();
        Err(Error::Invalid(diagnostics))
    }
}

/// serde_json's message without its trailing position (we print our own).
fn message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    text.trim_end_matches('.').to_owned()
}

/// Classifies every pair and scores the pairs of `split`.
#[must_use]
pub fn evaluate(display: &str, pairs: &[Pair], split: Split, config: &Config) -> FileEval {
    let analyzer = Analyzer::new(config);
    let analyses: Vec<(Analysis, Analysis)> = pairs
        .par_iter()
        .map(|p| {
            (
                analyzer.analyze(&p.a.text, Some(p.lang)),
                analyzer.analyze(&p.b.text, Some(p.lang)),
            )
        })
        .collect();
    let weights = Weights::from_analyses(analyses.iter().flat_map(|(a, b)| [a, b]));
    let outcomes: Vec<PairOutcome> = pairs
        .par_iter()
        .zip(&analyses)
        .filter(|(p, _)| split.contains(&p.id))
        .map(|(p, (a, b))| {
            let assessment = infer::assess(
                ClaimText {
                    text: &p.a.text,
                    analysis: a,
                    speaker: speaker(&p.a),
                    term_weights: None,
                },
                ClaimText {
                    text: &p.b.text,
                    analysis: b,
                    speaker: speaker(&p.b),
                    term_weights: None,
                },
                &weights,
                &analyzer,
                config,
            );
            PairOutcome {
                id: p.id.clone(),
                gold: p.label,
                predicted: match assessment.relation {
                    Some(Relation::Contradicts) => Predicted::Contradicts,
                    Some(Relation::Supports) => Predicted::Supports,
                    None => Predicted::None,
                },
                score: assessment.score,
                confidence: assessment.confidence,
                features: assessment.features,
                fired: assessment.fired().map(|r| r.rule).collect(),
                similarity: assessment.similarity,
                containment: assessment.containment,
            }
        })
        .collect();
    score(display, split, config.min_calibrated, outcomes)
}

/// The speaker of one side. Sets without speakers (RTE, DACCORD) write the
/// pair roles `premise` and `hypothesis` in `party`: those are not people,
/// so they count as unknown.
fn speaker(claim: &PairClaim) -> Option<&str> {
    claim
        .party
        .as_deref()
        .filter(|p| !p.is_empty() && !matches!(*p, "premise" | "hypothesis"))
}

fn score(display: &str, split: Split, min_calibrated: f64, outcomes: Vec<PairOutcome>) -> FileEval {
    let mut confusion: BTreeMap<Gold, [usize; 3]> = BTreeMap::new();
    let mut contradiction = Metrics::default();
    let mut support = Metrics::default();
    let mut any_support = false;
    for o in &outcomes {
        confusion.entry(o.gold).or_default()[o.predicted.index()] += 1;
        tally(
            &mut contradiction,
            o.gold == Gold::Contradicts,
            o.predicted == Predicted::Contradicts,
        );
        tally(
            &mut support,
            o.gold == Gold::Supports,
            o.predicted == Predicted::Supports,
        );
        any_support |= o.gold == Gold::Supports;
    }
    FileEval {
        file: display.to_owned(),
        split,
        n_pairs: outcomes.len(),
        min_calibrated,
        confusion,
        contradiction,
        support: any_support.then_some(support),
        outcomes,
    }
}

fn tally(metrics: &mut Metrics, gold: bool, predicted: bool) {
    match (gold, predicted) {
        (true, true) => metrics.true_positives += 1,
        (false, true) => metrics.false_positives += 1,
        (true, false) => metrics.false_negatives += 1,
        (false, false) => {}
    }
}

/// Writes the evaluation for a terminal: per file, the confusion matrix and
/// the metrics.
///
/// # Errors
/// When the writer fails.
pub fn render_text(evals: &[FileEval], out: &mut dyn Write) -> io::Result<()> {
    for (k, eval) in evals.iter().enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}: {} pairs{}{}",
            eval.file,
            eval.n_pairs,
            match eval.split {
                Split::All => String::new(),
                s => format!(" ({} half)", s.as_str()),
            },
            if eval.min_calibrated > 0.0 {
                format!(
                    ", relations under calibrated {:.3} held back",
                    eval.min_calibrated
                )
            } else {
                String::new()
            }
        )?;
        write!(out, "  {:<13}", "gold \\ pred")?;
        for p in Predicted::ALL {
            write!(out, " {:>11}", p.as_str())?;
        }
        writeln!(out)?;
        for (gold, row) in &eval.confusion {
            write!(out, "  {:<13}", gold.as_str())?;
            for n in row {
                write!(out, " {n:>11}")?;
            }
            writeln!(out)?;
        }
        metrics_line(out, "contradicts", &eval.contradiction)?;
        if let Some(support) = &eval.support {
            metrics_line(out, "supports", support)?;
        }
        breakdown::render_reliability(eval, out)?;
    }
    Ok(())
}

fn metrics_line(out: &mut dyn Write, name: &str, m: &Metrics) -> io::Result<()> {
    writeln!(
        out,
        "  {name:<12} precision {:.3}  recall {:.3}  f1 {:.3}  (tp {}, fp {}, fn {})",
        m.precision(),
        m.recall(),
        m.f1(),
        m.true_positives,
        m.false_positives,
        m.false_negatives
    )
}

/// Writes the evaluation as JSON (`claimgraph.eval-pairs/1`), with the
/// per-rule tallies (`rules`) and the errors grouped by rule trail
/// (`errors`) when asked.
///
/// # Errors
/// When the writer fails.
pub fn render_json(evals: &[FileEval], sections: Sections, out: &mut dyn Write) -> io::Result<()> {
    let files: Vec<serde_json::Value> = evals
        .iter()
        .map(|eval| {
            let confusion: serde_json::Map<String, serde_json::Value> = eval
                .confusion
                .iter()
                .map(|(gold, row)| {
                    let cells: serde_json::Map<String, serde_json::Value> = Predicted::ALL
                        .iter()
                        .map(|p| (p.as_str().to_owned(), row[p.index()].into()))
                        .collect();
                    (gold.as_str().to_owned(), cells.into())
                })
                .collect();
            let mut file = serde_json::json!({
                "file": eval.file,
                "split": eval.split.as_str(),
                "min_calibrated": crate::infer::round3(eval.min_calibrated),
                "pairs": eval.n_pairs,
                "confusion": confusion,
                "contradicts": metrics_json(&eval.contradiction),
                "supports": eval.support.as_ref().map(metrics_json),
                "reliability": breakdown::reliability_json(eval),
            });
            if sections.by_rule {
                file["rules"] = breakdown::by_rule_json(eval);
            }
            if sections.errors {
                file["errors"] = breakdown::errors_json(eval);
            }
            if sections.pairs {
                file["pairs"] = eval.outcomes.iter().map(outcome_json).collect();
            }
            file
        })
        .collect();
    let doc = serde_json::json!({ "format": "claimgraph.eval-pairs/1", "files": files });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// What `eval` prints besides the scores of each file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sections {
    /// Per rule, how often it fires and its precision.
    pub by_rule: bool,
    /// The misclassified pairs, grouped by rule trail.
    pub errors: bool,
    /// Every pair's outcome with its calibration features (what
    /// `scripts/calibration/fit.py` reads).
    pub pairs: bool,
}

/// One pair's outcome as JSON. Features have six decimals: the fitting
/// script reads them.
fn outcome_json(o: &PairOutcome) -> serde_json::Value {
    let features: serde_json::Map<String, serde_json::Value> = infer::calibration::FEATURES
        .iter()
        .zip(o.features.0)
        .map(|(name, value)| ((*name).to_owned(), round6(value).into()))
        .collect();
    serde_json::json!({
        "id": o.id,
        "gold": o.gold.as_str(),
        "predicted": o.predicted.as_str(),
        "score": infer::round3(o.score),
        "confidence": infer::round3(o.confidence),
        "fired": o.fired,
        "features": features,
    })
}

/// Writes one line per pair: id, gold label, prediction, score and
/// calibrated confidence.
///
/// # Errors
/// When the writer fails.
pub fn render_pairs(evals: &[FileEval], out: &mut dyn Write) -> io::Result<()> {
    for eval in evals {
        writeln!(
            out,
            "{}: every pair (id, gold, predicted, score, confidence)",
            eval.file
        )?;
        for o in &eval.outcomes {
            writeln!(
                out,
                "  {}  {} -> {}  {:.3}  {:.3}",
                o.id,
                o.gold.as_str(),
                o.predicted.as_str(),
                o.score,
                o.confidence
            )?;
        }
    }
    Ok(())
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn metrics_json(m: &Metrics) -> serde_json::Value {
    serde_json::json!({
        "precision": infer::round3(m.precision()),
        "recall": infer::round3(m.recall()),
        "f1": infer::round3(m.f1()),
        "tp": m.true_positives,
        "fp": m.false_positives,
        "fn": m.false_negatives,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_positioned() {
        let text = "{\"id\": \"x\", \"lang\": \"fr\", \"a\": {\"text\": \"a\"}, \"b\": {\"text\": \"b\"}, \"label\": \"maybe\"}\n\nnot json\n";
        let Err(Error::Invalid(d)) = parse("p.jsonl", text) else {
            panic!("expected errors");
        };
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].line(), d[1].line()), (Some(1), Some(3)));
        assert!(
            d[0].message.contains("unknown variant `maybe`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn halves_partition_the_ids() {
        for id in ["a", "b", "qt30/1", "daccord/b001"] {
            assert_ne!(Split::Dev.contains(id), Split::HeldOut.contains(id));
        }
    }

    #[test]
    fn metrics_follow_definitions() {
        let m = Metrics {
            true_positives: 2,
            false_positives: 2,
            false_negatives: 6,
        };
        assert!((m.precision() - 0.5).abs() < 1e-9);
        assert!((m.recall() - 0.25).abs() < 1e-9);
        assert!((m.f1() - 1.0 / 3.0).abs() < 1e-9);
    }
}
