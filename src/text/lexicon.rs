//! Word lists and the structures that match them: stop words (data files
//! under `data/`), cue words for denial, hedging and reported speech, and a
//! small phrase matcher shared by cues and aliases.
//!
//! Everything is built once in [`Lexicon::new`] (folded, stemmed, hashed) so
//! that analysing a claim only does hash lookups. Single cue words are
//! matched on their folded form; denial verbs and adjectives are also
//! matched on their Snowball stem so that conjugations (`nie`, `dément`,
//! `a démenti`, `denied`) are caught. Hedges are matched on forms only,
//! because their stems are too broad (`likely` stems to `like`).

use crate::{FastMap, FastSet};

use rust_stemmers::Stemmer;

use super::normalize::fold;
use super::{CueKind, Token};
use crate::config::LexiconAdditions;
use crate::model::Language;

/// The built-in French stop words.
const STOP_FR: &str = include_str!("data/stopwords.fr.txt");
/// The built-in English stop words.
const STOP_EN: &str = include_str!("data/stopwords.en.txt");

/// Iterates the entries of a one-entry-per-line data file, skipping blank
/// lines and `#` comments.
pub(crate) fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A matcher for multi-word phrases over token norms. Phrases are stored by
/// their first word, longest first; a `*` word matches any one token.
#[derive(Debug, Clone)]
pub(crate) struct PhraseSet<T> {
    by_first: FastMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            by_first: FastMap::default(),
        }
    }
}

impl<T> PhraseSet<T> {
    /// Adds a phrase given as folded words. Empty phrases and phrases
    /// starting with `*` are ignored.
    pub fn insert(&mut self, words: Vec<String>, value: T) {
        let Some(first) = words.first() else { return };
        if first == "*" {
            return;
        }
        let list = self.by_first.entry(first.clone()).or_default();
        list.push((words, value));
        list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
    }

    /// The longest phrase starting at token `i`, as `(length, value)`.
    /// `key` maps a token to the string compared with the phrase words and
    /// `skip` says which tokens may not be part of a match.
    pub fn longest_at<'a>(
        &'a self,
        tokens: &[Token],
        i: usize,
        key: impl Fn(&Token) -> &str,
        skip: impl Fn(usize) -> bool,
    ) -> Option<(usize, &'a T)> {
        let first = tokens.get(i)?;
        let list = self.by_first.get(key(first))?;
        'phrases: for (words, value) in list {
            if i + words.len() > tokens.len() {
                continue;
            }
            for (k, w) in words.iter().enumerate() {
                if skip(i + k) || (w != "*" && w != key(&tokens[i + k])) {
                    continue 'phrases;
                }
            }
            return Some((words.len(), value));
        }
        None
    }

    /// True when nothing was inserted.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// Splits a lexicon phrase into folded words the way the tokenizer would
/// (elided clitics expanded: `d'après` -> `de apres`).
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    let mut words = Vec::new();
    for piece in phrase.split_whitespace() {
        if piece == "*" {
            words.push("*".to_owned());
        } else {
            words.extend(
                super::tokenize::segment(piece)
                    .tokens
                    .into_iter()
                    .map(|t| t.norm.to_string()),
            );
        }
    }
    words
}

/// How a cue was written in the lexicon: its kind and its canonical form.
#[derive(Debug, Clone)]
pub(crate) struct CueEntry {
    /// What the cue signals.
    pub kind: CueKind,
    /// The normalised cue reported in [`super::Cue::cue`].
    pub canon: String,
    /// A denial adjective (`faux`, `untrue`) or a doubt word: it cancels a
    /// directly preceding negation (`ce n'est pas faux`, `no doubt`).
    pub cancels_negation: bool,
}

/// Words that cancel a directly preceding negation without being cues of
/// their own (`no doubt` means certainty).
const DOUBT_WORDS: &[&str] = &["doute", "doutes", "doubt", "doubts"];

// Single cue words are written `lemma|form|form...`: every form (and the
// stem of every form, for denials) maps to the lemma, which is what
// `Cue::cue` reports.

