//! Sentence boundaries for running text (articles, not single claims).
//!
//! Unicode sentence boundaries (UAX #29, `split_sentence_bound_indices`)
//! break after every full stop that precedes a capital letter, which cuts
//! `M. Castaing`, `Sen. Laura Pemberton`, `Dr Philippe Moreau`'s English
//! twin `Dr. Helen Castellano` and `Carlos A. Samour Jr.` in pieces. This
//! module joins a piece back to the next one when it ends with an
//! abbreviation of the article's language (the lists are data files,
//! `data/abbreviations.fr.txt` and `data/abbreviations.en.txt`), with an
//! initial (one capital letter and a stop), or when the next piece starts
//! with a lower-case letter (no sentence does).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Language;

const ABBREVIATIONS_FR: &str = include_str!("data/abbreviations.fr.txt");
const ABBREVIATIONS_EN: &str = include_str!("data/abbreviations.en.txt");

fn list(text: &str) -> BTreeSet<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The abbreviations of `language`, as written, without their stop.
fn abbreviations(language: Language) -> &'static BTreeSet<&'static str> {
    static FR: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    static EN: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    match language {
        Language::Fr => FR.get_or_init(|| list(ABBREVIATIONS_FR)),
        Language::En => EN.get_or_init(|| list(ABBREVIATIONS_EN)),
    }
}

/// True when `word` (the text before a final stop) is an abbreviation of
/// `language` or an initial (`A`, `J.-P`).
#[must_use]
pub fn is_abbreviation(word: &str, language: Language) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    initial || abbreviations(language).contains(word)
}

/// The byte spans of the sentences of `text`, trailing blanks included as
/// `split_sentence_bound_indices` gives them.
#[must_use]
pub fn sentence_spans(text: &str, language: Language) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut join_next = false;
    for (start, piece) in text.split_sentence_bound_indices() {
        let end = start + piece.len();
        let starts_lower = piece
            .trim_start()
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if join_next || starts_lower => last.1 = end,
            _ => out.push((start, end)),
        }
        let trimmed = piece.trim_end();
        join_next = trimmed.strip_suffix('.').is_some_and(|before| {
            let word = before
                .rsplit(|c: char| c.is_whitespace() || "(«“\"'’".contains(c))
                .next()
                .unwrap_or_default();
            !word.is_empty() && is_abbreviation(word, language)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, language: Language) -> Vec<&str> {
        sentence_spans(text, language)
            .into_iter()
            .map(|(s, e)| text[s..e].trim())
            .collect()
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            pieces(
                "Sen. Laura Pemberton spoke. Judge Carlos A. Samour Jr. said no. Mr. Whitcomb left.",
                Language::En
            ),
            [
                "Sen. Laura Pemberton spoke.",
                "Judge Carlos A. Samour Jr. said no.",
                "Mr. Whitcomb left."
            ]
        );
        assert_eq!(
            pieces(
                "M. Castaing a reconnu les faits. Mme Anselme a répondu.",
                Language::Fr
            ),
            ["M. Castaing a reconnu les faits.", "Mme Anselme a répondu."]
        );
    }

    #[test]
    fn lists_are_per_language() {
        // "est" is an English abbreviation, but a French word.
        assert_eq!(
            pieces("Le vent vient de l'est. Il pleut.", Language::Fr),
            ["Le vent vient de l'est.", "Il pleut."]
        );
    }
}
