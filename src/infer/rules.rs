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
//! [`Config`]; the cue strengths below are fixed. The combined score
//! decides and ranks; the confidence an edge prints is calibrated from the
//! pair's features by [`calibration`].

use crate::config::Config;
use crate::model::Language;
use crate::text::{Analysis, Analyzer, CueKind, Token};

use super::calibration;
use super::overlap::{self, Overlap, Scratch, Shared, StemIndex};
use super::quantities;
use super::{Assessment, ClaimText, Evidence, Relation, RuleOutcome, Side, Verdict, Weights};

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

/// Strength of each contradiction cue before relatedness and modifiers.
const NEGATION_STRENGTH: f64 = 0.75;
const DENIAL_STRENGTH: f64 = 0.70;
const ANTONYM_STRENGTH: f64 = 0.65;
const NUMBER_STRENGTH: f64 = 0.80;
/// Confidence factor for a hedged claim.
const HEDGE_FACTOR: f64 = 0.8;
/// Confidence factor when the shared content is only reported.
const REPORTED_FACTOR: f64 = 0.5;
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
    /// The profile as seven bits (negation, denial, a listed antonym in
    /// either table, an `un`-word, prefix antonyms, a quantity), so below
    /// `candidates::ANCHOR_CLASSES`: two claims of the same class pair
    /// alike in [`CueProfile::classes_may_contradict`].
    #[must_use]
    pub fn class(&self) -> u8 {
        [
            self.negated,
            self.denial,
            self.listed_antonym[0],
            self.listed_antonym[1],
            self.un_word,
            self.prefix_antonyms,
            self.quantity,
        ]
        .iter()
        .enumerate()
        .fold(0, |bits, (at, &set)| bits | (u8::from(set) << at))
    }

    /// The profile a [`CueProfile::class`] stands for.
    fn of_class(class: u8) -> CueProfile {
        let bit = |at: u8| class & (1 << at) != 0;
        CueProfile {
            negated: bit(0),
            denial: bit(1),
            listed_antonym: [bit(2), bit(3)],
            un_word: bit(4),
            prefix_antonyms: bit(5),
            quantity: bit(6),
        }
    }

    /// Whether claims of these two classes can contradict each other: a
    /// cue one of them holds (negation, denial) or one both hold (a
    /// quantity, antonyms of one table, an `un`-word where prefixes
    /// count). When not, [`confidence_bound`] gives their contradiction 0.
    #[must_use]
    pub fn classes_may_contradict(a: u8, b: u8) -> bool {
        cue_strength(CueProfile::of_class(a), CueProfile::of_class(b)) > 0.0
    }

    /// The profile of one analysed claim.
    #[must_use]
    pub fn of(analysis: &Analysis, analyzer: &Analyzer) -> CueProfile {
        let mut profile = CueProfile {
            negated: analysis.tokens.iter().any(|t| t.negated()),
            denial: analysis.cues.iter().any(|c| c.kind == CueKind::Denial),
            quantity: !analysis.quantities.is_empty(),
            ..CueProfile::default()
        };
        for token in analysis.tokens.iter().filter(|t| !t.stop()) {
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
/// is at most `containment_bound` and that shares at most `anchors_bound`
/// anchors, from the two claims' [`CueProfile`]s alone: a contradiction
/// needs the same event (`min_shared_anchors` anchors) and a cue its
/// claims can hold (at most its strength, times the relatedness the
/// containment allows, or full relatedness for two speakers who share
/// `strong_anchors` anchors, times the same-speaker factor), a support the
/// same event (or one anchor between one speaker's claims) and at most
/// what the containment gives over the support threshold, and every
/// modifier is at most 1. The candidate search uses it to skip pairs that
/// cannot be among either claim's strongest relations, or cannot reach
/// `min_score` at all.
#[must_use]
pub fn confidence_bound(
    a: CueProfile,
    b: CueProfile,
    (containment_bound, anchors_bound): (f64, u32),
    same_speaker: bool,
    config: &Config,
) -> ConfidenceBound {
    let c = containment_bound.clamp(0.0, 1.0);
    let anchors = usize::try_from(anchors_bound).unwrap_or(usize::MAX);
    let same_event = anchors >= config.min_shared_anchors;
    let may_be_opposed =
        !same_speaker && config.strong_anchors > 0 && anchors >= config.strong_anchors;
    let strength = cue_strength(a, b);
    let related = 0.5 + 0.5 * (c / 0.5).min(1.0);
    let contradiction = if !same_event {
        0.0
    } else if same_speaker {
        strength * related * config.same_speaker_factor
    } else if may_be_opposed {
        strength
    } else {
        strength * related
    };
    let threshold = if same_speaker {
        config.support_threshold / 2.0
    } else {
        config.support_threshold
    };
    let may_support = same_event || (same_speaker && anchors >= 1);
    let support = if may_support && c >= threshold {
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

/// The strongest cue two claims' profiles allow a contradiction between
/// them, 0 when none.
fn cue_strength(a: CueProfile, b: CueProfile) -> f64 {
    [
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
    .fold(0.0_f64, f64::max)
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

/// What a rule is to the combiner ([`RULES`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Whether the pair is about one thing; every relation needs both
    /// relatedness rules.
    Relatedness,
    /// A reason the claims disagree: a contradiction needs one, and takes
    /// the strongest fired cue's strength.
    Cue {
        /// The cue's strength before relatedness and modifiers.
        strength: f64,
    },
    /// A factor (the rule's score) on a contradiction's confidence, and on
    /// a support's when `on_support`.
    Factor {
        /// The factor applies to supports too.
        on_support: bool,
    },
    /// When fired, a contradiction cue counts with full relatedness.
    FullRelatedness,
}

/// One rule: its id, what it is to the combiner, a cheap decision (no
/// strings, no allocation for claims of ordinary length) and an
/// explanation, built only for the pairs a user sees.
///
/// To add a rule: write its two functions, add it here (the order is the
/// order `explain` shows), give it an id constant, a row in the table at
/// the top of this file and in `docs/rules.md`, and a test of what it
/// catches and what it misses.
pub struct Rule {
    /// The stable id, such as `polarity.negation`.
    pub id: &'static str,
    /// What the combiner does with it.
    pub kind: Kind,
    decide: fn(&Pair<'_>) -> Decision,
    explain: fn(&Pair<'_>) -> Explanation,
}

/// Every rule, in the order they are recorded and shown.
pub const RULES: [Rule; 10] = [
    Rule {
        id: SIMILARITY,
        kind: Kind::Relatedness,
        decide: |p| Decision::new(p.gate.related, p.overlap.containment, 0.0),
        explain: explain_similarity,
    },
    Rule {
        id: SAME_EVENT,
        kind: Kind::Relatedness,
        decide: |p| Decision::new(p.gate.same_event, 1.0, 0.0),
        explain: explain_same_event,
    },
    Rule {
        id: NEGATION,
        kind: Kind::Cue {
            strength: NEGATION_STRENGTH,
        },
        decide: |p| Decision::new(negation_fires(p), NEGATION_STRENGTH, 0.0),
        explain: explain_negation,
    },
    Rule {
        id: DENIAL,
        kind: Kind::Cue {
            strength: DENIAL_STRENGTH,
        },
        decide: |p| Decision::new(denial_fires(p), DENIAL_STRENGTH, 0.0),
        explain: explain_denial,
    },
    Rule {
        id: ANTONYM,
        kind: Kind::Cue {
            strength: ANTONYM_STRENGTH,
        },
        decide: |p| Decision::new(!antonyms(p, true).is_empty(), ANTONYM_STRENGTH, 0.0),
        explain: explain_antonym,
    },
    Rule {
        id: NUMBER,
        kind: Kind::Cue {
            strength: NUMBER_STRENGTH,
        },
        decide: |p| Decision::new(number_fires(p), NUMBER_STRENGTH, 0.0),
        explain: explain_number,
    },
    Rule {
        id: HEDGE,
        kind: Kind::Factor { on_support: true },
        decide: |p| Decision::new(hedge_fires(p), HEDGE_FACTOR, 1.0),
        explain: explain_hedge,
    },
    Rule {
        id: REPORTED,
        kind: Kind::Factor { on_support: true },
        decide: |p| {
            let (in_a, in_b) = reported_sides(p);
            Decision::new(in_a || in_b, REPORTED_FACTOR, 1.0)
        },
        explain: explain_reported,
    },
    Rule {
        id: SPEAKER,
        kind: Kind::Factor { on_support: false },
        decide: |p| Decision::new(p.same_speaker(), p.config.same_speaker_factor, 1.0),
        explain: explain_speaker,
    },
    Rule {
        id: OPPOSED,
        kind: Kind::FullRelatedness,
        decide: |p| Decision::new(opposed_fires(p), 1.0, 0.0),
        explain: explain_opposed,
    },
];

/// Every rule id, in the order [`run`] records them.
pub const ALL: [&str; RULES.len()] = {
    let mut ids = [""; RULES.len()];
    let mut i = 0;
    while i < RULES.len() {
        ids[i] = RULES[i].id;
        i += 1;
    }
    ids
};

/// One rule's decision on one pair.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Decision {
    fired: bool,
    /// A strength for cues, a factor for modifiers.
    score: f64,
}

impl Decision {
    fn new(fired: bool, when_fired: f64, otherwise: f64) -> Decision {
        Decision {
            fired,
            score: if fired { when_fired } else { otherwise },
        }
    }
}

/// What a rule says of a pair in words, with what it fired on. It finds
/// for itself whether the rule fired, and [`run`] checks that against the
/// decision.
struct Explanation {
    fired: bool,
    evidence: Vec<Evidence>,
    detail: String,
}

/// Everything a rule reads of a pair.
pub struct Pair<'t> {
    a: ClaimText<'t>,
    b: ClaimText<'t>,
    overlap: Overlap<'t>,
    gate: Gate,
    /// The claim that says less.
    covered: Side,
    weights: &'t Weights,
    analyzer: &'t Analyzer,
    config: &'t Config,
}

impl<'t> Pair<'t> {
    fn new(
        a: ClaimText<'t>,
        b: ClaimText<'t>,
        weights: &'t Weights,
        analyzer: &'t Analyzer,
        config: &'t Config,
        scratch: &mut Scratch<'t>,
    ) -> Pair<'t> {
        let overlap = overlap::overlap(a, b, weights, analyzer, scratch);
        let gate = Gate::of(&overlap, weights, config);
        let covered = overlap.covered_side(a, b);
        Pair {
            a,
            b,
            overlap,
            gate,
            covered,
            weights,
            analyzer,
            config,
        }
    }

    fn claim(&self, side: Side) -> ClaimText<'t> {
        match side {
            Side::A => self.a,
            Side::B => self.b,
        }
    }

    fn same_speaker(&self) -> bool {
        matches!((self.a.speaker, self.b.speaker), (Some(x), Some(y)) if x == y)
    }

    /// The cues of one kind on one side.
    fn cues(&self, side: Side, kind: CueKind) -> impl Iterator<Item = &'t crate::text::Cue> {
        self.claim(side)
            .analysis
            .cues
            .iter()
            .filter(move |c| c.kind == kind)
    }

    /// The cues of one kind on one side, quoted.
    fn cue_evidence(&self, side: Side, kind: CueKind) -> Vec<Evidence> {
        let text = self.claim(side).text;
        self.cues(side, kind)
            .map(|c| overlap::span_evidence(side, text, c.span, &c.cue))
            .collect()
    }

    /// True when the span of `side` is near a shared word.
    fn near(&self, side: Side, span: crate::text::Span) -> bool {
        self.overlap.near(side, self.claim(side).analysis, span)
    }
}

/// Runs every rule on a pair and explains each: what `explain`, `eval`
/// and the reports show.
#[must_use]
pub fn run(
    a: ClaimText<'_>,
    b: ClaimText<'_>,
    weights: &Weights,
    analyzer: &Analyzer,
    config: &Config,
) -> Assessment {
    let mut scratch = Scratch::default();
    let pair = Pair::new(a, b, weights, analyzer, config, &mut scratch);
    let decisions = RULES.map(|rule| (rule.decide)(&pair));
    let verdict = combine(&pair, &decisions);
    let features = features(&pair, &decisions);
    let mut unexplained = None;
    let rules = RULES
        .iter()
        .zip(decisions)
        .map(|(rule, decision)| {
            let explanation = (rule.explain)(&pair);
            if explanation.fired != decision.fired && unexplained.is_none() {
                unexplained = Some(rule.id);
            }
            RuleOutcome {
                rule: rule.id,
                fired: decision.fired,
                score: decision.score,
                evidence: explanation.evidence,
                detail: explanation.detail,
            }
        })
        .collect();
    Assessment {
        similarity: pair.overlap.dice,
        containment: pair.overlap.containment,
        shared: pair.overlap.shared.iter().map(Shared::term).collect(),
        rules,
        relation: verdict.map(|v| v.relation),
        reversed: reversed(&pair.overlap),
        score: verdict.map_or(0.0, |v| v.score),
        confidence: verdict.map_or(0.0, |v| v.confidence),
        features,
        unexplained,
    }
}

/// The verdict of every rule on a pair, with no explanation: what the
/// graph builder keeps. Pairs that fail the gates every relation needs
/// stop after the overlap. `scratch` is reused from pair to pair.
#[must_use]
pub fn decide<'t>(
    a: ClaimText<'t>,
    b: ClaimText<'t>,
    weights: &'t Weights,
    analyzer: &'t Analyzer,
    config: &'t Config,
    scratch: &mut Scratch<'t>,
) -> Option<Verdict> {
    let pair = Pair::new(a, b, weights, analyzer, config, scratch);
    let verdict = if pair
        .gate
        .may_relate(&pair.overlap, pair.same_speaker(), config)
    {
        combine(&pair, &RULES.map(|rule| (rule.decide)(&pair)))
    } else {
        None
    };
    scratch.recycle(pair.overlap);
    verdict
}

/// The claim that says more supports the one that says less (a premise
/// entails its shorter hypothesis); ties keep the pair's order.
fn reversed(overlap: &Overlap<'_>) -> bool {
    overlap.weight_b > overlap.weight_a
}

/// The relation and its confidence from the rules' decisions, by their
/// kinds in [`RULES`].
fn combine(pair: &Pair<'_>, decisions: &[Decision; RULES.len()]) -> Option<Verdict> {
    let (overlap, config) = (&pair.overlap, pair.config);
    let Gate {
        n_anchors,
        same_event,
        ..
    } = pair.gate;
    let mut cue_strength = 0.0_f64;
    let mut on_both = 1.0;
    let mut on_contradiction = 1.0;
    let mut full_relatedness = false;
    for (rule, decision) in RULES.iter().zip(decisions) {
        match rule.kind {
            Kind::Relatedness => {}
            Kind::Cue { strength } if decision.fired => cue_strength = cue_strength.max(strength),
            Kind::Cue { .. } => {}
            Kind::Factor { on_support: true } => on_both *= decision.score,
            Kind::Factor { on_support: false } => on_contradiction *= decision.score,
            Kind::FullRelatedness => full_relatedness |= decision.fired,
        }
    }
    // Confidence grows with how much of the shorter claim the other covers.
    // Shared anchors alone make long passages related (the gate) but add no
    // confidence: on labelled speeches such pairs are right no more often
    // than chance. Two opposing speakers who share several anchors are
    // arguing one point: a polarity cue between them counts in full.
    let relatedness = if full_relatedness {
        1.0
    } else {
        (overlap.containment / 0.5).min(1.0)
    };
    // The score decides (and bounds the candidate search); the printed
    // confidence is the calibrated estimate of how often such an edge is
    // right, which a case may also ask a minimum of.
    let verdict = |relation, score: f64| {
        if score < config.min_score {
            return None;
        }
        let confidence = calibration::confidence(relation, &features(pair, decisions));
        (confidence >= config.min_calibrated).then(|| Verdict {
            relation,
            reversed: reversed(overlap),
            score,
            confidence,
        })
    };
    if same_event && cue_strength > 0.0 {
        let c = cue_strength * (0.5 + 0.5 * relatedness) * on_both * on_contradiction;
        if let Some(found) = verdict(Relation::Contradicts, c) {
            return Some(found);
        }
    }
    // A shared word negated on one side only, even inside reported speech
    // (where it is no contradiction the speaker holds), rules out support.
    let polarity_differs = overlap.shared.iter().any(Shared::polarity_differs);
    // Support needs the same-event gate, like contradiction. A speaker's own
    // claims on one subject hang together: for them one shared anchor and
    // half the overlap are enough.
    let same_speaker = pair.same_speaker();
    let support_threshold = if same_speaker {
        config.support_threshold / 2.0
    } else {
        config.support_threshold
    };
    if cue_strength == 0.0
        && !polarity_differs
        && (same_event || (same_speaker && n_anchors >= 1))
        && overlap.containment >= support_threshold
    {
        let span = (1.0 - support_threshold).max(1e-9);
        let c = (0.5 + 0.5 * ((overlap.containment - support_threshold) / span).min(1.0)) * on_both;
        let found = verdict(Relation::Supports, c);
        debug_assert!(
            found.is_none() || pair.gate.may_relate(overlap, same_speaker, config),
            "may_relate must hold for every relation found"
        );
        return found;
    }
    None
}

/// The features of a pair that the calibrated confidence reads, from the
/// rules' decisions.
fn features(pair: &Pair<'_>, decisions: &[Decision; RULES.len()]) -> calibration::Features {
    let fired = |id: &str| {
        RULES
            .iter()
            .zip(decisions)
            .any(|(rule, decision)| rule.id == id && decision.fired)
    };
    let words = |claim: ClaimText<'_>| claim.analysis.tokens.iter().filter(|t| !t.stop()).count();
    let (wa, wb) = (words(pair.a), words(pair.b));
    calibration::Features::of(&calibration::Facts {
        negation: fired(NEGATION),
        denial: fired(DENIAL),
        antonym: fired(ANTONYM),
        number: fired(NUMBER),
        speakers_known: pair.a.speaker.is_some() && pair.b.speaker.is_some(),
        opposed: fired(OPPOSED),
        same_speaker: pair.same_speaker(),
        longer_words: wa.max(wb),
        shorter_words: wa.min(wb),
        containment: pair.overlap.containment,
        similarity: pair.overlap.dice,
        shared_terms: pair.overlap.shared.len(),
        both_negated: fired(NEGATION) && held_negation(pair.a) && held_negation(pair.b),
    })
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
    /// condition [`combine`] puts on both relations (contradiction needs
    /// the same event; support needs it too, or, for one speaker's claims,
    /// an anchor and half the support threshold).
    fn may_relate(self, overlap: &Overlap<'_>, same_speaker: bool, config: &Config) -> bool {
        self.same_event
            || (same_speaker
                && self.n_anchors >= 1
                && overlap.containment >= config.support_threshold / 2.0)
    }
}

/// `similarity.tokens` in words.
fn explain_similarity(p: &Pair<'_>) -> Explanation {
    let (overlap, config) = (&p.overlap, p.config);
    Explanation {
        fired: p.gate.related,
        evidence: overlap.evidence(p.a, p.b),
        detail: format!(
            "{} shared term(s), {} anchor(s); weighted dice {:.3}, containment {:.3} (related at {:.3} or {} anchors)",
            overlap.shared.len(),
            p.gate.n_anchors,
            overlap.dice,
            overlap.containment,
            config.related_threshold,
            config.strong_anchors,
        ),
    }
}

/// `gate.same_event` in words: the anchors it counted.
fn explain_same_event(p: &Pair<'_>) -> Explanation {
    let anchor_names: Vec<String> = p
        .overlap
        .shared
        .iter()
        .filter(|s| s.anchor(p.weights))
        .map(|s| {
            // The word's own stem: a thesaurus group's canonical stem would
            // name a word neither claim uses.
            if s.token_a.entity() {
                s.token_a.stem.to_string()
            } else {
                s.token_a.word_stem.to_string()
            }
        })
        .collect();
    Explanation {
        fired: p.gate.same_event,
        evidence: Vec::new(),
        detail: format!(
            "anchor score {} (need {}; terms in over a quarter of the claims do not count): {}",
            p.gate.n_anchors,
            p.config.min_shared_anchors,
            if anchor_names.is_empty() {
                "none".to_owned()
            } else {
                listed(&anchor_names, ", ")
            }
        ),
    }
}

/// A negation the claim holds (not one it only reports).
fn held_negation(claim: ClaimText<'_>) -> bool {
    claim
        .analysis
        .tokens
        .iter()
        .any(|t| t.negated() && !t.reported())
}

/// The shorter claim is negated, the longer one not, and the longer one
/// covers it.
fn covered_negated(p: &Pair<'_>) -> bool {
    let (negated_a, negated_b) = (held_negation(p.a), held_negation(p.b));
    let covered_only = match p.covered {
        Side::A => negated_a && !negated_b,
        Side::B => negated_b && !negated_a,
    };
    covered_only && p.overlap.containment >= COVERED_CONTAINMENT
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
fn negation_fires(p: &Pair<'_>) -> bool {
    p.overlap.shared.iter().any(Shared::flipped) || covered_negated(p)
}

/// `polarity.negation` in words: the negations and the flipped terms.
fn explain_negation(p: &Pair<'_>) -> Explanation {
    let flipped: Vec<&Shared<'_>> = p.overlap.shared.iter().filter(|s| s.flipped()).collect();
    let fired = !flipped.is_empty() || covered_negated(p);
    let mut evidence = p.cue_evidence(Side::A, CueKind::Negation);
    evidence.extend(p.cue_evidence(Side::B, CueKind::Negation));
    for s in &flipped {
        evidence.push(overlap::token_evidence(Side::A, p.a.text, s.token_a));
        evidence.push(overlap::token_evidence(Side::B, p.b.text, s.token_b));
    }
    let detail = if flipped.is_empty() {
        format!(
            "negation in A: {}, in B: {}; no shared term negated on one side only{}",
            yes_no(held_negation(p.a)),
            yes_no(held_negation(p.b)),
            if fired {
                format!(
                    "; the shorter claim ({:?}) is negated and covered (containment >= {COVERED_CONTAINMENT})",
                    p.covered
                )
            } else {
                String::new()
            }
        )
    } else {
        let terms: Vec<String> = flipped.iter().map(|s| s.token_a.stem.to_string()).collect();
        format!(
            "shared term(s) negated on one side only: {}",
            listed(&terms, ", ")
        )
    };
    Explanation {
        fired,
        evidence,
        detail,
    }
}

/// The denial of `side` is about the shared content: near a shared word,
/// or in the shorter claim when the longer one covers it.
fn denial_about_shared(
    p: &Pair<'_>,
    side: Side,
    mut spans: impl Iterator<Item = crate::text::Span>,
) -> bool {
    (side == p.covered && p.overlap.containment >= COVERED_CONTAINMENT)
        || spans.any(|span| p.near(side, span))
}

/// `polarity.denial`: exactly one claim denies or refutes, and the denial is
/// about the shared content.
///
/// Catches "c'est absolument faux" or "he denied the report" against the
/// claim denied. Misses pairs where both sides deny (they may agree) and a
/// denial word about something else ("le refus de Téhéran" far from what
/// the claims share).
fn denial_fires(p: &Pair<'_>) -> bool {
    let denies = |side| p.cues(side, CueKind::Denial).next().is_some();
    let spans = |side| p.cues(side, CueKind::Denial).map(|c| c.span);
    match (denies(Side::A), denies(Side::B)) {
        (true, false) => denial_about_shared(p, Side::A, spans(Side::A)),
        (false, true) => denial_about_shared(p, Side::B, spans(Side::B)),
        _ => false,
    }
}

/// `polarity.denial` in words: the denials of each side.
fn explain_denial(p: &Pair<'_>) -> Explanation {
    let evidence_a = p.cue_evidence(Side::A, CueKind::Denial);
    let evidence_b = p.cue_evidence(Side::B, CueKind::Denial);
    let fired = match (evidence_a.is_empty(), evidence_b.is_empty()) {
        (false, true) => denial_about_shared(p, Side::A, evidence_a.iter().map(|e| e.span)),
        (true, false) => denial_about_shared(p, Side::B, evidence_b.iter().map(|e| e.span)),
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
    Explanation {
        fired,
        evidence,
        detail,
    }
}

/// `lexical.antonym`: the content stems of A that are antonyms of one of
/// B, both near a shared word, with the same polarity (only the first when
/// `first_only`; nothing is allocated until one is found).
///
/// Catches "the border is open" against "the border is closed". Misses
/// antonyms within a single claim, words the lexicon does not list, and
/// antonyms far from what the claims share ("a rich history" in a long
/// passage against "poor results" in another).
fn antonyms<'t>(p: &Pair<'t>, first_only: bool) -> Vec<(&'t Token, &'t Token)> {
    let overlap = &p.overlap;
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
    // Most claims have no word in `un`: then no word of A is `X` to one of
    // B's `unX`, and B is not scanned for one per word of A.
    let b_has_un = overlap
        .terms_b
        .iter()
        .any(|t| t.word_stem.starts_with("un"));
    let mut found: Vec<usize> = Vec::new();
    for &token_a in &overlap.terms_a {
        // The table lookup first: most words have no antonym.
        let opposites = p
            .analyzer
            .antonyms_of(p.a.analysis.language, &token_a.word_stem);
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
            if b_has_un {
                found.extend(words_b.with_un_prefix(&token_a.word_stem));
            }
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
            if index_a.get_interned(token_b.stem).is_some()
                || index_b.get_interned(token_a.stem).is_some()
            {
                continue;
            }
            if token_a.negated() == token_b.negated()
                && p.near(Side::A, token_a.span())
                && p.near(Side::B, token_b.span())
            {
                pairs.push((token_a, token_b));
                if first_only {
                    return pairs;
                }
            }
        }
    }
    pairs
}

/// `lexical.antonym` in words: the antonym pairs.
fn explain_antonym(p: &Pair<'_>) -> Explanation {
    let pairs = antonyms(p, false);
    let mut evidence = Vec::with_capacity(2 * pairs.len());
    for (token_a, token_b) in &pairs {
        evidence.push(overlap::token_evidence(Side::A, p.a.text, token_a));
        evidence.push(overlap::token_evidence(Side::B, p.b.text, token_b));
    }
    let names: Vec<String> = pairs
        .iter()
        .map(|(x, y)| format!("{}/{}", x.word_stem, y.word_stem))
        .collect();
    Explanation {
        fired: !pairs.is_empty(),
        evidence,
        detail: if pairs.is_empty() {
            "no antonym pair near shared words".to_owned()
        } else {
            format!("antonyms near shared words: {}", listed(&names, ", "))
        },
    }
}

/// The two sides' precise quantities, the shorter claim's first.
fn sides_by_length<'q>(
    p: &Pair<'q>,
) -> (
    (Side, Vec<quantities::Counted<'q>>),
    (Side, Vec<quantities::Counted<'q>>),
) {
    let (short, long) = match p.covered {
        Side::A => (Side::A, Side::B),
        Side::B => (Side::B, Side::A),
    };
    (
        (short, quantities::counted(p.claim(short).analysis)),
        (long, quantities::counted(p.claim(long).analysis)),
    )
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
fn number_fires(p: &Pair<'_>) -> bool {
    if !quantities::any_precise(p.a.analysis) || !quantities::any_precise(p.b.analysis) {
        return false;
    }
    let ((_, short), (_, long)) = sides_by_length(p);
    !quantities::mismatches(&short, &long).is_empty()
}

/// `number.mismatch` in words: the values in conflict.
fn explain_number(p: &Pair<'_>) -> Explanation {
    let ((short_side, short), (long_side, long)) = sides_by_length(p);
    let found = quantities::mismatches(&short, &long);
    let mut evidence = Vec::with_capacity(2 * found.len());
    let mut conflicts = Vec::with_capacity(found.len());
    for &(i, j) in &found {
        let (x, y) = (&short[i], &long[j]);
        conflicts.push(format!(
            "{} vs {} ({})",
            fmt_value(x.quantity.value),
            fmt_value(y.quantity.value),
            x.key.unwrap_or_default()
        ));
        for (side, q) in [(short_side, x.quantity), (long_side, y.quantity)] {
            evidence.push(overlap::span_evidence(side, p.claim(side).text, q.span, ""));
        }
    }
    evidence.sort_by_key(|e| (e.side, e.span));
    let (in_a, in_b) = match short_side {
        Side::A => (short.len(), long.len()),
        Side::B => (long.len(), short.len()),
    };
    Explanation {
        fired: !found.is_empty(),
        evidence,
        detail: if found.is_empty() {
            format!("{in_a} precise quantit(ies) in A, {in_b} in B, none in conflict")
        } else {
            format!("different values: {}", listed(&conflicts, "; "))
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
fn hedge_fires(p: &Pair<'_>) -> bool {
    [Side::A, Side::B]
        .into_iter()
        .any(|side| p.cues(side, CueKind::Hedge).any(|c| p.near(side, c.span)))
}

/// `modality.hedge` in words: the hedges near shared words.
fn explain_hedge(p: &Pair<'_>) -> Explanation {
    let mut evidence = p.cue_evidence(Side::A, CueKind::Hedge);
    evidence.extend(p.cue_evidence(Side::B, CueKind::Hedge));
    evidence.retain(|e| p.near(e.side, e.span));
    let fired = !evidence.is_empty();
    Explanation {
        fired,
        detail: if fired {
            format!("hedged near shared words: confidence x{HEDGE_FACTOR}")
        } else {
            "no hedge near shared words".to_owned()
        },
        evidence,
    }
}

/// `speech.reported`: when most shared content sits in speech a claim only
/// reports ("certains médias affirment que …"), its speaker does not hold
/// it. Which sides only report the shared content.
fn reported_sides(p: &Pair<'_>) -> (bool, bool) {
    let shared = &p.overlap.shared;
    let n = shared.len();
    let reported =
        |side: Side| n > 0 && shared.iter().filter(|s| s.on(side).reported()).count() * 2 > n;
    // Reporting a view in order to deny it ("les affirmations … c'est
    // absolument faux") is holding the opposite view, not distance from it.
    let denies = |side: Side| p.cues(side, CueKind::Denial).next().is_some();
    (
        reported(Side::A) && !denies(Side::A),
        reported(Side::B) && !denies(Side::B),
    )
}

/// `speech.reported` in words.
fn explain_reported(p: &Pair<'_>) -> Explanation {
    let mut evidence = p.cue_evidence(Side::A, CueKind::Reported);
    evidence.extend(p.cue_evidence(Side::B, CueKind::Reported));
    let (in_a, in_b) = reported_sides(p);
    let fired = in_a || in_b;
    Explanation {
        fired,
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

/// `speaker.same` in words. Both claims come from the same known speaker:
/// a speaker rarely contradicts themself, so a contradiction gets less
/// confidence, and their claims on one subject hang together, so support
/// needs half the usual overlap. Unknown speakers change nothing.
fn explain_speaker(p: &Pair<'_>) -> Explanation {
    let fired = p.same_speaker();
    Explanation {
        fired,
        evidence: Vec::new(),
        detail: match (p.a.speaker, p.b.speaker) {
            (Some(x), Some(_)) if fired => format!(
                "both by {x}: contradiction confidence x{:.2}, support threshold halved",
                p.config.same_speaker_factor
            ),
            (Some(x), Some(y)) => format!("different speakers ({x}, {y})"),
            _ => "speaker unknown".to_owned(),
        },
    }
}

/// Two different known speakers.
fn different_speakers(p: &Pair<'_>) -> bool {
    matches!((p.a.speaker, p.b.speaker), (Some(x), Some(y)) if x != y)
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
fn opposed_fires(p: &Pair<'_>) -> bool {
    let strong = p.config.strong_anchors;
    different_speakers(p) && strong > 0 && p.gate.n_anchors >= strong
}

/// `speaker.opposed` in words.
fn explain_opposed(p: &Pair<'_>) -> Explanation {
    let (n_anchors, strong) = (p.gate.n_anchors, p.config.strong_anchors);
    let fired = opposed_fires(p);
    Explanation {
        fired,
        evidence: Vec::new(),
        detail: if fired {
            format!(
                "different speakers sharing {n_anchors} anchor(s) (at least {strong}): full relatedness for a contradiction cue"
            )
        } else if different_speakers(p) {
            format!("different speakers, {n_anchors} anchor(s) (need {strong})")
        } else {
            "not two different known speakers".to_owned()
        },
    }
}

/// Items of a rule's sentence: the first 24, then how many more (a pair
/// of long passages can hold thousands; the evidence lists them all).
fn listed(items: &[String], separator: &str) -> String {
    const SHOWN: usize = 24;
    let mut text = items
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(separator);
    if items.len() > SHOWN {
        text.push_str(&format!("{separator}and {} more", items.len() - SHOWN));
    }
    text
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
