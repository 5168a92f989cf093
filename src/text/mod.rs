//! Text analysis for French and English: normalisation, segmentation,
//! elision, stop words, stemming, entity aliases, negation scope, cue words
//! (denial, hedging, reported speech) and numbers.
//!
//! Everything here is a pure function of the text, its language and the
//! [`Config`](crate::config::Config); nothing reads files. The inference
//! rules only ever look at an [`Analysis`], never at raw text.
//!
//! The pipeline of [`Analyzer::analyze`]:
//! 1. `tokenize`: Unicode word segmentation, elision and contractions;
//! 2. `language`: detection when the language is not given;
//! 3. `lexicon`: stems, stop words, then cue phrases (denial, hedge,
//!    reported speech), `negation` cues, single cue words;
//! 4. `aliases`: entity names from the case, then capitalised words;
//! 5. negation scope by parity, reported-speech scope;
//! 6. `numbers`: quantities and dates.
//!
//! [`Analyzer::new`] precomputes every set, so `analyze` only hashes.

pub mod antonyms;
pub mod normalize;

mod aliases;
mod language;
mod lexicon;
mod negation;
mod numbers;
pub mod sentences;
pub mod synonyms;
pub(crate) mod tokenize;

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use ustr::Ustr;

use crate::model::Language;
use aliases::Aliases;
use antonyms::AntonymTable;
use language::LanguageDetector;
use lexicon::Lexicon;
use tokenize::{Layout, SegKind};

/// A byte range in the original claim text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// One word of a claim, after normalisation.
///
/// A corpus holds tens of millions of tokens, so a token is 32 bytes: its
/// span as two `u32` offsets, the four flags in the top bits of the end
/// (offsets stay below [`Token::MAX_OFFSET`]; the analysis reads no
/// further into a claim), and three interned strings.
#[derive(Clone, PartialEq)]
pub struct Token {
    start: u32,
    /// The end offset in the low [`OFFSET_BITS`] bits, the flags above.
    end_flags: u32,
    /// Lower-cased, diacritics folded, elided article removed (`l'enquête` -> `enquete`).
    /// Interned (`ustr`): a corpus repeats a small vocabulary millions of
    /// times, so a token holds an 8-byte handle, not a copy of the word.
    pub norm: Ustr,
    /// Snowball stem of the lower-cased word, diacritics folded afterwards.
    /// For an alias this is the canonical entity name, folded; for a word of
    /// a synonym group, the group's canonical stem (see [`synonyms`]). Stop
    /// words, clitics and numbers keep their `norm` here. Interned like
    /// `norm`. Every similarity compares this.
    pub stem: Ustr,
    /// The word's own stem, before aliases and synonym groups: antonym
    /// lookups and explanations read it.
    pub word_stem: Ustr,
}

/// The bits of [`Token`]'s end offset.
const OFFSET_BITS: u32 = 28;
const OFFSET_MASK: u32 = (1 << OFFSET_BITS) - 1;
const STOP: u32 = 1 << OFFSET_BITS;
const NEGATED: u32 = 1 << (OFFSET_BITS + 1);
const ENTITY: u32 = 1 << (OFFSET_BITS + 2);
const REPORTED: u32 = 1 << (OFFSET_BITS + 3);

impl Token {
    /// The largest byte offset a token can hold (256 MiB): the analysis of
    /// a longer claim stops there. The loader's limit on a claim is far
    /// lower (1 MiB by default; the CLI's `--max-claim-bytes` accepts at
    /// most this).
    pub const MAX_OFFSET: usize = OFFSET_MASK as usize;

    /// A token over `span` (offsets past [`Token::MAX_OFFSET`] are cut
    /// there), with no flag set and empty stems.
    #[must_use]
    pub fn new(span: Span, norm: Ustr, stem: Ustr, word_stem: Ustr) -> Token {
        // Lossless: both offsets are at most `MAX_OFFSET`.
        #[allow(clippy::cast_possible_truncation)]
        let offset = |o: usize| o.min(Token::MAX_OFFSET) as u32;
        Token {
            start: offset(span.start),
            end_flags: offset(span.end),
            norm,
            stem,
            word_stem,
        }
    }

