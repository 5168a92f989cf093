//! Which pairs of claims reach the rules: an exact similarity join.
//!
//! The rules only ever link two claims whose weighted containment reaches
//! `config.related_threshold` (`t`): in [`rules`](super::rules), `overlap()`
//! sums, over the matched content terms, `min(weight_a, weight_b) × score`
//! (score 1 for the same stem, the Jaro-Winkler score for a spelling
//! variant between two names) and divides by the smaller side's total
//! weight; `gate.same_event` and both relations require that containment.
//! [`similarity_join`] returns every pair that can reach it, and in practice
//! few more, so that only candidate pairs reach strsim and the rules.
//!
//! ## The argument
//!
//! Each claim `x` is reduced to its content terms (first occurrence of each
//! stem, stop words left out, as in the rules), interned as `u32` ids and
//! sorted rarest first (heaviest IDF weight first). `w(x)` is the sum of
//! their weights. A matched pair of terms contributes at most the weight of
//! its term on either side, and each term is matched at most once, so the
//! matched weight is at most the weight of the terms of `x` that match
//! something in `y`.
//!
//! - **Smaller side.** A pair is examined once, from the claim `x` that
//!   comes first in the order (`w`, index); then `min(w(x), w(y)) = w(x)`,
//!   and a linked pair has matched weight at least `t·w(x)`. This is the
//!   overlap-coefficient form of the prefix filter: only the smaller
//!   side's prefix is probed, and every term of every claim is indexed.
//! - **Prefix.** The probing prefix of `x` is its shortest rarest-first
//!   prefix whose remaining terms weigh less than `t·w(x)`. If no term of
//!   the prefix matches a term of `y`, the matched weight is below
//!   `t·w(x)`: every linked `y` is found by a prefix term.
//! - **Names.** A term of the prefix matches `y` either through the same
//!   stem (the stem index) or, for a name of four characters or more,
//!   through a spelling variant of a name in `y`. The variants are found
//!   once, over the distinct names of the case: `fuzzy_match` scores
//!   `max(jw(a, b), jw(skeleton a, skeleton b))`, and since Jaro-Winkler
//!   adds at most `0.1·l·(1 − jaro)` for a common prefix of `l ≤ 4`
//!   characters, a score of `θ` needs `jaro ≥ (θ − 0.1·l)/(1 − 0.1·l)`
//!   (`need_for_prefix`); as `jaro ≤ (m/|a| + m/|b| + 1)/3` with `m` at
//!   most the characters the two words have in common, names whose common
//!   characters are too few are skipped without scoring, and the others are
//!   scored with the analyser's own `fuzzy_match`. One search runs per
//!   prefix length, among the names sharing that prefix
//!   (`prefix_bounded_pairs`); each is an overlap prefix filter on pairs
//!   or triples of (letter, occurrence) tokens, with a length band (`m ≤ |a| ≤ |b|`)
//!   and a `popcount` bound over bit masks of those tokens
//!   (`possible_pairs`). The name index maps each name to the claims
//!   that hold it, and a prefix name probes the claims of each of its
//!   variants.
//! - **Positions.** When `y` is first met at position `i` of `x`, no term
//!   before `i` matches `y`, so at most the terms from `i` on do: `y` is
//!   dropped when that suffix is below `t·w(x)`, or when `y`'s own terms
//!   that can still match weigh too little (met through the same stem at
//!   position `j` of `y`, `y`'s terms before `j` can only match by
//!   spelling, so its bound is the weight from `j` on plus its names before
//!   `j`).
//! - **Speakers.** The rules link two claims of different speakers only
//!   at the related threshold, and two claims of one speaker also at half
//!   the support threshold (`speaker.same`), so each claim `x` has two
//!   needs, `t_across·w(x)` and `t_within·w(x)` with `t_within ≤
//!   t_across`, and two prefixes. Past the shorter (across) prefix, only
//!   claims of `x`'s own speaker are followed in the postings; each
//!   posting carries its claim's group so that no other lookup is needed.
//! - **Folded signatures in the postings.** Each posting also carries its
//!   claim's signature (below) folded to 64 bits. When `y` is first met at
//!   position `i` of `x`, only `x`'s terms from `i` on can match, and only
//!   those whose folded bit `y` holds (or, for a name, whose variants' bits
//!   it holds): if they weigh less than the need, `y` is not touched at all
//!   (met again further on, it can reach even less). This reads nothing but
//!   the posting and `x`'s own terms, where the checks below read `y`'s
//!   signature and terms from memory, one cache miss each. Claims of more
//!   than 64 terms skip it, so that a probe stays linear in its claim.
//! - **Signatures.** Each claim's terms are hashed into 256 bits. Before a
//!   candidate's terms are read, the weight of `x`'s terms whose bit is set
//!   in `y`'s signature (plus `x`'s names one of whose spelling variants
//!   has its bit set there: each name carries the bits of its variants'
//!   terms) bounds the matched weight; most candidates stop there.
//! - **Accumulation and verification.** Weights of prefix terms that hit
//!   `y` are added up; `y` stays a candidate only if that sum plus the
//!   weight of `x`'s terms after the prefix reaches `t·w(x)`. Survivors are
//!   verified by merging the two sorted term lists (exact stems, plus the
//!   names that have a variant on the other side), which bounds the rules'
//!   matched weight from above; only pairs whose bound reaches `t·w(x)`
//!   are returned.
//!
//! Every comparison against `t·w(x)` allows a relative slack of `1e-9`, so
//! floating-point summation order can only add candidates, never lose one.
//! A threshold of zero or less (everything related) falls back to all pairs.
//! `--exhaustive` keeps the all-pairs path, and a property test checks that
//! the two give the same edges.

use rayon::prelude::*;

use crate::FastMap;
use crate::lists::{Lists, index32};
use crate::progress::{Progress, Stage};
use crate::text::{Analysis, Analyzer};

use super::Weights;

/// Relative slack on every threshold comparison (see the module doc).
const SLACK: f64 = 1e-9;
/// Names shorter than this are never compared by spelling (as in
/// [`Analyzer::fuzzy_match`]).
const MIN_FUZZY_CHARS: usize = 4;

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

/// The content terms of every claim, interned: what the join works on,
/// computed once per case.
#[derive(Debug, Clone, Default)]
pub struct TermSets {
    /// The distinct content stems of the case, by term id.
    pub stems: Vec<ustr::Ustr>,
    /// How many claims hold each term.
    pub document_frequency: Vec<u32>,
    /// Claim `c`'s terms are `claim_terms[offsets[c]..offsets[c + 1]]`, in
    /// text order of first occurrence.
    offsets: Vec<u32>,
    claim_terms: Vec<u32>,
    /// For each entry of `claim_terms`: the name id when the first
    /// occurrence of the term is a name of at least four characters,
    /// [`NO_NAME`] otherwise.
    claim_names: Vec<u32>,
    /// The distinct names (normalised words), by name id.
    names: Vec<String>,
}

impl TermSets {
    /// Interns the content terms of every analysis.
    #[must_use]
    pub fn new(analyses: &[Analysis]) -> TermSets {
        TermSets::counted(analyses, &vec![1; analyses.len()])
    }

    /// Interns the content terms of every analysis, analysis `i` standing
    /// for `counts[i]` claims in the document frequencies (a duplicate
    /// group is analysed once but counts as many claims as it holds).
    #[must_use]
    pub fn counted(analyses: &[Analysis], counts: &[u32]) -> TermSets {
        // Keyed by interned word: hashing one is hashing a stored hash.
        let mut stem_ids: FastMap<ustr::Ustr, u32> = FastMap::default();
        let mut name_ids: FastMap<ustr::Ustr, u32> = FastMap::default();
        let mut sets = TermSets {
            offsets: Vec::with_capacity(analyses.len() + 1),
            ..TermSets::default()
        };
        sets.offsets.push(0);
        let mut seen: Vec<u32> = Vec::new();
        for (analysis, &count) in analyses.iter().zip(counts) {
            seen.clear();
            for token in analysis.tokens.iter().filter(|t| !t.stop()) {
                let next = u32::try_from(sets.stems.len()).unwrap_or(u32::MAX);
                let id = *stem_ids.entry(token.stem).or_insert_with(|| {
                    sets.stems.push(token.stem);
                    sets.document_frequency.push(0);
                    next
                });
                // Claims have few terms: a linear scan beats a set.
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                sets.document_frequency[id as usize] += count;
                sets.claim_terms.push(id);
                let name =
                    (token.entity() && token.norm.chars().count() >= MIN_FUZZY_CHARS).then(|| {
                        let next = u32::try_from(sets.names.len()).unwrap_or(u32::MAX);
                        *name_ids.entry(token.norm).or_insert_with(|| {
                            sets.names.push(token.norm.to_string());
                            next
                        })
                    });
                sets.claim_names.push(name.unwrap_or(NO_NAME));
            }
            sets.offsets
                .push(u32::try_from(sets.claim_terms.len()).unwrap_or(u32::MAX));
        }
        // Grown by pushing, they may hold twice what they need, and they
        // last as long as the case.
        sets.claim_terms.shrink_to_fit();
        sets.claim_names.shrink_to_fit();
        sets.stems.shrink_to_fit();
        sets.document_frequency.shrink_to_fit();
        sets.names.shrink_to_fit();
        sets
    }

