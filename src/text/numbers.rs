//! Numbers, quantities and dates.
//!
//! Reads digits with French and English separators (`5,55`, `1 000`,
//! `1.000.000`, `1,000,000`), scale words (`millions`, `milliards`,
//! `billion`, `mille`), number words (`deux`, `vingt-trois`, `twenty`,
//! `twice`), vague scales (`des millions de`), units (currency, percent,
//! age, years, frequency) and dates (`28 août 2024`, `August 28, 2024`,
//! `2024-08-28`). It works on the segment list so that symbols (`€`, `$`,
//! `%`) and the gaps between digit groups are visible. Anything ambiguous is
//! skipped rather than guessed.

use super::tokenize::{Seg, SegKind};
use super::{Quantity, Span, Token};
use crate::model::Language;

/// Scale words and their factor; `billion` depends on the language.
fn scale(language: Language, w: &str) -> Option<f64> {
    Some(match w {
        "mille" | "thousand" | "thousands" | "k" => 1e3,
        "million" | "millions" | "mn" | "m" | "mio" => 1e6,
        "milliard" | "milliards" | "md" | "mds" | "mrd" | "bn" => 1e9,
        "billion" | "billions" if language == Language::En => 1e9,
        "billion" | "billions" => 1e12,
        "trillion" | "trillions" => 1e12,
        _ => return None,
    })
}

/// Plural scale nouns that, without a number, make a vague quantity.
fn vague_scale(w: &str) -> Option<f64> {
    Some(match w {
        "millions" => 1e6,
        "milliards" | "billions" => 1e9,
        "milliers" | "thousands" => 1e3,
        "centaines" | "hundreds" => 100.0,
        "dizaines" | "tens" => 10.0,
        "douzaines" | "dozens" => 12.0,
        "trillions" => 1e12,
        _ => return None,
    })
}

/// Number words. `strict` ones (`un`, `one`, `neuf`) only count before a
/// scale or frequency word because they are mostly articles or adjectives.
fn number_word(language: Language, w: &str) -> Option<(f64, bool)> {
    Some(match language {
        Language::Fr => match w {
            "zero" => (0.0, false),
            "un" => (1.0, true),
            "une" => (1.0, true),
            "deux" => (2.0, false),
            "trois" => (3.0, false),
            "quatre" => (4.0, false),
            "cinq" => (5.0, false),
            "six" => (6.0, false),
            "sept" => (7.0, false),
            "huit" => (8.0, false),
            "neuf" => (9.0, true),
            "dix" => (10.0, false),
            "onze" => (11.0, false),
            "douze" => (12.0, false),
            "treize" => (13.0, false),
            "quatorze" => (14.0, false),
            "quinze" => (15.0, false),
            "seize" => (16.0, false),
            "vingt" => (20.0, false),
            "vingts" => (20.0, false),
            "trente" => (30.0, false),
            "quarante" => (40.0, false),
            "cinquante" => (50.0, false),
            "soixante" => (60.0, false),
            "cent" => (100.0, false),
            "cents" => (100.0, false),
            "mille" => (1000.0, false),
            _ => return None,
        },
        Language::En => match w {
            "zero" => (0.0, false),
            "one" => (1.0, true),
            "a" => (1.0, true),
            "two" => (2.0, false),
            "three" => (3.0, false),
            "four" => (4.0, false),
            "five" => (5.0, false),
            "six" => (6.0, false),
            "seven" => (7.0, false),
            "eight" => (8.0, false),
            "nine" => (9.0, false),
            "ten" => (10.0, false),
            "eleven" => (11.0, false),
            "twelve" => (12.0, false),
            "thirteen" => (13.0, false),
            "fourteen" => (14.0, false),
            "fifteen" => (15.0, false),
            "sixteen" => (16.0, false),
            "seventeen" => (17.0, false),
            "eighteen" => (18.0, false),
            "nineteen" => (19.0, false),
            "twenty" => (20.0, false),
            "thirty" => (30.0, false),
            "forty" => (40.0, false),
            "fifty" => (50.0, false),
            "sixty" => (60.0, false),
            "seventy" => (70.0, false),
            "eighty" => (80.0, false),
            "ninety" => (90.0, false),
            "hundred" => (100.0, false),
            "thousand" => (1000.0, false),
            "dozen" => (12.0, false),
            "twice" => (2.0, false),
            "once" => (1.0, true),
            _ => return None,
        },
    })
}