    /// Where the word is in the original text.
    #[must_use]
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: (self.end_flags & OFFSET_MASK) as usize,
        }
    }

    fn flag(&self, bit: u32) -> bool {
        self.end_flags & bit != 0
    }

    fn set_flag(&mut self, bit: u32, on: bool) {
        if on {
            self.end_flags |= bit;
        } else {
            self.end_flags &= !bit;
        }
    }

    /// True for stop words and for the negation and cue words themselves.
    #[must_use]
    pub fn stop(&self) -> bool {
        self.flag(STOP)
    }

    /// True when the word is inside the scope of an odd number of negations.
    #[must_use]
    pub fn negated(&self) -> bool {
        self.flag(NEGATED)
    }

    /// True when the word is part of an entity alias or starts with a
    /// capital letter in the middle of a sentence (a likely proper name).
    #[must_use]
    pub fn entity(&self) -> bool {
        self.flag(ENTITY)
    }

    /// True when the word is inside reported speech: after a
    /// [`CueKind::Reported`] cue, up to the end of the sentence. The speaker
    /// does not hold what these words say.
    #[must_use]
    pub fn reported(&self) -> bool {
        self.flag(REPORTED)
    }

    /// Sets [`Token::stop`].
    pub fn set_stop(&mut self, on: bool) {
        self.set_flag(STOP, on);
    }

    /// Sets [`Token::negated`].
    pub fn set_negated(&mut self, on: bool) {
        self.set_flag(NEGATED, on);
    }

    /// Sets [`Token::entity`].
    pub fn set_entity(&mut self, on: bool) {
        self.set_flag(ENTITY, on);
    }

    /// Sets [`Token::reported`].
    pub fn set_reported(&mut self, on: bool) {
        self.set_flag(REPORTED, on);
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("span", &self.span())
            .field("norm", &self.norm)
            .field("stem", &self.stem)
            .field("word_stem", &self.word_stem)
            .field("stop", &self.stop())
            .field("negated", &self.negated())
            .field("entity", &self.entity())
            .field("reported", &self.reported())
            .finish()
    }
}

/// The kind of a cue word or phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CueKind {
    /// `ne … pas`, `not`, `never`, `sans`, `without`, ...
    Negation,
    /// `nier`, `démentir`, `faux`, `deny`, `false`, `hoax`, ...
    Denial,
    /// `may`, `might`, `allegedly`, `prétendument`, `selon`, ...
    Hedge,
    /// `certains médias affirment que`, `some say that`, ...: the speaker
    /// reports a view without holding it.
    Reported,
}

/// A cue found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// What the cue signals.
    pub kind: CueKind,
    /// The normalised cue, such as `ne…pas` or `deny`.
    pub cue: String,
    /// Where it is (for discontinuous negation, from `ne` to `pas`).
    pub span: Span,
}

/// A number, quantity or date found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The value with its scale applied (`5 millions` -> 5000000.0).
    pub value: f64,
    /// True when there is a scale word but no number (`des millions`): such a
    /// quantity is vague and never mismatches a precise one.
    pub vague: bool,
    /// A normalised unit when there is one (`eur`, `usd`, `percent`, `year`,
    /// `age`, `per_week`, `date`, ...).
    pub unit: Option<String>,
    /// Where it is.
    pub span: Span,
}

/// Everything the inference needs to know about one claim's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The language used for the analysis.
    pub language: Language,
    /// True when the language was detected rather than given.
    pub language_detected: bool,
    /// The words, in text order.
    pub tokens: Vec<Token>,
    /// Negation, denial, hedge and reported-speech cues, in text order.
    pub cues: Vec<Cue>,
    /// Numbers and quantities, in text order.
    pub quantities: Vec<Quantity>,
    /// Cues that cancel each other out and so are not in `cues`: both halves
    /// of a double negation (`not` and `untrue` in `it is not untrue`, `ne…pas`
    /// and `faux` in `ce n'est pas faux`). Kept to explain a decision.
    pub cancelled: Vec<Cue>,
}

