//! The quantities two claims state, and which of them cannot both be true:
//! what `number.mismatch` reads.
//!
//! Each claim's precise quantities are keyed by what they count (a unit,
//! or the word counted), and the other claim's are summarised per key
//! (sorted values per bound), so that finding the shorter claim's
//! quantities that none of the other's allow is `O(n log n)` in the
//! number of quantities, not their product: a passage of a million numbers
//! against another is no longer a trillion comparisons.

use std::collections::BTreeMap;

use crate::text::{Analysis, Quantity};

use super::overlap::word_index;

/// A precise quantity with what it counts and how it is bounded.
pub(super) struct Counted<'q> {
    pub(super) quantity: &'q Quantity,
    /// The unit, or else the stem of the word it counts (`23 morts` ->
    /// `mort`); quantities are only compared when these agree.
    pub(super) key: Option<&'q str>,
    bound: Bound,
}

/// How a number is qualified by the words before it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    Exact,
    /// `plus de`, `more than`, `over`, `au moins`, `at least`.
    AtLeast,
    /// `moins de`, `less than`, `under`, `up to`, `jusqu'à`.
    AtMost,
    /// `environ`, `about`, `nearly`, `près de`: within 10 percent.
    About,
}

/// Negated bounds, read before [`AT_LEAST`] and [`AT_MOST`]: `pas moins
/// de 40 %` is at least 40 %, `no more than 5` at most 5.
const NEGATED_AT_LEAST: &[&[&str]] = &[
    &["pas", "moins", "de"],
    &["no", "less", "than"],
    &["not", "less", "than"],
    &["no", "fewer", "than"],
    &["not", "fewer", "than"],
];
const NEGATED_AT_MOST: &[&[&str]] = &[
    &["pas", "plus", "de"],
    &["no", "more", "than"],
    &["not", "more", "than"],
];
const AT_LEAST: &[&[&str]] = &[
    &["plus", "de"],
    &["more", "than"],
    &["over"],
    &["au", "moins"],
    &["at", "least"],
    &["above"],
    &["depassant"],
];
const AT_MOST: &[&[&str]] = &[
    &["moins", "de"],
    &["less", "than"],
    &["fewer", "than"],
    &["under"],
    &["up", "to"],
    &["jusqu", "a"],
    &["below"],
];
const ABOUT: &[&[&str]] = &[
    &["environ"],
    &["about"],
    &["around"],
    &["nearly"],
    &["almost"],
    &["approximately"],
    &["pres", "de"],
    &["presque"],
    &["quelque"],
    &["some"],
];

/// True when the claim states a quantity `number.mismatch` can compare.
pub(super) fn any_precise(analysis: &Analysis) -> bool {
    analysis.quantities.iter().any(|q| !q.vague)
}

/// The claim's precise quantities, in text order.
pub(super) fn counted(analysis: &Analysis) -> Vec<Counted<'_>> {
    analysis
        .quantities
        .iter()
        .filter(|q| !q.vague)
        .map(|q| {
            let after = word_index(analysis, q.span.end);
            let key = q.unit.as_deref().or_else(|| {
                analysis
                    .tokens
                    .iter()
                    .skip(after)
                    .take(3)
                    .find(|t| !t.stop())
                    .map(|t| t.stem.as_str())
            });
            let before = word_index(analysis, q.span.start);
            let words: Vec<&str> = analysis.tokens[before.saturating_sub(3)..before]
                .iter()
                .map(|t| t.norm.as_str())
                .collect();
            let qualified = |tails: &[&[&str]]| tails.iter().any(|tail| words.ends_with(tail));
            let bound = if qualified(NEGATED_AT_LEAST) {
                Bound::AtLeast
            } else if qualified(NEGATED_AT_MOST) {
                Bound::AtMost
            } else if qualified(AT_LEAST) {
                Bound::AtLeast
            } else if qualified(AT_MOST) {
                Bound::AtMost
            } else if qualified(ABOUT) {
                Bound::About
            } else {
                Bound::Exact
            };
            Counted {
                quantity: q,
                key,
                bound,
            }
        })
        .collect()
}

/// True when `u` and `v` are within `tolerance` of the larger.
fn close(u: f64, v: f64, tolerance: f64) -> bool {
    (u - v).abs() <= tolerance * u.abs().max(v.abs()).max(1e-9)
}

/// True when the two quantities can both be true.
#[cfg(test)]
fn compatible(x: &Counted<'_>, y: &Counted<'_>) -> bool {
    let (u, v) = (x.quantity.value, y.quantity.value);
    match (x.bound, y.bound) {
        (Bound::Exact, Bound::Exact) => close(u, v, 0.01),
        (Bound::About, _) | (_, Bound::About) => close(u, v, 0.10),
        (Bound::AtLeast, Bound::AtLeast) | (Bound::AtMost, Bound::AtMost) => true,
        (Bound::AtLeast, Bound::Exact) => v >= u,
        (Bound::Exact, Bound::AtLeast) => u >= v,
        (Bound::AtMost, Bound::Exact) => v <= u,
        (Bound::Exact, Bound::AtMost) => u <= v,
        (Bound::AtLeast, Bound::AtMost) => u <= v,
        (Bound::AtMost, Bound::AtLeast) => v <= u,
    }
}

/// The quantities of one key on one side, summarised so that whether any
/// of them allows a quantity is a few binary searches.
#[derive(Default)]
struct Summary {
    /// The first of them, in text order.
    first: usize,
    count: usize,
    exact: Vec<f64>,
    about: Vec<f64>,
    all: Vec<f64>,
    at_least: Option<(f64, f64)>,
    at_most: Option<(f64, f64)>,
}

