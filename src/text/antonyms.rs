//! Antonym pairs per language, from data lists.
//!
//! The built-in lists are the tab-separated files `data/antonyms.fr.txt` and
//! `data/antonyms.en.txt` (one pair per line, `#` comments). Each word is
//! stored both folded and stemmed, so a lookup works with stems or with
//! normalised words. A generated list (for example WordNet-derived) in the
//! same format can replace the built-in one through
//! [`Analyzer::replace_antonyms`](super::Analyzer::replace_antonyms) or by
//! replacing the data file. English also gets the `un-` prefix rule
//! (`safe`/`unsafe`).

use crate::FastMap;

use rust_stemmers::Stemmer;

use super::lexicon::{data_lines, stem_word};
use super::normalize::fold;

/// The built-in French pairs.
pub(crate) const BUILTIN_FR: &str = include_str!("data/antonyms.fr.txt");
/// The built-in English pairs.
pub(crate) const BUILTIN_EN: &str = include_str!("data/antonyms.en.txt");

/// A symmetric set of antonym pairs for one language.
#[derive(Debug, Default, Clone)]
pub struct AntonymTable {
    /// Each word's antonyms (both directions are stored).
    pairs: FastMap<String, Vec<String>>,
    un_prefix: bool,
}

impl AntonymTable {
    /// An empty table. With `un_prefix`, `unX`/`X` pairs (English) count as
    /// antonyms without being listed.
    #[must_use]
    pub fn new(un_prefix: bool) -> AntonymTable {
        AntonymTable {
            pairs: FastMap::default(),
            un_prefix,
        }
    }

    /// Reads a list: one pair per line, two words separated by a tab (or
    /// spaces when there is no tab), `#` comments. Malformed lines are
    /// skipped. Returns the number of pairs added.
    pub fn add_list(&mut self, stemmer: &Stemmer, list: &str) -> usize {
        let mut added = 0;
        for line in data_lines(list) {
            let mut parts: Vec<&str> = if line.contains('\t') {
                line.split('\t')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            } else {
                line.split_whitespace().collect()
            };
            parts.truncate(3);
            if let [a, b] = parts[..] {
                self.add_pair(stemmer, a, b);
                added += 1;
            }
        }
        added
    }

    /// Adds one pair, stored folded and stemmed.
    pub fn add_pair(&mut self, stemmer: &Stemmer, a: &str, b: &str) {
        let (fa, fb) = (fold(a.trim()), fold(b.trim()));
        if fa.is_empty() || fb.is_empty() || fa == fb {
            return;
        }
        let (sa, sb) = (stem_word(stemmer, a.trim()), stem_word(stemmer, b.trim()));
        if sa != sb {
            self.link(&sa, &sb);
        }
        self.link(&fa, &fb);
    }

    fn link(&mut self, a: &str, b: &str) {
        for (x, y) in [(a, b), (b, a)] {
            let list = self.pairs.entry(x.to_owned()).or_default();
            if !list.iter().any(|w| w == y) {
                list.push(y.to_owned());
            }
        }
    }

    /// True when `a` and `b` (stems or normalised words) are antonyms.
    #[must_use]
    pub fn contains(&self, a: &str, b: &str) -> bool {
        self.opposites(a).contains(b)
    }

    /// What `a` is opposed to, looked up once: to test `a` against many
    /// words, one hash lookup instead of one per word.
    #[must_use]
    pub fn opposites<'t>(&'t self, a: &'t str) -> Opposites<'t> {
        Opposites {
            word: a,
            listed: if a.is_empty() {
                &[]
            } else {
                self.pairs.get(a).map_or(&[], Vec::as_slice)
            },
            un_prefix: self.un_prefix && !a.is_empty(),
        }
    }

    /// The number of words that have at least one antonym.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when the table holds no pair.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// The antonyms of one word (see [`AntonymTable::opposites`]).
#[derive(Debug, Clone, Copy)]
pub struct Opposites<'t> {
    word: &'t str,
    listed: &'t [String],
    un_prefix: bool,
}

