//! Measuring the inference against human judgements.
//!
//! `claimgraph eval` takes paths. A case (a directory or a `.json` claim
//! file) is evaluated by [`discovery`]: the case's annotations are hidden,
//! the inference runs over the whole case, and its edges are scored against
//! the annotations. A `.jsonl` file is a file of labelled pairs, scored
//! pair by pair by [`pairs`] with the same [`crate::infer::assess`] that
//! builds the graph; [`Input::classify`] tells the two apart.

pub mod breakdown;
pub mod discovery;
pub mod pairs;

use std::path::{Path, PathBuf};

/// What an `eval` path holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A case: a directory or a `.json` claim file.
    Case(PathBuf),
    /// A JSON Lines file of labelled pairs.
    Pairs(PathBuf),
}

impl Input {
    /// Classifies a path by its name alone (this module never touches the
    /// disk): a `.jsonl` file is a pair file, anything else (a directory, a
    /// `.json` file) a case.
    #[must_use]
    pub fn classify(path: &Path) -> Input {
        let jsonl = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
        if jsonl {
            Input::Pairs(path.to_path_buf())
        } else {
            Input::Case(path.to_path_buf())
        }
    }
}

/// Precision, recall and F1 of one relation.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Scores {
    /// Pairs predicted with the relation that have it.
    pub true_positives: usize,
    /// Pairs predicted with the relation that do not have it.
    pub false_positives: usize,
    /// Pairs that have the relation but were not predicted with it.
    pub false_negatives: usize,
    /// `tp / (tp + fp)`, 0 when nothing was predicted.
    pub precision: f64,
    /// `tp / (tp + fn)`, 0 when nothing is gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0 when both are 0.
    pub f1: f64,
}

impl Scores {
    /// Scores from counts, rounded to 3 decimals.
    #[must_use]
    pub fn from_counts(
        true_positives: usize,
        false_positives: usize,
        false_negatives: usize,
    ) -> Scores {
        #[allow(clippy::cast_precision_loss)]
        let ratio = |num: usize, den: usize| {
            if den == 0 {
                0.0
            } else {
                num as f64 / den as f64
            }
        };
        let precision = ratio(true_positives, true_positives + false_positives);
        let recall = ratio(true_positives, true_positives + false_negatives);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            true_positives,
            false_positives,
            false_negatives,
            precision: crate::infer::round3(precision),
            recall: crate::infer::round3(recall),
            f1: crate::infer::round3(f1),
        }
    }

    /// The sum of two sets of counts, rescored.
    #[must_use]
    pub fn plus(self, other: Scores) -> Scores {
        Scores::from_counts(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_from_counts() {
        let s = Scores::from_counts(2, 2, 6);
        assert!((s.precision - 0.5).abs() < 1e-9);
        assert!((s.recall - 0.25).abs() < 1e-9);
        assert!((s.f1 - 0.333).abs() < 1e-9);
        assert_eq!(Scores::from_counts(0, 0, 0).f1, 0.0);
    }

    #[test]
    fn jsonl_is_a_pair_file() {
        assert_eq!(
            Input::classify(Path::new("x/pairs.jsonl")),
            Input::Pairs("x/pairs.jsonl".into())
        );
        assert_eq!(
            Input::classify(Path::new("claims/durov-telegram")),
            Input::Case("claims/durov-telegram".into())
        );
    }
}