impl Summary {
    fn add(&mut self, index: usize, y: &Counted<'_>) {
        let v = y.quantity.value;
        if self.count == 0 {
            self.first = index;
        }
        self.count += 1;
        self.all.push(v);
        let widen = |range: &mut Option<(f64, f64)>| {
            *range = Some(range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        };
        match y.bound {
            Bound::Exact => self.exact.push(v),
            Bound::About => self.about.push(v),
            Bound::AtLeast => widen(&mut self.at_least),
            Bound::AtMost => widen(&mut self.at_most),
        }
    }

    fn sort(&mut self) {
        for values in [&mut self.exact, &mut self.about, &mut self.all] {
            values.sort_unstable_by(f64::total_cmp);
        }
    }

    /// True when one of the summarised quantities can be true with `x`:
    /// the same test as pairwise compatibility, against each bound's
    /// nearest values and extremes.
    fn allows(&self, x: &Counted<'_>) -> bool {
        let u = x.quantity.value;
        // Within a tolerance of `u`: only the nearest value on each side can
        // be (the gap grows faster than the tolerance away from `u`).
        let near = |values: &[f64], tolerance: f64| {
            let p = values.partition_point(|&v| v < u);
            [p.checked_sub(1), Some(p)]
                .into_iter()
                .flatten()
                .filter_map(|i| values.get(i))
                .any(|&v| close(u, v, tolerance))
        };
        let min = |range: Option<(f64, f64)>| range.map(|(lo, _)| lo);
        let max = |range: Option<(f64, f64)>| range.map(|(_, hi)| hi);
        let first_exact = || self.exact.first().copied();
        let last_exact = || self.exact.last().copied();
        if near(&self.about, 0.10) {
            return true;
        }
        match x.bound {
            Bound::About => near(&self.all, 0.10),
            Bound::Exact => {
                near(&self.exact, 0.01)
                    || min(self.at_least).is_some_and(|v| u >= v)
                    || max(self.at_most).is_some_and(|v| u <= v)
            }
            Bound::AtLeast => {
                self.at_least.is_some()
                    || last_exact().is_some_and(|v| v >= u)
                    || max(self.at_most).is_some_and(|v| u <= v)
            }
            Bound::AtMost => {
                self.at_most.is_some()
                    || first_exact().is_some_and(|v| v <= u)
                    || min(self.at_least).is_some_and(|v| v <= u)
            }
        }
    }
}

/// A quantity of the shorter claim that counts what quantities of the
/// other count, none of which can be true with it: `(x, y)` indexes into
/// `short` and `long`, `y` the first of the other's of that key.
///
/// A passage that gives several dates tells the story of several events:
/// a date of the shorter claim may be any of them, so it mismatches only a
/// passage with one date of that kind.
pub(super) fn mismatches(short: &[Counted<'_>], long: &[Counted<'_>]) -> Vec<(usize, usize)> {
    let mut by_key: BTreeMap<&str, Summary> = BTreeMap::new();
    for (j, y) in long.iter().enumerate() {
        if let Some(key) = y.key {
            by_key.entry(key).or_default().add(j, y);
        }
    }
    by_key.values_mut().for_each(Summary::sort);
    short
        .iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let key = x.key?;
            let same = by_key.get(key)?;
            let several_dates = matches!(key, "date" | "year" | "month") && same.count > 1;
            (!(same.allows(x) || several_dates)).then_some((i, same.first))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::text::Span;

    /// The pairwise search the summaries replace.
    fn brute_force(short: &[Counted<'_>], long: &[Counted<'_>]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for (i, x) in short.iter().enumerate() {
            let Some(key) = x.key else { continue };
            let same: Vec<usize> = (0..long.len())
                .filter(|&j| long[j].key == Some(key))
                .collect();
            if same.is_empty() || same.iter().any(|&j| compatible(x, &long[j])) {
                continue;
            }
            if matches!(key, "date" | "year" | "month") && same.len() > 1 {
                continue;
            }
            found.push((i, same[0]));
        }
        found
    }

    const KEYS: [&str; 4] = ["eur", "mort", "date", "percent"];
    const BOUNDS: [Bound; 4] = [Bound::Exact, Bound::AtLeast, Bound::AtMost, Bound::About];

    fn quantities(values: &[(u8, u8, i16)]) -> Vec<Quantity> {
        values
            .iter()
            .map(|&(_, _, v)| Quantity {
                value: f64::from(v) * 1.5,
                vague: false,
                unit: None,
                span: Span { start: 0, end: 0 },
            })
            .collect()
    }

    fn counted_of<'q>(values: &[(u8, u8, i16)], quantities: &'q [Quantity]) -> Vec<Counted<'q>> {
        values
            .iter()
            .zip(quantities)
            .map(|(&(k, b, _), quantity)| Counted {
                quantity,
                key: (k < 4).then(|| KEYS[usize::from(k)]),
                bound: BOUNDS[usize::from(b % 4)],
            })
            .collect()
    }

    proptest! {
        #[test]
        fn summaries_find_what_pairwise_comparison_finds(
            short in prop::collection::vec((0u8..5, 0u8..4, -40i16..40), 0..12),
            long in prop::collection::vec((0u8..5, 0u8..4, -40i16..40), 0..24),
        ) {
            let (qs, ql) = (quantities(&short), quantities(&long));
            let (short, long) = (counted_of(&short, &qs), counted_of(&long, &ql));
            prop_assert_eq!(mismatches(&short, &long), brute_force(&short, &long));
        }
    }
}