impl Opposites<'_> {
    /// True when the table lists antonyms for the word (the table is
    /// symmetric: each listed pair is listed both ways).
    #[must_use]
    pub fn has_listed(&self) -> bool {
        !self.listed.is_empty()
    }

    /// True when `unX`/`X` pairs count as antonyms (English).
    #[must_use]
    pub fn by_prefix(&self) -> bool {
        self.un_prefix
    }

    /// The words the table lists as its antonyms (without the `unX`/`X`
    /// pairs, which [`Opposites::by_prefix`] says to look for).
    #[must_use]
    pub fn listed(&self) -> &[String] {
        self.listed
    }

    /// True when `b` is an antonym of the word.
    #[must_use]
    pub fn contains(&self, b: &str) -> bool {
        let a = self.word;
        if a == b || b.is_empty() || (self.listed.is_empty() && !self.un_prefix) {
            return false;
        }
        if self.un_prefix {
            let prefixed = |x: &str, y: &str| {
                x.strip_prefix("un")
                    .is_some_and(|rest| rest == y && rest.chars().count() >= 4)
            };
            if prefixed(a, b) || prefixed(b, a) {
                return true;
            }
        }
        self.listed.iter().any(|w| w == b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    fn tables() -> (AntonymTable, AntonymTable, Stemmer, Stemmer) {
        let fr = Stemmer::create(Algorithm::French);
        let en = Stemmer::create(Algorithm::English);
        let mut tfr = AntonymTable::new(false);
        let mut ten = AntonymTable::new(true);
        assert!(tfr.add_list(&fr, BUILTIN_FR) > 50);
        assert!(ten.add_list(&en, BUILTIN_EN) > 50);
        (tfr, ten, fr, en)
    }

    #[test]
    fn builtin_pairs_match_on_stems_and_words() {
        let (tfr, ten, fr, en) = tables();
        for (a, b) in [
            ("vrai", "faux"),
            ("ouvert", "fermé"),
            ("augmente", "diminue"),
            ("légal", "illégal"),
            ("accepté", "refusé"),
        ] {
            let (sa, sb) = (stem_word(&fr, a), stem_word(&fr, b));
            assert!(tfr.contains(&sa, &sb), "{a}/{b} -> {sa}/{sb}");
            assert!(tfr.contains(&sb, &sa), "symmetric {a}/{b}");
        }
        assert!(tfr.contains("ouvert", "ferme"));
        for (a, b) in [
            ("open", "closed"),
            ("increased", "decreased"),
            ("true", "false"),
            ("safe", "unsafe"),
            ("wins", "loses"),
            ("support", "opposes"),
            ("accepted", "rejected"),
        ] {
            let (sa, sb) = (stem_word(&en, a), stem_word(&en, b));
            assert!(ten.contains(&sa, &sb), "{a}/{b} -> {sa}/{sb}");
        }
        assert!(ten.contains("unlawful", "lawful"));
    }

    #[test]
    fn non_antonyms_are_rejected() {
        let (tfr, ten, _, _) = tables();
        for (a, b) in [
            ("vrai", "vrai"),
            ("ouvert", "grand"),
            ("", "faux"),
            ("police", "politique"),
        ] {
            assert!(!tfr.contains(a, b), "{a}/{b}");
        }
        for (a, b) in [
            ("open", "open"),
            ("under", "der"),
            ("unit", "it"),
            ("open", "true"),
            ("uncle", "cle"),
        ] {
            assert!(!ten.contains(a, b), "{a}/{b}");
        }
    }

    #[test]
    fn lists_are_replaceable() {
        let en = Stemmer::create(Algorithm::English);
        let mut t = AntonymTable::new(false);
        let n = t.add_list(&en, "# generated\nhot\tcold\nmalformed\nwet dry\n a b c \n");
        assert_eq!(n, 2);
        assert!(t.contains("hot", "cold"));
        assert!(t.contains("dry", "wet"));
        assert!(!t.contains("open", "closed"));
    }
}
