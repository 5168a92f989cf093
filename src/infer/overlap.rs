//! What two claims share: their content terms matched by stem, thesaurus
//! group or spelling variant, weighted by IDF, with the similarity and
//! containment every rule starts from.
//!
//! Matching two claims is linear in their lengths: each side's distinct
//! stems are looked up, not compared pairwise, and the buffers are reused
//! from pair to pair ([`Scratch`]) so that deciding a pair allocates
//! nothing for claims of ordinary length.

use ustr::Ustr;

use crate::text::{Analysis, Analyzer, Span, Token};
use crate::{FastMap, FastSet};

use super::{ClaimText, Evidence, SharedTerm, Side, Weights};

/// How far (in words) a polarity or antonym cue may sit from a shared term
/// and still be about it.
pub(super) const CUE_WINDOW: usize = 6;

/// Claims of more distinct terms than this are indexed by hash map rather
/// than scanned.
const SCAN: usize = 64;

/// Pairs of names (one per claim) beyond which spelling variants are found
/// by the candidate search's exact filters over the two claims' names,
/// rather than by scoring every name of one claim against every name of
/// the other (two claims of 16k names each took 102 s).
const FUZZY_SCAN: usize = 4096;

/// The spelling variants between the names of two long claims: for each
/// name of A, the terms of B whose name is a variant of it.
struct NameVariants {
    id: FastMap<Ustr, u32>,
    variants: Vec<Vec<u32>>,
    /// By name id: the terms of B with that name.
    terms_b: Vec<Vec<usize>>,
}

impl NameVariants {
    fn of(terms_a: &[&Token], terms_b: &[&Token], analyzer: &Analyzer) -> NameVariants {
        // The distinct names of both claims, numbered in order of first use.
        let mut id: FastMap<Ustr, u32> = FastMap::default();
        let mut names: Vec<String> = Vec::new();
        for t in terms_a.iter().chain(terms_b).filter(|t| t.entity()) {
            id.entry(t.norm).or_insert_with(|| {
                names.push(t.norm.to_string());
                u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
            });
        }
        let mut terms_of_b = vec![Vec::new(); names.len()];
        for (j, t) in terms_b.iter().enumerate().filter(|(_, t)| t.entity()) {
            if let Some(&k) = id.get(&t.norm) {
                terms_of_b[k as usize].push(j);
            }
        }
        let variants =
            super::candidates::name_variants(&names, analyzer, analyzer.fuzzy_threshold());
        NameVariants {
            id,
            variants,
            terms_b: terms_of_b,
        }
    }

    /// The terms of B whose name may be a spelling variant of `norm`.
    fn candidates(&self, norm: Ustr) -> impl Iterator<Item = usize> + '_ {
        let variants = self
            .id
            .get(&norm)
            .map_or(&[][..], |&k| &self.variants[k as usize]);
        variants
            .iter()
            .flat_map(|&v| self.terms_b[v as usize].iter().copied())
    }
}

/// A shared term with where it occurs on each side.
pub(super) struct Shared<'t> {
    /// 1 for the same stem, the Jaro-Winkler score for a spelling variant.
    pub(super) match_score: f64,
    /// The smaller of the two sides' weights.
    pub(super) weight: f64,
    pub(super) token_a: &'t Token,
    pub(super) token_b: &'t Token,
}

