//! Which pairs of claims reach the rules.
//!
//! A pair can only be linked when the claims share at least one content
//! term, so pairs are generated from an inverted index of stems rather than
//! from all n² pairs. `--exhaustive` keeps the all-pairs path so that the two
//! can be compared.

use std::collections::{BTreeSet, HashMap};

use crate::text::Analysis;

/// All pairs `(i, j)` with `i < j`.
#[must_use]
pub fn all_pairs(n: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::with_capacity(n.saturating_sub(1) * n / 2);
    for i in 0..n {
        for j in i + 1..n {
            pairs.push((i, j));
        }
    }
    pairs
}

/// Pairs `(i, j)`, `i < j`, that share at least one content stem, sorted.
///
/// Fuzzy matches (Durov/Dourov) are not indexed, so a pair whose only link
/// is a spelling variant is missed here; entity aliases are resolved before
/// indexing and are found.
#[must_use]
pub fn sharing_a_term(analyses: &[Analysis]) -> Vec<(usize, usize)> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, analysis) in analyses.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for token in analysis.tokens.iter().filter(|t| !t.stop) {
            if seen.insert(token.stem.as_str()) {
                postings.entry(token.stem.as_str()).or_default().push(i);
            }
        }
    }
    let mut pairs = BTreeSet::new();
    for list in postings.values() {
        for (k, &i) in list.iter().enumerate() {
            for &j in &list[k + 1..] {
                pairs.insert((i, j));
            }
        }
    }
    pairs.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_pairs_counts() {
        assert_eq!(all_pairs(4).len(), 6);
        assert!(all_pairs(1).is_empty());
    }
}
