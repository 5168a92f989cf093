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
//! | `similarity.tokens` | relatedness | shared stems and aliases, weighted by IDF, with Jaro-Winkler for spelling variants of names; related when the shorter claim is covered enough, or when long passages share several anchors | paraphrases with no shared words |
//! | `gate.same_event` | relatedness | enough shared anchor terms to be about the same thing (de Marneffe et al. 2008: precision first) | topical overlap on case-wide words only |
//! | `polarity.negation` | cue | a shared word negated on one side only; or the shorter, covered claim negated | double negation; negation inside reported speech; a negation in the longer claim about words the shorter one does not use |
//! | `polarity.denial` | cue | one claim denies or refutes (`faux`, `nier`, `deny`, `hoax`) near the shared words | denial words in both claims, or far from the shared words |
//! | `lexical.antonym` | cue | antonym stems across the pair (`open`/`closed`), each near a shared word (lists from WordNet and Hunspell) | antonyms within one claim, words both claims use, unlisted words |
//! | `number.mismatch` | cue | a quantity of the shorter claim that counts the same thing (unit or counted word) as quantities of the other, none compatible | vague quantities; agreeing bounds (`plus de 200` / `207`); different counted things; one date among several |
//! | `modality.hedge` | modifier | hedges (`allegedly`, `selon`) near the shared words lower confidence | hedges elsewhere in a long passage |
//! | `speech.reported` | modifier | content the speaker only reports (`certains médias affirment que`) is not held: lower confidence, and no support across a negation | - |
//! | `speaker.same` | modifier | two claims of one speaker: contradiction confidence lowered, support bar halved | unknown speakers |
//! | `speaker.opposed` | modifier | two different speakers sharing several anchors argue one point: a contradiction cue gets full relatedness | pairs with no cue; unknown speakers; short claims already covered |
//!
//! The thresholds and factors that a case may change are in
//! [`Config`]; the cue strengths below are fixed.

use crate::config::Config;
use crate::model::Language;
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
/// Rule id: both claims come from the same speaker.
pub const SPEAKER: &str = "speaker.same";
/// Rule id: two different speakers argue one point.
pub const OPPOSED: &str = "speaker.opposed";
/// Every rule id, in the order [`run`] records them.
pub const ALL: [&str; 10] = [
    SIMILARITY, SAME_EVENT, NEGATION, DENIAL, ANTONYM, NUMBER, HEDGE, REPORTED, SPEAKER, OPPOSED,
];

/// Strength of each contradiction cue before relatedness and modifiers.
const NEGATION_STRENGTH: f64 = 0.75;
const DENIAL_STRENGTH: f64 = 0.70;
const ANTONYM_STRENGTH: f64 = 0.65;
const NUMBER_STRENGTH: f64 = 0.80;
/// Confidence factor for a hedged claim.
const HEDGE_FACTOR: f64 = 0.8;
/// Confidence factor when the shared content is only reported.
const REPORTED_FACTOR: f64 = 0.5;
/// How far (in words) a polarity or antonym cue may sit from a shared term
/// and still be about it.
const CUE_WINDOW: usize = 6;
/// Containment above which a negation or denial in the shorter claim is
/// taken to be about the shared content even when no shared word is in its
/// scope (the scope may have missed it).
const COVERED_CONTAINMENT: f64 = 0.5;

/// What a claim can bring to the contradiction cues, known before any pair
/// is assessed, so that [`confidence_bound`] bounds the confidence of
/// every pair the claim is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueProfile {
    /// A word in negation scope (`polarity.negation` needs one on a side).
    negated: bool,
    /// A denial cue (`polarity.denial` needs one on a side).
    denial: bool,
    /// A content stem with listed antonyms, per language table
    /// (`lexical.antonym` looks the lower claim's stem up in its language's
    /// table and finds the other's stem there; each table lists a pair
    /// both ways, so both claims hold a stem listed in that table).
    listed_antonym: [bool; 2],
    /// A content stem `unX` (an antonym of `X` where the prefix counts).
    un_word: bool,
    /// The claim's language counts `unX`/`X` as antonyms.
    prefix_antonyms: bool,
    /// A quantity (`number.mismatch` needs one on each side).
    quantity: bool,
}

impl CueProfile {
    /// The profile of one analysed claim.
    #[must_use]
    pub fn of(analysis: &Analysis, analyzer: &Analyzer) -> CueProfile {
        let mut profile = CueProfile {
            negated: analysis.tokens.iter().any(|t| t.negated),
            denial: analysis.cues.iter().any(|c| c.kind == CueKind::Denial),
            quantity: !analysis.quantities.is_empty(),
            ..CueProfile::default()
        };
        for token in analysis.tokens.iter().filter(|t| !t.stop) {
            for (slot, language) in [Language::Fr, Language::En].into_iter().enumerate() {
                profile.listed_antonym[slot] |= analyzer
                    .antonyms_of(language, &token.word_stem)
                    .has_listed();
            }
            let opposites = analyzer.antonyms_of(analysis.language, &token.word_stem);
            profile.prefix_antonyms |= opposites.by_prefix();
            profile.un_word |= token
                .word_stem
                .strip_prefix("un")
                .is_some_and(|rest| rest.chars().count() >= 4);
        }
        profile
    }
}