    /// Number of claims.
    #[must_use]
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when there are no claims.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The term ids of claim `c`, in text order of first occurrence.
    #[must_use]
    pub fn terms(&self, c: usize) -> &[u32] {
        &self.claim_terms[self.range(c)]
    }

    /// Where claim `c`'s terms are in [`TermSets::all_terms`].
    #[must_use]
    pub fn range(&self, c: usize) -> std::ops::Range<usize> {
        self.offsets[c] as usize..self.offsets[c + 1] as usize
    }

    /// Every claim's terms, one after the other (see [`TermSets::range`]).
    #[must_use]
    pub fn all_terms(&self) -> &[u32] {
        &self.claim_terms
    }
}

/// One claim in join order: its terms rarest first.
struct JoinClaim {
    /// Index into the case's claims.
    claim: u32,
    /// The claim's group (its speaker): pairs within a group may be linked
    /// at a lower containment than pairs across groups.
    group: u32,
    /// Total weight `w(x)`.
    weight: f64,
}

/// The containment a pair must be able to reach to be a candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JoinThresholds {
    /// For two claims of different groups (speakers).
    pub across: f64,
    /// For two claims of the same group; at most `across` (a higher value
    /// is lowered to it).
    pub within: f64,
}

impl JoinThresholds {
    /// The containment a pair of claims of one group (`same_group`) or of
    /// two must be able to reach.
    #[must_use]
    pub fn of(&self, same_group: bool) -> f64 {
        if same_group {
            self.within.min(self.across)
        } else {
            self.across
        }
    }
}

/// One entry of a term's postings: a claim (its position in join order),
/// its group, and an upper bound of the weight that claim can still match
/// from this term on (rounded up, so that it never under-estimates).
#[derive(Clone, Copy, Default)]
struct Posting {
    claim: u32,
    group: u32,
    bound: f32,
    /// The claim's signature folded to 64 bits ([`fold`]), as two halves
    /// (a `u64` would pad the posting to 24 bytes).
    short: [u32; 2],
}

impl Posting {
    fn short(&self) -> u64 {
        u64::from(self.short[0]) | (u64::from(self.short[1]) << 32)
    }

    /// `short` in the two halves [`Posting::short`] joins.
    #[allow(clippy::cast_possible_truncation)]
    fn halves(short: u64) -> [u32; 2] {
        [short as u32, (short >> 32) as u32]
    }
}

/// A signature folded to 64 bits: the term of bit `b` of any word sets bit
/// `b`, so a term whose folded bit is clear is surely not in the claim.
fn fold(signature: &Signature) -> u64 {
    signature.iter().fold(0, |acc, word| acc | word)
}

/// Claims of more terms than this are probed without the folded-signature
/// bound, which reads the probing claim's terms from the meeting on for each
/// claim it meets.
const SHORT_BOUND_TERMS: usize = 64;

/// Bits of the term signature kept per claim (see [`Signature`]).
const SIGNATURE_WORDS: usize = 4;

/// A claim's terms hashed into 256 bits: a term of `x` whose bit is clear
/// in `y`'s signature is surely not in `y`, which bounds the matched weight
/// of a pair without reading `y`'s terms.
type Signature = [u64; SIGNATURE_WORDS];

fn signature_bit(rank: u32) -> (usize, u64) {
    // Fibonacci hashing spreads consecutive ranks over the bits.
    let h = rank.wrapping_mul(0x9E37_79B9) >> 24;
    ((h as usize >> 6) % SIGNATURE_WORDS, 1u64 << (h & 63))
}

/// Pairs `(i, j)`, `i < j`, sorted, that can reach weighted containment
/// `thresholds.across` (or `thresholds.within` when `groups[i] ==
/// groups[j]`) under the rules (see the module doc for why none is lost).
/// `groups` holds one group id per claim.
#[must_use]
pub fn similarity_join(
    sets: &TermSets,
    weights: &Weights,
    analyzer: &Analyzer,
    thresholds: JoinThresholds,
    groups: &[u32],
    fuzzy_threshold: f64,
    progress: &dyn Progress,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let join = Join {
        sets,
        weights,
        analyzer,
        thresholds,
        groups,
        fuzzy_threshold,
    };
    join.each_batch(usize::MAX, progress, |batch| {
        pairs.extend(batch.iter().map(|c| (c.a, c.b)));
    });
    pairs.par_sort_unstable();
    pairs
}

/// A candidate pair `a < b` with an upper bound of the rules' containment
/// for it (matched weight over the smaller side's weight).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The first claim.
    pub a: usize,
    /// The second claim.
    pub b: usize,
    /// No smaller than the containment the rules will find (1 when the
    /// pair was not found through containment).
    pub containment_bound: f64,
    /// No smaller than the number of anchors the rules will count between
    /// the pair: its shared terms that are not common, plus the names of
    /// the lighter claim that have a spelling variant in the other
    /// (`u32::MAX` when the pair was not found by the join).
    pub anchors_bound: u32,
}

/// The similarity join's inputs, for [`Join::each_batch`].
#[derive(Clone, Copy)]
pub struct Join<'a> {
    /// The content terms of every claim.
    pub sets: &'a TermSets,
    /// The term weights.
    pub weights: &'a Weights,
    /// The analyser, for spelling variants of names.
    pub analyzer: &'a Analyzer,
    /// The containment a pair must be able to reach.
    pub thresholds: JoinThresholds,
    /// One group (speaker) id per claim.
    pub groups: &'a [u32],
    /// Jaro-Winkler score for a spelling variant.
    pub fuzzy_threshold: f64,
}

impl Join<'_> {
    /// The pairs of [`similarity_join`], with their containment bounds,
    /// handed to `consume` a batch at a time (the pairs found from
    /// `batch` consecutive probing claims, in parallel), so that a caller
    /// that keeps only some of them never holds them all. Each pair is
    /// handed over once. `batch` of `usize::MAX` hands them over at once.
    pub fn each_batch(
        &self,
        batch: usize,
        progress: &dyn Progress,
        consume: impl FnMut(&mut Vec<Candidate>),
    ) {
        join_batches(self, batch, progress, consume);
    }
}