impl Shared<'_> {
    /// True for the same stem on both sides (not a spelling variant).
    pub(super) fn exact(&self) -> bool {
        self.token_a.stem == self.token_b.stem
    }

    /// An anchor: not common across the whole case on at least one side.
    pub(super) fn anchor(&self, weights: &Weights) -> bool {
        !weights.is_common_term(self.token_a.stem) || !weights.is_common_term(self.token_b.stem)
    }

    /// Negated on exactly one side.
    pub(super) fn polarity_differs(&self) -> bool {
        self.token_a.negated() != self.token_b.negated()
    }

    /// Negated on exactly one side, and held (not reported) on both.
    pub(super) fn flipped(&self) -> bool {
        self.polarity_differs() && !self.token_a.reported() && !self.token_b.reported()
    }

    /// The token on one side.
    pub(super) fn on(&self, side: Side) -> &Token {
        match side {
            Side::A => self.token_a,
            Side::B => self.token_b,
        }
    }

    /// The shared term as reported.
    pub(super) fn term(&self) -> SharedTerm {
        // Each side's own stem: a pair matched through a thesaurus group
        // or a spelling variant shows both words' stems (`collabor~cooper`).
        let own = |t: &Token| if t.entity() { t.stem } else { t.word_stem };
        SharedTerm {
            stem_a: own(self.token_a),
            stem_b: own(self.token_b),
            match_score: self.match_score,
            weight: self.weight,
            entity: self.token_a.entity() || self.token_b.entity(),
            thesaurus: !self.token_a.entity()
                && !self.token_b.entity()
                && self.token_a.word_stem != self.token_b.word_stem
                && self.token_a.stem == self.token_b.stem,
        }
    }
}

/// Buffers reused from one pair to the next: a thread deciding many pairs
/// keeps one, so that deciding a pair of ordinary claims allocates nothing.
#[derive(Default)]
pub struct Scratch<'t> {
    terms_a: Vec<&'t Token>,
    terms_b: Vec<&'t Token>,
    shared: Vec<Shared<'t>>,
    used_b: Vec<bool>,
    words_a: Vec<usize>,
    words_b: Vec<usize>,
    seen: FastSet<Ustr>,
}

impl<'t> Scratch<'t> {
    /// Takes back the buffers of an overlap that is no longer needed.
    pub(super) fn recycle(&mut self, overlap: Overlap<'t>) {
        let Overlap {
            mut terms_a,
            mut terms_b,
            mut shared,
            mut words_a,
            mut words_b,
            ..
        } = overlap;
        terms_a.clear();
        terms_b.clear();
        shared.clear();
        words_a.clear();
        words_b.clear();
        self.terms_a = terms_a;
        self.terms_b = terms_b;
        self.shared = shared;
        self.words_a = words_a;
        self.words_b = words_b;
    }
}

/// What two claims share.
pub(super) struct Overlap<'t> {
    /// Each side's content terms (first occurrence of each stem).
    pub(super) terms_a: Vec<&'t Token>,
    pub(super) terms_b: Vec<&'t Token>,
    /// The shared terms, heaviest first.
    pub(super) shared: Vec<Shared<'t>>,
    /// The word index of every shared token of each side, sorted.
    words_a: Vec<usize>,
    words_b: Vec<usize>,
    pub(super) weight_a: f64,
    pub(super) weight_b: f64,
    pub(super) dice: f64,
    pub(super) containment: f64,
}

impl Overlap<'_> {
    /// The claim that says less: the one whose content the other covers
    /// (RTE's hypothesis). Ties are broken by the texts themselves (the
    /// shorter, then the smaller), never by which claim came first, so that
    /// every rule gives the same answer for (A, B) and (B, A).
    pub(super) fn covered_side(&self, a: ClaimText<'_>, b: ClaimText<'_>) -> Side {
        let by_weight = self.weight_a.total_cmp(&self.weight_b);
        let order = by_weight
            .then_with(|| a.text.len().cmp(&b.text.len()))
            .then_with(|| a.text.cmp(b.text));
        if order == std::cmp::Ordering::Greater {
            Side::B
        } else {
            Side::A
        }
    }

    /// True when a shared token of `side` is within [`CUE_WINDOW`] words of
    /// the span: a binary search among the shared words' positions.
    pub(super) fn near(&self, side: Side, analysis: &Analysis, span: Span) -> bool {
        let first = word_index(analysis, span.start);
        let last = word_index(analysis, span.end.saturating_sub(1));
        let words = match side {
            Side::A => &self.words_a,
            Side::B => &self.words_b,
        };
        let from = words.partition_point(|&k| k + CUE_WINDOW < first);
        words.get(from).is_some_and(|&k| k <= last + CUE_WINDOW)
    }

    /// Every shared token, on both sides, as evidence.
    pub(super) fn evidence(&self, a: ClaimText<'_>, b: ClaimText<'_>) -> Vec<Evidence> {
        let mut evidence = Vec::with_capacity(2 * self.shared.len());
        for s in &self.shared {
            evidence.push(token_evidence(Side::A, a.text, s.token_a));
            evidence.push(token_evidence(Side::B, b.text, s.token_b));
        }
        evidence
    }
}