/// An upper bound of the confidence [`run`] gives a pair whose containment
/// is at most `containment_bound`, from the two claims' [`CueProfile`]s
/// alone: a contradiction needs a cue its claims can hold (at most its
/// strength, times the relatedness the containment allows, or full
/// relatedness for two speakers who may be opposed, times the same-speaker
/// factor), a support at most what the containment gives over the support
/// threshold, and every modifier is at most 1. The candidate search uses
/// it to skip pairs that cannot be among either claim's strongest
/// relations, or cannot reach `min_confidence` at all.
#[must_use]
pub fn confidence_bound(
    a: CueProfile,
    b: CueProfile,
    containment_bound: f64,
    same_speaker: bool,
    config: &Config,
) -> ConfidenceBound {
    let c = containment_bound.clamp(0.0, 1.0);
    let strength = [
        (a.negated || b.negated, NEGATION_STRENGTH),
        (a.denial || b.denial, DENIAL_STRENGTH),
        (
            (0..2).any(|slot| a.listed_antonym[slot] && b.listed_antonym[slot])
                || ((a.prefix_antonyms || b.prefix_antonyms) && (a.un_word || b.un_word)),
            ANTONYM_STRENGTH,
        ),
        (a.quantity && b.quantity, NUMBER_STRENGTH),
    ]
    .iter()
    .filter(|(possible, _)| *possible)
    .map(|(_, s)| *s)
    .fold(0.0_f64, f64::max);
    let contradiction = if same_speaker {
        strength * (0.5 + 0.5 * (c / 0.5).min(1.0)) * config.same_speaker_factor
    } else {
        strength
    };
    let threshold = if same_speaker {
        config.support_threshold / 2.0
    } else {
        config.support_threshold
    };
    let support = if c >= threshold {
        let span = (1.0 - threshold).max(1e-9);
        0.5 + 0.5 * ((c - threshold) / span).min(1.0)
    } else {
        0.0
    };
    // The same sums in another order can differ in the last bits.
    ConfidenceBound {
        contradicts: contradiction * (1.0 + 1e-9),
        supports: support * (1.0 + 1e-9),
    }
}

/// What [`confidence_bound`] allows each relation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConfidenceBound {
    /// No contradiction between the pair is more confident (0: none is
    /// possible).
    pub contradicts: f64,
    /// No support between the pair is more confident (0: none is possible).
    pub supports: f64,
}

impl ConfidenceBound {
    /// The bound for one relation.
    #[must_use]
    pub fn of(&self, relation: Relation) -> f64 {
        match relation {
            Relation::Contradicts => self.contradicts,
            Relation::Supports => self.supports,
        }
    }
}

/// Runs every rule on a pair.
#[must_use]
pub fn run(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    weights: &Weights,
    analyzer: &Analyzer,
    config: &Config,
) -> Assessment {
    let overlap = overlap(a, b, weights, analyzer);
    let gate = Gate::of(&overlap, weights, config);
    run_with(a, b, &overlap, gate, weights, analyzer, config)
}

/// [`run`], but only for a pair that passes the gates every relation
/// needs (`Gate::may_relate`): for the others, which can have no
/// relation whatever their cues, `None`, with no evidence or text built.
/// The graph builder keeps only pairs with a relation, so it calls this.
#[must_use]
pub fn run_if_gated(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    weights: &Weights,
    analyzer: &Analyzer,
    config: &Config,
) -> Option<Assessment> {
    let overlap = overlap(a, b, weights, analyzer);
    let gate = Gate::of(&overlap, weights, config);
    gate.may_relate(&overlap, same_speaker(a, b), config)
        .then(|| run_with(a, b, &overlap, gate, weights, analyzer, config))
}