/// Denial verbs and nouns, matched on stems and forms.
const DENIAL_FR: &[&str] = &[
    "nier|nie|nient|nié|niée|niés|niées|niait|niaient|nierait|nions|niez|nié",
    "démentir|démenti|démentie|démentis|démentent|dément|démens|démentait|démentira",
    "contester|conteste|contestent|contesté|contestée|contestation",
    "refuser|refuse|refusent|refusé|refusée|refus",
    "rejeter|rejette|rejettent|rejeté|rejetée|rejet",
    "réfuter|réfute|réfutent|réfuté|réfutée",
    "mensonge|mensonges",
    "mensonger|mensongère|mensongers|mensongères",
    "calomnie|calomnies|calomnieux|calomnieuse",
    "diffamation|diffamatoire",
];
/// Denial adjectives: also cancel a preceding negation.
const DENIAL_ADJ_FR: &[&str] = &[
    "faux|fausse|fausses",
    "infondé|infondée|infondés|infondées",
    "inexact|inexacte|inexacts|inexactes",
    "erroné|erronée|erronés|erronées",
    "absurde|absurdes",
    "grotesque|grotesques",
];
/// Multi-word denials (matched before single words).
const DENIAL_PHRASES_FR: &[&str] = &[
    "absolument faux",
    "totalement faux",
    "complètement faux",
    "entièrement faux",
    "archi faux",
    "fake news",
    "dénué de fondement",
    "dénuée de fondement",
    "dénuées de tout fondement",
    "dénué de tout fondement",
];
const DENIAL_EN: &[&str] = &[
    "deny|denied|denies|denying",
    "denial|denials",
    "reject|rejects|rejected|rejecting",
    "refute|refutes|refuted|refuting",
    "rebut|rebuts|rebutted",
    "hoax|hoaxes",
    "lie|lies|lied|lying",
    "fabrication|fabrications",
    "smear|smears",
];
const DENIAL_ADJ_EN: &[&str] = &[
    "false",
    "untrue",
    "baseless",
    "unfounded",
    "wrong",
    "incorrect",
    "inaccurate",
    "fake",
    "bogus",
    "groundless",
    "fabricated",
];
const DENIAL_PHRASES_EN: &[&str] = &[
    "fake news",
    "completely false",
    "absolutely false",
    "totally false",
];

/// Hedges, matched on folded forms.
const HEDGE_FR: &[&str] = &[
    "prétendument",
    "prétendu|prétendue|prétendus|prétendues",
    "présumé|présumée|présumés|présumées",
    "présumément",
    "supposé|supposée|supposés|supposées",
    "supposément",
    "probablement",
    "selon",
    "pourrait|pourraient",
    "aurait|auraient",
    "serait|seraient",
    "sembler|semble|semblent|semblerait|sembleraient",
    "apparemment",
    "vraisemblablement",
    "possiblement",
    "éventuellement",
    "potentiellement",
    "soupçonné|soupçonnée|soupçonnés|soupçonnées",
    "allégué|alléguée|allégués|alléguées",
];
const HEDGE_PHRASES_FR: &[&str] = &[
    "peut-être",
    "il semble",
    "il semblerait",
    "sans doute",
    "à priori",
    "a priori",
    "il est possible",
    "il se peut",
    "d'après",
];
const HEDGE_EN: &[&str] = &[
    "may",
    "might",
    "could",
    "allegedly",
    "reportedly",
    "possibly",
    "perhaps",
    "probably",
    "likely",
    "unlikely",
    "apparently",
    "seem|seems|seemed",
    "seemingly",
    "appear|appears",
    "supposedly",
    "purportedly",
    "presumably",
    "alleged",
    "suspected",
    "maybe",
    "arguably",
    "purported",
];
const HEDGE_PHRASES_EN: &[&str] = &[
    "it appears",
    "it seems",
    "according to",
    "is said to",
    "are said to",
];

/// Reported speech: the speaker reports a view without holding it.
const REPORTED_FR: &[&str] = &[
    "certains affirment",
    "certains * affirment",
    "certains prétendent",
    "certains * prétendent",
    "certains disent",
    "certains * disent",
    "certains estiment",
    "certains * estiment",
    "certains * accusent",
    "d'aucuns affirment",
    "selon certains",
    "selon lesquelles",
    "selon lesquels",
    "selon laquelle",
    "selon lequel",
    "d'après certains",
    "les affirmations",
    "des affirmations",
    "ces affirmations",
    "les allégations",
    "des allégations",
    "ces allégations",
    "les accusations",
    "des accusations",
    "les rumeurs",
    "des rumeurs",
    "la rumeur",
    "on dit que",
    "il se dit",
    "il est allégué",
    "il est prétendu",
    "on prétend",
    "on raconte",
];
const REPORTED_EN: &[&str] = &[
    "some say",
    "some claim",
    "some argue",
    "some have claimed",
    "some have said",
    "some * say",
    "some * claim",
    "some * allege",
    "others say",
    "critics claim",
    "critics say",
    "critics allege",
    "critics argue",
    "it is claimed",
    "it has been claimed",
    "it is alleged",
    "it has been alleged",
    "it is said",
    "it is rumoured",
    "it is rumored",
    "rumours that",
    "rumors that",
    "rumours of",
    "rumors of",
    "allegations that",
    "allegations of",
    "claims that",
    "the claim that",
    "according to some",
    "according to critics",
    "reports that",
];