fn join_batches(
    join: &Join<'_>,
    batch: usize,
    progress: &dyn Progress,
    mut consume: impl FnMut(&mut Vec<Candidate>),
) {
    let Join {
        sets,
        weights,
        analyzer,
        thresholds,
        groups,
        fuzzy_threshold,
    } = *join;
    let n = sets.len();
    progress.start(Stage::Candidates, n as u64);
    let across = thresholds.across;
    let within = thresholds.of(true);
    if within.is_nan() || within <= 0.0 || across.is_nan() || groups.len() != n {
        let mut all: Vec<Candidate> = all_pairs(n)
            .into_iter()
            .map(|(a, b)| Candidate {
                a,
                b,
                containment_bound: 1.0,
                anchors_bound: u32::MAX,
            })
            .collect();
        consume(&mut all);
        return;
    }
    let term_weight: Vec<f64> = sets.stems.iter().map(|&s| weights.weight_of(s)).collect();
    // Rarest first: heaviest weight, then fewest claims, then id.
    let mut rank: Vec<u32> = (0..u32::try_from(sets.stems.len()).unwrap_or(u32::MAX)).collect();
    rank.sort_by(|&a, &b| {
        term_weight[b as usize]
            .total_cmp(&term_weight[a as usize])
            .then(sets.document_frequency[a as usize].cmp(&sets.document_frequency[b as usize]))
            .then(a.cmp(&b))
    });
    let mut order_of_term = vec![0u32; rank.len()];
    for (r, &t) in rank.iter().enumerate() {
        order_of_term[t as usize] = u32::try_from(r).unwrap_or(u32::MAX);
    }

    // Claims in join order (w, index), each with its terms sorted rarest
    // first; `pos` numbers claims in that order.
    let mut claims: Vec<JoinClaim> = (0..n)
        .map(|c| JoinClaim {
            claim: u32::try_from(c).unwrap_or(u32::MAX),
            group: groups[c],
            weight: sets.terms(c).iter().map(|&t| term_weight[t as usize]).sum(),
        })
        .collect();
    claims.sort_by(|a, b| a.weight.total_cmp(&b.weight).then(a.claim.cmp(&b.claim)));
    // Sorted terms (by rank) with their name ids, in join order.
    let mut offsets = Vec::with_capacity(n + 1);
    let mut sorted_terms: Vec<JoinTerm> = Vec::with_capacity(sets.claim_terms.len());
    offsets.push(0usize);
    for jc in &claims {
        let range = sets.range(jc.claim as usize);
        let start = sorted_terms.len();
        sorted_terms.extend(
            sets.claim_terms[range.clone()]
                .iter()
                .zip(&sets.claim_names[range])
                .map(|(&t, &name)| JoinTerm {
                    rank: order_of_term[t as usize],
                    name,
                }),
        );
        sorted_terms[start..].sort_unstable_by_key(|t| t.rank);
        offsets.push(sorted_terms.len());
    }
    let ranked_weight: Vec<f64> = rank.iter().map(|&t| term_weight[t as usize]).collect();
    let ranked_anchor: Vec<bool> = rank
        .iter()
        .map(|&t| !weights.is_common_term(sets.stems[t as usize]))
        .collect();

    let mut signatures: Vec<Signature> = vec![[0; SIGNATURE_WORDS]; n];
    for (window, signature) in offsets.windows(2).zip(&mut signatures) {
        for t in &sorted_terms[window[0]..window[1]] {
            let (word, bit) = signature_bit(t.rank);
            signature[word] |= bit;
        }
    }
    // Inverted indexes over every term and every name, sorted by claim,
    // each list in one array (a term's postings are counted first: a list
    // per term would spend a header and a growing allocation on each of
    // the case's many rare terms). A term's posting bounds what its claim
    // can still match from there: its terms from that one on, plus its
    // names before it (which can match by spelling).
    let term_postings = Lists::build(
        rank.len(),
        sorted_terms.iter().map(|t| t.rank as usize),
        |fill| {
            let mut tail = Vec::new();
            for (p, window) in offsets.windows(2).enumerate() {
                let p32 = index32(p);
                let terms = &sorted_terms[window[0]..window[1]];
                suffix_weights(terms, &ranked_weight, &mut tail);
                let mut names = 0.0;
                let short = Posting::halves(fold(&signatures[p]));
                for (t, &rest) in terms.iter().zip(&tail) {
                    fill(
                        t.rank as usize,
                        Posting {
                            claim: p32,
                            group: claims[p].group,
                            bound: round_up(rest + names),
                            short,
                        },
                    );
                    if t.name().is_some() {
                        names += ranked_weight[t.rank as usize];
                    }
                }
            }
        },
    );
    let name_postings = Lists::build(
        sets.names.len(),
        sorted_terms
            .iter()
            .filter_map(|t| t.name())
            .map(|n| n as usize),
        |fill| {
            for (p, window) in offsets.windows(2).enumerate() {
                let p32 = index32(p);
                for name in sorted_terms[window[0]..window[1]]
                    .iter()
                    .filter_map(|t| t.name())
                {
                    fill(name as usize, p32);
                }
            }
        },
    );
    // Where each term of each claim sits in its own term's postings: a
    // probe starts right after it, where a binary search would have read
    // the postings at random. Postings are in claim order, and a claim
    // holds a term once.
    let mut seen = vec![0u32; rank.len()];
    let own_posting: Vec<u32> = sorted_terms
        .iter()
        .map(|t| {
            let at = seen[t.rank as usize];
            seen[t.rank as usize] += 1;
            at
        })
        .collect();
    drop(seen);
    let variants = name_variants(&sets.names, analyzer, fuzzy_threshold);
    // The bits of every term a name stands for, then, per name, those of
    // its spelling variants: a claim whose signature holds none of them
    // holds no variant of the name.
    let mut name_signatures: Vec<Signature> = vec![[0; SIGNATURE_WORDS]; sets.names.len()];
    for t in &sorted_terms {
        if let Some(name) = t.name() {
            let (word, bit) = signature_bit(t.rank);
            name_signatures[name as usize][word] |= bit;
        }
    }
    let variant_signatures: Vec<Signature> = variants
        .iter()
        .map(|of| {
            let mut signature = [0; SIGNATURE_WORDS];
            for &v in of {
                for (word, bits) in signature.iter_mut().zip(&name_signatures[v as usize]) {
                    *word |= bits;
                }
            }
            signature
        })
        .collect();
    let short_variants: Vec<u64> = variant_signatures.iter().map(fold).collect();

    let index = JoinIndex {
        claims: &claims,
        offsets: &offsets,
        sorted_terms: &sorted_terms,
        ranked_weight: &ranked_weight,
        ranked_anchor: &ranked_anchor,
        own_posting: &own_posting,
        signatures: &signatures,
        term_postings: &term_postings,
        name_postings: &name_postings,
        variants: &variants,
        variant_signatures: &variant_signatures,
        short_variants: &short_variants,
        across,
        within,
    };
    let batch = batch.max(1);
    let mut start = 0;
    while start < n {
        let end = start.saturating_add(batch).min(n);
        let mut pairs: Vec<Candidate> = (start..end)
            .into_par_iter()
            .with_min_len(256)
            .map_init(
                || Probe {
                    score: vec![0.0; n],
                    met: vec![0; n.div_ceil(64)],
                    touched: Vec::new(),
                    bits: Vec::new(),
                    tail: Vec::new(),
                },
                |probe, x| {
                    let found = index.probe(x, probe);
                    if x % 1024 == 1023 {
                        progress.advance(1024);
                    }
                    found
                },
            )
            .flatten_iter()
            .collect();
        pairs.par_sort_unstable_by_key(|c| (c.a, c.b));
        consume(&mut pairs);
        start = end;
    }
}

/// One term of a claim in the join: its rank (rarest first) and, when
/// its first occurrence is a name of at least four characters, the name's
/// id ([`NO_NAME`] otherwise: 8 bytes where an `Option` takes 12).
#[derive(Clone, Copy)]
struct JoinTerm {
    rank: u32,
    name: u32,
}

/// [`JoinTerm::name`] of a term that is no name.
const NO_NAME: u32 = u32::MAX;

impl JoinTerm {
    fn name(self) -> Option<u32> {
        (self.name != NO_NAME).then_some(self.name)
    }
}

/// `tail[i]`: the weight of `terms[i..]`, summed from the last term back.
fn suffix_weights(terms: &[JoinTerm], ranked_weight: &[f64], tail: &mut Vec<f64>) {
    tail.clear();
    tail.resize(terms.len(), 0.0);
    let mut acc = 0.0;
    for (t, rest) in terms.iter().zip(tail.iter_mut()).rev() {
        acc += ranked_weight[t.rank as usize];
        *rest = acc;
    }
}

/// `value` (not negative) as an `f32` no smaller than it: the cast rounds
/// to nearest, within a relative `2^-24`, well inside the `1e-6` added.
#[allow(clippy::cast_possible_truncation)]
fn round_up(value: f64) -> f32 {
    (value * (1.0 + 1e-6)) as f32
}

/// The read-only state shared by every probing thread.
struct JoinIndex<'a> {
    claims: &'a [JoinClaim],
    offsets: &'a [usize],
    sorted_terms: &'a [JoinTerm],
    ranked_weight: &'a [f64],
    /// By rank: the term is not common across the case (an anchor).
    ranked_anchor: &'a [bool],
    /// For each entry of `sorted_terms`: the position of its claim's
    /// posting in the term's postings.
    own_posting: &'a [u32],
    signatures: &'a [Signature],
    term_postings: &'a Lists<Posting>,
    name_postings: &'a Lists<u32>,
    variants: &'a [Vec<u32>],
    /// Per name, the signature bits of its spelling variants.
    variant_signatures: &'a [Signature],
    /// The same, folded ([`fold`]).
    short_variants: &'a [u64],
    across: f64,
    within: f64,
}

/// A thread's scratch space: accumulated weight per claim (negative once
/// pruned) and the claims touched by the current probe.
struct Probe {
    score: Vec<f64>,
    /// One bit per claim: touched by the current probe (its `score` is
    /// set). Read before `score`, the bits of a million claims fit in a
    /// core's cache where the scores do not.
    met: Vec<u64>,
    touched: Vec<u32>,
    /// Per term of the probing claim: its folded signature bit, the folded
    /// bits of its name's variants (0 for none), its weight.
    bits: Vec<(u64, u64, f64)>,
    /// Per term of the probing claim: the weight of its terms from that
    /// one on ([`suffix_weights`]).
    tail: Vec<f64>,
}

/// Marks a claim that failed a filter for the rest of the probe.
const PRUNED: f64 = -1.0;