/// The rules after the overlap and the gates.
fn run_with(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    overlap: &Overlap<'_>,
    gate: Gate,
    weights: &Weights,
    analyzer: &Analyzer,
    config: &Config,
) -> Assessment {
    let Gate {
        n_anchors,
        related,
        same_event,
        ..
    } = gate;
    let mut rules = Vec::with_capacity(11);

    rules.push(RuleOutcome {
        rule: SIMILARITY,
        fired: related,
        score: overlap.containment,
        evidence: overlap.evidence(a, b),
        detail: format!(
            "{} shared term(s), {n_anchors} anchor(s); weighted dice {:.3}, containment {:.3} (related at {:.3} or {} anchors)",
            overlap.shared.len(),
            overlap.dice,
            overlap.containment,
            config.related_threshold,
            config.strong_anchors,
        ),
    });

    let anchor_names: Vec<&str> = overlap
        .shared
        .iter()
        .filter(|s| s.anchor(weights))
        .map(|s| {
            // The word's own stem: a thesaurus group's canonical stem would
            // name a word neither claim uses.
            if s.token_a.entity {
                s.token_a.stem.as_str()
            } else {
                s.token_a.word_stem.as_str()
            }
        })
        .collect();
    rules.push(RuleOutcome {
        rule: SAME_EVENT,
        fired: same_event,
        score: if same_event { 1.0 } else { 0.0 },
        evidence: Vec::new(),
        detail: format!(
            "anchor score {n_anchors} (need {}; terms in over a quarter of the claims do not count): {}",
            config.min_shared_anchors,
            if anchor_names.is_empty() { "none".to_owned() } else { anchor_names.join(", ") }
        ),
    });

    let covered = overlap.covered_side(a, b);
    let negation = negation_rule(a, b, overlap, covered);
    let denial = denial_rule(a, b, overlap, covered);
    let antonym = antonym_rule(a, b, overlap, analyzer);
    let number = number_rule(a, b, covered);
    let hedge = hedge_rule(a, b, overlap);
    let reported = reported_rule(a, b, overlap);
    let speaker = speaker_rule(a, b, config);

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
    // Confidence grows with how much of the shorter claim the other covers.
    // Shared anchors alone make long passages related (the gate) but add no
    // confidence: on labelled speeches such pairs are right no more often
    // than chance.
    let relatedness = (overlap.containment / 0.5).min(1.0);
    // Two opposing speakers who share several anchors are arguing one
    // point: a polarity cue between them counts in full.
    let opposed = opposed_rule(a, b, n_anchors, config);
    let relatedness = if opposed.fired { 1.0 } else { relatedness };

    let mut relation = None;
    let mut confidence = 0.0;
    if same_event && cue_strength > 0.0 {
        let c = cue_strength * (0.5 + 0.5 * relatedness) * modifier * speaker.score;
        if c >= config.min_confidence {
            relation = Some(Relation::Contradicts);
            confidence = c;
        }
    }
    // A shared word negated on one side only, even inside reported speech
    // (where it is no contradiction the speaker holds), rules out support.
    let polarity_differs = overlap
        .shared
        .iter()
        .any(|s| s.token_a.negated != s.token_b.negated);
    // Support needs the same-event gate, like contradiction. A speaker's own
    // claims on one subject hang together: for them one shared anchor and
    // half the overlap are enough.
    let support_threshold = if speaker.fired {
        config.support_threshold / 2.0
    } else {
        config.support_threshold
    };
    if relation.is_none()
        && cue_strength == 0.0
        && !polarity_differs
        && (same_event || (speaker.fired && n_anchors >= 1))
        && overlap.containment >= support_threshold
    {
        let span = (1.0 - support_threshold).max(1e-9);
        let c =
            (0.5 + 0.5 * ((overlap.containment - support_threshold) / span).min(1.0)) * modifier;
        if c >= config.min_confidence {
            relation = Some(Relation::Supports);
            confidence = c;
        }
    }
    debug_assert!(
        relation.is_none() || gate.may_relate(overlap, speaker.fired, config),
        "may_relate must hold for every relation found"
    );
    rules.extend([
        negation, denial, antonym, number, hedge, reported, speaker, opposed,
    ]);

    // The claim that says more supports the one that says less (a premise
    // entails its shorter hypothesis); ties keep the pair's order.
    let reversed = overlap.weight_b > overlap.weight_a;
    Assessment {
        similarity: overlap.dice,
        containment: overlap.containment,
        shared: overlap.shared.iter().map(Shared::term).collect(),
        rules,
        relation,
        reversed,
        confidence,
    }
}

/// Whether a pair is about one thing: the relatedness and same-event
/// gates, which every relation needs.
#[derive(Debug, Clone, Copy)]
struct Gate {
    /// Shared terms that are not common across the whole case.
    n_anchors: usize,
    /// `similarity.tokens` fired.
    related: bool,
    /// `gate.same_event` fired.
    same_event: bool,
}

impl Gate {
    fn of(overlap: &Overlap<'_>, weights: &Weights, config: &Config) -> Gate {
        let anchors = || overlap.shared.iter().filter(|s| s.anchor(weights));
        let n_anchors = anchors().count();
        // Long passages cover little of each other even on one subject, so
        // several shared anchors make a pair related whatever its
        // containment. Only exact shared anchors count here (not spelling
        // variants), so that the candidate search can find every such pair
        // by counting terms.
        let n_exact_anchors = anchors().filter(|s| s.exact()).count();
        let related = overlap.containment >= config.related_threshold
            || (config.strong_anchors > 0 && n_exact_anchors >= config.strong_anchors);
        Gate {
            n_anchors,
            related,
            same_event: related && n_anchors >= config.min_shared_anchors,
        }
    }

    /// True unless no relation can be found whatever the cues: the
    /// condition [`run`] puts on both relations (contradiction needs the
    /// same event; support needs it too, or, for one speaker's claims, an
    /// anchor and half the support threshold).
    fn may_relate(self, overlap: &Overlap<'_>, same_speaker: bool, config: &Config) -> bool {
        self.same_event
            || (same_speaker
                && self.n_anchors >= 1
                && overlap.containment >= config.support_threshold / 2.0)
    }
}