/// The built-in lists of one language: denial words, denial adjectives,
/// denial phrases, hedge words, hedge phrases, reported-speech phrases.
type Table = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

/// The stop words and cue lexicons of one analyzer.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// French stop words, folded.
    pub stop_fr: FastSet<String>,
    /// English stop words, folded.
    pub stop_en: FastSet<String>,
    /// Stop words added by the case, folded, for both languages.
    pub stop_extra: FastSet<String>,
    /// Single cue words by folded form, per language.
    forms: [FastMap<String, CueEntry>; 2],
    /// Single cue words by folded stem, per language.
    stems: [FastMap<String, CueEntry>; 2],
    /// Multi-word cues, per language.
    phrases: [PhraseSet<CueEntry>; 2],
    /// Words that cancel a preceding negation (`doubt`).
    pub doubt: FastSet<&'static str>,
    /// Extra negation words from the case, as folded phrases.
    pub extra_negations: PhraseSet<String>,
}

/// The slot of a language in per-language arrays.
pub(crate) fn slot(language: Language) -> usize {
    match language {
        Language::Fr => 0,
        Language::En => 1,
    }
}

/// Stems a word with `stemmer` and folds the result (stemming runs on the
/// lower-cased, accented form because the French stemmer needs the accents).
pub(crate) fn stem_word(stemmer: &Stemmer, word: &str) -> String {
    let lower = word.to_lowercase();
    fold(&stemmer.stem(&lower))
}

impl Lexicon {
    /// Builds every set, with the case's additions.
    pub fn new(stemmers: &[Stemmer; 2], extra: &LexiconAdditions) -> Lexicon {
        let mut lex = Lexicon {
            stop_fr: data_lines(STOP_FR).map(fold).collect(),
            stop_en: data_lines(STOP_EN).map(fold).collect(),
            stop_extra: extra.stopwords.iter().map(|w| fold(w.trim())).collect(),
            doubt: DOUBT_WORDS.iter().copied().collect(),
            ..Lexicon::default()
        };
        let tables: [Table; 2] = [
            (
                DENIAL_FR,
                DENIAL_ADJ_FR,
                DENIAL_PHRASES_FR,
                HEDGE_FR,
                HEDGE_PHRASES_FR,
                REPORTED_FR,
            ),
            (
                DENIAL_EN,
                DENIAL_ADJ_EN,
                DENIAL_PHRASES_EN,
                HEDGE_EN,
                HEDGE_PHRASES_EN,
                REPORTED_EN,
            ),
        ];
        for (l, (denial, denial_adj, denial_phrases, hedge, hedge_phrases, reported)) in
            tables.iter().enumerate()
        {
            let stemmer = &stemmers[l];
            for (words, cancels) in [(*denial, false), (*denial_adj, true)] {
                for w in words {
                    lex.add_word(l, stemmer, w, CueKind::Denial, cancels, true);
                }
            }
            for w in *hedge {
                lex.add_word(l, stemmer, w, CueKind::Hedge, false, false);
            }
            for (phrases, kind) in [
                (*denial_phrases, CueKind::Denial),
                (*hedge_phrases, CueKind::Hedge),
                (*reported, CueKind::Reported),
            ] {
                for p in phrases {
                    let words = phrase_words(p);
                    let entry = CueEntry {
                        kind,
                        canon: words.join(" "),
                        // `absolument faux` cancels a negation like `faux`.
                        cancels_negation: kind == CueKind::Denial
                            && !words.iter().any(|w| w == "news"),
                    };
                    lex.phrases[l].insert(words, entry);
                }
            }
        }
        for (l, stemmer) in stemmers.iter().enumerate() {
            for w in &extra.denials {
                lex.add_word(l, stemmer, w, CueKind::Denial, false, true);
            }
            for w in &extra.hedges {
                lex.add_word(l, stemmer, w, CueKind::Hedge, false, true);
            }
        }
        for w in &extra.negations {
            let words = phrase_words(w);
            let canon = words.join(" ");
            lex.extra_negations.insert(words, canon);
        }
        lex
    }