/// What claim `x` needs from a pair: `t·w(x)` for each threshold, less
/// the slack, and where its two probing prefixes end.
struct Needs {
    across: f64,
    within: f64,
    /// Terms of `x` probed for claims of other groups.
    across_len: usize,
    /// Terms of `x` probed for claims of its own group (at least
    /// `across_len`, as `within ≤ across`).
    within_len: usize,
}

impl Needs {
    fn of(&self, same_group: bool) -> f64 {
        if same_group { self.within } else { self.across }
    }
}

impl JoinIndex<'_> {
    fn terms(&self, p: usize) -> &[JoinTerm] {
        &self.sorted_terms[self.offsets[p]..self.offsets[p + 1]]
    }

    /// The pairs found from claim `x` (in join order) with every later claim.
    fn probe(&self, x: usize, probe: &mut Probe) -> Vec<Candidate> {
        let start = self.offsets[x];
        let terms = self.terms(x);
        // `tail[i]`: the weight of `x`'s terms from its `i`-th on.
        suffix_weights(terms, self.ranked_weight, &mut probe.tail);
        let tail = &probe.tail;
        // The shortest rarest-first prefix whose remaining terms weigh
        // less than `need`, and the weight of the terms after a prefix.
        let prefix_len = |need: f64| tail.iter().position(|&w| w < need).unwrap_or(tail.len());
        let rest_after = |len: usize| tail.get(len).copied().unwrap_or(0.0);
        let weight = self.claims[x].weight;
        let group = self.claims[x].group;
        let across = self.across * weight * (1.0 - SLACK);
        let within = self.within * weight * (1.0 - SLACK);
        if terms.is_empty() || within <= 0.0 {
            return Vec::new();
        }
        let needs = Needs {
            across,
            within,
            across_len: prefix_len(across),
            within_len: prefix_len(within),
        };
        let x32 = u32::try_from(x).unwrap_or(u32::MAX);
        probe.bits.clear();
        if terms.len() <= SHORT_BOUND_TERMS {
            probe.bits.extend(terms.iter().map(|t| {
                let variants = t.name().map_or(0, |n| self.short_variants[n as usize]);
                (
                    signature_bit(t.rank).1,
                    variants,
                    self.ranked_weight[t.rank as usize],
                )
            }));
        }
        for (i, t) in terms[..needs.within_len].iter().enumerate() {
            let (r, name) = (t.rank, t.name());
            let suffix = tail[i];
            // Past the shorter prefix only claims of `x`'s group are met.
            let own_group_only = i >= needs.across_len;
            let w = self.ranked_weight[r as usize];
            let postings = self.term_postings.get(r as usize);
            // `x`'s own posting is followed by the later claims.
            let from = self.own_posting[start + i] as usize + 1;
            for p in &postings[from..] {
                let same = p.group == group;
                if own_group_only && !same {
                    continue;
                }
                let (word, bit) = (p.claim as usize / 64, 1u64 << (p.claim % 64));
                let met = probe.met[word] & bit != 0;
                if !met && !probe.bits.is_empty() {
                    // First met here: only `x`'s terms from here on can
                    // match, and only those whose folded bit `y` holds. A
                    // claim that cannot reach is not touched; met again
                    // further on, it can reach even less.
                    let short = p.short();
                    let reach: f64 = probe.bits[i..]
                        .iter()
                        .filter(|&&(bit, variants, _)| short & (bit | variants) != 0)
                        .map(|&(_, _, w)| w)
                        .sum();
                    if reach < needs.of(same) {
                        continue;
                    }
                }
                let score = &mut probe.score[p.claim as usize];
                if !met {
                    probe.met[word] |= bit;
                    probe.touched.push(p.claim);
                    *score = if f64::from(p.bound).min(suffix) < needs.of(same) {
                        PRUNED
                    } else {
                        w
                    };
                } else if *score >= 0.0 {
                    *score += w;
                }
            }
            let Some(name) = name else { continue };
            for &variant in &self.variants[name as usize] {
                let postings = self.name_postings.get(variant as usize);
                let from = postings.partition_point(|&y| y <= x32);
                for &y in &postings[from..] {
                    if own_group_only && self.claims[y as usize].group != group {
                        continue;
                    }
                    let (word, bit) = (y as usize / 64, 1u64 << (y % 64));
                    let score = &mut probe.score[y as usize];
                    if probe.met[word] & bit == 0 {
                        probe.met[word] |= bit;
                        probe.touched.push(y);
                        *score = w;
                    } else if *score >= 0.0 && !self.has_term(y as usize, r) {
                        // Not already counted through the same stem. A
                        // claim with two variants of one name counts it
                        // twice: an over-estimate, which is safe.
                        *score += w;
                    }
                }
            }
        }
        let mut found = Vec::new();
        let rest_across = rest_after(needs.across_len);
        let rest_within = rest_after(needs.within_len);
        for &y in &probe.touched {
            // Clears the bits of the word's other claims too: they are
            // all in `touched`, and all reset here.
            probe.met[y as usize / 64] = 0;
            let score = std::mem::take(&mut probe.score[y as usize]);
            if score <= 0.0 {
                continue;
            }
            let same = self.claims[y as usize].group == group;
            let need = needs.of(same);
            // Terms past the prefix were not probed: they can add at most
            // their weight. (For another group's claim, `score` may hold
            // nothing from past its prefix, which is shorter.)
            let rest = if same { rest_within } else { rest_across };
            if score + rest < need {
                continue;
            }
            if self.signature_bound(x, y as usize) < need {
                continue;
            }
            let (matched, anchors_bound) = self.verify(x, y as usize);
            if matched >= need {
                let (a, b) = (
                    self.claims[x].claim as usize,
                    self.claims[y as usize].claim as usize,
                );
                found.push(Candidate {
                    a: a.min(b),
                    b: a.max(b),
                    // `x` is the lighter side (join order), so the rules
                    // divide by its weight; the slack covers summation
                    // order.
                    containment_bound: (matched / weight * (1.0 + 1e-6)).min(1.0),
                    anchors_bound,
                });
            }
        }
        probe.touched.clear();
        found
    }

    fn has_term(&self, p: usize, r: u32) -> bool {
        self.terms(p).binary_search_by_key(&r, |t| t.rank).is_ok()
    }

    /// A quick upper bound of [`JoinIndex::verify`] from `y`'s signature
    /// alone: the weight of `x`'s terms whose bit is set there, plus its
    /// names with a spelling variant whose bit is set there.
    fn signature_bound(&self, x: usize, y: usize) -> f64 {
        let signature = &self.signatures[y];
        self.terms(x)
            .iter()
            .filter(|t| {
                let (word, bit) = signature_bit(t.rank);
                signature[word] & bit != 0
                    || t.name().is_some_and(|n| {
                        self.variant_signatures[n as usize]
                            .iter()
                            .zip(signature)
                            .any(|(v, y)| v & y != 0)
                    })
            })
            .map(|t| self.ranked_weight[t.rank as usize])
            .sum()
    }

    /// An upper bound of the rules' matched weight between `x` and `y`:
    /// shared stems, plus `x`'s other names that have a variant among
    /// `y`'s names. Each real match `(a, b)` adds at most the weight of
    /// `a`, and each `a` is counted here once, either way.
    ///
    /// With it, an upper bound of the anchors the rules count: each shared
    /// term pairs one term of `x` with one of `y`, and is an anchor only
    /// when it is the same uncommon stem on both sides, or a spelling
    /// variant (whose name of `x` has a variant among `y`'s names).
    fn verify(&self, x: usize, y: usize) -> (f64, u32) {
        let (tx, ty) = (self.terms(x), self.terms(y));
        let (mut a, mut b) = (0, 0);
        let mut matched = 0.0;
        let mut anchors = 0u32;
        // Every name of `y` counts, matched or not: the rules may pair a
        // name of `x` with a name of `y` whose stem `x` also holds.
        let has_variant_in_y = |name: u32| {
            let variants = &self.variants[name as usize];
            !variants.is_empty()
                && ty
                    .iter()
                    .filter_map(|t| t.name())
                    .any(|v| variants.binary_search(&v).is_ok())
        };
        while a < tx.len() && b < ty.len() {
            match tx[a].rank.cmp(&ty[b].rank) {
                std::cmp::Ordering::Equal => {
                    let (r, name) = (tx[a].rank, tx[a].name());
                    matched += self.ranked_weight[r as usize];
                    if self.ranked_anchor[r as usize] || name.is_some_and(has_variant_in_y) {
                        anchors += 1;
                    }
                    a += 1;
                    b += 1;
                }
                std::cmp::Ordering::Less => {
                    if tx[a].name().is_some_and(has_variant_in_y) {
                        matched += self.ranked_weight[tx[a].rank as usize];
                        anchors += 1;
                    }
                    a += 1;
                }
                std::cmp::Ordering::Greater => b += 1,
            }
        }
        for t in &tx[a..] {
            if t.name().is_some_and(has_variant_in_y) {
                matched += self.ranked_weight[t.rank as usize];
                anchors += 1;
            }
        }
        (matched, anchors)
    }
}