/// The index of the word that contains byte `offset` (or the next one).
pub(super) fn word_index(analysis: &Analysis, offset: usize) -> usize {
    analysis.tokens.partition_point(|t| t.span().end <= offset)
}

/// A token as evidence, quoted from the claim's text.
pub(super) fn token_evidence(side: Side, text: &str, token: &Token) -> Evidence {
    span_evidence(side, text, token.span(), "")
}

/// A span of a claim as evidence (`fallback` when the span is not in the
/// text).
pub(super) fn span_evidence(side: Side, text: &str, span: Span, fallback: &str) -> Evidence {
    Evidence {
        side,
        text: text.get(span.start..span.end).unwrap_or(fallback).into(),
        span,
    }
}

/// The weight of a claim's `k`-th content term: the caller's when given
/// (checked against the weights in debug builds), else looked up.
fn term_weight(claim: ClaimText<'_>, k: usize, token: &Token, weights: &Weights) -> f64 {
    match claim.term_weights.and_then(|given| given.get(k)) {
        Some(&given) => {
            debug_assert!(
                given.to_bits() == weights.weight_of(token.stem).to_bits(),
                "term weights given for other terms"
            );
            given
        }
        None => weights.weight_of(token.stem),
    }
}

/// First occurrence of each content stem, into `terms`.
fn content_terms<'t>(analysis: &'t Analysis, terms: &mut Vec<&'t Token>, seen: &mut FastSet<Ustr>) {
    let content = analysis.tokens.iter().filter(|t| !t.stop());
    // Interned stems compare as pointers: for a claim's few terms a linear
    // scan beats hashing; long passages use a set.
    if analysis.tokens.len() <= SCAN {
        for t in content {
            if !terms.iter().any(|u| u.stem == t.stem) {
                terms.push(t);
            }
        }
    } else {
        seen.clear();
        terms.extend(content.filter(|t| seen.insert(t.stem)));
    }
}

/// Matches the two claims' content terms, with the buffers of `scratch`.
pub(super) fn overlap<'t>(
    a: ClaimText<'t>,
    b: ClaimText<'t>,
    weights: &Weights,
    analyzer: &Analyzer,
    scratch: &mut Scratch<'t>,
) -> Overlap<'t> {
    overlap_with(a, b, (weights, analyzer), scratch, FUZZY_SCAN)
}

