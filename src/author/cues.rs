//! The speech-cue lexicon of `extract`: which words report speech, in
//! which grammatical shape, and with which stance.
//!
//! The lists are data files, `data/cues.fr.txt` and `data/cues.en.txt`,
//! one form per line (`FORM CLASS STANCE [object]`), compared in lower
//! case with their diacritics; they are general
//! lexicons of French and English speech verbs, not lists made for any
//! article. A cue's stance says what the speaker does with the reported
//! content: asserts it, denies it (`denied`, `dément`, `conteste`) or
//! concedes it (`admitted`, `a reconnu`). A drafted claim never loses a
//! denying stance (see [`super::extract`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::text::normalize::fold;

const CUES_FR: &str = include_str!("data/cues.fr.txt");
const CUES_EN: &str = include_str!("data/cues.en.txt");

/// What a speaker does with what they report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stance {
    /// The speaker holds the content true.
    Assert,
    /// The speaker denies the content.
    Deny,
    /// The speaker concedes the content (holds it true, reluctantly).
    Concede,
}

/// The grammatical shape a cue word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CueClass {
    /// A French past participle after an auxiliary (`a déclaré`).
    Participle,
    /// A French present (`, affirme X`, `X estime que`).
    Present,
    /// An English past or present form, with or without an auxiliary.
    Finite,
    /// A present participle (`insistant sur le fait que`, `adding that`).
    Gerund,
}

/// One entry of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueWord {
    /// Its shape.
    pub class: CueClass,
    /// Its stance.
    pub stance: Stance,
    /// The verb may take a noun phrase as its content.
    pub takes_object: bool,
    /// The verb reports speech only with a `que`/`that` clause (`found
    /// that`, `a conclu que`; not `found cracks`).
    pub clause_only: bool,
}

/// The form a cue is looked up by: lower case with diacritics kept (a
/// French present `affirme` is not the participle `affirmé`), composed
/// (NFC), apostrophes unified.
#[must_use]
pub fn lower(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfc()
        .collect::<String>()
        .to_lowercase()
        .replace(['’', 'ʼ', '‘'], "'")
}

/// The cue lexicon of both languages, keyed by [`lower`] form. A form that is
/// in both languages' lists keeps one entry per class.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: BTreeMap<String, Vec<CueWord>>,
}

impl Lexicon {
    /// The built-in lexicon (parsed once).
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let mut lexicon = Lexicon::default();
            lexicon.add(CUES_FR);
            lexicon.add(CUES_EN);
            lexicon
        })
    }

    /// Adds the lines of one data file; malformed lines are skipped (the
    /// unit tests check that the bundled files have none).
    fn add(&mut self, text: &str) {
        for line in text.lines() {
            if let Some((form, word)) = parse_line(line) {
                self.words.entry(form).or_default().push(word);
            }
        }
    }

    /// The entry of `norm` (a [`lower`] word) in `class`, if any.
    #[must_use]
    pub fn get(&self, norm: &str, class: CueClass) -> Option<CueWord> {
        self.words
            .get(norm)
            .and_then(|entries| entries.iter().find(|w| w.class == class).copied())
    }

    /// The entry of `norm` in any class, if any.
    #[must_use]
    pub fn any(&self, norm: &str) -> Option<CueWord> {
        self.words.get(norm).and_then(|e| e.first().copied())
    }

    /// A French participle with its agreement (`exprimée`, `déclarés`).
    #[must_use]
    pub fn participle(&self, norm: &str) -> Option<CueWord> {
        self.get(norm, CueClass::Participle).or_else(|| {
            ["es", "e", "s"].iter().find_map(|suffix| {
                norm.strip_suffix(suffix)
                    .and_then(|stem| self.get(stem, CueClass::Participle))
            })
        })
    }
}

fn parse_line(line: &str) -> Option<(String, CueWord)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let fields: Vec<&str> = line.split_whitespace().collect();
    let (form, class, stance) = (fields.first()?, fields.get(1)?, fields.get(2)?);
    let class = match fold(class).as_str() {
        "participe" => CueClass::Participle,
        "present" => CueClass::Present,
        "gerondif" | "gerund" => CueClass::Gerund,
        "finite" => CueClass::Finite,
        _ => return None,
    };
    let stance = match fold(stance).as_str() {
        "affirme" | "assert" => Stance::Assert,
        "dement" | "deny" => Stance::Deny,
        "concede" => Stance::Concede,
        _ => return None,
    };
    let (takes_object, clause_only) = match fields.get(3).map(|f| fold(f)) {
        None => (false, false),
        Some(flag) if matches!(flag.as_str(), "objet" | "object") => (true, false),
        Some(flag) if matches!(flag.as_str(), "que" | "that") => (false, true),
        Some(_) => return None,
    };
    if fields.len() > 4 {
        return None;
    }
    Some((
        lower(form),
        CueWord {
            class,
            stance,
            takes_object,
            clause_only,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_bundled_lists_parses() {
        for text in [CUES_FR, CUES_EN] {
            for line in text.lines() {
                let t = line.trim();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                assert!(parse_line(line).is_some(), "malformed cue line: {line}");
            }
        }
    }

    #[test]
    fn stances_come_from_the_lists() {
        let lexicon = Lexicon::builtin();
        assert_eq!(
            lexicon.get("denied", CueClass::Finite).map(|w| w.stance),
            Some(Stance::Deny)
        );
        assert_eq!(
            lexicon.participle("démentie").map(|w| w.stance),
            Some(Stance::Deny)
        );
        assert_eq!(
            lexicon
                .get("reconnaît", CueClass::Present)
                .map(|w| w.stance),
            Some(Stance::Concede)
        );
        assert_eq!(
            lexicon.participle("exprimée").map(|w| w.stance),
            Some(Stance::Assert)
        );
        // The present is not the participle.
        assert!(lexicon.get("accusé", CueClass::Present).is_none());
        assert!(lexicon.participle("accuse").is_none());
    }
}