/// For each name, the other names the analyser takes as spelling variants
/// of it (sorted ids). Pairs are only scored when their lengths, common
/// characters and common prefix allow the threshold (see
/// [`need_for_prefix`] and the module doc).
pub(crate) fn name_variants(
    names: &[String],
    analyzer: &Analyzer,
    fuzzy_threshold: f64,
) -> Vec<Vec<u32>> {
    let skeletons: Vec<String> = names
        .iter()
        .map(|n| crate::text::normalize::skeleton(n))
        .collect();
    let plain_chars: Vec<Vec<char>> = names.iter().map(|n| n.chars().collect()).collect();
    let skeleton_chars: Vec<Vec<char>> = skeletons.iter().map(|n| n.chars().collect()).collect();
    // Pairs that may reach the threshold by their spelling or by their
    // skeletons, each scored by the analyser itself as soon as the search
    // finds it: the possible pairs (14.5M at 1M claims of the bench's
    // corpus, 115k names) are never held, only the variants.
    let reach = |a: &[char], b: &[char]| {
        windowed_reach(a, b, need_for_prefix(fuzzy_threshold, common_prefix(a, b)))
    };
    let variant = |a: u32, b: u32| {
        let (a, b) = (a as usize, b as usize);
        (reach(&plain_chars[a], &plain_chars[b]) || reach(&skeleton_chars[a], &skeleton_chars[b]))
            && analyzer
                .fuzzy_match_skeletons((&names[a], &skeletons[a]), (&names[b], &skeletons[b]))
                .is_some()
    };
    let mut found = prefix_bounded_pairs(names, &plain_chars, fuzzy_threshold, &variant);
    found.extend(prefix_bounded_pairs(
        &skeletons,
        &skeleton_chars,
        fuzzy_threshold,
        &variant,
    ));
    // A pair may be found by its spelling and by its skeletons.
    found.par_sort_unstable();
    found.dedup();
    let mut variants = vec![Vec::new(); names.len()];
    for (a, b) in found {
        variants[a as usize].push(b);
        variants[b as usize].push(a);
    }
    for v in &mut variants {
        v.sort_unstable();
    }
    variants
}

/// The longest common prefix Jaro-Winkler rewards, in characters.
const WINKLER_PREFIX: usize = 4;

/// The common prefix of two words, in characters, up to [`WINKLER_PREFIX`].
fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter()
        .zip(b)
        .take(WINKLER_PREFIX)
        .take_while(|(x, y)| x == y)
        .count()
}

/// The least `m/|a| + m/|b|` (with `m` Jaro's matching characters) with
/// which two words that share a prefix of `prefix` characters can reach a
/// Jaro-Winkler score of `threshold`. Jaro-Winkler adds at most
/// `0.1·prefix·(1 − jaro)` to Jaro (`strsim` adds it only above 0.7,
/// which can only lower the score), so it needs `jaro ≥ (threshold −
/// 0.1·prefix)/(1 − 0.1·prefix)`; and `jaro ≤ (m/|a| + m/|b| + 1)/3`.
/// With no common prefix a score of 0.9 needs 1.7 (85% of the characters
/// in common), with four characters 1.5.
#[allow(clippy::cast_precision_loss)]
fn need_for_prefix(threshold: f64, prefix: usize) -> f64 {
    let bonus = 0.1 * prefix.min(WINKLER_PREFIX) as f64;
    let min_jaro = (threshold - bonus) / (1.0 - bonus);
    3.0 * min_jaro - 1.0
}

