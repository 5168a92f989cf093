//! Entity aliases from the case configuration.
//!
//! `config.aliases` lists groups of names for one entity, canonical name
//! first (`["Telegram", "la plateforme", "la messagerie"]`). Names are
//! matched on normalised token sequences, so elision and apostrophes do not
//! matter, and a leading determiner matches any determiner (`la plateforme`
//! also matches `sa plateforme`, `cette plateforme`, `l'` forms), because in a
//! case file such phrases refer to the entity whatever the determiner. The
//! matched tokens become entities; the first content token carries the folded
//! canonical name as its stem and the others become stop words so that a
//! multi-word name counts once.

use super::Token;
use super::lexicon::{PhraseSet, phrase_words};
use super::tokenize::TokInfo;

/// The class key that every determiner maps to.
const DETERMINER: &str = "\u{0}det";

/// Determiners that are interchangeable at the start of an alias.
const DETERMINERS: &[&str] = &[
    "le", "la", "sa", "son", "cette", "ce", "cet", "leur", "the", "its", "his", "her", "their",
    "this", "that",
];

/// The matching key of a token: its norm, or the determiner class.
fn key(t: &Token) -> &str {
    if DETERMINERS.contains(&t.norm.as_str()) {
        DETERMINER
    } else {
        t.norm.as_str()
    }
}

/// The aliases of one case.
#[derive(Debug, Default)]
pub(crate) struct Aliases {
    phrases: PhraseSet<usize>,
    canon: Vec<String>,
}

impl Aliases {
    /// Prepares the alias groups.
    pub fn new(groups: &[Vec<String>]) -> Aliases {
        let mut aliases = Aliases::default();
        for group in groups {
            let Some(first) = group.first() else { continue };
            let canon = phrase_words(first).join(" ");
            if canon.is_empty() {
                continue;
            }
            let idx = aliases.canon.len();
            aliases.canon.push(canon);
            for name in group {
                let words: Vec<String> = phrase_words(name)
                    .into_iter()
                    .map(|w| {
                        if DETERMINERS.contains(&w.as_str()) {
                            DETERMINER.to_owned()
                        } else {
                            w
                        }
                    })
                    .collect();
                // A name made of a determiner alone would match everywhere.
                if words.iter().any(|w| w != DETERMINER) {
                    aliases.phrases.insert(words, idx);
                }
            }
        }
        aliases
    }

    /// Marks alias occurrences in `tokens`. Tokens already used by cues are
    /// not matched.
    pub fn apply(&self, tokens: &mut [Token], info: &mut [TokInfo]) {
        if self.phrases.is_empty() {
            return;
        }
        let mut i = 0;
        while i < tokens.len() {
            let hit = self.phrases.longest_at(tokens, i, key, |k| info[k].used);
            let Some((len, &idx)) = hit else {
                i += 1;
                continue;
            };
            let range = i..i + len;
            let carrier = range.clone().find(|&k| !tokens[k].stop()).unwrap_or(i);
            for k in range {
                tokens[k].set_entity(true);
                info[k].used = true;
                if k == carrier {
                    tokens[k].stem = self.canon[idx].as_str().into();
                    tokens[k].set_stop(false);
                } else {
                    tokens[k].set_stop(true);
                }
            }
            i += len;
        }
    }
}
