//! Character-level normalisation: case folding, diacritic folding (`é`→`e`,
//! `ç`→`c`, `œ`→`oe`), apostrophe unification, and the transliteration
//! skeleton used by fuzzy matching.
//!
//! Everything that compares words goes through [`fold`] so that the lexicon,
//! the aliases and the tokens all live in one normal form. ASCII text (the
//! common case for English) takes a fast path with no Unicode decomposition.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// True for the apostrophes found in news text: `'`, `’`, `ʼ` and `‘`.
#[must_use]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

/// Lower-cases `s`, removes diacritics, expands ligatures and turns every
/// apostrophe into `'`. The result is what the lexicon and aliases compare.
#[must_use]
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] appending to `out`, to reuse a buffer.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            c if is_apostrophe(c) => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// A coarse spelling skeleton of a folded word, so that transliterations of
/// one name compare equal: `dourov`/`durov`, `zelenskyy`/`zelenski`,
/// `tchekhov`/`chekhov`. Doubled letters are collapsed.
#[must_use]
pub fn skeleton(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    skeleton_into(word, &mut s);
    s
}

/// [`skeleton`], written into `s` (cleared first), so that a caller that
/// compares many words reuses one buffer.
pub fn skeleton_into(word: &str, s: &mut String) {
    s.clear();
    let b = word.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let (repl, used) = match rest {
            [b't' | b's', b'c', b'h', ..] => ("ch", 3),
            [b'o', b'u', ..] => ("u", 2),
            [b'p', b'h', ..] => ("f", 2),
            [b's', b'h', ..] => ("ch", 2),
            [b'k', b'h', ..] => ("h", 2),
            [b'c', b'k', ..] => ("k", 2),
            [b'y', ..] => ("i", 1),
            [b'w', ..] => ("v", 1),
            _ => {
                // `i` is always on a char boundary: every branch above
                // consumes ASCII bytes only, and this one a whole char.
                let len = word[i..].chars().next().map_or(1, char::len_utf8);
                (&word[i..i + len], len)
            }
        };
        // A letter (one byte: ASCII) said twice in a row is written once.
        if repl.len() != 1 || s.as_bytes().last() != Some(&repl.as_bytes()[0]) {
            s.push_str(repl);
        }
        i += used;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_ligatures() {
        for (input, want) in [
            ("Enquête", "enquete"),
            ("façade", "facade"),
            ("Œuvre", "oeuvre"),
            ("cœur", "coeur"),
            ("L’enquête", "l'enquete"),
            ("DÉMENTI", "dementi"),
            ("naïve", "naive"),
            ("Straße", "strasse"),
            ("already ascii", "already ascii"),
            ("", ""),
            ("日本", "日本"),
        ] {
            assert_eq!(fold(input), want, "{input}");
        }
        // Decomposed input folds like composed input.
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
    }

    #[test]
    fn skeleton_merges_transliterations_only() {
        for (a, b) in [
            ("durov", "dourov"),
            ("zelenskyy", "zelenski"),
            ("tchekhov", "chehov"),
        ] {
            assert_eq!(skeleton(a), skeleton(b), "{a}/{b}");
        }
        for (a, b) in [("police", "politique"), ("plus", "pas")] {
            assert_ne!(skeleton(a), skeleton(b), "{a}/{b}");
        }
        assert_eq!(skeleton("école"), "école");
    }

    /// The skeleton as first written: a chain of `starts_with`.
    fn reference_skeleton(word: &str) -> String {
        let mut s = String::new();
        let mut i = 0;
        while i < word.len() {
            let rest = &word[i..];
            let (repl, used) = if rest.starts_with("tch") || rest.starts_with("sch") {
                ("ch", 3)
            } else if rest.starts_with("ou") {
                ("u", 2)
            } else if rest.starts_with("ph") {
                ("f", 2)
            } else if rest.starts_with("sh") {
                ("ch", 2)
            } else if rest.starts_with("kh") {
                ("h", 2)
            } else if rest.starts_with("ck") {
                ("k", 2)
            } else if rest.starts_with('y') {
                ("i", 1)
            } else if rest.starts_with('w') {
                ("v", 1)
            } else {
                let len = rest.chars().next().map_or(1, char::len_utf8);
                (&rest[..len], len)
            };
            if !s.ends_with(repl) || repl.len() != 1 {
                s.push_str(repl);
            }
            i += used;
        }
        s
    }

    #[test]
    fn skeleton_is_the_reference_skeleton() {
        // Every rewrite, its letters doubled and cut short, and letters
        // of more than one byte, in random words.
        let pieces = [
            "t", "c", "h", "s", "o", "u", "p", "k", "y", "w", "i", "v", "f", "é", "ü", "日", "a",
        ];
        let mut state = 7u64;
        let mut buffer = String::from("left over");
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let len = (state >> 60) as usize;
            let word: String = (0..len)
                .map(|k| pieces[((state >> (k * 4 % 56)) % pieces.len() as u64) as usize])
                .collect();
            skeleton_into(&word, &mut buffer);
            assert_eq!(buffer, reference_skeleton(&word), "{word}");
            assert_eq!(skeleton(&word), buffer, "{word}");
        }
    }
}