fn same_speaker(a: ClaimText<'_>, b: ClaimText<'_>) -> bool {
    matches!((a.speaker, b.speaker), (Some(x), Some(y)) if x == y)
}

/// A shared term with where it occurs on each side.
struct Shared<'t> {
    /// 1 for the same stem, the Jaro-Winkler score for a spelling variant.
    match_score: f64,
    /// The smaller of the two sides' weights.
    weight: f64,
    token_a: &'t Token,
    token_b: &'t Token,
}

impl Shared<'_> {
    /// True for the same stem on both sides (not a spelling variant).
    fn exact(&self) -> bool {
        self.token_a.stem == self.token_b.stem
    }

    /// An anchor: not common across the whole case on at least one side.
    fn anchor(&self, weights: &Weights) -> bool {
        !weights.is_common_term(self.token_a.stem) || !weights.is_common_term(self.token_b.stem)
    }

    /// The shared term as reported.
    fn term(&self) -> SharedTerm {
        // Each side's own stem: a pair matched through a thesaurus group
        // or a spelling variant shows both words' stems (`collabor~cooper`).
        let own = |t: &Token| if t.entity { t.stem } else { t.word_stem };
        SharedTerm {
            stem_a: own(self.token_a),
            stem_b: own(self.token_b),
            match_score: self.match_score,
            weight: self.weight,
            entity: self.token_a.entity || self.token_b.entity,
            thesaurus: !self.token_a.entity
                && !self.token_b.entity
                && self.token_a.word_stem != self.token_b.word_stem
                && self.token_a.stem == self.token_b.stem,
        }
    }
}

struct Overlap<'t> {
    /// Each side's content terms (first occurrence of each stem).
    terms_a: Vec<&'t Token>,
    terms_b: Vec<&'t Token>,
    shared: Vec<Shared<'t>>,
    weight_a: f64,
    weight_b: f64,
    dice: f64,
    containment: f64,
}

impl Overlap<'_> {
    /// The claim that says less: the one whose content the other covers
    /// (RTE's hypothesis). Ties are broken by the texts themselves (the
    /// shorter, then the smaller), never by which claim came first, so that
    /// every rule gives the same answer for (A, B) and (B, A).
    fn covered_side(&self, a: ClaimText<'_>, b: ClaimText<'_>) -> Side {
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

    /// The shared tokens on one side.
    fn tokens_on(&self, side: Side) -> impl Iterator<Item = &Token> {
        self.shared.iter().map(move |s| match side {
            Side::A => s.token_a,
            Side::B => s.token_b,
        })
    }

    /// True when a shared token of `side` is within [`CUE_WINDOW`] words of
    /// the span.
    fn near(&self, side: Side, analysis: &Analysis, span: crate::text::Span) -> bool {
        let first = word_index(analysis, span.start);
        let last = word_index(analysis, span.end.saturating_sub(1));
        self.tokens_on(side).any(|t| {
            let k = word_index(analysis, t.span.start);
            k + CUE_WINDOW >= first && k <= last + CUE_WINDOW
        })
    }

    fn evidence(&self, a: ClaimText<'_>, b: ClaimText<'_>) -> Vec<Evidence> {
        let mut evidence = Vec::new();
        for s in &self.shared {
            evidence.push(token_evidence(Side::A, a.text, s.token_a));
            evidence.push(token_evidence(Side::B, b.text, s.token_b));
        }
        evidence
    }
}

/// The index of the word that contains byte `offset` (or the next one).
fn word_index(analysis: &Analysis, offset: usize) -> usize {
    analysis.tokens.partition_point(|t| t.span.end <= offset)
}

fn token_evidence(side: Side, text: &str, token: &Token) -> Evidence {
    Evidence {
        side,
        text: text
            .get(token.span.start..token.span.end)
            .unwrap_or_default()
            .into(),
        span: token.span,
    }
}

/// The weights of a claim's content terms: the caller's when given (checked
/// against the weights in debug builds), else looked up.
fn term_weights<'w>(
    claim: ClaimText<'w>,
    terms: &[&Token],
    weights: &Weights,
) -> std::borrow::Cow<'w, [f64]> {
    match claim.term_weights {
        Some(given) => {
            debug_assert!(
                given.len() == terms.len()
                    && given
                        .iter()
                        .zip(terms)
                        .all(|(&w, t)| w.to_bits() == weights.weight_of(t.stem).to_bits()),
                "term weights given for other terms"
            );
            std::borrow::Cow::Borrowed(given)
        }
        None => terms.iter().map(|t| weights.weight_of(t.stem)).collect(),
    }
}