/// Pairs `(a, b)`, `a < b`, of words that may reach Jaro-Winkler
/// `threshold` by their lengths, common characters and common prefix: one
/// [`possible_pairs`] search per prefix length `l` from 0 to 4, each among
/// the words that share their first `l` characters, at the bound for `l`
/// (`need_for_prefix`). A pair whose common prefix is exactly `l` is in
/// one group of search `l`, and is kept there if the bound allows it, so no
/// pair is lost; most pairs share no prefix and meet the strictest bound.
/// Search `l` keeps only the pairs whose common prefix is `l` (at least
/// [`WINKLER_PREFIX`] for the last), so each pair is found at most once,
/// and only those for which `keep` holds. `chars` holds each word's
/// characters.
fn prefix_bounded_pairs(
    words: &[String],
    chars: &[Vec<char>],
    threshold: f64,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    for l in 0..=WINKLER_PREFIX {
        let need = need_for_prefix(threshold, l);
        // Words grouped by their first `l` characters (words shorter than
        // that share no such prefix with another word).
        let mut groups: std::collections::BTreeMap<&[char], Vec<u32>> =
            std::collections::BTreeMap::new();
        for (i, c) in chars.iter().enumerate() {
            if c.len() >= l {
                groups
                    .entry(&c[..l])
                    .or_default()
                    .push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        let groups: Vec<Vec<u32>> = groups.into_values().filter(|g| g.len() > 1).collect();
        let found: Vec<(u32, u32)> = groups
            .par_iter()
            .flat_map_iter(|group| {
                let profiles: Vec<NameProfile> = group
                    .iter()
                    .map(|&i| NameProfile::new(&words[i as usize]))
                    .collect();
                possible_pairs(&profiles, need, need - 1.0)
                    .into_iter()
                    .map(|(a, b)| {
                        let (a, b) = (group[a as usize], group[b as usize]);
                        (a.min(b), a.max(b))
                    })
                    .filter(|&(a, b)| {
                        common_prefix(&chars[a as usize], &chars[b as usize]) == l && keep(a, b)
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        pairs.extend(found);
    }
    pairs
}

/// Pairs `(a, b)`, `a < b`, of words whose lengths and common characters
/// let `m/|a| + m/|b|` reach `need`, sorted.
///
/// An overlap join over characters: a word is the set of its
/// (character, occurrence) tokens, so that two words' common characters are
/// the size of the intersection. With `|a| ≤ |b|`, reaching `need` takes at
/// least `c ≥ need·|a|·|b|/(|a| + |b|)` common tokens; as `|b| ≥ |a|` and
/// `|a| ≥ min_ratio·|b|`, that is at least `o_a = ⌈need·|a|/2⌉` and at least
/// `o_b = ⌈need·min_ratio·|b|/(1 + min_ratio)⌉`.
///
/// With the tokens of every word sorted in one global order (rarest
/// first), the `k`-th common token of a pair sits at most at position
/// `|a| − c + k` in `a` (only tokens outside `b` can come before it), so
/// within `a`'s first `|a| − o_a + k` tokens, and likewise in `b`. Words are
/// taken by length; each indexes every `k`-subset of the tokens of its
/// first `|a| − o_a + k`, and probes the shorter (or equally long, earlier)
/// words with every `k`-subset of its first `|b| − o_b + k`: two words with
/// `c ≥ k` common tokens share such a subset, their first `k` common
/// tokens (the prefix filter, on pairs or triples of characters, which are
/// far more selective than single ones in a small alphabet). `k` is 3 when
/// triples cost at most [`TRIPLE_KEY_COST`] times as many keys as pairs
/// (at a fuzzy threshold of 0.9 they cost 1.6 times as many, and at 1M
/// claims of the bench's corpus, 115k names, touch 166M pairs of words
/// where pairs touched 460M), otherwise 2. Words too short to need `k`
/// common characters are compared with every word of their length band
/// instead. The survivors are checked with [`NameProfile::may_reach`].
fn possible_pairs(profiles: &[NameProfile], need: f64, min_ratio: f64) -> Vec<(u32, u32)> {
    possible_pairs_by(profiles, need, min_ratio, None)
}

/// [`possible_pairs`], its keys of `key_size` tokens when given (2 or 3),
/// otherwise of the size it chooses.
fn possible_pairs_by(
    profiles: &[NameProfile],
    need: f64,
    min_ratio: f64,
    key_size: Option<usize>,
) -> Vec<(u32, u32)> {
    if need <= SLACK || min_ratio <= SLACK {
        // The bound says nothing (a very low fuzzy threshold): compare
        // every pair within the length band.
        return scan_pairs(profiles, need, min_ratio);
    }
    // Each word's (slot, occurrence) tokens, rarest first.
    let tokens: Vec<Vec<u32>> = profiles.iter().map(NameProfile::tokens).collect();
    let mut frequency: FastMap<u32, u32> = FastMap::default();
    for word in &tokens {
        for &t in word {
            *frequency.entry(t).or_default() += 1;
        }
    }
    let tokens: Vec<Vec<u32>> = tokens
        .into_iter()
        .map(|mut word| {
            word.sort_unstable_by_key(|t| (frequency.get(t).copied().unwrap_or(0), *t));
            word
        })
        .collect();
    let by_length = by_length(profiles);
    // Common characters a word needs, as the shorter and as the longer one.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let needed = |word: usize, share: f64| {
        (share * tokens[word].len() as f64 * (1.0 - SLACK)).ceil() as usize
    };
    let as_shorter = need / 2.0;
    let as_longer = need * min_ratio / (1.0 + min_ratio);
    // A word that needs fewer than `k` common tokens, as the shorter or as
    // the longer word of a pair, may share no key of `k` tokens with a
    // partner: it is compared with its whole length band instead.
    let short_for =
        |word: usize, k: usize| needed(word, as_shorter) < k || needed(word, as_longer) < k;
    // Subsets of `k` common tokens are the keys: pairs, or triples when
    // they cost at most `TRIPLE_KEY_COST` times as many keys (triples of
    // tokens are far rarer than pairs, so each key's postings are shorter).
    let key_count = |k: usize| -> usize {
        (0..tokens.len())
            .filter(|&w| !short_for(w, k))
            .map(|w| {
                let len = tokens[w].len();
                let index = (len + k).saturating_sub(needed(w, as_shorter)).min(len);
                let probe = (len + k).saturating_sub(needed(w, as_longer)).min(len);
                binomial(index, k).saturating_add(binomial(probe, k))
            })
            .fold(0usize, usize::saturating_add)
    };
    let k = key_size.unwrap_or_else(|| {
        if key_count(3) <= key_count(2).saturating_mul(TRIPLE_KEY_COST) {
            3
        } else {
            2
        }
    });
    let short = |word: usize| short_for(word, k);
    let keys = |word: usize, o: usize| subset_keys(&tokens[word], o, k);
    // Postings of index prefixes, in length order (`j` is the position in
    // `by_length`).
    let mut postings: FastMap<u64, Vec<u32>> = FastMap::default();
    for (j, &a) in by_length.iter().enumerate() {
        let a = a as usize;
        if short(a) {
            continue;
        }
        for key in keys(a, needed(a, as_shorter)) {
            postings
                .entry(key)
                .or_default()
                .push(u32::try_from(j).unwrap_or(u32::MAX));
        }
    }
    let mut pairs: Vec<(u32, u32)> = (0..by_length.len())
        .into_par_iter()
        .with_min_len(256)
        .map_init(
            || (vec![false; by_length.len()], Vec::new()),
            |(seen, touched): &mut (Vec<bool>, Vec<u32>), at| {
                let b = by_length[at];
                let pb = &profiles[b as usize];
                if short(b as usize) {
                    // Against every word of its length band, both ways.
                    return scan_band(profiles, &by_length, at, need, min_ratio).collect();
                }
                for key in keys(b as usize, needed(b as usize, as_longer)) {
                    let Some(list) = postings.get(&key) else {
                        continue;
                    };
                    // Only the words before `b` in length order.
                    let end = list.partition_point(|&j| (j as usize) < at);
                    for &j in &list[..end] {
                        if !std::mem::replace(&mut seen[j as usize], true) {
                            touched.push(j);
                        }
                    }
                }
                let mut found = Vec::new();
                for j in touched.drain(..) {
                    seen[j as usize] = false;
                    let a = by_length[j as usize];
                    if pb.may_reach(&profiles[a as usize], need) {
                        found.push((a.min(b), a.max(b)));
                    }
                }
                found
            },
        )
        .flatten_iter()
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// How many times as many keys as pairs of tokens [`possible_pairs`]
/// accepts for keys that are triples.
const TRIPLE_KEY_COST: usize = 3;

/// `n` choose `k`, saturating.
fn binomial(n: usize, k: usize) -> usize {
    if k > n {
        return 0;
    }
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// Every `k`-subset (`k` of 2 or 3) of a word's first `len − o + k` tokens
/// (rarest first), each as one key: two words with at least `o` common
/// tokens hold their first `k` common tokens in those prefixes (the `i`-th
/// common token of a word with `c` of them sits at most at position
/// `len − c + i`). Tokens are below 2^16.
fn subset_keys(list: &[u32], o: usize, k: usize) -> Vec<u64> {
    let prefix = &list[..(list.len() + k).saturating_sub(o).min(list.len())];
    let mut keys = Vec::new();
    for (i, &x) in prefix.iter().enumerate() {
        for (j, &y) in prefix.iter().enumerate().skip(i + 1) {
            let pair = (u64::from(x) << 16) | u64::from(y);
            if k == 2 {
                keys.push(pair);
            } else {
                keys.extend(prefix[j + 1..].iter().map(|&z| (pair << 16) | u64::from(z)));
            }
        }
    }
    keys
}

/// Word ids by length, then id.
fn by_length(profiles: &[NameProfile]) -> Vec<u32> {
    let mut by_length: Vec<u32> = (0..u32::try_from(profiles.len()).unwrap_or(u32::MAX)).collect();
    by_length.sort_by_key(|&i| (profiles[i as usize].len, i));
    by_length
}

/// The pairs of word `by_length[k]` with every other word within
/// `min_ratio` of its length (shorter or longer) that pass
/// [`NameProfile::may_reach`].
fn scan_band<'p>(
    profiles: &'p [NameProfile],
    by_length: &'p [u32],
    k: usize,
    need: f64,
    min_ratio: f64,
) -> impl Iterator<Item = (u32, u32)> + 'p {
    let a = by_length[k];
    let pa = &profiles[a as usize];
    #[allow(clippy::cast_precision_loss)]
    let (shortest, longest) = if min_ratio > SLACK {
        (
            pa.len as f64 * (min_ratio - SLACK),
            pa.len as f64 / (min_ratio - SLACK),
        )
    } else {
        (0.0, f64::INFINITY)
    };
    #[allow(clippy::cast_precision_loss)]
    let len = move |b: u32| profiles[b as usize].len as f64;
    let longer = by_length[k + 1..]
        .iter()
        .copied()
        .take_while(move |&b| len(b) <= longest);
    let shorter = by_length[..k]
        .iter()
        .rev()
        .copied()
        .take_while(move |&b| len(b) >= shortest);
    longer
        .chain(shorter)
        .filter(move |&b| pa.may_reach(&profiles[b as usize], need))
        .map(move |b| (a.min(b), a.max(b)))
}

/// [`possible_pairs`] by comparing every word with the longer words within
/// `min_ratio` of its length.
fn scan_pairs(profiles: &[NameProfile], need: f64, min_ratio: f64) -> Vec<(u32, u32)> {
    let by_length = by_length(profiles);
    let mut pairs: Vec<(u32, u32)> = (0..by_length.len())
        .into_par_iter()
        .with_min_len(64)
        .flat_map_iter(|k| {
            let a = by_length[k];
            let pa = &profiles[a as usize];
            #[allow(clippy::cast_precision_loss)]
            let longest = if min_ratio > SLACK {
                pa.len as f64 / (min_ratio - SLACK)
            } else {
                f64::INFINITY
            };
            by_length[k + 1..]
                .iter()
                .copied()
                .take_while(move |&b| {
                    #[allow(clippy::cast_precision_loss)]
                    let len = profiles[b as usize].len as f64;
                    len <= longest
                })
                .filter(move |&b| pa.may_reach(&profiles[b as usize], need))
                .map(move |b| (a.min(b), a.max(b)))
        })
        .collect();
    pairs.par_sort_unstable();
    pairs
}

/// Whether `m/|a| + m/|b|` can reach `need` when `m` is Jaro's match count:
/// a character of `a` only matches an equal character of `b` at most
/// `max(|a|, |b|)/2 − 1` positions away (as in `strsim`), so `m` is at most
/// the characters of `a` that have such a partner.
#[allow(clippy::cast_precision_loss)]
fn windowed_reach(a: &[char], b: &[char], need: f64) -> bool {
    if a.is_empty() || b.is_empty() {
        return need <= 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let m = a
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            let lo = i.saturating_sub(window);
            let hi = (i + window + 1).min(b.len());
            lo < hi && b[lo..hi].contains(c)
        })
        .count();
    m as f64 / a.len() as f64 + m as f64 / b.len() as f64 >= need - SLACK
}

/// A word's length in characters and its letter counts, to bound the
/// number of characters two words can have in common.
struct NameProfile {
    len: usize,
    /// Counts of `a`..`z`, then of every other character together.
    counts: [u8; 27],
    /// The same counts as bits, when no letter occurs more than twice and
    /// no more than twelve other characters occur: bit `2·l` for the first
    /// `l`, bit `2·l + 1` for the second, bits 52.. for the others. Then
    /// the common count is one `popcount`.
    mask: Option<u64>,
}

impl NameProfile {
    /// The word as a set of (slot, occurrence) tokens: `slot·256 + k` for
    /// the `k`-th occurrence of a slot, so that two words have as many
    /// tokens in common as [`NameProfile::may_reach`] counts characters.
    fn tokens(&self) -> Vec<u32> {
        let mut tokens = Vec::with_capacity(self.len);
        for (slot, &count) in self.counts.iter().enumerate() {
            let slot = u32::try_from(slot).unwrap_or(u32::MAX);
            tokens.extend((0..u32::from(count)).map(|k| slot * 256 + k));
        }
        tokens
    }

    fn new(word: &str) -> NameProfile {
        let (counts, len) = crate::text::letter_counts(word);
        let fits = counts[..26].iter().all(|&c| c <= 2) && counts[26] <= 12;
        let mask = fits.then(|| {
            let mut mask = 0u64;
            for (l, &c) in counts[..26].iter().enumerate() {
                for k in 0..usize::from(c) {
                    mask |= 1 << (2 * l + k);
                }
            }
            for k in 0..usize::from(counts[26]) {
                mask |= 1 << (52 + k);
            }
            mask
        });
        NameProfile { len, counts, mask }
    }

    /// Whether `m/|a| + m/|b|` can reach `need`, with `m` at most the
    /// characters the two words have in common (other characters are
    /// assumed to match each other, which only over-estimates).
    fn may_reach(&self, other: &NameProfile, need: f64) -> bool {
        if self.len == 0 || other.len == 0 {
            return need <= 0.0;
        }
        let common = match (self.mask, other.mask) {
            (Some(a), Some(b)) => (a & b).count_ones() as usize,
            _ => self
                .counts
                .iter()
                .zip(&other.counts)
                .map(|(&a, &b)| usize::from(a.min(b)))
                .sum(),
        };
        #[allow(clippy::cast_precision_loss)]
        let reach = common as f64 / self.len as f64 + common as f64 / other.len as f64;
        reach >= need - SLACK
    }
}

/// How many classes [`sharing_anchors`] tells apart: each class's partners
/// are the bits of a `u128`.
pub const ANCHOR_CLASSES: u8 = 128;

/// Pairs `(i, j)`, `i < j`, that share at least `k` terms which are not
/// common across the case ([`Weights::is_common`]), sorted.
///
/// This is the other way the rules relate two claims: long passages that
/// share `strong_anchors` exact anchor terms are related whatever their
/// containment (see `similarity.tokens` in [`rules`](super::rules)). The
/// similarity join prunes by weighted containment and cannot see such
/// pairs, so they are found here with the prefix filter for an overlap of
/// `k` (Chaudhuri et al. 2006): each claim's uncommon terms are sorted
/// rarest first, and two claims that share `k` of them share one among the
/// first `m − k + 1` of each (with `m` the claim's count), since the
/// earliest shared term cannot come after position `m − k` on either side.
/// Only those prefixes are indexed and probed, which leaves out the most
/// frequent terms of each claim. A candidate whose signature (as in the
/// join) cannot hold `k` of the claim's terms is dropped, and the others
/// are verified by merging the two full sorted lists. It is exact.
///
/// Each claim has a class (below [`ANCHOR_CLASSES`]; `classes`, 0 for a
/// claim past its end), and a pair is left out when `may_pair` says its two classes
/// cannot be related through anchors alone (the graph passes the claims'
/// cue classes, see `graph.rs`). Each term's postings are kept per class,
/// so a claim never reads those of the classes it cannot pair with.
#[must_use]
pub fn sharing_anchors(
    sets: &TermSets,
    weights: &Weights,
    k: usize,
    classes: &[u8],
    may_pair: impl Fn(u8, u8) -> bool,
) -> Vec<(usize, usize)> {
    if k == 0 {
        return Vec::new();
    }
    let class = |c: usize| classes.get(c).map_or(0, |&x| x % ANCHOR_CLASSES);
    // Per class, the classes it pairs with, as bits.
    let pairs_with: Vec<u128> = (0..ANCHOR_CLASSES)
        .map(|a| {
            (0..ANCHOR_CLASSES)
                .filter(|&b| may_pair(a, b))
                .fold(0u128, |bits, b| bits | (1 << b))
        })
        .collect();
    let uncommon: Vec<bool> = sets
        .stems
        .iter()
        .map(|&s| !weights.is_common_term(s))
        .collect();
    // Each uncommon term by its rank, rarest first: fewest claims, then
    // term id (any fixed global order works; rare terms first keeps the
    // prefixes' postings short). A claim's terms are its ranks, sorted, so
    // comparing two terms is comparing two numbers.
    let mut by_rarity: Vec<u32> = (0..sets.stems.len())
        .filter(|&t| uncommon[t])
        .filter_map(|t| u32::try_from(t).ok())
        .collect();
    by_rarity.par_sort_unstable_by_key(|&t| (sets.document_frequency[t as usize], t));
    let mut rank_of = vec![u32::MAX; sets.stems.len()];
    for (rank, &t) in by_rarity.iter().enumerate() {
        rank_of[t as usize] = index32(rank);
    }
    let ranks = by_rarity.len();
    drop(by_rarity);
    let mut offsets = Vec::with_capacity(sets.len() + 1);
    let mut sorted: Vec<u32> = Vec::with_capacity(sets.claim_terms.len());
    offsets.push(0usize);
    for c in 0..sets.len() {
        let start = sorted.len();
        sorted.extend(
            sets.terms(c)
                .iter()
                .filter(|&&t| uncommon[t as usize])
                .map(|&t| rank_of[t as usize]),
        );
        sorted[start..].sort_unstable();
        offsets.push(sorted.len());
    }
    drop(rank_of);
    let terms = |c: usize| &sorted[offsets[c]..offsets[c + 1]];
    // A claim's uncommon terms hashed into 256 bits: a term of `x` whose
    // bit is clear in `y`'s signature is not in `y`.
    let signatures: Vec<Signature> = (0..sets.len())
        .map(|c| {
            let mut signature = [0; SIGNATURE_WORDS];
            for &t in terms(c) {
                let (word, bit) = signature_bit(t);
                signature[word] |= bit;
            }
            signature
        })
        .collect();
    let may_share = |x: usize, y: usize| {
        let signature = &signatures[y];
        terms(x)
            .iter()
            .filter(|&&t| {
                let (word, bit) = signature_bit(t);
                signature[word] & bit != 0
            })
            .count()
            >= k
    };
    let prefix = |c: usize| {
        let t = terms(c);
        &t[..(t.len() + 1).saturating_sub(k)]
    };
    // Every claim's prefix, as postings per term and class: `runs[t]`
    // holds the term's classes in order, each with the range of `claims`
    // that holds its claims, in claim order.
    let mut entries: Vec<(u32, u8, u32)> = Vec::with_capacity(offsets[sets.len()]);
    for c in 0..sets.len() {
        let claim = u32::try_from(c).unwrap_or(u32::MAX);
        entries.extend(prefix(c).iter().map(|&t| (t, class(c), claim)));
    }
    entries.par_sort_unstable();
    // One flat list of runs, in term order: term `t`'s are
    // `runs[first_run[t]..first_run[t + 1]]`.
    let mut runs: Vec<(u8, u32, u32)> = Vec::new();
    let mut first_run = vec![0usize; ranks + 1];
    let mut last = None;
    for (at, &(t, cls, _)) in entries.iter().enumerate() {
        let at = index32(at);
        match runs.last_mut() {
            Some((_, _, end)) if last == Some((t, cls)) => *end = at + 1,
            _ => {
                runs.push((cls, at, at + 1));
                first_run[t as usize + 1] += 1;
                last = Some((t, cls));
            }
        }
    }
    for t in 0..ranks {
        first_run[t + 1] += first_run[t];
    }
    let runs_of = |t: u32| &runs[first_run[t as usize]..first_run[t as usize + 1]];
    // Each posting carries its claim's signature folded to 128 bits, so a
    // probe filters the claims it meets while it reads the postings in
    // order, not by fetching each one's signature from a claim-sized array.
    let claims: Vec<(u32, [u64; 2])> = entries
        .iter()
        .map(|&(_, _, c)| (c, fold_in_half(&signatures[c as usize])))
        .collect();
    drop(entries);
    let mut pairs: Vec<(usize, usize)> = (0..sets.len())
        .into_par_iter()
        .with_min_len(256)
        .map_init(
            || (vec![false; sets.len()], Vec::new(), Vec::new()),
            |(seen, touched, bits): &mut (Vec<bool>, Vec<u32>, Vec<(usize, u64)>), i| {
                let mask = pairs_with[usize::from(class(i))];
                // The folded bit of each of the claim's terms: a claim met
                // in the postings can share `k` terms only if `k` of these
                // are set in its folded signature.
                bits.clear();
                bits.extend(terms(i).iter().map(|&t| {
                    let (word, bit) = signature_bit(t);
                    (word % 2, bit)
                }));
                debug_assert!(
                    bits.iter()
                        .all(|&(w, b)| fold_in_half(&signatures[i])[w] & b != 0)
                );
                let mut own = [0u64; 2];
                for &(w, b) in bits.iter() {
                    own[w] |= b;
                }
                // With no two terms on one bit, the set bits in common count
                // the terms that can be shared.
                let distinct = (own[0].count_ones() + own[1].count_ones()) as usize == bits.len();
                let may_hold = |folded: [u64; 2]| {
                    if distinct {
                        ((own[0] & folded[0]).count_ones() + (own[1] & folded[1]).count_ones())
                            as usize
                            >= k
                    } else {
                        bits.iter().filter(|&&(w, b)| folded[w] & b != 0).count() >= k
                    }
                };
                for &t in prefix(i) {
                    for &(cls, start, end) in runs_of(t) {
                        if mask & (1 << cls) == 0 {
                            continue;
                        }
                        let list = &claims[start as usize..end as usize];
                        // Postings are in claim order: only the claims after `i`.
                        let from = list.partition_point(|&(j, _)| (j as usize) <= i);
                        for &(j, folded) in &list[from..] {
                            if may_hold(folded) && !std::mem::replace(&mut seen[j as usize], true) {
                                touched.push(j);
                            }
                        }
                    }
                }
                let mut found = Vec::new();
                for j in touched.drain(..) {
                    seen[j as usize] = false;
                    if may_share(i, j as usize) && shared_at_least(terms(i), terms(j as usize), k) {
                        found.push((i, j as usize));
                    }
                }
                found
            },
        )
        .flatten_iter()
        .collect();
    pairs.par_sort_unstable();
    pairs
}

/// A signature folded to 128 bits: words `w` and `w + 2` are joined, so
/// the term of bit `b` of word `w` sets bit `b` of word `w % 2`.
fn fold_in_half(signature: &Signature) -> [u64; 2] {
    [signature[0] | signature[2], signature[1] | signature[3]]
}

/// Whether two ascending lists have at least `k` elements in common.
fn shared_at_least(a: &[u32], b: &[u32], k: usize) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        // Not enough left on either side to reach `k`.
        if shared + (a.len() - i).min(b.len() - j) < k {
            return false;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                if shared >= k {
                    return true;
                }
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    shared >= k
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small seeded generator for test words: `next(n)` is below `n`.
    fn lcg(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut state = seed;
        move |n| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) % n
        }
    }

    #[test]
    fn anchor_search_finds_every_pair_sharing_k_uncommon_terms() {
        // Claims of 3 to 14 words from a vocabulary of 60, a few words in
        // most claims (common, so never anchors), so that many pairs share
        // one or two terms and fewer share `k`.
        let mut next = lcg(5);
        let analyzer = Analyzer::new(&crate::config::Config::default());
        let vocabulary: Vec<String> = (0..60).map(|i| format!("mot{i}x")).collect();
        let analyses: Vec<Analysis> = (0..400)
            .map(|_| {
                let len = 3 + next(12) as usize;
                let words: Vec<&str> = (0..len)
                    .map(|_| {
                        let w = if next(3) == 0 { next(4) } else { next(60) };
                        vocabulary[w as usize].as_str()
                    })
                    .collect();
                analyzer.analyze(&words.join(" "), Some(crate::model::Language::En))
            })
            .collect();
        let sets = TermSets::new(&analyses);
        let weights = Weights::from_analyses(&analyses);
        let classes: Vec<u8> = (0..analyses.len()).map(|_| next(5) as u8).collect();
        let may_pair = |a: u8, b: u8| (a + b) % 3 != 0;
        for k in 1..=4 {
            let mut expected = Vec::new();
            for i in 0..sets.len() {
                for j in i + 1..sets.len() {
                    let shared = sets
                        .terms(i)
                        .iter()
                        .filter(|&&t| !weights.is_common_term(sets.stems[t as usize]))
                        .filter(|t| sets.terms(j).contains(t))
                        .count();
                    if shared >= k && may_pair(classes[i], classes[j]) {
                        expected.push((i, j));
                    }
                }
            }
            assert!(!expected.is_empty());
            let found = sharing_anchors(&sets, &weights, k, &classes, may_pair);
            assert_eq!(found, expected, "k = {k}");
        }
    }

    #[test]
    fn all_pairs_counts() {
        assert_eq!(all_pairs(4).len(), 6);
        assert!(all_pairs(1).is_empty());
    }

    #[test]
    fn character_prefix_filter_finds_every_possible_pair() {
        // Pseudo-words over a small alphabet, with repeats and other
        // characters, so that many pairs share most of their letters.
        let mut next = lcg(7);
        let alphabet: Vec<char> = "aeioudrvlnkzé".chars().collect();
        let words: Vec<String> = (0..600)
            .map(|_| {
                let len = 3 + next(9) as usize;
                (0..len).map(|_| alphabet[next(13) as usize]).collect()
            })
            .collect();
        let profiles: Vec<NameProfile> = words.iter().map(|w| NameProfile::new(w)).collect();
        for threshold in [0.8, 0.85, 0.9, 0.95] {
            let need = 3.0 * (threshold - 0.4) / 0.6 - 1.0;
            let mut slow = scan_pairs(&profiles, need, need - 1.0);
            slow.sort_unstable();
            assert!(!slow.is_empty());
            for key_size in [None, Some(2), Some(3)] {
                let mut fast = possible_pairs_by(&profiles, need, need - 1.0, key_size);
                fast.sort_unstable();
                assert_eq!(fast, slow, "threshold {threshold}, keys of {key_size:?}");
            }
        }
    }

    #[test]
    fn name_variants_are_every_pair_the_analyser_matches() {
        // Pseudo-names over a small alphabet, many sharing a prefix of one
        // to five characters, so that every prefix bound is exercised.
        let mut next = lcg(11);
        let alphabet: Vec<char> = "aeioudrvlnkzé".chars().collect();
        let stems = ["", "d", "du", "dur", "duro", "durov"];
        let mut names: Vec<String> = (0..700)
            .map(|_| {
                let stem = stems[next(6) as usize];
                let len = 4 + next(7) as usize;
                let mut word: String = stem.to_owned();
                while word.chars().count() < len {
                    word.push(alphabet[next(13) as usize]);
                }
                word
            })
            .collect();
        names.sort();
        names.dedup();
        for threshold in [0.8, 0.85, 0.9, 0.95] {
            let config = crate::config::Config {
                fuzzy_threshold: threshold,
                ..crate::config::Config::default()
            };
            let analyzer = Analyzer::new(&config);
            let variants = name_variants(&names, &analyzer, threshold);
            let mut expected = vec![Vec::new(); names.len()];
            for a in 0..names.len() {
                for b in 0..names.len() {
                    if a != b && analyzer.fuzzy_match(&names[a], &names[b]).is_some() {
                        expected[a].push(u32::try_from(b).unwrap());
                    }
                }
            }
            assert!(expected.iter().any(|v| !v.is_empty()));
            assert_eq!(variants, expected, "threshold {threshold}");
        }
    }

    #[test]
    fn prefix_bound_is_reached_by_jaro_winkler() {
        let words = [
            "durov", "dourov", "durrov", "duroff", "vorud", "zelensky", "zelenski", "pavlova",
            "pavlovna",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let need = need_for_prefix(0.9, common_prefix(&ca, &cb));
                if strsim::jaro_winkler(a, b) >= 0.9 {
                    assert!(windowed_reach(&ca, &cb, need), "{a} {b}");
                }
            }
        }
        assert!((need_for_prefix(0.9, 0) - 1.7).abs() < 1e-12);
        assert!((need_for_prefix(0.9, 4) - 1.5).abs() < 1e-12);
        assert!((need_for_prefix(0.9, 9) - 1.5).abs() < 1e-12);
    }

    #[test]
    fn windowed_reach_bounds_jaro() {
        let words = [
            "durov", "dourov", "vorud", "zelensky", "zelenski", "pavlova", "volapav",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let jaro = strsim::jaro(a, b);
                for min_jaro in [0.5, 0.7, 0.8, 0.9] {
                    if jaro >= min_jaro {
                        assert!(windowed_reach(&ca, &cb, 3.0 * min_jaro - 1.0), "{a} {b}");
                    }
                }
            }
        }
    }

    #[test]
    fn name_profile_bounds_common_characters() {
        let a = NameProfile::new("durov");
        let b = NameProfile::new("dourov");
        assert!(a.may_reach(&b, 1.5));
        let c = NameProfile::new("xyzzy");
        assert!(!a.may_reach(&c, 1.5));
    }
}