impl Analysis {
    /// The stems of the content words (tokens that are not stop words), in
    /// text order; an alias contributes its canonical name once.
    pub fn content_stems(&self) -> impl Iterator<Item = &str> {
        self.tokens
            .iter()
            .filter(|t| !t.stop())
            .map(|t| t.stem.as_str())
    }

    /// The cues of one kind.
    pub fn cues_of(&self, kind: CueKind) -> impl Iterator<Item = &Cue> {
        self.cues.iter().filter(move |c| c.kind == kind)
    }

    /// True when there is at least one cue of this kind.
    #[must_use]
    pub fn has_cue(&self, kind: CueKind) -> bool {
        self.cues.iter().any(|c| c.kind == kind)
    }

    /// The tokens inside reported speech (see [`Token::reported`]).
    pub fn reported_tokens(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(|t| t.reported())
    }

    /// The span from the first to the last reported token, if any.
    #[must_use]
    pub fn reported_span(&self) -> Option<Span> {
        let first = self.tokens.iter().find(|t| t.reported())?;
        let last = self.tokens.iter().rev().find(|t| t.reported())?;
        Some(Span {
            start: first.span().start,
            end: last.span().end,
        })
    }

    /// The stems of negated content words.
    pub fn negated_stems(&self) -> impl Iterator<Item = &str> {
        self.tokens
            .iter()
            .filter(|t| t.negated() && !t.stop())
            .map(|t| t.stem.as_str())
    }
}

/// Analyses claim texts with one case's settings (aliases, fuzzy threshold,
/// lexicon additions). Build it once per case and share it across threads.
pub struct Analyzer {
    config: crate::config::Config,
    /// French and English stemmers, indexed by [`lexicon::slot`].
    stemmers: [Stemmer; 2],
    lexicon: Lexicon,
    aliases: Aliases,
    antonyms: [AntonymTable; 2],
    /// The built-in thesaurus groups (built once per process), or `None`
    /// when the case turns them off.
    synonyms: Option<&'static [synonyms::SynonymTable; 2]>,
    detector: LanguageDetector,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("config", &self.config)
            .field("aliases", &self.aliases)
            .field("antonyms_fr", &self.antonyms[0].len())
            .field("antonyms_en", &self.antonyms[1].len())
            .finish_non_exhaustive()
    }
}

/// A non-negation cue found while scanning, with its tokens.
struct Found {
    cue: Cue,
    first: usize,
    last: usize,
    cancels_negation: bool,
}

/// The cues of a text once negation scope is applied.
struct Scoped {
    /// The cues that hold, by position.
    cues: Vec<Cue>,
    /// The cues that cancel each other out, by position.
    cancelled: Vec<Cue>,
    /// The last token of each reported-speech cue, in text order.
    reported_from: Vec<usize>,
}

/// Reported speech: from after the cue to the end of the sentence. The
/// cues come in text order, and a later cue of the same sentence marks a
/// part of what an earlier one marked: each token is marked once (`selon
/// certains selon certains …` stays linear).
fn mark_reported(reported_from: &[usize], tokens: &mut [Token], info: &[tokenize::TokInfo]) {
    let mut marked_until = 0;
    for &last in reported_from {
        let sentence = info[last].sentence;
        for k in (last + 1).max(marked_until)..tokens.len() {
            if info[k].sentence != sentence {
                marked_until = k;
                break;
            }
            tokens[k].set_reported(true);
            marked_until = k + 1;
        }
    }
}

