//! Term weights: inverse document frequency over the claims being compared.
//!
//! Rare terms (names, numbers, specific nouns) say more about whether two
//! claims are about the same thing than common ones, so every similarity in
//! [`rules`](super::rules) is weighted by IDF computed on the case (or, for
//! `eval`, on the whole pair file).

use ustr::Ustr;

use crate::text::Analysis;

use crate::{FastMap, FastSet};

/// IDF weights for content stems, keyed by interned stem: a lookup hashes
/// the stem's precomputed hash, not its text.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    idf: FastMap<Ustr, f64>,
    /// The common stems (see [`Weights::is_common`]): more than a quarter
    /// of the claims each, so at most three.
    common: FastSet<Ustr>,
    n_docs: usize,
}

/// Below this many documents every term can be an anchor: frequencies mean
/// little in a handful of claims.
const MIN_DOCS_FOR_COMMON: usize = 8;
/// A term in more than this share of the claims is common: it is what the
/// whole case is about (the defendant's name), not what one point is about.
const COMMON_SHARE: f64 = 0.25;

impl Weights {
    /// Counts document frequencies over the analyses.
    #[must_use]
    pub fn from_analyses<'a>(analyses: impl IntoIterator<Item = &'a Analysis>) -> Weights {
        let mut df: FastMap<Ustr, usize> = FastMap::default();
        let mut n_docs = 0;
        for analysis in analyses {
            n_docs += 1;
            let stems: FastSet<Ustr> = analysis
                .tokens
                .iter()
                .filter(|t| !t.stop())
                .map(|t| t.stem)
                .collect();
            for stem in stems {
                *df.entry(stem).or_default() += 1;
            }
        }
        Weights::from_document_frequencies(n_docs, df)
    }

    /// Weights from document frequencies already counted (by
    /// [`TermSets`](super::candidates::TermSets), which interns the stems
    /// once): the same weights as [`Weights::from_analyses`] without
    /// hashing every stem of every claim again.
    #[must_use]
    pub fn from_document_frequencies(
        n_docs: usize,
        counts: impl IntoIterator<Item = (Ustr, usize)>,
    ) -> Weights {
        let counts = counts.into_iter();
        let mut idf_map = FastMap::default();
        idf_map.reserve(counts.size_hint().0);
        let mut common = FastSet::default();
        for (stem, count) in counts {
            idf_map.insert(stem, idf(n_docs, count));
            if is_common(n_docs, count) {
                common.insert(stem);
            }
        }
        Weights {
            idf: idf_map,
            common,
            n_docs,
        }
    }

    /// The weight of a stem; unseen stems count as seen once.
    #[must_use]
    pub fn weight(&self, stem: &str) -> f64 {
        match Ustr::from_existing(stem) {
            Some(stem) => self.weight_of(stem),
            None => idf(self.n_docs, 1),
        }
    }

    /// [`Weights::weight`] of an interned stem (a token's), without hashing
    /// its text.
    #[must_use]
    pub fn weight_of(&self, stem: Ustr) -> f64 {
        self.idf
            .get(&stem)
            .copied()
            .unwrap_or_else(|| idf(self.n_docs, 1))
    }
}

impl Weights {
    /// True when the stem occurs in so many claims that sharing it says
    /// nothing about two claims being about the same thing.
    #[must_use]
    pub fn is_common(&self, stem: &str) -> bool {
        Ustr::from_existing(stem).is_some_and(|stem| self.is_common_term(stem))
    }

    /// [`Weights::is_common`] of an interned stem (a token's).
    #[must_use]
    pub fn is_common_term(&self, stem: Ustr) -> bool {
        self.common.contains(&stem)
    }
}

/// True when a stem in `df` of `n_docs` claims is common.
fn is_common(n_docs: usize, df: usize) -> bool {
    if n_docs < MIN_DOCS_FOR_COMMON {
        return false;
    }
    #[allow(clippy::cast_precision_loss)]
    let share = df as f64 / n_docs as f64;
    share > COMMON_SHARE
}

/// Smoothed IDF, always at least 1 so that even a common shared word counts.
fn idf(n_docs: usize, df: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let (n, d) = (n_docs as f64, df as f64);
    ((n + 1.0) / (d + 1.0)).ln() + 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_terms_weigh_more() {
        assert!(idf(100, 1) > idf(100, 50));
        assert!(idf(100, 100) >= 1.0);
    }
}
