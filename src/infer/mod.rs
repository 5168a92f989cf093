//! Inferring `contradicts` and `supports` edges between claims.
//!
//! [`assess`] looks at one pair of analysed claims and runs every rule in
//! [`rules`], keeping a record of each one (fired or not, on which words or
//! numbers, with which score). The same function serves the graph builder,
//! `explain` and `eval`, so what a user is told about a pair is exactly what
//! the inference did. Pairs come from [`candidates`].

pub mod calibration;
pub mod candidates;
mod overlap;
mod quantities;
pub mod rules;
pub mod weights;

use compact_str::CompactString;
use ustr::Ustr;

use crate::config::Config;
use crate::text::{Analysis, Analyzer, Span};
pub use overlap::Scratch;
pub use weights::Weights;

/// An inferred or annotated relation between two claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// The two claims cannot both be true (symmetric).
    Contradicts,
    /// The first claim supports the second (directed).
    Supports,
}

impl Relation {
    /// The relation as written in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Contradicts => "contradicts",
            Relation::Supports => "supports",
        }
    }
}

/// Which claim of a pair a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The first claim of the pair.
    A,
    /// The second claim of the pair.
    B,
}

impl Side {
    /// 0 for A, 1 for B: where the side's entry is in a pair of values.
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            Side::A => 0,
            Side::B => 1,
        }
    }
}

/// A word, phrase or number that a rule fired on.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Which claim it is in.
    pub side: Side,
    /// The text as written in the claim (inline when short: an edge holds
    /// many of these, and a corpus millions of edges).
    pub text: CompactString,
    /// Where it is, in bytes.
    pub span: Span,
}

/// The outcome of one rule on one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleOutcome {
    /// The rule's stable id, such as `polarity.negation`.
    pub rule: &'static str,
    /// Whether it fired.
    pub fired: bool,
    /// Its score: a strength for cues, a factor for modifiers.
    pub score: f64,
    /// What it fired on (or, when it did not fire, what it looked at).
    pub evidence: Vec<Evidence>,
    /// One line in plain words.
    pub detail: String,
}

/// A content term the two claims share.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedTerm {
    /// The stem (or canonical entity) on side A.
    pub stem_a: Ustr,
    /// The stem on side B (differs from `stem_a` for a fuzzy match or a
    /// thesaurus match).
    pub stem_b: Ustr,
    /// 1 for an exact match, the Jaro-Winkler score for a fuzzy one.
    pub match_score: f64,
    /// The term's weight (inverse document frequency).
    pub weight: f64,
    /// True when the term is an entity on either side.
    pub entity: bool,
    /// True when the two words are different words of one thesaurus group
    /// (see [`crate::text::synonyms`]).
    pub thesaurus: bool,
}

/// Everything the inference found about one pair of claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The weighted Dice similarity of the two content-term sets, 0 to 1.
    pub similarity: f64,
    /// Matched weight over the smaller side's weight, 0 to 1: how much of
    /// the shorter claim the longer one covers.
    pub containment: f64,
    /// The shared terms, heaviest first.
    pub shared: Vec<SharedTerm>,
    /// Every rule, fired or not, in a fixed order.
    pub rules: Vec<RuleOutcome>,
    /// The inferred relation, if any.
    pub relation: Option<Relation>,
    /// For `supports`, true when B supports A rather than A supports B.
    pub reversed: bool,
    /// The rules' combined score (0 when there is no relation): the cue's
    /// strength times relatedness and modifiers, compared with
    /// `min_score`.
    pub score: f64,
    /// The calibrated confidence in the relation (0 when there is none), 0
    /// to 1: see [`calibration`].
    pub confidence: f64,
    /// The pair's features, which the calibrated confidence of either
    /// relation reads.
    pub features: calibration::Features,
    /// The first rule whose explanation does not find what its decision
    /// found (`None` unless the two halves of a rule have drifted apart;
    /// [`AnalyzedCase::provenance`](crate::analyzed::AnalyzedCase::provenance)
    /// refuses to show such an explanation).
    pub unexplained: Option<&'static str>,
}

/// What the rules decide about a pair, without the explanation: what the
/// graph keeps of an inferred edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// The relation.
    pub relation: Relation,
    /// For `supports`, true when B supports A rather than A supports B.
    pub reversed: bool,
    /// The rules' combined score, 0 to 1: what `min_score` compares and
    /// what each claim ranks its relations by.
    pub score: f64,
    /// The calibrated confidence, 0 to 1 (see [`calibration`]): an `f32`
    /// value.
    pub confidence: f64,
}

impl Verdict {
    /// [`Verdict::confidence`] in the four bytes it needs: exact, since
    /// [`calibration::confidence`] rounds to an `f32`.
    #[must_use]
    #[allow(clippy::cast_possible_truncation)]
    pub fn confidence_f32(&self) -> f32 {
        self.confidence as f32
    }
}

impl Assessment {
    /// The rules that fired.
    pub fn fired(&self) -> impl Iterator<Item = &RuleOutcome> {
        self.rules.iter().filter(|r| r.fired)
    }
}

/// One side of a pair: its text and its analysis.
#[derive(Debug, Clone, Copy)]
pub struct ClaimText<'a> {
    /// The claim's original text.
    pub text: &'a str,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Who said it, when known (a party id in a case, the `party` of a
    /// labelled pair). Only compared for equality.
    pub speaker: Option<&'a str>,
    /// The weights of the claim's content terms (first occurrence of each
    /// stem, in text order), when the caller has them at hand: the graph
    /// builder computes them once per claim rather than once per pair.
    /// They must be what [`Weights::weight`] gives; `None` looks them up.
    pub term_weights: Option<&'a [f64]>,
}

/// Assesses one pair of claims. Pure and deterministic.
#[must_use]
pub fn assess(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    weights: &Weights,
    analyzer: &Analyzer,
    config: &Config,
) -> Assessment {
    rules::run(a, b, weights, analyzer, config)
}

/// Rounds a score for output, so that reports print a fixed precision and
/// tiny floating-point differences never reach a byte of output.
#[must_use]
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