/// Words that start a new clause for negation scope. `text` is the
/// original text: the relative `où` starts a clause, the conjunction `ou`
/// (which the normalised form cannot tell apart) joins words like `or`.
fn starts_clause(language: Language, text: &str, tokens: &[Token], i: usize) -> bool {
    let next = tokens.get(i + 1).map(|t| t.norm.as_str());
    match (language, tokens[i].norm.as_str()) {
        (
            Language::Fr,
            "mais" | "car" | "cependant" | "pourtant" | "toutefois" | "neanmoins" | "tandis"
            | "puisque" | "lorsque" | "quand" | "qui" | "dont",
        ) => true,
        (Language::Fr, "ou") => text
            .get(tokens[i].span().start..tokens[i].span().end)
            .is_some_and(|w| w.contains(['ù', 'Ù', '\u{300}'])),
        (Language::Fr, "et" | "parce" | "alors" | "bien" | "tant" | "pendant" | "avant") => {
            next == Some("que")
        }
        (
            Language::En,
            "but" | "because" | "however" | "although" | "though" | "whereas" | "yet" | "since"
            | "when" | "while" | "until" | "unless" | "which" | "who" | "whose",
        ) => true,
        (Language::En, "and" | "or") => next == Some("that"),
        _ => false,
    }
}

/// Punctuation that ends a clause.
fn ends_clause(c: char) -> bool {
    tokenize::ends_sentence(c) || matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–')
}

/// Fills `info.clause` and returns, for each token, one past the last token
/// of its clause.
fn clauses(language: Language, text: &str, layout: &mut Layout) -> Vec<usize> {
    let mut clause = 0u32;
    let mut pending = false;
    for seg in &layout.segs {
        match seg.kind {
            SegKind::Punct(c) if ends_clause(c) => pending = true,
            SegKind::Newline => pending = true,
            SegKind::Punct(_) => {}
            SegKind::Word(t) => {
                if pending || (t > 0 && starts_clause(language, text, &layout.tokens, t)) {
                    clause += 1;
                    pending = false;
                }
                if let Some(info) = layout.info.get_mut(t) {
                    info.clause = clause;
                }
            }
        }
    }
    let n = layout.tokens.len();
    let mut end = vec![n; n];
    for i in (0..n.saturating_sub(1)).rev() {
        end[i] = if layout.info[i + 1].clause == layout.info[i].clause {
            end[i + 1]
        } else {
            i + 1
        };
    }
    end
}

/// Words longer than this many characters are never spelling variants of
/// each other ([`Analyzer::fuzzy_match`]): no name is this long, and Jaro
/// takes time quadratic in the words' length (two 100 KB "names" took 9 s).
const MAX_FUZZY_CHARS: usize = 64;

/// Words longer than this many bytes are not stemmed: they keep their
/// folded form. No word of a real language is this long, and the Snowball
/// stemmers take time quadratic in a word's length (a 1 MB "word" of
/// `quququ…` would take minutes).
const MAX_STEMMED_BYTES: usize = 128;

thread_local! {
    /// The two skeletons [`Analyzer::fuzzy_match`] compares, reused from
    /// call to call.
    static SKELETONS: std::cell::RefCell<(String, String)> = std::cell::RefCell::default();
}

/// A word's letters `a`–`z` counted apart and every other character
/// together (slot 26), each count saturating at 255, and its length in
/// characters: what bounds the characters two words can have in common.
pub(crate) fn letter_counts(word: &str) -> ([u8; 27], usize) {
    let mut counts = [0u8; 27];
    let mut len = 0;
    for c in word.chars() {
        len += 1;
        let slot = if c.is_ascii_lowercase() {
            usize::from(c as u8 - b'a')
        } else {
            26
        };
        counts[slot] = counts[slot].saturating_add(1);
    }
    (counts, len)
}

/// An upper bound of `strsim::jaro_winkler(a, b)`. Jaro is `(m/|a| + m/|b|
/// + (m − t)/m)/3` with `m` matching characters, each a pair of equal
/// characters, so `m` is at most the characters the two words have in
/// common (letters `a`–`z` counted apart, every other character assumed
/// to match any other); Winkler's bonus `0.1·l·(1 − jaro)`, for a common
/// prefix of `l ≤ 4` characters, grows with Jaro, and is added to the bound
/// whatever Jaro is (`strsim` adds it only above 0.7).
#[allow(clippy::cast_precision_loss)]
fn jaro_winkler_bound(a: &str, b: &str) -> f64 {
    let ((ca, la), (cb, lb)) = (letter_counts(a), letter_counts(b));
    if la == 0 || lb == 0 {
        return 0.0;
    }
    // Counts saturate at 255: past that, assume every character matches.
    let common = if la > 255 || lb > 255 {
        la.min(lb)
    } else {
        ca.iter()
            .zip(&cb)
            .map(|(&x, &y)| usize::from(x.min(y)))
            .sum()
    };
    if common == 0 {
        return 0.0;
    }
    let m = common as f64;
    let jaro = ((m / la as f64 + m / lb as f64 + 1.0) / 3.0).min(1.0);
    let prefix = a
        .chars()
        .zip(b.chars())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count();
    // The same sums in another order can differ in the last bits.
    (jaro + 0.1 * prefix as f64 * (1.0 - jaro)) * (1.0 + 1e-9)
}

