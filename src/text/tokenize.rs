//! Segmentation of a claim into word tokens and punctuation marks.
//!
//! Words come from Unicode word boundaries (UAX #29,
//! `split_word_bound_indices`), which keep `l’enquête`, `don't`, `5,55` and
//! `1.000.000` as single segments; this module then splits French elision
//! (`l'`, `n'`, `qu'`, `jusqu'`, ...) and English contractions (`n't`, `'s`,
//! `'re`, ...). Punctuation, symbols and quotes (`« » “ ” % € $`) become
//! [`Seg`]s that are not tokens but that clause splitting and number
//! parsing need. Spans are byte offsets into the original text.

use unicode_segmentation::UnicodeSegmentation;

use ustr::Ustr;

use super::normalize::{fold_into, is_apostrophe};
use super::{Span, Token};

/// What a non-blank segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SegKind {
    /// A word: the index of its token.
    Word(usize),
    /// A punctuation mark or symbol: its first character.
    Punct(char),
    /// A line break, which ends a sentence.
    Newline,
}

/// A non-blank segment of the text, in order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seg {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: SegKind,
}

/// Per-token facts gathered during segmentation that the rest of the
/// analysis needs but that are not part of the public [`Token`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokInfo {
    /// The word starts with an upper-case letter.
    pub capitalised: bool,
    /// The word is the first of its sentence.
    pub sentence_start: bool,
    /// The token is an elided French clitic (`l'`, `n'`) or an English
    /// contraction part (`n't`, `'s`).
    pub clitic: bool,
    /// Index of the sentence.
    pub sentence: u32,
    /// Index of the clause (filled in by [`super::clauses`]).
    pub clause: u32,
    /// The token is part of a cue or alias already, and must not be matched
    /// again.
    pub used: bool,
}

/// A segmented text: tokens, their side facts, and every non-blank segment.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// The word tokens (stem, stop, flags are filled in later).
    pub tokens: Vec<Token>,
    /// Side facts, parallel to `tokens`.
    pub info: Vec<TokInfo>,
    /// Every non-blank segment.
    pub segs: Vec<Seg>,
}

/// French elided clitics and the full word each stands for.
pub(crate) const ELISIONS: &[(&str, &str)] = &[
    ("l", "le"),
    ("d", "de"),
    ("n", "ne"),
    ("qu", "que"),
    ("jusqu", "jusque"),
    ("j", "je"),
    ("m", "me"),
    ("t", "te"),
    ("s", "se"),
    ("c", "ce"),
    ("lorsqu", "lorsque"),
    ("puisqu", "puisque"),
    ("quoiqu", "quoique"),
];

/// English contraction suffixes after an apostrophe.
const EN_SUFFIXES: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// True for marks that end a sentence.
pub(crate) fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '؟' | '¡' | '¿')
}

/// True for marks after which the next word starts a sentence-like unit
/// (capital letters there are not evidence of a proper name).
fn opens_unit(c: char) -> bool {
    ends_sentence(c) || matches!(c, ':' | '«' | '“' | '"' | '(' | '[' | '—' | '–' | '‹' | '„')
}

/// Splits `text` into tokens and segments; past [`Token::MAX_OFFSET`]
/// bytes (256 MiB) the rest of the text is not read.
pub(crate) fn segment(text: &str) -> Layout {
    let mut cut = text.len().min(Token::MAX_OFFSET);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = text.get(..cut).unwrap_or_default();
    let mut layout = Layout {
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        info: Vec::with_capacity(text.len() / 5 + 1),
        segs: Vec::with_capacity(text.len() / 4 + 1),
    };
    let mut at_start = true;
    let mut sentence = 0u32;
    for (start, seg) in text.split_word_bound_indices() {
        if seg.chars().all(char::is_whitespace) {
            if seg.contains(['\n', '\r', '\u{2029}', '\u{2028}']) {
                layout.segs.push(Seg {
                    span: Span {
                        start,
                        end: start + seg.len(),
                    },
                    kind: SegKind::Newline,
                });
                if !at_start {
                    sentence += 1;
                }
                at_start = true;
            }
            continue;
        }
        if !seg.chars().any(char::is_alphanumeric) {
            // Punctuation and symbols: one segment per character.
            for (off, c) in seg.char_indices() {
                layout.segs.push(Seg {
                    span: Span {
                        start: start + off,
                        end: start + off + c.len_utf8(),
                    },
                    kind: SegKind::Punct(c),
                });
                if ends_sentence(c) && !at_start {
                    sentence += 1;
                }
                if opens_unit(c) {
                    at_start = true;
                }
            }
            continue;
        }
        split_word(&mut layout, text, start, seg, at_start, sentence);
        at_start = false;
    }
    layout
}

