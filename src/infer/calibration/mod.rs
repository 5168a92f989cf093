//! Calibrated confidence: how often an edge like this one is right.
//!
//! The rules decide whether two claims are related and why they disagree;
//! their combined score ([`Verdict::score`](super::Verdict::score)) is what
//! `min_score` compares and what each claim ranks its relations by. The
//! printed confidence is a different number: the share of edges with the
//! same features that annotators confirmed on labelled pairs. It is a
//! logistic model over a dozen named features of the pair (which cues
//! fired, who the speakers are, how long the claims are and how much they
//! share), one weight per feature and relation, fitted by
//! `scripts/calibration/fit.py` on the redistributable dev files and
//! checked in as [`CONTRADICTS`] and [`SUPPORTS`]. `explain` prints every
//! term of the sum, so a user sees why an edge is printed at 0.35 and
//! another at 0.80.
//!
//! The features describe the pair, never the dataset: a negation between
//! two short claims of unknown speakers is one feature vector whatever file
//! it comes from. So the model cannot know a file's base rate, and
//! `docs/eval.md` reports its reliability per file both fitted and with the
//! file left out.

use super::Relation;

/// The features, in the order of the weights. `bias` is always 1.
pub const FEATURES: [&str; 14] = [
    "bias",
    "cue.negation",
    "cue.denial",
    "cue.antonym",
    "cue.number",
    "speakers.known",
    "speakers.opposed",
    "speakers.same",
    "length.longer",
    "length.ratio",
    "containment",
    "similarity",
    "shared.terms",
    "negation.both",
];

mod weights;
pub use weights::{CONTRADICTS, SUPPORTS};

/// The feature values of one pair, in [`FEATURES`] order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features(pub [f64; FEATURES.len()]);

/// What is known of a pair when its features are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    /// `polarity.negation` fired.
    pub negation: bool,
    /// `polarity.denial` fired.
    pub denial: bool,
    /// `lexical.antonym` fired.
    pub antonym: bool,
    /// `number.mismatch` fired.
    pub number: bool,
    /// Both claims have a known speaker.
    pub speakers_known: bool,
    /// `speaker.opposed` fired.
    pub opposed: bool,
    /// Both claims have the same known speaker.
    pub same_speaker: bool,
    /// Content words of the longer claim.
    pub longer_words: usize,
    /// Content words of the shorter claim.
    pub shorter_words: usize,
    /// The pair's containment, 0 to 1.
    pub containment: f64,
    /// The pair's weighted Dice similarity, 0 to 1.
    pub similarity: f64,
    /// How many terms the two claims share.
    pub shared_terms: usize,
    /// `polarity.negation` fired between two claims that both hold a
    /// negation (not one they only report).
    pub both_negated: bool,
}

/// Claims of this many content words and more count as long in full
/// (`length.longer` is 1).
const LONG_WORDS: f64 = 99.0;
/// Shared terms count up to this many (`shared.terms` is 1).
const MANY_SHARED: f64 = 10.0;

impl Features {
    /// The features of a pair, each between 0 and 1.
    #[must_use]
    pub fn of(f: &Facts) -> Features {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        #[allow(clippy::cast_precision_loss)]
        let (longer, shorter, shared) = (
            f.longer_words as f64,
            f.shorter_words as f64,
            f.shared_terms as f64,
        );
        Features([
            1.0,
            flag(f.negation),
            flag(f.denial),
            flag(f.antonym),
            flag(f.number),
            flag(f.speakers_known),
            flag(f.opposed),
            flag(f.same_speaker),
            ((1.0 + longer).ln() / (1.0 + LONG_WORDS).ln()).min(1.0),
            if longer > 0.0 { shorter / longer } else { 1.0 },
            f.containment.clamp(0.0, 1.0),
            f.similarity.clamp(0.0, 1.0),
            (shared / MANY_SHARED).min(1.0),
            flag(f.both_negated),
        ])
    }
}

/// The weights of one relation.
#[must_use]
pub fn weights(relation: Relation) -> &'static [f64; FEATURES.len()] {
    match relation {
        Relation::Contradicts => &CONTRADICTS,
        Relation::Supports => &SUPPORTS,
    }
}

/// The calibrated confidence of an edge of `relation` with these features:
/// the logistic of the weighted sum, 0 to 1, rounded to the nearest `f32`
/// (seven digits are more than a printed confidence needs, and the graph
/// builder holds it in four bytes).
#[must_use]
pub fn confidence(relation: Relation, features: &Features) -> f64 {
    let logit: f64 = features
        .0
        .iter()
        .zip(weights(relation))
        .map(|(x, w)| x * w)
        .sum();
    #[allow(clippy::cast_possible_truncation)]
    let p = (1.0 / (1.0 + (-logit).exp())) as f32;
    f64::from(p)
}

/// One term of the sum, for `explain`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    /// The feature's name, from [`FEATURES`].
    pub feature: &'static str,
    /// Its value on the pair.
    pub value: f64,
    /// Its weight for the relation.
    pub weight: f64,
}

/// The terms of the sum that count (a non-zero value and weight), in
/// [`FEATURES`] order.
#[must_use]
pub fn terms(relation: Relation, features: &Features) -> Vec<Term> {
    FEATURES
        .iter()
        .zip(features.0)
        .zip(weights(relation))
        .filter(|((_, value), weight)| *value != 0.0 && **weight != 0.0)
        .map(|((&feature, value), &weight)| Term {
            feature,
            value,
            weight,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negation_between(known: bool) -> Features {
        Features::of(&Facts {
            negation: true,
            speakers_known: known,
            opposed: known,
            longer_words: 12,
            shorter_words: 9,
            containment: 0.7,
            similarity: 0.5,
            shared_terms: 4,
            ..Facts::default()
        })
    }

    #[test]
    fn features_stay_between_zero_and_one() {
        let f = Features::of(&Facts {
            longer_words: 10_000,
            shorter_words: 0,
            containment: 1.5,
            similarity: -0.1,
            shared_terms: 400,
            ..Facts::default()
        });
        assert!(f.0.iter().all(|x| (0.0..=1.0).contains(x)), "{f:?}");
        assert!((f.0[8] - 1.0).abs() < 1e-12 && (f.0[12] - 1.0).abs() < 1e-12);
        assert!(Features::of(&Facts::default()).0[9] == 1.0);
    }

    #[test]
    fn confidence_is_the_logistic_of_the_terms() {
        let f = negation_between(false);
        for relation in [Relation::Contradicts, Relation::Supports] {
            let logit: f64 = terms(relation, &f).iter().map(|t| t.value * t.weight).sum();
            let expected = 1.0 / (1.0 + (-logit).exp());
            assert!((confidence(relation, &f) - expected).abs() < 1e-7);
            assert!((0.0..=1.0).contains(&expected));
        }
    }

    #[test]
    fn terms_name_only_features_that_count() {
        let f = negation_between(true);
        let names: Vec<&str> = terms(Relation::Contradicts, &f)
            .iter()
            .map(|t| t.feature)
            .collect();
        assert!(names.contains(&"cue.negation"), "{names:?}");
        assert!(!names.contains(&"cue.denial"), "{names:?}");
        assert!(!names.contains(&"speakers.same"), "{names:?}");
    }
}