/// How many stems each thread keeps per language before it starts over.
const MAX_CACHED_STEMS: usize = 1 << 16;

thread_local! {
    /// Per language, the stems this thread has computed, by folded word: a
    /// corpus says the same words again and again, and Snowball is the
    /// costly part of analysing one.
    static STEMS: std::cell::RefCell<[ustr::UstrMap<Ustr>; 2]> = std::cell::RefCell::default();
}

/// The stem of `norm` in `language`, from the thread's cache or `stem`.
fn cached_stem(language: Language, norm: Ustr, stem: impl FnOnce() -> String) -> Ustr {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let stems = &mut cache[lexicon::slot(language)];
        if let Some(&known) = stems.get(&norm) {
            return known;
        }
        if stems.len() >= MAX_CACHED_STEMS {
            stems.clear();
        }
        let found = Ustr::from(stem().as_str());
        stems.insert(norm, found);
        found
    })
}

/// The stem of a token: Snowball on the lower-cased word, folded.
fn stem_token(stemmer: &Stemmer, raw: &str, norm: &str) -> String {
    if raw.len() > MAX_STEMMED_BYTES {
        norm.to_owned()
    } else if raw.is_ascii() {
        stemmer.stem(norm).into_owned()
    } else {
        lexicon::stem_word(stemmer, raw)
    }
}

impl Analyzer {
    /// Prepares the stemmers, stop words, cue lists and aliases.
    #[must_use]
    pub fn new(config: &crate::config::Config) -> Analyzer {
        let stemmers = [
            Stemmer::create(Algorithm::French),
            Stemmer::create(Algorithm::English),
        ];
        let lexicon = Lexicon::new(&stemmers, &config.lexicon);
        let mut antonyms = [AntonymTable::new(false), AntonymTable::new(true)];
        antonyms[0].add_list(&stemmers[0], antonyms::BUILTIN_FR);
        antonyms[1].add_list(&stemmers[1], antonyms::BUILTIN_EN);
        let synonyms = if config.synonyms {
            Some(synonyms::builtin())
        } else {
            None
        };
        let mut analyzer = Analyzer {
            config: config.clone(),
            aliases: Aliases::new(&config.aliases),
            stemmers,
            lexicon,
            antonyms,
            synonyms,
            detector: LanguageDetector::new(),
        };
        analyzer.add_config_antonyms();
        analyzer
    }

    fn add_config_antonyms(&mut self) {
        for [a, b] in &self.config.lexicon.antonyms {
            for (table, stemmer) in self.antonyms.iter_mut().zip(&self.stemmers) {
                table.add_pair(stemmer, a, b);
            }
        }
    }

    /// Replaces the built-in antonym list of `language` with `list` (same
    /// format as `src/text/data/antonyms.*.txt`: one tab-separated pair per
    /// line), for example a generated WordNet-derived list. The case's
    /// `lexicon.antonyms` are kept. Returns the number of pairs read.
    pub fn replace_antonyms(&mut self, language: Language, list: &str) -> usize {
        let l = lexicon::slot(language);
        let mut table = AntonymTable::new(language == Language::En);
        let n = table.add_list(&self.stemmers[l], list);
        for [a, b] in &self.config.lexicon.antonyms {
            table.add_pair(&self.stemmers[l], a, b);
        }
        self.antonyms[l] = table;
        n
    }