/// Pushes one word segment, split at elisions and contractions.
fn split_word(
    layout: &mut Layout,
    text: &str,
    start: usize,
    word: &str,
    at_start: bool,
    sentence: u32,
) {
    let mut offset = 0;
    let mut first = true;
    // French elision, possibly repeated (rare, but `qu'l'...` must not loop).
    while let Some((pos, c)) = word[offset..]
        .char_indices()
        .find(|&(_, c)| is_apostrophe(c))
    {
        let prefix = &word[offset..offset + pos];
        let after = offset + pos + c.len_utf8();
        let rest_starts_alpha = word[after..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
        let lower = prefix.to_ascii_lowercase();
        let Some(&(_, full)) = ELISIONS.iter().find(|(p, _)| *p == lower) else {
            break;
        };
        if !rest_starts_alpha {
            break;
        }
        push_token(
            layout,
            text,
            start + offset,
            start + after,
            Some(full),
            at_start && first,
            sentence,
            true,
        );
        first = false;
        offset = after;
    }
    let rest = &word[offset..];
    // English contractions: `n't` and `'s`, `'re`, ...
    if let Some((pos, c)) = rest.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let after = pos + c.len_utf8();
        let suffix = &rest[after..];
        let base = &rest[..pos];
        if suffix.eq_ignore_ascii_case("t")
            && base.len() > 1
            && base.to_ascii_lowercase().ends_with('n')
        {
            let stem_end = base.len() - 1;
            let stem = &base[..stem_end];
            let full = match stem.to_ascii_lowercase().as_str() {
                "wo" => Some("will"),
                "ca" => Some("can"),
                "sha" => Some("shall"),
                "ai" => Some("is"),
                _ => None,
            };
            let s = start + offset;
            push_token(
                layout,
                text,
                s,
                s + stem_end,
                full,
                at_start && first,
                sentence,
                false,
            );
            push_token(
                layout,
                text,
                s + stem_end,
                s + rest.len(),
                Some("not"),
                false,
                sentence,
                true,
            );
            return;
        }
        if !base.is_empty() && EN_SUFFIXES.iter().any(|x| suffix.eq_ignore_ascii_case(x)) {
            let s = start + offset;
            push_token(
                layout,
                text,
                s,
                s + pos,
                None,
                at_start && first,
                sentence,
                false,
            );
            let lower = suffix.to_ascii_lowercase();
            let full = EN_SUFFIXES.iter().copied().find(|x| *x == lower);
            push_token(
                layout,
                text,
                s + pos,
                s + rest.len(),
                full,
                false,
                sentence,
                true,
            );
            return;
        }
    }
    if !rest.is_empty() {
        push_token(
            layout,
            text,
            start + offset,
            start + word.len(),
            None,
            at_start && first,
            sentence,
            false,
        );
    }
}

/// The interned empty string, looked up once.
static EMPTY: std::sync::LazyLock<Ustr> = std::sync::LazyLock::new(Ustr::default);

