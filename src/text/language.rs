//! Language detection for claims without a declared language.
//!
//! `whatlang` is restricted to French and English (an allowlist); its
//! trigram model is unreliable on short texts, so a stop-word vote over the
//! already segmented tokens decides when whatlang is not confident.

use whatlang::{Detector, Lang};

use super::Token;
use super::lexicon::Lexicon;
use crate::model::Language;

/// A French/English detector.
#[derive(Debug)]
pub(crate) struct LanguageDetector {
    detector: Detector,
}

impl LanguageDetector {
    /// A detector restricted to French and English.
    pub fn new() -> LanguageDetector {
        LanguageDetector {
            detector: Detector::with_allowlist(vec![Lang::Fra, Lang::Eng]),
        }
    }

    /// The language of `text`, whose tokens are `tokens`.
    pub fn detect(&self, lexicon: &Lexicon, text: &str, tokens: &[Token]) -> Language {
        let (mut fr, mut en) = (0usize, 0usize);
        for t in tokens {
            fr += usize::from(lexicon.stop_fr.contains(t.norm.as_str()));
            en += usize::from(lexicon.stop_en.contains(t.norm.as_str()));
        }
        let vote = match fr.cmp(&en) {
            std::cmp::Ordering::Greater => Some(Language::Fr),
            std::cmp::Ordering::Less => Some(Language::En),
            std::cmp::Ordering::Equal => None,
        };
        let info = self.detector.detect(text);
        let guess = info.as_ref().map(|i| {
            if i.lang() == Lang::Fra {
                Language::Fr
            } else {
                Language::En
            }
        });
        match (info, guess, vote) {
            (Some(i), Some(g), _) if i.is_reliable() => g,
            (_, _, Some(v)) => v,
            (_, Some(g), None) => g,
            _ => Language::En,
        }
    }
}