    /// Adds one cue entry, `lemma|form|form...` (a phrase when the lemma
    /// has several words).
    fn add_word(
        &mut self,
        l: usize,
        stemmer: &Stemmer,
        entry: &str,
        kind: CueKind,
        cancels: bool,
        by_stem: bool,
    ) {
        let mut forms = entry.split('|').map(str::trim).filter(|f| !f.is_empty());
        let Some(lemma) = forms.next() else { return };
        let lemma_words = phrase_words(lemma);
        let canon = lemma_words.join(" ");
        if canon.is_empty() {
            return;
        }
        let cue = CueEntry {
            kind,
            canon,
            cancels_negation: cancels,
        };
        for form in std::iter::once(lemma).chain(forms) {
            let words = phrase_words(form);
            if words.len() > 1 {
                self.phrases[l].insert(words, cue.clone());
                continue;
            }
            let Some(folded) = words.into_iter().next() else {
                continue;
            };
            if by_stem {
                // Short stems (`ni` for `nier`) would catch unrelated words.
                let stem = stem_word(stemmer, form);
                if stem.chars().count() >= 4 {
                    self.stems[l].entry(stem).or_insert_with(|| cue.clone());
                }
            }
            self.forms[l].entry(folded).or_insert_with(|| cue.clone());
        }
    }

    /// True when `norm` is a stop word of `language` or of the case.
    pub fn is_stop(&self, language: Language, norm: &str) -> bool {
        let set = match language {
            Language::Fr => &self.stop_fr,
            Language::En => &self.stop_en,
        };
        set.contains(norm) || self.stop_extra.contains(norm)
    }

    /// The multi-word cue starting at token `i`, as `(number of tokens,
    /// entry)`. Phrases are matched before negation so that `sans doute`
    /// reads as a hedge, not as `sans`.
    pub fn phrase_at<'a>(
        &'a self,
        language: Language,
        tokens: &[Token],
        i: usize,
        skip: impl Fn(usize) -> bool,
    ) -> Option<(usize, &'a CueEntry)> {
        self.phrases[slot(language)].longest_at(tokens, i, |t| t.norm.as_str(), skip)
    }

    /// The single-word cue at token `i`: by folded form, then by stem.
    pub fn word_at(&self, language: Language, token: &Token, stem: &str) -> Option<&CueEntry> {
        let l = slot(language);
        self.forms[l]
            .get(token.norm.as_str())
            .or_else(|| self.stems[l].get(stem))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    fn lexicon() -> Lexicon {
        let stemmers = [
            Stemmer::create(Algorithm::French),
            Stemmer::create(Algorithm::English),
        ];
        Lexicon::new(&stemmers, &LexiconAdditions::default())
    }

    #[test]
    fn stop_lists_are_real_lists() {
        let lex = lexicon();
        assert!(lex.stop_fr.len() > 200, "{}", lex.stop_fr.len());
        assert!(lex.stop_en.len() > 150, "{}", lex.stop_en.len());
        for w in ["le", "de", "etait", "ou", "tres", "ne", "pas"] {
            assert!(lex.is_stop(Language::Fr, w), "{w}");
        }
        for w in ["the", "of", "not", "doesn", "s"] {
            assert!(lex.is_stop(Language::En, w), "{w}");
        }
        for w in ["plateforme", "telegram", "enquete"] {
            assert!(!lex.is_stop(Language::Fr, w), "{w}");
        }
    }

    #[test]
    fn phrase_set_prefers_longest_and_supports_wildcards() {
        let mut set = PhraseSet::default();
        set.insert(phrase_words("certains affirment"), 1);
        set.insert(phrase_words("certains * affirment"), 2);
        let toks = super::super::tokenize::segment("certains médias affirment que").tokens;
        assert_eq!(
            set.longest_at(&toks, 0, |t| t.norm.as_str(), |_| false),
            Some((3, &2))
        );
        let toks = super::super::tokenize::segment("certains affirment").tokens;
        assert_eq!(
            set.longest_at(&toks, 0, |t| t.norm.as_str(), |_| false),
            Some((2, &1))
        );
        assert_eq!(
            set.longest_at(&toks, 5, |t| t.norm.as_str(), |_| false),
            None
        );
    }
}