/// First occurrence of each content stem.
fn content_terms(analysis: &Analysis) -> Vec<&Token> {
    let content = analysis.tokens.iter().filter(|t| !t.stop);
    // Interned stems compare as pointers: for a claim's few terms a linear
    // scan beats hashing; long passages use a set.
    if analysis.tokens.len() <= 64 {
        let mut terms: Vec<&Token> = Vec::with_capacity(analysis.tokens.len());
        for t in content {
            if !terms.iter().any(|u| u.stem == t.stem) {
                terms.push(t);
            }
        }
        terms
    } else {
        let mut seen: super::FastSet<ustr::Ustr> = super::FastSet::default();
        content.filter(|t| seen.insert(t.stem)).collect()
    }
}

fn overlap<'t>(
    a: ClaimText<'t>,
    b: ClaimText<'t>,
    weights: &Weights,
    analyzer: &Analyzer,
) -> Overlap<'t> {
    let terms_a = content_terms(a.analysis);
    let terms_b = content_terms(b.analysis);
    let weights_a = term_weights(a, &terms_a, weights);
    let weights_b = term_weights(b, &terms_b, weights);
    let weight_a: f64 = weights_a.iter().sum();
    let weight_b: f64 = weights_b.iter().sum();
    let mut used_b = vec![false; terms_b.len()];
    let mut shared = Vec::new();
    let mut matched = 0.0;
    let index_b = StemIndex::new(&terms_b);
    for (&token_a, &weight_of_a) in terms_a.iter().zip(weights_a.iter()) {
        let exact = index_b.get_interned(token_a.stem);
        let found = exact.map(|j| (j, 1.0)).or_else(|| {
            // Spelling variants: the best fuzzy match among unused terms.
            // Only names are compared fuzzily: for common words a close
            // spelling is usually another word (pays/Paris).
            if !token_a.entity {
                return None;
            }
            terms_b
                .iter()
                .enumerate()
                .filter(|(j, t)| !used_b[*j] && t.entity)
                .filter_map(|(j, t)| analyzer.fuzzy_match(&token_a.norm, &t.norm).map(|s| (j, s)))
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
        });
        if let Some((j, score)) = found {
            if used_b[j] {
                continue;
            }
            used_b[j] = true;
            let token_b = terms_b[j];
            let weight = weight_of_a.min(weights_b[j]);
            matched += weight * score;
            shared.push(Shared {
                match_score: score,
                weight,
                token_a,
                token_b,
            });
        }
    }
    shared.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then_with(|| x.token_a.stem.cmp(&y.token_a.stem))
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
        terms_a,
        terms_b,
        shared,
        weight_a,
        weight_b,
        dice,
        containment,
    }
}

/// Where each of one side's distinct content stems is: a scan for a
/// claim's few terms (interned stems compare cheaply), a hash map for long
/// passages, so that matching two claims is linear in their lengths.
struct StemIndex<'t> {
    terms: &'t [&'t Token],
    /// Which stem of a term is the key: [`Token::stem`] (matching) or
    /// [`Token::word_stem`] (antonyms).
    key: fn(&Token) -> ustr::Ustr,
    map: Option<super::FastMap<&'t str, usize>>,
}

impl<'t> StemIndex<'t> {
    const SCAN: usize = 64;

    /// Keyed by the matching stem.
    fn new(terms: &'t [&'t Token]) -> StemIndex<'t> {
        Self::keyed(terms, |t| t.stem)
    }

    /// Keyed by each word's own stem.
    fn by_word_stem(terms: &'t [&'t Token]) -> StemIndex<'t> {
        Self::keyed(terms, |t| t.word_stem)
    }

    fn keyed(terms: &'t [&'t Token], key: fn(&Token) -> ustr::Ustr) -> StemIndex<'t> {
        let map = (terms.len() > Self::SCAN).then(|| {
            let mut map = super::FastMap::default();
            for (j, t) in terms.iter().enumerate() {
                map.entry(key(t).as_str()).or_insert(j);
            }
            map
        });
        StemIndex { terms, key, map }
    }

    /// The first term with this stem.
    fn get(&self, stem: &str) -> Option<usize> {
        match &self.map {
            Some(map) => map.get(stem).copied(),
            None => self.terms.iter().position(|t| (self.key)(t) == stem),
        }
    }

    /// [`StemIndex::get`] for an interned stem: the scan compares handles.
    fn get_interned(&self, stem: ustr::Ustr) -> Option<usize> {
        match &self.map {
            Some(map) => map.get(stem.as_str()).copied(),
            None => self.terms.iter().position(|t| (self.key)(t) == stem),
        }
    }

    /// The term `un` + `stem`, if any.
    fn with_un_prefix(&self, stem: &str) -> Option<usize> {
        match &self.map {
            Some(_) => self.get(&format!("un{stem}")),
            None => self.terms.iter().position(|t| {
                (self.key)(t)
                    .strip_prefix("un")
                    .is_some_and(|rest| rest == stem)
            }),
        }
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
                .into(),
            span: c.span,
        })
        .collect()
}