/// Month names (both languages) and their number.
fn month(w: &str) -> Option<u32> {
    Some(match w {
        "janvier" | "january" | "jan" => 1,
        "fevrier" | "february" | "feb" => 2,
        "mars" | "march" | "mar" => 3,
        "avril" | "april" | "apr" => 4,
        "mai" | "may" => 5,
        "juin" | "june" | "jun" => 6,
        "juillet" | "july" | "jul" => 7,
        "aout" | "august" | "aug" => 8,
        "septembre" | "september" | "sep" | "sept" => 9,
        "octobre" | "october" | "oct" => 10,
        "novembre" | "november" | "nov" => 11,
        "decembre" | "december" | "dec" => 12,
        _ => return None,
    })
}

/// Currency words and symbols.
fn currency(w: &str) -> Option<&'static str> {
    Some(match w {
        "euro" | "euros" | "eur" | "€" => "eur",
        "dollar" | "dollars" | "usd" | "$" => "usd",
        "livres" | "pounds" | "gbp" | "£" => "gbp",
        "francs" | "chf" => "chf",
        _ => return None,
    })
}

/// Parses digits with separators. A lone separator followed by exactly three
/// digits is a thousands separator for `,` in English and `.` in French;
/// otherwise it is the decimal mark.
pub(crate) fn parse_numeral(s: &str, language: Language) -> Option<f64> {
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let commas = s.bytes().filter(|&b| b == b',').count();
    let dots = s.bytes().filter(|&b| b == b'.').count();
    let groups_of_three = |sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let (thousands, decimal) = match (commas, dots) {
        (0, 0) => (None, None),
        (c, 0) if c > 1 => (Some(','), None),
        (0, d) if d > 1 => (Some('.'), None),
        (1, 0) => {
            if language == Language::En && groups_of_three(',') {
                (Some(','), None)
            } else {
                (None, Some(','))
            }
        }
        (0, 1) => {
            if language == Language::Fr && groups_of_three('.') {
                (Some('.'), None)
            } else {
                (None, Some('.'))
            }
        }
        _ => {
            // Both: the last one is the decimal mark.
            let last = s.rfind([',', '.'])?;
            let dec = s[last..].chars().next()?;
            let th = if dec == ',' { '.' } else { ',' };
            (Some(th), Some(dec))
        }
    };
    if let Some(th) = thousands {
        let int_part = decimal.and_then(|d| s.split(d).next()).unwrap_or(s);
        if !groups_of_three(th) && !int_part.split(th).skip(1).all(|g| g.len() == 3) {
            return None;
        }
    }
    let mut clean = String::with_capacity(s.len());
    for c in s.chars() {
        if Some(c) == thousands {
            continue;
        }
        clean.push(if Some(c) == decimal { '.' } else { c });
    }
    if clean.starts_with('.') || clean.ends_with('.') {
        return None;
    }
    clean.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Prepositions before a bare four-digit number that make it a year.
const YEAR_PREPS: &[&str] = &[
    "en",
    "in",
    "depuis",
    "since",
    "de",
    "of",
    "des",
    "from",
    "until",
    "jusque",
    "annee",
    "year",
    "an",
    "to",
    "by",
    "avant",
    "apres",
    "before",
    "after",
    "vers",
    "around",
    "circa",
    "fin",
    "debut",
    "printemps",
    "ete",
    "automne",
    "hiver",
    "mi",
];

/// The most space-separated groups read as one numeral. No `f64` holds
/// more than 309 digits (103 groups), so a longer run of groups is not a
/// number anyway; the bound keeps reading a run linear, where every start
/// in `1 111 111 …` re-read the whole rest of the run.
const MAX_GROUPS: usize = 128;

/// True when `gap` is a single character (checked without walking a long
/// gap: one character is at most four bytes).
fn one_char(gap: &str) -> bool {
    gap.len() <= 4 && gap.chars().count() == 1
}

/// A cursor over the segments.
struct Cursor<'a> {
    text: &'a str,
    tokens: &'a [Token],
    segs: &'a [Seg],
    language: Language,
    /// [`Cursor::number_start`] of every segment, computed on first use.
    number_starts: std::cell::OnceCell<Vec<usize>>,
}