/// [`overlap`], scoring every pair of names when there are at most
/// `fuzzy_scan` of them.
fn overlap_with<'t>(
    a: ClaimText<'t>,
    b: ClaimText<'t>,
    (weights, analyzer): (&Weights, &Analyzer),
    scratch: &mut Scratch<'t>,
    fuzzy_scan: usize,
) -> Overlap<'t> {
    let mut terms_a = std::mem::take(&mut scratch.terms_a);
    let mut terms_b = std::mem::take(&mut scratch.terms_b);
    let mut shared = std::mem::take(&mut scratch.shared);
    content_terms(a.analysis, &mut terms_a, &mut scratch.seen);
    content_terms(b.analysis, &mut terms_b, &mut scratch.seen);
    let weight_of_b = |j: usize| term_weight(b, j, terms_b[j], weights);
    let weight_a: f64 = (terms_a.iter().enumerate())
        .map(|(k, t)| term_weight(a, k, t, weights))
        .sum();
    let weight_b: f64 = (0..terms_b.len()).map(weight_of_b).sum();
    let used_b = &mut scratch.used_b;
    used_b.clear();
    used_b.resize(terms_b.len(), false);
    let mut matched = 0.0;
    let index_b = StemIndex::new(&terms_b);
    let entities = |terms: &[&Token]| terms.iter().filter(|t| t.entity()).count();
    let variants = (entities(&terms_a).saturating_mul(entities(&terms_b)) > fuzzy_scan)
        .then(|| NameVariants::of(&terms_a, &terms_b, analyzer));
    for (k, &token_a) in terms_a.iter().enumerate() {
        let exact = index_b.get_interned(token_a.stem);
        let found = exact.map(|j| (j, 1.0)).or_else(|| {
            // Spelling variants: the best fuzzy match among unused terms.
            // Only names are compared fuzzily: for common words a close
            // spelling is usually another word (pays/Paris).
            if !token_a.entity() {
                return None;
            }
            let score = |j: usize| {
                let t = terms_b[j];
                (!used_b[j] && t.entity())
                    .then(|| analyzer.fuzzy_match(&token_a.norm, &t.norm))
                    .flatten()
                    .map(|s| (j, s))
            };
            // The best score, the first term among equals: the same pair
            // whichever way the terms are visited.
            let best = |x: &(usize, f64), y: &(usize, f64)| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0));
            match &variants {
                Some(variants) => variants
                    .candidates(token_a.norm)
                    .filter_map(score)
                    .max_by(best),
                None => (0..terms_b.len()).filter_map(score).max_by(best),
            }
        });
        if let Some((j, score)) = found {
            if used_b[j] {
                continue;
            }
            used_b[j] = true;
            let weight = term_weight(a, k, token_a, weights).min(weight_of_b(j));
            matched += weight * score;
            shared.push(Shared {
                match_score: score,
                weight,
                token_a,
                token_b: terms_b[j],
            });
        }
    }
    shared.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then_with(|| x.token_a.stem.cmp(&y.token_a.stem))
    });
    let positions = |mut words: Vec<usize>, side: Side, analysis: &Analysis| {
        words.extend(
            shared
                .iter()
                .map(|s| word_index(analysis, s.on(side).span().start)),
        );
        words.sort_unstable();
        words
    };
    let words_a = positions(std::mem::take(&mut scratch.words_a), Side::A, a.analysis);
    let words_b = positions(std::mem::take(&mut scratch.words_b), Side::B, b.analysis);
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
        terms_a,
        terms_b,
        shared,
        words_a,
        words_b,
        weight_a,
        weight_b,
        dice,
        containment,
    }
}

/// Where each of one side's distinct content stems is: a scan for a
/// claim's few terms (interned stems compare cheaply), a hash map for long
/// passages, so that matching two claims is linear in their lengths.
pub(super) struct StemIndex<'t> {
    terms: &'t [&'t Token],
    /// Which stem of a term is the key: [`Token::stem`] (matching) or
    /// [`Token::word_stem`] (antonyms).
    key: fn(&Token) -> Ustr,
    map: Option<FastMap<&'t str, usize>>,
    /// For a map: the terms `unX`, keyed by `X`.
    un: Option<FastMap<&'t str, usize>>,
}