    /// The language of `text` as [`Analyzer::analyze`] detects it when no
    /// language is given, without the rest of the analysis.
    #[must_use]
    pub fn detect_language(&self, text: &str) -> Language {
        let layout = tokenize::segment(text);
        self.detector.detect(&self.lexicon, text, &layout.tokens)
    }

    /// Analyses one text. When `language` is `None` it is detected.
    #[must_use]
    pub fn analyze(&self, text: &str, language: Option<Language>) -> Analysis {
        let mut layout = tokenize::segment(text);
        let (language, language_detected) = match language {
            Some(l) => (l, false),
            None => (
                self.detector.detect(&self.lexicon, text, &layout.tokens),
                true,
            ),
        };
        self.stem(text, language, &mut layout);
        let clause_end = clauses(language, text, &mut layout);
        let Layout {
            mut tokens,
            mut info,
            segs,
        } = layout;

        // Multi-word cues first, so that `sans doute` is a hedge and
        // `selon lesquelles` is reported speech; then negations, then the
        // single cue words left.
        let mut found = self.phrase_cues(language, &tokens, &mut info);
        let negations = negation::find(
            language,
            &tokens,
            &mut info,
            &clause_end,
            &self.lexicon.extra_negations,
        );
        self.word_cues(language, &tokens, &mut info, &mut found);
        found.sort_by_key(|f| f.first);

        self.aliases.apply(&mut tokens, &mut info);
        self.mark_entities(language, &mut tokens, &info);
        let scoped = self.scope_negations(negations, found, &mut tokens, &info);
        mark_reported(&scoped.reported_from, &mut tokens, &info);

        let Scoped {
            mut cues,
            mut cancelled,
            ..
        } = scoped;
        let mut quantities = numbers::find(language, text, &tokens, &segs);
        // A case keeps every analysis for the whole run: no spare capacity.
        tokens.shrink_to_fit();
        cues.shrink_to_fit();
        quantities.shrink_to_fit();
        cancelled.shrink_to_fit();
        Analysis {
            language,
            language_detected,
            tokens,
            cues,
            quantities,
            cancelled,
        }
    }

    /// Marks stop words and stems every other token.
    fn stem(&self, text: &str, language: Language, layout: &mut Layout) {
        let stemmer = &self.stemmers[lexicon::slot(language)];
        for (t, info) in layout.tokens.iter_mut().zip(&layout.info) {
            let raw = text.get(t.span().start..t.span().end).unwrap_or_default();
            let numeric = t.norm.bytes().next().is_some_and(|b| b.is_ascii_digit());
            t.set_stop(info.clitic || numeric || self.lexicon.is_stop(language, &t.norm));
            // Stop words are not stemmed: they never count as content, and
            // cue and antonym lookups also accept the folded word.
            t.stem = if t.stop() {
                t.norm
            } else if raw.is_ascii() && raw.len() <= MAX_STEMMED_BYTES {
                // The stem of an ASCII word depends on its folded form alone.
                cached_stem(language, t.norm, || stem_token(stemmer, raw, &t.norm))
            } else {
                stem_token(stemmer, raw, &t.norm).into()
            };
            t.word_stem = t.stem;
        }
    }