/// `polarity.negation`: a shared term is negated on exactly one side, or
/// the shorter claim carries a negation the longer one lacks while the
/// longer one covers it.
///
/// Catches "la plateforme n'a pas donné suite" against "la plateforme a
/// donné suite", and "the statistics do not exist" against a longer claim
/// that they are available. Misses double negation (the analyser reports an
/// even parity as not negated), negations that sit in reported speech, and
/// a negation in the longer claim that is about none of the shared words
/// ("… but they do not fall ill themselves"): the longer claim says other
/// things too, and negating one of them contradicts nothing.
fn negation_rule(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    overlap: &Overlap<'_>,
    covered: Side,
) -> RuleOutcome {
    let flipped: Vec<&Shared<'_>> = overlap
        .shared
        .iter()
        .filter(|s| {
            s.token_a.negated != s.token_b.negated && !s.token_a.reported && !s.token_b.reported
        })
        .collect();
    let held_negation =
        |c: ClaimText<'_>| c.analysis.tokens.iter().any(|t| t.negated && !t.reported);
    let negated_a = held_negation(a);
    let negated_b = held_negation(b);
    let covered_negated = match covered {
        Side::A => negated_a && !negated_b,
        Side::B => negated_b && !negated_a,
    };
    let fired =
        !flipped.is_empty() || (covered_negated && overlap.containment >= COVERED_CONTAINMENT);
    let mut evidence = cue_evidence(Side::A, a, CueKind::Negation);
    evidence.extend(cue_evidence(Side::B, b, CueKind::Negation));
    for s in &flipped {
        evidence.push(token_evidence(Side::A, a.text, s.token_a));
        evidence.push(token_evidence(Side::B, b.text, s.token_b));
    }
    let detail = if flipped.is_empty() {
        format!(
            "negation in A: {}, in B: {}; no shared term negated on one side only{}",
            yes_no(negated_a),
            yes_no(negated_b),
            if fired {
                format!(
                    "; the shorter claim ({covered:?}) is negated and covered (containment >= {COVERED_CONTAINMENT})"
                )
            } else {
                String::new()
            }
        )
    } else {
        let terms: Vec<&str> = flipped.iter().map(|s| s.token_a.stem.as_str()).collect();
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

/// `polarity.denial`: exactly one claim denies or refutes, and the denial is
/// about the shared content: near a shared word, or in the shorter claim
/// when the longer one covers it.
///
/// Catches "c'est absolument faux" or "he denied the report" against the
/// claim denied. Misses pairs where both sides deny (they may agree) and a
/// denial word about something else ("le refus de Téhéran" far from what
/// the claims share).
fn denial_rule(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    overlap: &Overlap<'_>,
    covered: Side,
) -> RuleOutcome {
    let evidence_a = cue_evidence(Side::A, a, CueKind::Denial);
    let evidence_b = cue_evidence(Side::B, b, CueKind::Denial);
    let about_shared = |side: Side, claim: ClaimText<'_>, evidence: &[Evidence]| {
        (side == covered && overlap.containment >= COVERED_CONTAINMENT)
            || evidence
                .iter()
                .any(|e| overlap.near(side, claim.analysis, e.span))
    };
    let fired = match (evidence_a.is_empty(), evidence_b.is_empty()) {
        (false, true) => about_shared(Side::A, a, &evidence_a),
        (true, false) => about_shared(Side::B, b, &evidence_b),
        _ => false,
    };
    let detail = format!(
        "denial in A: {}, in B: {}{}",
        yes_no(!evidence_a.is_empty()),
        yes_no(!evidence_b.is_empty()),
        if evidence_a.is_empty() == evidence_b.is_empty() || fired {
            ""
        } else {
            "; not about the shared content"
        }
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

/// `lexical.antonym`: a content stem of A is an antonym of one of B, both
/// near a shared word, with the same polarity.
///
/// Catches "the border is open" against "the border is closed". Misses
/// antonyms within a single claim, words the lexicon does not list, and
/// antonyms far from what the claims share ("a rich history" in a long
/// passage against "poor results" in another).
fn antonym_rule(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    overlap: &Overlap<'_>,
    analyzer: &Analyzer,
) -> RuleOutcome {
    let mut evidence = Vec::new();
    let mut pairs = Vec::new();
    // Each word's antonyms are looked up among the other side's stems, not
    // compared with each of its words: linear in the two claims' lengths.
    // Antonyms are looked up by each word's own stem, never through a
    // synonym group: the thesaurus serves relatedness only.
    let (index_a, index_b) = (
        StemIndex::new(&overlap.terms_a),
        StemIndex::new(&overlap.terms_b),
    );
    let words_b = StemIndex::by_word_stem(&overlap.terms_b);
    let mut found: Vec<usize> = Vec::new();
    for &token_a in &overlap.terms_a {
        // The table lookup first: most words have no antonym.
        let opposites = analyzer.antonyms_of(a.analysis.language, &token_a.word_stem);
        found.clear();
        found.extend(opposites.listed().iter().filter_map(|w| words_b.get(w)));
        if opposites.by_prefix() {
            // `unX` in A against `X` in B, and `X` in A against `unX` in B.
            found.extend(
                token_a
                    .word_stem
                    .strip_prefix("un")
                    .and_then(|x| words_b.get(x)),
            );
            found.extend(words_b.with_un_prefix(&token_a.word_stem));
        }
        found.sort_unstable();
        found.dedup();
        for &j in &found {
            let token_b = overlap.terms_b[j];
            if !opposites.contains(&token_b.word_stem) {
                continue;
            }
            // A word both claims use is not opposed ("exports rose and
            // imports fell" against "exports rose"). The terms are the
            // claims' distinct content stems.
            if index_a.get(&token_b.stem).is_some() || index_b.get(&token_a.stem).is_some() {
                continue;
            }
            if token_a.negated == token_b.negated
                && overlap.near(Side::A, a.analysis, token_a.span)
                && overlap.near(Side::B, b.analysis, token_b.span)
            {
                pairs.push(format!("{}/{}", token_a.word_stem, token_b.word_stem));
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
            format!("antonyms near shared words: {}", pairs.join(", "))
        } else {
            "no antonym pair near shared words".to_owned()
        },
    }
}

/// A precise quantity with what it counts and how it is bounded.
struct Counted<'q> {
    quantity: &'q crate::text::Quantity,
    /// The unit, or else the stem of the word it counts (`23 morts` ->
    /// `mort`); quantities are only compared when these agree.
    key: Option<String>,
    bound: Bound,
}

/// How a number is qualified by the words before it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    Exact,
    /// `plus de`, `more than`, `over`, `au moins`, `at least`.
    AtLeast,
    /// `moins de`, `less than`, `under`, `up to`, `jusqu'à`.
    AtMost,
    /// `environ`, `about`, `nearly`, `près de`: within 10 percent.
    About,
}

fn counted(analysis: &Analysis) -> Vec<Counted<'_>> {
    analysis
        .quantities
        .iter()
        .filter(|q| !q.vague)
        .map(|q| {
            let after = word_index(analysis, q.span.end);
            let key = q.unit.clone().or_else(|| {
                analysis
                    .tokens
                    .iter()
                    .skip(after)
                    .take(3)
                    .find(|t| !t.stop)
                    .map(|t| t.stem.to_string())
            });
            let before = word_index(analysis, q.span.start);
            let words: Vec<&str> = analysis.tokens[before.saturating_sub(3)..before]
                .iter()
                .map(|t| t.norm.as_str())
                .collect();
            let ends = |tail: &[&str]| words.ends_with(tail);
            let bound = if ends(&["plus", "de"])
                || ends(&["more", "than"])
                || ends(&["over"])
                || ends(&["au", "moins"])
                || ends(&["at", "least"])
                || ends(&["above"])
                || ends(&["depassant"])
            {
                Bound::AtLeast
            } else if ends(&["moins", "de"])
                || ends(&["less", "than"])
                || ends(&["fewer", "than"])
                || ends(&["under"])
                || ends(&["up", "to"])
                || ends(&["jusqu", "a"])
                || ends(&["below"])
            {
                Bound::AtMost
            } else if ends(&["environ"])
                || ends(&["about"])
                || ends(&["around"])
                || ends(&["nearly"])
                || ends(&["almost"])
                || ends(&["approximately"])
                || ends(&["pres", "de"])
                || ends(&["presque"])
                || ends(&["quelque"])
                || ends(&["some"])
            {
                Bound::About
            } else {
                Bound::Exact
            };
            Counted {
                quantity: q,
                key,
                bound,
            }
        })
        .collect()
}

/// True when the two quantities can both be true.
fn compatible(x: &Counted<'_>, y: &Counted<'_>) -> bool {
    let (u, v) = (x.quantity.value, y.quantity.value);
    let close = |tolerance: f64| (u - v).abs() <= tolerance * u.abs().max(v.abs()).max(1e-9);
    match (x.bound, y.bound) {
        (Bound::Exact, Bound::Exact) => close(0.01),
        (Bound::About, _) | (_, Bound::About) => close(0.10),
        (Bound::AtLeast, Bound::AtLeast) | (Bound::AtMost, Bound::AtMost) => true,
        (Bound::AtLeast, Bound::Exact) => v >= u,
        (Bound::Exact, Bound::AtLeast) => u >= v,
        (Bound::AtMost, Bound::Exact) => v <= u,
        (Bound::Exact, Bound::AtMost) => u <= v,
        (Bound::AtLeast, Bound::AtMost) => u <= v,
        (Bound::AtMost, Bound::AtLeast) => v <= u,
    }
}

/// `number.mismatch`: a precise quantity of the shorter claim counts the
/// same thing (same unit, or same counted word) as quantities of the other
/// claim, and none of them can be true with it.
///
/// Catches "5 millions d'euros" against "3 millions d'euros" and "four
/// people died" against "seven people died". Misses vague quantities ("des
/// millions"), bounds that agree ("plus de 200 services" against "207
/// services"), numbers that count different things ("23 morts" against
/// "deux fidèles"), and numbers of the longer claim that the shorter one
/// does not mention.
fn number_rule(a: ClaimText<'_>, b: ClaimText<'_>, covered: Side) -> RuleOutcome {
    let (qa, qb) = (counted(a.analysis), counted(b.analysis));
    let (short, long, short_claim, long_claim, long_side) = match covered {
        Side::A => (&qa, &qb, a, b, Side::B),
        Side::B => (&qb, &qa, b, a, Side::A),
    };
    let short_side = if long_side == Side::A {
        Side::B
    } else {
        Side::A
    };
    let mut evidence = Vec::new();
    let mut mismatches = Vec::new();
    for x in short {
        if x.key.is_none() {
            continue;
        }
        let same: Vec<&Counted<'_>> = long.iter().filter(|y| y.key == x.key).collect();
        if same.is_empty() || same.iter().any(|y| compatible(x, y)) {
            continue;
        }
        // A passage that gives several dates tells the story of several
        // events; a date of the shorter claim may be any of them.
        let is_date = matches!(x.key.as_deref(), Some("date" | "year" | "month"));
        if is_date && same.len() > 1 {
            continue;
        }
        let y = same[0];
        mismatches.push(format!(
            "{} vs {} ({})",
            fmt_value(x.quantity.value),
            fmt_value(y.quantity.value),
            x.key.as_deref().unwrap_or_default()
        ));
        for (side, claim, q) in [
            (short_side, short_claim, x.quantity),
            (long_side, long_claim, y.quantity),
        ] {
            evidence.push(Evidence {
                side,
                text: claim
                    .text
                    .get(q.span.start..q.span.end)
                    .unwrap_or_default()
                    .into(),
                span: q.span,
            });
        }
    }
    evidence.sort_by_key(|e| (e.side, e.span));
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
/// part in gets less confidence. Only hedges near the shared words count: a
/// "may" elsewhere in a long passage qualifies something else.
fn hedge_rule(a: ClaimText<'_>, b: ClaimText<'_>, overlap: &Overlap<'_>) -> RuleOutcome {
    let mut evidence = cue_evidence(Side::A, a, CueKind::Hedge);
    evidence.extend(cue_evidence(Side::B, b, CueKind::Hedge));
    evidence.retain(|e| {
        let claim = if e.side == Side::A { a } else { b };
        overlap.near(e.side, claim.analysis, e.span)
    });
    let fired = !evidence.is_empty();
    RuleOutcome {
        rule: HEDGE,
        fired,
        score: if fired { HEDGE_FACTOR } else { 1.0 },
        detail: if fired {
            format!("hedged near shared words: confidence x{HEDGE_FACTOR}")
        } else {
            "no hedge near shared words".to_owned()
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

/// `speaker.same`: both claims come from the same known speaker. A speaker
/// rarely contradicts themself, so a contradiction gets less confidence,
/// and their claims on one subject hang together, so support needs half
/// the usual overlap. Unknown speakers change nothing.
fn speaker_rule(a: ClaimText<'_>, b: ClaimText<'_>, config: &Config) -> RuleOutcome {
    let fired = same_speaker(a, b);
    RuleOutcome {
        rule: SPEAKER,
        fired,
        score: if fired {
            config.same_speaker_factor
        } else {
            1.0
        },
        evidence: Vec::new(),
        detail: match (a.speaker, b.speaker) {
            (Some(x), Some(_)) if fired => format!(
                "both by {x}: contradiction confidence x{:.2}, support threshold halved",
                config.same_speaker_factor
            ),
            (Some(x), Some(y)) => format!("different speakers ({x}, {y})"),
            _ => "speaker unknown".to_owned(),
        },
    }
}

/// `speaker.opposed`: two different known speakers share at least
/// `strong_anchors` anchor terms. In a debate such claims argue one point,
/// so a contradiction cue between them (a negation, a denial, an antonym, a
/// number) gets full relatedness even when long passages cover little of
/// each other. On labelled campaign speeches, cross-speaker pairs sharing
/// three anchors are attacks about twice as often as other pairs.
///
/// Catches a negation in one candidate's passage about the same missiles,
/// bases and treaty the other candidate names. Misses pairs with no cue
/// (the rule only raises confidence, never creates a contradiction),
/// unknown speakers (RTE's `premise`/`hypothesis` are roles), and claims of
/// one speaker (see `speaker.same`).
fn opposed_rule(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    n_anchors: usize,
    config: &Config,
) -> RuleOutcome {
    let different = matches!((a.speaker, b.speaker), (Some(x), Some(y)) if x != y);
    let fired = different && config.strong_anchors > 0 && n_anchors >= config.strong_anchors;
    RuleOutcome {
        rule: OPPOSED,
        fired,
        score: if fired { 1.0 } else { 0.0 },
        evidence: Vec::new(),
        detail: if fired {
            format!(
                "different speakers sharing {n_anchors} anchor(s) (at least {}): full relatedness for a contradiction cue",
                config.strong_anchors
            )
        } else if different {
            format!(
                "different speakers, {n_anchors} anchor(s) (need {})",
                config.strong_anchors
            )
        } else {
            "not two different known speakers".to_owned()
        },
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