impl<'t> StemIndex<'t> {
    /// Keyed by the matching stem.
    pub(super) fn new(terms: &'t [&'t Token]) -> StemIndex<'t> {
        Self::keyed(terms, |t| t.stem)
    }

    /// Keyed by each word's own stem.
    pub(super) fn by_word_stem(terms: &'t [&'t Token]) -> StemIndex<'t> {
        Self::keyed(terms, |t| t.word_stem)
    }

    fn keyed(terms: &'t [&'t Token], key: fn(&Token) -> Ustr) -> StemIndex<'t> {
        let long = terms.len() > SCAN;
        let index = |of: &dyn Fn(&'t Token) -> Option<&'t str>| {
            let mut map = FastMap::default();
            for (j, &t) in terms.iter().enumerate() {
                if let Some(k) = of(t) {
                    map.entry(k).or_insert(j);
                }
            }
            map
        };
        let map = long.then(|| index(&|t| Some(key(t).as_str())));
        let un = long.then(|| index(&|t| key(t).as_str().strip_prefix("un")));
        StemIndex {
            terms,
            key,
            map,
            un,
        }
    }

    /// The first term with this stem.
    pub(super) fn get(&self, stem: &str) -> Option<usize> {
        match &self.map {
            Some(map) => map.get(stem).copied(),
            None => self.terms.iter().position(|t| (self.key)(t) == stem),
        }
    }

    /// [`StemIndex::get`] for an interned stem: the scan compares handles.
    pub(super) fn get_interned(&self, stem: Ustr) -> Option<usize> {
        match &self.map {
            Some(map) => map.get(stem.as_str()).copied(),
            None => self.terms.iter().position(|t| (self.key)(t) == stem),
        }
    }

    /// The term `un` + `stem`, if any.
    pub(super) fn with_un_prefix(&self, stem: &str) -> Option<usize> {
        match &self.un {
            Some(un) => un.get(stem).copied(),
            None => self.terms.iter().position(|t| {
                (self.key)(t)
                    .strip_prefix("un")
                    .is_some_and(|rest| rest == stem)
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::Language;

    /// Many names on each side, a few of them spelling variants across
    /// the claims: the variants found through the candidate search's
    /// filters are the pairs the scan of every pair of names finds, with
    /// the same scores.
    #[test]
    fn long_claims_find_the_spelling_variants_a_scan_finds() {
        let analyzer = Analyzer::new(&Config::default());
        let syllables = ["ba", "ke", "li", "do", "fu", "ra", "mo", "si"];
        let name = |k: usize, salt: usize| {
            let mut word = String::new();
            for d in 0..4 {
                word.push_str(syllables[(k / 8usize.pow(d) + salt * d as usize) % 8]);
            }
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
            format!("{first}{}", chars.as_str())
        };
        let mut text_a = String::from("Then Durov and Zelensky met");
        let mut text_b = String::from("Then Dourov and Zelenski met");
        for k in 0..90 {
            text_a.push_str(&format!(" then {}", name(k, 0)));
            // Every third name of B is one of A's with its last letter
            // changed: a spelling variant.
            let other = if k % 3 == 0 {
                let mut variant = name(k, 0);
                variant.pop();
                variant.push('x');
                variant
            } else {
                name(k + 7, 1)
            };
            text_b.push_str(&format!(" then {other}"));
        }
        let (x, y) = (
            analyzer.analyze(&text_a, Some(Language::En)),
            analyzer.analyze(&text_b, Some(Language::En)),
        );
        let weights = Weights::from_analyses([&x, &y]);
        let side = |text, analysis| ClaimText {
            text,
            analysis,
            speaker: None,
            term_weights: None,
        };
        let shared = |fuzzy_scan: usize| {
            let mut scratch = Scratch::default();
            let o = overlap_with(
                side(text_a.as_str(), &x),
                side(text_b.as_str(), &y),
                (&weights, &analyzer),
                &mut scratch,
                fuzzy_scan,
            );
            let terms: Vec<(Ustr, Ustr, u64)> = o
                .shared
                .iter()
                .map(|s| (s.token_a.norm, s.token_b.norm, s.match_score.to_bits()))
                .collect();
            (terms, o.containment.to_bits())
        };
        let (scanned, searched) = (shared(usize::MAX), shared(0));
        assert!(
            scanned
                .0
                .iter()
                .any(|(a, b, _)| a == "durov" && b == "dourov"),
            "{:?}",
            scanned.0
        );
        let variants: Vec<_> = scanned.0.iter().filter(|(a, b, _)| a != b).collect();
        assert!(variants.len() >= 20, "{variants:?}");
        assert_eq!(scanned, searched);
    }
}