    /// The multi-word cues, in text order, their tokens marked used.
    fn phrase_cues(
        &self,
        language: Language,
        tokens: &[Token],
        info: &mut [tokenize::TokInfo],
    ) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some((mut len, entry)) = self
                .lexicon
                .phrase_at(language, tokens, i, |k| info[k].used)
            else {
                i += 1;
                continue;
            };
            if entry.kind == CueKind::Reported
                && tokens
                    .get(i + len)
                    .is_some_and(|t| matches!(t.norm.as_str(), "que" | "that" | "de" | "of"))
            {
                len += 1;
            }
            found.push(Found {
                cue: Cue {
                    kind: entry.kind,
                    cue: entry.canon.clone(),
                    span: Span {
                        start: tokens[i].span().start,
                        end: tokens[i + len - 1].span().end,
                    },
                },
                first: i,
                last: i + len - 1,
                cancels_negation: entry.cancels_negation,
            });
            for inf in &mut info[i..i + len] {
                inf.used = true;
            }
            i += len;
        }
        found
    }

    /// The single cue words among the tokens no cue used yet, added to
    /// `found` and marked used.
    fn word_cues(
        &self,
        language: Language,
        tokens: &[Token],
        info: &mut [tokenize::TokInfo],
        found: &mut Vec<Found>,
    ) {
        for i in 0..tokens.len() {
            if info[i].used {
                continue;
            }
            let Some(entry) = self.lexicon.word_at(language, &tokens[i], &tokens[i].stem) else {
                continue;
            };
            // `May 2024`, `le 3 mai`: a month, not a hedge.
            let near_digit = |k: Option<usize>| {
                k.and_then(|k| tokens.get(k))
                    .is_some_and(|t| t.norm.bytes().next().is_some_and(|b| b.is_ascii_digit()))
            };
            if entry.kind == CueKind::Hedge
                && tokens[i].norm == "may"
                && (near_digit(i.checked_sub(1)) || near_digit(Some(i + 1)))
            {
                continue;
            }
            info[i].used = true;
            found.push(Found {
                cue: Cue {
                    kind: entry.kind,
                    cue: entry.canon.clone(),
                    span: tokens[i].span(),
                },
                first: i,
                last: i,
                cancels_negation: entry.cancels_negation,
            });
        }
    }

    /// Marks likely proper names, and puts every other content word of a
    /// thesaurus group under the group's stem.
    fn mark_entities(&self, language: Language, tokens: &mut [Token], info: &[tokenize::TokInfo]) {
        let synonyms = self.synonyms.map(|tables| &tables[lexicon::slot(language)]);
        for (t, inf) in tokens.iter_mut().zip(info) {
            if inf.capitalised && !inf.sentence_start && !inf.clitic && !t.stop() {
                t.set_entity(true);
            }
            // Names are matched as names (aliases, spelling variants), not
            // through the thesaurus.
            if let Some(synonyms) = synonyms
                && !t.stop()
                && !t.entity()
                && t.stem == t.word_stem
            {
                t.stem = synonyms.canonical(t.stem);
            }
        }
    }

    /// Negation scope, with double negations cancelled: the cues that hold,
    /// those that cancel out, and where reported speech starts.
    fn scope_negations(
        &self,
        negations: Vec<negation::Negation>,
        found: Vec<Found>,
        tokens: &mut [Token],
        info: &[tokenize::TokInfo],
    ) -> Scoped {
        let mut cancellers: Vec<negation::Canceller> = found
            .iter()
            .enumerate()
            .filter(|(_, f)| f.cancels_negation)
            .map(|(k, f)| negation::Canceller {
                token: f.first,
                last: f.last,
                cue: Some(k),
            })
            .collect();
        for (k, t) in tokens.iter().enumerate() {
            if !info[k].used && self.lexicon.doubt.contains(t.norm.as_str()) {
                cancellers.push(negation::Canceller {
                    token: k,
                    last: k,
                    cue: None,
                });
            }
        }
        cancellers.sort_by_key(|c| c.token);
        let applied = negation::apply(&negations, &cancellers, tokens);

        let mut scoped = Scoped {
            cues: Vec::with_capacity(found.len() + negations.len()),
            cancelled: Vec::new(),
            reported_from: Vec::new(),
        };
        for (n, is_cancelled) in negations.into_iter().zip(&applied.cancelled) {
            for &t in &n.tokens {
                tokens[t].set_stop(true);
            }
            if *is_cancelled {
                scoped.cancelled.push(n.cue);
            } else {
                scoped.cues.push(n.cue);
            }
        }
        let mut cue_cancelled = vec![false; found.len()];
        for &k in &applied.cancelled_cues {
            if let Some(c) = cue_cancelled.get_mut(k) {
                *c = true;
            }
        }
        for (f, is_cancelled) in found.into_iter().zip(cue_cancelled) {
            for t in &mut tokens[f.first..=f.last] {
                t.set_stop(true);
            }
            if is_cancelled {
                scoped.cancelled.push(f.cue);
                continue;
            }
            if f.cue.kind == CueKind::Reported {
                scoped.reported_from.push(f.last);
            }
            scoped.cues.push(f.cue);
        }
        scoped.cues.sort_by_key(|c| (c.span.start, c.kind));
        scoped.cancelled.sort_by_key(|c| (c.span.start, c.kind));
        scoped
    }

    /// The Jaro-Winkler similarity of two normalised words when it reaches
    /// the configured fuzzy threshold and both words are long enough to
    /// compare (spelling variants such as `durov`/`dourov`).
    ///
    /// Words are compared as written and as transliteration skeletons
    /// (`ou`→`u`, `y`→`i`, `ph`→`f`, doubled letters collapsed, see
    /// [`normalize::skeleton`]); the higher score counts. Equal words and
    /// words shorter than four or longer than 64 characters give `None`.
    #[must_use]
    pub fn fuzzy_match(&self, a: &str, b: &str) -> Option<f64> {
        SKELETONS.with(|buffers| {
            let mut buffers = buffers.borrow_mut();
            let (skeleton_a, skeleton_b) = &mut *buffers;
            self.fuzzy_match_with(a, b, || {
                normalize::skeleton_into(a, skeleton_a);
                normalize::skeleton_into(b, skeleton_b);
                (Cow::Borrowed(&**skeleton_a), Cow::Borrowed(&**skeleton_b))
            })
        })
    }

    /// [`Analyzer::fuzzy_match`] with the two skeletons already computed
    /// (the candidate search computes each name's once).
    #[must_use]
    pub fn fuzzy_match_skeletons(
        &self,
        (a, skeleton_a): (&str, &str),
        (b, skeleton_b): (&str, &str),
    ) -> Option<f64> {
        self.fuzzy_match_with(a, b, || {
            (Cow::Borrowed(skeleton_a), Cow::Borrowed(skeleton_b))
        })
    }

    /// Jaro-Winkler of the two words, or of their skeletons (computed only
    /// when the words alone fall short) if that is higher.
    fn fuzzy_match_with<'s>(
        &self,
        a: &str,
        b: &str,
        skeletons: impl FnOnce() -> (Cow<'s, str>, Cow<'s, str>),
    ) -> Option<f64> {
        let comparable = |w: &str| (4..=MAX_FUZZY_CHARS).contains(&w.chars().count());
        if a == b || !comparable(a) || !comparable(b) {
            return None;
        }
        let threshold = self.config.fuzzy_threshold;
        // Jaro-Winkler only where its bound can reach the threshold (most
        // pairs of names have too few letters in common).
        let score_of = |a: &str, b: &str| {
            if jaro_winkler_bound(a, b) < threshold {
                0.0
            } else {
                strsim::jaro_winkler(a, b)
            }
        };
        let mut score = score_of(a, b);
        if score < threshold {
            let (skeleton_a, skeleton_b) = skeletons();
            score = score.max(score_of(&skeleton_a, &skeleton_b));
        }
        (score >= threshold).then_some(score)
    }

    /// The Jaro-Winkler score from which two names are spelling variants
    /// ([`Analyzer::fuzzy_match`]).
    #[must_use]
    pub fn fuzzy_threshold(&self) -> f64 {
        self.config.fuzzy_threshold
    }

    /// True when the two stems are antonyms in the language
    /// (`open`/`closed`, `vrai`/`faux`). Normalised (unstemmed) words are
    /// accepted too.
    #[must_use]
    pub fn are_antonyms(&self, language: Language, a: &str, b: &str) -> bool {
        self.antonyms[lexicon::slot(language)].contains(a, b)
    }

    /// The antonyms of `a`, looked up once, to test against many words
    /// (the same answers as [`Analyzer::are_antonyms`]).
    #[must_use]
    pub fn antonyms_of<'t>(&'t self, language: Language, a: &'t str) -> antonyms::Opposites<'t> {
        self.antonyms[lexicon::slot(language)].opposites(a)
    }
}

#[cfg(test)]
mod tests;