thread_local! {
    /// The buffer a word is folded into before it is interned.
    static FOLDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

#[allow(clippy::too_many_arguments)]
fn push_token(
    layout: &mut Layout,
    text: &str,
    start: usize,
    end: usize,
    norm: Option<&str>,
    sentence_start: bool,
    sentence: u32,
    clitic: bool,
) {
    let raw = text.get(start..end).unwrap_or_default();
    let norm = match norm {
        Some(n) => Ustr::from(n),
        // Folded into the thread's buffer and interned from there: no
        // string is allocated for a word the interner already holds.
        None => FOLDED.with_borrow_mut(|folded| {
            folded.clear();
            fold_into(raw, folded);
            Ustr::from(folded)
        }),
    };
    layout.segs.push(Seg {
        span: Span { start, end },
        kind: SegKind::Word(layout.tokens.len()),
    });
    layout.info.push(TokInfo {
        capitalised: raw.chars().next().is_some_and(char::is_uppercase),
        sentence_start,
        clitic,
        sentence,
        clause: 0,
        used: false,
    });
    // The stems are filled in later. `Ustr::default()` would intern "" for
    // every token, and every thread would queue on the one lock of its
    // shard (5% of the 100k profile).
    let empty = *EMPTY;
    layout
        .tokens
        .push(Token::new(Span { start, end }, norm, empty, empty));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        segment(text)
            .tokens
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect()
    }

    #[test]
    fn splits_french_elision_with_both_apostrophes() {
        for (text, want) in [
            ("l'enquête", vec!["le", "enquete"]),
            ("l’enquête", vec!["le", "enquete"]),
            ("n’a pas", vec!["ne", "a", "pas"]),
            ("qu'il", vec!["que", "il"]),
            ("jusqu’à", vec!["jusque", "a"]),
            ("lorsqu'il", vec!["lorsque", "il"]),
            ("puisqu’elle", vec!["puisque", "elle"]),
            ("c’est", vec!["ce", "est"]),
            ("d’euros", vec!["de", "euros"]),
            ("j'ai", vec!["je", "ai"]),
            ("s’il", vec!["se", "il"]),
            ("m'a t'a", vec!["me", "a", "te", "a"]),
        ] {
            assert_eq!(norms(text), want, "{text}");
        }
    }

    #[test]
    fn keeps_words_that_only_contain_an_apostrophe() {
        for (text, want) in [
            ("aujourd'hui", vec!["aujourd'hui"]),
            ("quelqu’un", vec!["quelqu'un"]),
            ("O'Brien", vec!["o'brien"]),
            ("l'", vec!["l"]),
        ] {
            assert_eq!(norms(text), want, "{text}");
        }
    }

    #[test]
    fn splits_english_contractions() {
        for (text, want) in [
            ("don't", vec!["do", "not"]),
            ("doesn’t", vec!["does", "not"]),
            ("isn't", vec!["is", "not"]),
            ("won't", vec!["will", "not"]),
            ("can't", vec!["can", "not"]),
            ("didn't", vec!["did", "not"]),
            ("it's", vec!["it", "s"]),
            ("Durov's", vec!["durov", "s"]),
            ("we're", vec!["we", "re"]),
        ] {
            assert_eq!(norms(text), want, "{text}");
        }
    }

    #[test]
    fn spans_are_byte_offsets_into_the_original() {
        let text = "« L’enquête » n’a pas";
        let layout = segment(text);
        let words: Vec<&str> = layout
            .tokens
            .iter()
            .map(|t| &text[t.span().start..t.span().end])
            .collect();
        assert_eq!(words, ["L’", "enquête", "n’", "a", "pas"]);
        let puncts: Vec<char> = layout
            .segs
            .iter()
            .filter_map(|s| {
                if let SegKind::Punct(c) = s.kind {
                    Some(c)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(puncts, ['«', '»']);
    }

    #[test]
    fn quotes_are_not_tokens_and_sentences_are_counted() {
        let layout = segment("“Hello” he said. Then « bonjour »!\nNext");
        let norms: Vec<&str> = layout.tokens.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["hello", "he", "said", "then", "bonjour", "next"]);
        let sentences: Vec<u32> = layout.info.iter().map(|i| i.sentence).collect();
        assert_eq!(sentences, [0, 0, 0, 1, 1, 2]);
        let starts: Vec<bool> = layout.info.iter().map(|i| i.sentence_start).collect();
        assert_eq!(starts, [true, false, false, true, true, true]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            " ",
            "'",
            "’’’",
            "n'",
            "l’’a",
            "\u{301}",
            "a\u{0}b",
            "🙂👍🏽",
            "x'y'z'",
            "n't",
            "'t",
        ] {
            let layout = segment(text);
            for t in &layout.tokens {
                assert!(text.get(t.span().start..t.span().end).is_some(), "{text:?}");
            }
        }
    }
}