impl Cursor<'_> {
    fn word(&self, si: usize) -> Option<&str> {
        match self.segs.get(si)?.kind {
            SegKind::Word(t) => self.tokens.get(t).map(|t| t.norm.as_str()),
            _ => None,
        }
    }

    fn punct(&self, si: usize) -> Option<char> {
        match self.segs.get(si)?.kind {
            SegKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// True when segment `si` is directly followed by `si + 1` (no blank).
    fn touches(&self, si: usize) -> bool {
        match (self.segs.get(si), self.segs.get(si + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    /// The gap between segment `si` and the next one.
    fn gap_after(&self, si: usize) -> &str {
        match (self.segs.get(si), self.segs.get(si + 1)) {
            (Some(a), Some(b)) => self.text.get(a.span.end..b.span.start).unwrap_or(""),
            _ => "",
        }
    }

    fn digits(&self, si: usize) -> Option<&str> {
        self.word(si)
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
    }

    /// A day of the month: `28`, `1er`, `28th`.
    fn day(&self, si: usize) -> Option<u32> {
        let w = self.word(si)?;
        let n = w.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 2 || !matches!(&w[n..], "" | "er" | "e" | "st" | "nd" | "rd" | "th") {
            return None;
        }
        w[..n].parse().ok().filter(|d| (1..=31).contains(d))
    }

    fn year(&self, si: usize) -> Option<u32> {
        self.digits(si)
            .filter(|d| d.len() == 4)
            .and_then(|d| d.parse().ok())
    }

    fn span(&self, from: usize, to: usize) -> Span {
        let start = self.segs.get(from).map_or(0, |s| s.span.start);
        let end = self.segs.get(to).map_or(start, |s| s.span.end);
        Span { start, end }
    }

    fn quantity(
        &self,
        value: f64,
        unit: Option<&str>,
        from: usize,
        to: usize,
        vague: bool,
    ) -> Quantity {
        Quantity {
            value,
            vague,
            unit: unit.map(str::to_owned),
            span: self.span(from, to),
        }
    }

    /// A date starting at `si`; returns it and the last segment used.
    fn date(&self, si: usize) -> Option<(Quantity, usize)> {
        // 2024-08-28
        if let Some(y) = self.year(si) {
            if self.punct(si + 1) == Some('-')
                && self.punct(si + 3) == Some('-')
                && (si..si + 4).all(|k| self.touches(k))
            {
                let m: u32 = self.digits(si + 2).filter(|d| d.len() <= 2)?.parse().ok()?;
                let d: u32 = self.digits(si + 4).filter(|d| d.len() <= 2)?.parse().ok()?;
                return self.ymd(y, m, d, si, si + 4);
            }
        }
        // 28/08/2024 (French order) or 08/28/2024 (English order).
        if self.digits(si).is_some_and(|d| d.len() <= 2)
            && self.punct(si + 1) == Some('/')
            && self.punct(si + 3) == Some('/')
            && (si..si + 4).all(|k| self.touches(k))
        {
            let a: u32 = self.digits(si)?.parse().ok()?;
            let b: u32 = self.digits(si + 2).filter(|d| d.len() <= 2)?.parse().ok()?;
            let y = self.year(si + 4)?;
            let (d, m) = match self.language {
                Language::Fr => (a, b),
                Language::En if a > 12 => (a, b),
                Language::En => (b, a),
            };
            return self.ymd(y, m, d, si, si + 4);
        }
        // 28 août 2024, 1er août 2024, 28 August 2024
        if let Some(d) = self.day(si) {
            if let Some(m) = self.word(si + 1).and_then(month) {
                return match self.year(si + 2) {
                    Some(y) => self.ymd(y, m, d, si, si + 2),
                    None => None,
                };
            }
        }
        // August 28, 2024; August 2024
        let m = self.word(si).and_then(month)?;
        let capitalised = self
            .segs
            .get(si)
            .and_then(|s| self.text.get(s.span.start..s.span.end))
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        if let Some(d) = self.day(si + 1) {
            let ys = if self.punct(si + 2) == Some(',') {
                si + 3
            } else {
                si + 2
            };
            if let Some(y) = self.year(ys) {
                return self.ymd(y, m, d, si, ys);
            }
        }
        if let Some(y) = self.year(si + 1) {
            // `mai 2024` is a month; `may 2024` only when capitalised.
            if self.language == Language::Fr || capitalised || m != 5 {
                let v = f64::from(y) * 100.0 + f64::from(m);
                return Some((self.quantity(v, Some("month"), si, si + 1, false), si + 1));
            }
        }
        None
    }

    fn ymd(&self, y: u32, m: u32, d: u32, from: usize, to: usize) -> Option<(Quantity, usize)> {
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=2999).contains(&y) {
            return None;
        }
        let v = f64::from(y) * 10000.0 + f64::from(m) * 100.0 + f64::from(d);
        Some((self.quantity(v, Some("date"), from, to, false), to))
    }

    /// Digits at `si`, with space-separated thousands groups merged.
    /// Returns the value, the last segment, and whether it is a bare
    /// integer of four digits (a year candidate).
    fn numeral(&self, si: usize) -> Option<(f64, usize, bool)> {
        let first = self.word(si)?;
        if !first.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        // Times (14:30) and citation marks ([1]) are not quantities.
        if self.punct(si + 1) == Some(':') && self.touches(si) && self.digits(si + 2).is_some() {
            return None;
        }
        if si > 0 && self.punct(si - 1) == Some('[') && self.punct(si + 1) == Some(']') {
            return None;
        }
        if si > 1
            && self.punct(si - 1) == Some(':')
            && self.touches(si - 1)
            && self.digits(si - 2).is_some()
        {
            return None;
        }
        let mut last = si;
        let mut merged: Option<String> = None;
        if first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit()) {
            while let Some(next) = self.word(last + 1) {
                let int_len = next.bytes().take_while(u8::is_ascii_digit).count();
                let rest_ok = next[int_len..].is_empty()
                    || (next[int_len..].starts_with(',')
                        && next[int_len + 1..].bytes().all(|b| b.is_ascii_digit()));
                let gap = self.gap_after(last);
                let one_space =
                    one_char(gap) && gap.chars().all(char::is_whitespace) && !gap.contains('\n');
                if int_len != 3 || !rest_ok || !one_space || last - si + 1 >= MAX_GROUPS {
                    break;
                }
                merged
                    .get_or_insert_with(|| first.to_owned())
                    .push_str(next);
                last += 1;
            }
        }
        let s = merged.as_deref().unwrap_or(first);
        let value = parse_numeral(s, self.language)?;
        let bare_year = merged.is_none() && s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
        Some((value, last, bare_year))
    }

    /// Scale and unit words after a number ending at segment `last`.
    /// Returns the value, the unit and the last segment used.
    fn tail(
        &self,
        mut value: f64,
        mut last: usize,
        before: Option<&'static str>,
    ) -> (f64, Option<&'static str>, usize, bool) {
        let mut unit = before;
        let mut scaled = false;
        if let Some(f) = self.word(last + 1).and_then(|w| scale(self.language, w)) {
            value *= f;
            last += 1;
            scaled = true;
        }
        if unit.is_some() {
            return (value, unit, last, scaled);
        }
        let w1 = self.word(last + 1);
        let w2 = self.word(last + 2);
        if let Some(c) = self.punct(last + 1) {
            if c == '%' {
                return (value, Some("percent"), last + 1, scaled);
            }
            if let Some(cur) = currency(c.encode_utf8(&mut [0; 4])) {
                return (value, Some(cur), last + 1, scaled);
            }
        }
        match (w1, w2) {
            (Some("pour" | "per"), Some("cent")) => {
                return (value, Some("percent"), last + 2, scaled);
            }
            (Some("percent" | "pourcent"), _) => return (value, Some("percent"), last + 1, scaled),
            (Some("de" | "of"), Some(w)) if currency(w).is_some() => {
                return (value, currency(w), last + 2, scaled);
            }
            (Some(w), _) if currency(w).is_some() => return (value, currency(w), last + 1, scaled),
            (Some("fois" | "times"), _) => {
                let (u, end) = self.frequency(last + 2);
                return (
                    value,
                    Some(u.unwrap_or("times")),
                    end.unwrap_or(last + 1),
                    scaled,
                );
            }
            _ => {}
        }
        if let Some((u, end)) = self.age_or_years(last) {
            unit = Some(u);
            last = end;
        }
        (value, unit, last, scaled)
    }

    /// `par semaine`, `per week`, `a day` at `si`.
    fn frequency(&self, si: usize) -> (Option<&'static str>, Option<usize>) {
        if !matches!(
            self.word(si),
            Some("par" | "per" | "a" | "each" | "chaque" | "every")
        ) {
            return (None, None);
        }
        let u = match self.word(si + 1) {
            Some("semaine" | "week") => "per_week",
            Some("jour" | "day" | "journee") => "per_day",
            Some("mois" | "month") => "per_month",
            Some("an" | "annee" | "year") => "per_year",
            Some("heure" | "hour") => "per_hour",
            _ => return (None, None),
        };
        (Some(u), Some(si + 1))
    }

    /// `39 ans`, `39-year-old`, `39 years old`, `10 ans de prison`.
    fn age_or_years(&self, last: usize) -> Option<(&'static str, usize)> {
        let num_start = self.number_start(last);
        let prev = num_start.checked_sub(1).and_then(|p| self.word(p));
        let prev2 = num_start.checked_sub(2).and_then(|p| self.word(p));
        match self.language {
            Language::Fr => {
                if !matches!(self.word(last + 1), Some("ans" | "an")) {
                    return None;
                }
                let end = last + 1;
                let sentence = matches!(
                    self.word(end + 2),
                    Some("prison" | "reclusion" | "emprisonnement" | "detention" | "peine")
                );
                let ago = prev == Some("a") && prev2 == Some("y");
                let duration_noun = matches!(
                    prev2,
                    Some("peine" | "periode" | "duree" | "delai" | "condamnation" | "mandat")
                );
                let age_ctx = matches!(prev, Some("de" | "a" | "age" | "agee" | "ages" | "agees"));
                if age_ctx && !sentence && !ago && !duration_noun {
                    Some(("age", end))
                } else {
                    Some(("years", end))
                }
            }
            Language::En => {
                let (at, hyphen) = if self.punct(last + 1) == Some('-') {
                    (last + 2, true)
                } else {
                    (last + 1, false)
                };
                if !matches!(self.word(at), Some("year" | "years")) {
                    return None;
                }
                if hyphen && self.punct(at + 1) == Some('-') && self.word(at + 2) == Some("old") {
                    return Some(("age", at + 2));
                }
                if self.word(at + 1) == Some("old") {
                    return Some(("age", at + 1));
                }
                if matches!(prev, Some("aged" | "age")) {
                    return Some(("age", at));
                }
                Some(("years", at))
            }
        }
    }

    /// The first segment of the number that ends at `last` (space-separated
    /// groups are several segments): the start of the run of digit segments,
    /// each one character from the next, that leads up to `last`.
    ///
    /// Read from a table built once per text, because walking back from
    /// every number made `5 5 5 …` quadratic.
    fn number_start(&self, last: usize) -> usize {
        let starts = self.number_starts.get_or_init(|| {
            let mut starts = Vec::with_capacity(self.segs.len());
            for s in 0..self.segs.len() {
                let joined =
                    s > 0 && self.digits(s - 1).is_some() && one_char(self.gap_after(s - 1));
                starts.push(if joined { starts[s - 1] } else { s });
            }
            starts
        });
        starts.get(last).copied().unwrap_or(last)
    }

    /// A quantity written with digits starting at `si`.
    fn digits_quantity(&self, si: usize) -> Option<(Quantity, usize)> {
        let (value, last, bare_year) = self.numeral(si)?;
        let before = si
            .checked_sub(1)
            .and_then(|p| self.punct(p))
            .and_then(|c| currency(c.encode_utf8(&mut [0; 4])));
        let from = if before.is_some() { si - 1 } else { si };
        let (value, mut unit, end, scaled) = self.tail(value, last, before);
        if unit.is_none() && !scaled && bare_year && (1000.0..=2100.0).contains(&value) {
            let prev = si.checked_sub(1).and_then(|p| self.word(p));
            let next_is_word = self.word(end + 1).is_some();
            if prev.is_some_and(|p| YEAR_PREPS.contains(&p)) || !next_is_word {
                unit = Some("year");
            }
        }
        Some((self.quantity(value, unit, from, end, false), end))
    }

    /// A quantity written with number words starting at `si`.
    fn words_quantity(&self, si: usize) -> Option<(Quantity, usize)> {
        let w = self.word(si)?;
        let (_, _) = number_word(self.language, w)?;
        if w == "cent" && si > 0 && self.word(si - 1) == Some("pour") {
            return None;
        }
        let mut total = 0.0;
        let mut current = 0.0;
        let mut last = si;
        let mut k = si;
        let mut strict = true;
        let mut count = 0;
        while let Some((v, s)) = self.word(k).and_then(|w| number_word(self.language, w)) {
            let word = self.word(k).unwrap_or_default();
            strict &= s;
            count += 1;
            if matches!(word, "cent" | "cents" | "hundred") {
                current = f64::max(current, 1.0) * v;
            } else if matches!(word, "mille" | "thousand") {
                total += f64::max(current, 1.0) * v;
                current = 0.0;
            } else if matches!(word, "vingt" | "vingts") && current == 4.0 {
                current = 80.0;
            } else {
                current += v;
            }
            last = k;
            // Joined by a hyphen, `et` or `and` before another number word.
            let joined = (self.punct(k + 1) == Some('-') && self.touches(k) && self.touches(k + 1))
                || matches!(self.word(k + 1), Some("et" | "and"));
            let follows = self.word(k + 2).and_then(|w| number_word(self.language, w));
            // `trois cents`, `two hundred`, `deux mille`: multipliers follow
            // with a plain space.
            let multiplier = matches!(
                self.word(k + 1),
                Some("cent" | "cents" | "mille" | "hundred" | "thousand")
            );
            let next_word = self.word(k + 2);
            if joined && follows.is_some() && next_word != Some("a") {
                k += 2;
            } else if multiplier {
                k += 1;
            } else {
                break;
            }
            if count > 12 {
                break;
            }
        }
        let value = total + current;
        let (value, mut unit, mut end, scaled) = self.tail(value, last, None);
        if count == 1 && matches!(w, "twice" | "once") && unit.is_none() {
            let (u, e) = self.frequency(last + 1);
            if u.is_none() && w == "once" {
                return None; // `once he arrived`
            }
            unit = Some(u.unwrap_or("times"));
            end = e.unwrap_or(end);
        }
        if strict
            && count == 1
            && !scaled
            && !unit.is_some_and(|u| u.starts_with("per_") || u == "times")
        {
            return None;
        }
        if self.word(si) == Some("a") && !scaled {
            return None;
        }
        Some((self.quantity(value, unit, si, end, false), end))
    }

    /// `des millions de messages`, `thousands of`.
    fn vague_quantity(&self, si: usize) -> Option<(Quantity, usize)> {
        let w = self.word(si)?;
        let mut value = vague_scale(w)?;
        if w == "tens" && self.word(si + 1) != Some("of") {
            return None;
        }
        let mut last = si;
        if matches!(self.word(si + 1), Some("de" | "of")) {
            if let Some(f) = self.word(si + 2).and_then(vague_scale) {
                value *= f;
                last = si + 2;
            }
        }
        let unit = match (self.word(last + 1), self.word(last + 2)) {
            (Some("de" | "of"), Some(c)) if currency(c).is_some() => {
                last += 2;
                currency(c)
            }
            _ => None,
        };
        Some((self.quantity(value, unit, si, last, true), last))
    }
}

/// Finds the quantities of a segmented text.
pub(crate) fn find(
    language: Language,
    text: &str,
    tokens: &[Token],
    segs: &[Seg],
) -> Vec<Quantity> {
    let cur = Cursor {
        text,
        tokens,
        segs,
        language,
        number_starts: std::cell::OnceCell::new(),
    };
    let mut out = Vec::new();
    let mut si = 0;
    while si < segs.len() {
        if !matches!(segs[si].kind, SegKind::Word(_)) {
            si += 1;
            continue;
        }
        let found = cur
            .date(si)
            .or_else(|| cur.digits_quantity(si))
            .or_else(|| cur.words_quantity(si))
            .or_else(|| cur.vague_quantity(si));
        match found {
            Some((q, end)) => {
                out.push(q);
                si = end.max(si) + 1;
            }
            None => si += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::segment;

    fn quantities(text: &str, language: Language) -> Vec<(f64, Option<String>, bool)> {
        let layout = segment(text);
        find(language, text, &layout.tokens, &layout.segs)
            .into_iter()
            .map(|q| (q.value, q.unit, q.vague))
            .collect()
    }

    fn q(v: f64, unit: Option<&str>) -> (f64, Option<String>, bool) {
        (v, unit.map(str::to_owned), false)
    }

    #[test]
    fn parses_separators_by_language() {
        for (s, lang, want) in [
            ("5,55", Language::Fr, Some(5.55)),
            ("5,55", Language::En, Some(5.55)),
            ("1,000,000", Language::En, Some(1e6)),
            ("1.000.000", Language::Fr, Some(1e6)),
            ("1,000", Language::En, Some(1000.0)),
            ("1,000", Language::Fr, Some(1.0)),
            ("1.000", Language::Fr, Some(1000.0)),
            ("3.5", Language::En, Some(3.5)),
            ("1.000,50", Language::Fr, Some(1000.5)),
            ("1,000.50", Language::En, Some(1000.5)),
            ("27,5", Language::Fr, Some(27.5)),
            ("1,00,0", Language::En, None),
            ("5,", Language::Fr, None),
            ("abc", Language::Fr, None),
            ("", Language::Fr, None),
        ] {
            assert_eq!(parse_numeral(s, lang), want, "{s} {lang:?}");
        }
    }

    #[test]
    fn seed_article_quantities() {
        let fr = Language::Fr;
        assert_eq!(
            quantities("des millions de messages", fr),
            [(1e6, None, true)]
        );
        assert_eq!(
            quantities(
                "caution de 5 millions d’euros (5,55 millions de dollars)",
                fr
            ),
            [q(5e6, Some("eur")), q(5.55e6, Some("usd"))]
        );
        assert_eq!(
            quantities("Le milliardaire de 39 ans", fr),
            [q(39.0, Some("age"))]
        );
        assert_eq!(
            quantities("deux fois par semaine", fr),
            [q(2.0, Some("per_week"))]
        );
        assert_eq!(
            quantities("arrêté le 24 août 2024 au Bourget", fr),
            [q(20240824.0, Some("date"))]
        );
    }

    #[test]
    fn french_quantities() {
        let fr = Language::Fr;
        for (text, want) in [
            ("27,5 milliards d'euros", vec![q(27.5e9, Some("eur"))]),
            ("1 000 personnes", vec![q(1000.0, None)]),
            ("1\u{a0}000\u{a0}000 d’euros", vec![q(1e6, Some("eur"))]),
            ("1.000.000 de messages", vec![q(1e6, None)]),
            ("une hausse de 12 %", vec![q(12.0, Some("percent"))]),
            ("12 pour cent", vec![q(12.0, Some("percent"))]),
            ("né en 1960", vec![q(1960.0, Some("year"))]),
            ("en 2024, il", vec![q(2024.0, Some("year"))]),
            ("1500 personnes", vec![q(1500.0, None)]),
            ("dix ans de prison", vec![q(10.0, Some("years"))]),
            ("il y a 10 ans", vec![q(10.0, Some("years"))]),
            ("âgé de 39 ans", vec![q(39.0, Some("age"))]),
            ("vingt-trois personnes", vec![q(23.0, None)]),
            ("quatre-vingt-dix", vec![q(90.0, None)]),
            ("trois cents", vec![q(300.0, None)]),
            ("un million d'euros", vec![q(1e6, Some("eur"))]),
            ("une fois par jour", vec![q(1.0, Some("per_day"))]),
            ("le 1er août 2024", vec![q(20240801.0, Some("date"))]),
            ("en août 2024", vec![q(202408.0, Some("month"))]),
            ("28/08/2024", vec![q(20240828.0, Some("date"))]),
            ("des milliers de comptes", vec![(1e3, None, true)]),
            (
                "plusieurs millions de dollars",
                vec![(1e6, Some("usd".to_owned()), true)],
            ),
            ("2 milliards", vec![q(2e9, None)]),
            ("un billion", vec![q(1e12, None)]),
        ] {
            assert_eq!(quantities(text, fr), want, "{text}");
        }
    }

    #[test]
    fn english_quantities() {
        let en = Language::En;
        for (text, want) in [
            ("the deficit grew by $3 billion", vec![q(3e9, Some("usd"))]),
            ("1,000,000 users", vec![q(1e6, None)]),
            ("a 39-year-old man", vec![q(39.0, Some("age"))]),
            ("he is 39 years old", vec![q(39.0, Some("age"))]),
            ("for 10 years", vec![q(10.0, Some("years"))]),
            ("twice a week", vec![q(2.0, Some("per_week"))]),
            ("three times per day", vec![q(3.0, Some("per_day"))]),
            ("twenty-one people", vec![q(21.0, None)]),
            ("two hundred", vec![q(200.0, None)]),
            ("50 percent", vec![q(50.0, Some("percent"))]),
            ("August 28, 2024", vec![q(20240828.0, Some("date"))]),
            ("28 August 2024", vec![q(20240828.0, Some("date"))]),
            ("2024-08-28", vec![q(20240828.0, Some("date"))]),
            ("08/28/2024", vec![q(20240828.0, Some("date"))]),
            ("in 2024", vec![q(2024.0, Some("year"))]),
            ("millions of messages", vec![(1e6, None, true)]),
            ("tens of thousands", vec![(1e4, None, true)]),
            ("a billion dollars", vec![q(1e9, Some("usd"))]),
            ("5 million euros", vec![q(5e6, Some("eur"))]),
            ("May 2024", vec![q(202405.0, Some("month"))]),
        ] {
            assert_eq!(quantities(text, en), want, "{text}");
        }
    }

    #[test]
    fn skips_what_is_not_a_quantity() {
        for (text, lang) in [
            ("une plateforme", Language::Fr),
            ("un homme", Language::Fr),
            ("a man", Language::En),
            ("one of them", Language::En),
            ("at 14:30", Language::En),
            ("see [1]", Language::En),
            ("le XXe siècle", Language::Fr),
            ("la 2e fois", Language::Fr),
            ("pour cent", Language::Fr),
            ("he may go", Language::En),
            ("un pas", Language::Fr),
        ] {
            assert_eq!(quantities(text, lang), vec![], "{text}");
        }
    }

    #[test]
    fn never_panics_on_junk() {
        for text in [
            "",
            "$",
            "€€",
            "1",
            "-",
            "1-",
            "2024-",
            "2024-13-40",
            "99999999999999999999999999999999999999",
            "1 000 000 000 000 000 000 000",
            "31/31/2024",
            "0,0,0",
            "1..2",
            "٣ ٤",
            "10h30",
            "$$$1",
            "de de de",
            "millions de de",
            "fois par",
            "vingt-",
            "-vingt",
        ] {
            for lang in [Language::Fr, Language::En] {
                let _ = quantities(text, lang);
            }
        }
    }
}
