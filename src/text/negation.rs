//! Negation cues and their scope.
//!
//! French negation is usually discontinuous (`ne/n' … pas/jamais/plus/rien/
//! aucun/personne/guère/point`, `ne … ni … ni`), can be pre-posed (`rien ne
//! prouve`, `aucun témoin n'a vu`), and is often reduced to `pas` in speech;
//! `ne … que` is restrictive ("only"), not negation, and a lone `ne` is
//! expletive (`avant qu'il ne parte`). English uses `not`/`n't`, `never`,
//! `no`, `none`, `nothing`, `nobody`, `neither … nor`, `without`, `cannot`.
//!
//! A cue's scope runs from just after its first word to the end of the
//! clause, minus the cue's own words, so the French verb between `ne` and
//! `pas` is negated. Two cues negate less than a clause: a `non` that
//! modifies a word negates that word (`les non vaccinés sont admis`), and
//! `sans`/`without` negate their phrase, up to the next preposition or
//! conjunction (`sans système immunitaire en Australie`). An alternative
//! (`does or does not`, `coupable ou non`) asks, and negates nothing.
//! [`apply`] turns scopes into `Token::negated` by parity, so a negation of
//! a negation (`not without`, `it is not untrue`, `ce n'est pas faux`, `no
//! doubt`) reads as affirmative, and moves such cancelling pairs out of the
//! cue list.

use super::lexicon::PhraseSet;
use super::tokenize::TokInfo;
use super::{Cue, CueKind, Span, Token};
use crate::model::Language;

/// Second parts of French discontinuous negation.
const FR_SECOND: &[&str] = &[
    "pas",
    "jamais",
    "plus",
    "rien",
    "aucun",
    "aucune",
    "personne",
    "guere",
    "point",
    "nul",
    "nulle",
    "nullement",
    "aucunement",
    "ni",
];
/// Negative words that join a preceding one into a single negation
/// (`ne … plus jamais rien`).
const FR_CONCORD: &[&str] = &[
    "jamais",
    "rien",
    "plus",
    "personne",
    "aucun",
    "aucune",
    "nullement",
    "aucunement",
    "guere",
];
/// Negative words that can come before `ne` (`rien ne prouve`).
const FR_PREPOSED: &[&str] = &[
    "personne", "rien", "aucun", "aucune", "nul", "nulle", "jamais", "ni",
];
/// French negative words that negate on their own (spoken French, or no verb).
const FR_ALONE: &[&str] = &[
    "pas",
    "jamais",
    "rien",
    "aucun",
    "aucune",
    "nullement",
    "aucunement",
    "guere",
    "sans",
    "non",
];
/// Words before `pas`/`rien` that make it a noun (`un pas`, `un rien`).
const FR_NOUN_DETERMINERS: &[&str] = &[
    "un", "le", "les", "ce", "cet", "ces", "du", "des", "au", "aux", "son", "ses", "mon", "mes",
    "ton", "nos", "vos", "leur", "leurs", "premier", "premiers", "petit", "petits", "grand",
    "grands", "mauvais", "faux", "deux", "trois", "quelques",
];
/// English negative words that negate on their own, with whether a
/// following denial adjective or `doubt` can cancel them.
const EN_ALONE: &[(&str, bool)] = &[
    ("not", true),
    ("never", true),
    ("no", true),
    ("cannot", true),
    ("without", true),
    ("none", false),
    ("nothing", false),
    ("nobody", false),
    ("nowhere", false),
    ("nor", true),
    ("neither", true),
];
/// Words that may stand between a negation and the word that cancels it
/// (`not entirely untrue`, `pas tout à fait faux`).
const FILLERS: &[&str] = &[
    "so",
    "entirely",
    "completely",
    "totally",
    "really",
    "quite",
    "necessarily",
    "altogether",
    "all",
    "that",
    "a",
    "an",
    "any",
    "the",
    "tout",
    "fait",
    "totalement",
    "completement",
    "entierement",
    "absolument",
    "vraiment",
    "forcement",
    "necessairement",
    "si",
    "tres",
    "du",
    "de",
    "un",
    "une",
    "le",
    "la",
    "aucun",
    "aucune",
];

/// One negation found in a text.
#[derive(Debug, Clone)]
pub(crate) struct Negation {
    /// The public cue.
    pub cue: Cue,
    /// The token indices of the cue's words, ascending.
    pub tokens: Vec<usize>,
    /// First token of the scope.
    pub scope_start: usize,
    /// One past the last token of the scope (the end of the clause).
    pub scope_end: usize,
    /// True when a directly following denial adjective, doubt word or other
    /// negation cancels it (`not untrue`). False for pronominal negations
    /// (`nothing wrong`, `rien de faux`), which negate the adjective.
    pub cancellable: bool,
}

/// Finds negation cues. `clause_end[i]` is one past the last token of the
/// clause holding token `i`. Cue tokens get `info.used = true`.
pub(crate) fn find(
    language: Language,
    tokens: &[Token],
    info: &mut [TokInfo],
    clause_end: &[usize],
    extra: &PhraseSet<String>,
) -> Vec<Negation> {
    let mut out = Vec::new();
    if language == Language::Fr {
        find_ne(tokens, info, clause_end, &mut out);
    }
    // The end of the last clause whose `nor`s a `neither` has collected:
    // they are all used then, so a later `neither` of that clause has
    // none left to look for (`neither neither neither …` stays linear).
    let mut nor_collected_until = None;
    for i in 0..tokens.len() {
        if info[i].used {
            continue;
        }
        if !extra.is_empty() {
            if let Some((len, canon)) =
                extra.longest_at(tokens, i, |t| t.norm.as_str(), |k| info[k].used)
            {
                let toks: Vec<usize> = (i..i + len).collect();
                out.push(make(
                    tokens,
                    info,
                    toks,
                    canon.clone(),
                    i + 1,
                    clause_end[i],
                    true,
                ));
                continue;
            }
        }
        let norm = tokens[i].norm.as_str();
        match language {
            Language::Fr => alone_fr(tokens, info, clause_end, i, norm, &mut out),
            Language::En => alone_en(
                tokens,
                info,
                clause_end,
                i,
                norm,
                &mut nor_collected_until,
                &mut out,
            ),
        }
    }
    out.sort_by_key(|n| n.cue.span.start);
    out
}

/// Builds a negation and marks its tokens as used.
fn make(
    tokens: &[Token],
    info: &mut [TokInfo],
    toks: Vec<usize>,
    canon: String,
    scope_start: usize,
    scope_end: usize,
    cancellable: bool,
) -> Negation {
    let first = toks.first().copied().unwrap_or(0);
    let last = toks.last().copied().unwrap_or(0);
    for &t in &toks {
        info[t].used = true;
    }
    let span = Span {
        start: tokens[first].span().start,
        end: tokens[last].span().end,
    };
    Negation {
        cue: Cue {
            kind: CueKind::Negation,
            cue: canon,
            span,
        },
        tokens: toks,
        scope_start,
        scope_end: scope_end.max(scope_start),
        cancellable,
    }
}

/// French `ne … X`, `X … ne`.
///
/// One pass: the pre-posed negative words not yet used are kept on a stack
/// for the current clause, so `rien ne prouve` finds `rien` without walking
/// back over the clause (which made `ne ne ne …` quadratic).
fn find_ne(tokens: &[Token], info: &mut [TokInfo], clause_end: &[usize], out: &mut Vec<Negation>) {
    // The unused pre-posed negative words before `i` in `i`'s clause,
    // nearest last. A word only leaves it by becoming the pre-posed half of
    // a negation: the other words a negation uses all come after its `ne`.
    let mut preposed: Vec<usize> = Vec::new();
    for i in 0..tokens.len() {
        if preposed
            .last()
            .is_some_and(|&k| info[k].clause != info[i].clause)
        {
            preposed.clear();
        }
        ne_at(tokens, info, clause_end, i, &mut preposed, out);
        if !info[i].used && FR_PREPOSED.contains(&tokens[i].norm.as_str()) {
            preposed.push(i);
        }
    }
}

/// The negation of the French `ne` at token `i`, if it is one: `ne … X`,
/// or `X … ne` with `X` the nearest unused pre-posed word of the clause
/// (the top of `preposed`, popped when it is taken).
fn ne_at(
    tokens: &[Token],
    info: &mut [TokInfo],
    clause_end: &[usize],
    i: usize,
    preposed: &mut Vec<usize>,
    out: &mut Vec<Negation>,
) {
    if info[i].used || tokens[i].norm != "ne" {
        return;
    }
    if tokens.get(i + 1).is_some_and(|t| t.norm == "importe") {
        return; // n'importe (quoi, qui): "any".
    }
    let end = clause_end[i];
    let mut second = None;
    for j in i + 1..end.min(i + 12) {
        let n = tokens[j].norm.as_str();
        if info[j].used || n == "ne" {
            break;
        }
        if n == "que" {
            break; // ne … que: restrictive, "only".
        }
        if FR_SECOND.contains(&n) {
            second = Some(j);
            break;
        }
    }
    if second.is_some_and(|j| tokens[j].norm == "pas" && bound_follows(tokens, j)) {
        return; // ne … pas moins de 200: a bound, at least 200.
    }
    if let Some(j) = second {
        let sec = tokens[j].norm.as_str();
        let mut toks = vec![i, j];
        if sec == "ni" {
            toks.extend((j + 1..end).filter(|&k| tokens[k].norm == "ni" && !info[k].used));
        } else {
            let mut k = j + 1;
            while k < end && FR_CONCORD.contains(&tokens[k].norm.as_str()) && !info[k].used {
                toks.push(k);
                k += 1;
            }
        }
        let canon = format!("ne…{sec}");
        let cancellable = !matches!(sec, "rien" | "personne" | "nul" | "nulle");
        out.push(make(tokens, info, toks, canon, i + 1, end, cancellable));
        return;
    }
    // Pre-posed negative word in the same clause: `rien ne prouve`.
    let Some(&p) = preposed.last() else { return };
    let pre = tokens[p].norm;
    let det = p.checked_sub(1).map(|d| tokens[d].norm.as_str());
    let is_noun = pre == "personne"
        && det.is_some_and(|d| matches!(d, "la" | "une" | "cette" | "chaque" | "toute" | "le"));
    if is_noun {
        return;
    }
    preposed.pop();
    // No `ni` stands unused between `p` and `i`: it would be a nearer
    // pre-posed word. So `ni … ne` is just these two words.
    out.push(make(
        tokens,
        info,
        vec![p, i],
        format!("{pre}…ne"),
        p + 1,
        end,
        false,
    ));
}

/// French negative words without `ne`.
fn alone_fr(
    tokens: &[Token],
    info: &mut [TokInfo],
    clause_end: &[usize],
    i: usize,
    norm: &str,
    out: &mut Vec<Negation>,
) {
    let end = clause_end[i];
    if norm == "ni" {
        let toks: Vec<usize> = (i..end)
            .filter(|&k| tokens[k].norm == "ni" && !info[k].used)
            .collect();
        out.push(make(
            tokens,
            info,
            toks,
            "ni…ni".to_owned(),
            i + 1,
            end,
            true,
        ));
        return;
    }
    if !FR_ALONE.contains(&norm) {
        return;
    }
    let prev = i.checked_sub(1).map(|p| tokens[p].norm.as_str());
    let next = tokens.get(i + 1).map(|t| t.norm.as_str());
    if matches!(norm, "pas" | "rien") && prev.is_some_and(|p| FR_NOUN_DETERMINERS.contains(&p)) {
        return; // un pas, un rien: nouns.
    }
    if norm == "non" && next == Some("seulement") {
        return; // non seulement … mais: "not only".
    }
    if norm == "pas" && bound_follows(tokens, i) {
        return; // pas moins de 40 %: a bound, at least 40 %.
    }
    if matches!(norm, "non" | "pas") && prev == Some("ou") {
        return; // coupable ou non, tu viens ou pas: an alternative, a question.
    }
    if norm == "sans" && next == Some("doute") {
        return; // sans doute: a hedge, matched as a phrase.
    }
    let cancellable = norm != "rien";
    let scope_end = match norm {
        "non" => word_scope_end(tokens, i, end),
        "sans" => phrase_scope_end(Language::Fr, tokens, i, end),
        _ => end,
    };
    out.push(one_word(tokens, info, i, norm, scope_end, cancellable));
}

/// A negation of one word, `norm` at token `i`, whose scope runs from the
/// next token to `scope_end`.
fn one_word(
    tokens: &[Token],
    info: &mut [TokInfo],
    i: usize,
    norm: &str,
    scope_end: usize,
    cancellable: bool,
) -> Negation {
    make(
        tokens,
        info,
        vec![i],
        norm.to_owned(),
        i + 1,
        scope_end,
        cancellable,
    )
}

/// The scope of a `non` that modifies a word (`non vaccinés`, `non-urgent`,
/// `et non aux CDC`): up to its first content word. A `non` that stands
/// alone (`« Non », a-t-il répondu`, `c'est non et il est parti`) has an
/// empty scope: it answers, and negates no word of the claim.
fn word_scope_end(tokens: &[Token], i: usize, end: usize) -> usize {
    // At most a few words ahead, so that a run of `non` stays linear, and
    // not past a conjunction (`c'est non et il est parti`).
    let end = end.min(i + 1 + MAX_WORD_SCOPE);
    for (k, t) in tokens.iter().enumerate().take(end).skip(i + 1) {
        if matches!(t.norm.as_str(), "et" | "ou" | "mais" | "and" | "or" | "but") {
            break;
        }
        if !t.stop() {
            return k + 1;
        }
    }
    i + 1
}

/// How far [`word_scope_end`] looks for the word a `non` modifies.
const MAX_WORD_SCOPE: usize = 4;
/// The longest phrase [`phrase_scope_end`] gives a `sans`/`without`.
const MAX_PHRASE_SCOPE: usize = 12;

/// Prepositions and conjunctions that end the phrase a `sans`/`without`
/// governs once it has a content word: `sans système immunitaire en
/// Australie` negates the system, not Australia.
const FR_PHRASE_ENDS: &[&str] = &[
    "en", "dans", "a", "au", "aux", "pour", "par", "avec", "sur", "sous", "chez", "vers", "depuis",
    "pendant", "apres", "avant", "contre", "entre", "selon", "et", "ou", "mais", "lors", "malgre",
];
/// English counterparts of [`FR_PHRASE_ENDS`].
const EN_PHRASE_ENDS: &[&str] = &[
    "in", "on", "at", "for", "by", "with", "from", "to", "into", "after", "before", "during",
    "since", "and", "or", "but", "against", "despite", "while", "until",
];

/// The scope of a preposition that negates (`sans`, `without`): its
/// phrase, which ends at the first preposition or conjunction after a
/// content word, at the end of the clause, or [`MAX_PHRASE_SCOPE`] words
/// on (so that a run of `sans` stays linear).
fn phrase_scope_end(language: Language, tokens: &[Token], i: usize, end: usize) -> usize {
    let ends = match language {
        Language::Fr => FR_PHRASE_ENDS,
        Language::En => EN_PHRASE_ENDS,
    };
    let end = end.min(i + 1 + MAX_PHRASE_SCOPE);
    let mut content = false;
    for (k, t) in tokens.iter().enumerate().take(end).skip(i + 1) {
        if content && ends.contains(&t.norm.as_str()) {
            return k;
        }
        content |= !t.stop();
    }
    end
}

/// English negative words.
fn alone_en(
    tokens: &[Token],
    info: &mut [TokInfo],
    clause_end: &[usize],
    i: usize,
    norm: &str,
    nor_collected_until: &mut Option<usize>,
    out: &mut Vec<Negation>,
) {
    let Some(&(_, cancellable)) = EN_ALONE.iter().find(|(w, _)| *w == norm) else {
        return;
    };
    let end = clause_end[i];
    let next = tokens
        .get(i + 1)
        .filter(|_| i + 1 < end)
        .map(|t| t.norm.as_str());
    match norm {
        "not" | "no" if bound_follows(tokens, i) => {} // no more than 5: a bound
        "not" => {
            if next == Some("only") {
                return; // not only … but also
            }
            if alternative_en(tokens, i) {
                return; // whether or not, does or does not: a question
            }
            let canon = if info[i].clitic { "n't" } else { "not" };
            out.push(make(
                tokens,
                info,
                vec![i],
                canon.to_owned(),
                i + 1,
                end,
                cancellable,
            ));
        }
        "no" if next == Some("one") => {
            out.push(make(
                tokens,
                info,
                vec![i, i + 1],
                "no one".to_owned(),
                i + 2,
                end,
                false,
            ));
        }
        "no" if next == Some("longer") => {
            out.push(make(
                tokens,
                info,
                vec![i, i + 1],
                "no longer".to_owned(),
                i + 2,
                end,
                true,
            ));
        }
        "neither" => {
            let mut toks = vec![i];
            if *nor_collected_until != Some(end) {
                toks.extend((i + 1..end).filter(|&k| tokens[k].norm == "nor" && !info[k].used));
                *nor_collected_until = Some(end);
            }
            let canon = if toks.len() > 1 {
                "neither…nor"
            } else {
                "neither"
            };
            out.push(make(tokens, info, toks, canon.to_owned(), i + 1, end, true));
        }
        "cannot" if alternative_en(tokens, i) => {} // can or cannot
        _ => {
            let scope_end = if norm == "without" {
                phrase_scope_end(Language::En, tokens, i, end)
            } else {
                end
            };
            out.push(one_word(tokens, info, i, norm, scope_end, cancellable));
        }
    }
}

/// True when the negation at `i` starts a negated bound on a number (`pas
/// moins de 40 %`, `pas plus de 3`, `no less than 5`, `not more than 10`,
/// `no fewer than 200`): a quantity's bound (read in `infer::quantities`),
/// not a negation. Without a number the comparison is negated: `il n'y a
/// pas plus de morts que de malades` denies that there are more.
fn bound_follows(tokens: &[Token], i: usize) -> bool {
    let word = |k: usize| tokens.get(k).map(|t| t.norm.as_str());
    let number = word(i + 3).is_some_and(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    number
        && matches!(
            (word(i + 1), word(i + 2)),
            (Some("moins" | "plus"), Some("de")) | (Some("less" | "fewer" | "more"), Some("than"))
        )
}

/// English auxiliaries that an alternative repeats (`does or does not`).
const EN_AUXILIARIES: &[&str] = &[
    "is", "are", "am", "was", "were", "be", "do", "does", "did", "have", "has", "had", "can",
    "could", "will", "would", "shall", "should", "may", "might", "must", "need", "ought",
];

/// True when the English negation at `i` is the second half of an
/// alternative, which asks rather than denies: `or not` (`whether or not`,
/// `want or not want`), `or` and an auxiliary (`does or does not`, `should
/// or shouldn't`), an auxiliary repeated (`is / is not`), and `or cannot`.
fn alternative_en(tokens: &[Token], i: usize) -> bool {
    let word = |k: Option<usize>| k.map(|k| tokens[k].norm.as_str());
    let (prev, prev2) = (word(i.checked_sub(1)), word(i.checked_sub(2)));
    let auxiliary = prev.is_some_and(|p| EN_AUXILIARIES.contains(&p));
    prev == Some("or") || (auxiliary && (prev2 == Some("or") || prev2 == prev))
}

/// A word that can cancel a directly preceding negation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Canceller {
    /// Its first token.
    pub token: usize,
    /// Its last token.
    pub last: usize,
    /// The index of its cue in the caller's cue list, when it is a cue.
    pub cue: Option<usize>,
}

/// What [`apply`] decided.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    /// For each negation, true when a double negation cancelled it.
    pub cancelled: Vec<bool>,
    /// Indices (in the caller's cue list) of other cues cancelled with a
    /// negation (`untrue` in `not untrue`).
    pub cancelled_cues: Vec<usize>,
}

/// True when only filler words stand between tokens `after` (exclusive)
/// and `at` (exclusive).
fn adjacent(tokens: &[Token], after: usize, at: usize) -> bool {
    at > after
        && at - after - 1 <= 3
        && (after + 1..at).all(|k| FILLERS.contains(&tokens[k].norm.as_str()))
}

/// The number of scopes covering each token, kept as a difference array so
/// that adding a scope costs O(1) whatever its length (a clause of 100k
/// negations would otherwise cost the square of its length).
struct ScopeCounts {
    delta: Vec<i64>,
}

impl ScopeCounts {
    fn new(n_tokens: usize) -> ScopeCounts {
        ScopeCounts {
            delta: vec![0; n_tokens + 1],
        }
    }

    /// Adds `by` to every token of `start..end` (clamped to the tokens).
    fn add(&mut self, start: usize, end: usize, by: i64) {
        let end = end.min(self.delta.len() - 1);
        if start < end {
            self.delta[start] += by;
            self.delta[end] -= by;
        }
    }

    /// True for each token covered by an odd number of scopes.
    fn odd(&self) -> impl Iterator<Item = bool> + '_ {
        self.delta[..self.delta.len() - 1]
            .iter()
            .scan(0i64, |sum, d| {
                *sum += d;
                Some(sum.rem_euclid(2) == 1)
            })
    }
}

/// Sets `Token::negated` by parity of the scopes covering each token and
/// pairs up negations cancelled by a directly following negation, denial
/// adjective or doubt word (`cancellers`, ascending by token).
///
/// Linear in the tokens plus the negations (and a sort of the negations):
/// a negation can only be cancelled by something starting within four
/// tokens of its last word ([`adjacent`]), so those few tokens are looked
/// up instead of every other negation and canceller.
pub(crate) fn apply(negs: &[Negation], cancellers: &[Canceller], tokens: &mut [Token]) -> Applied {
    let mut counts = ScopeCounts::new(tokens.len());
    for n in negs {
        counts.add(n.scope_start, n.scope_end, 1);
        // A cue's own words are not in its scope (`tokens` has no repeats).
        for &t in &n.tokens {
            if t >= n.scope_start && t < n.scope_end {
                counts.add(t, t + 1, -1);
            }
        }
    }
    // Negations by first token (then by index, the order in which the
    // search below must prefer them).
    let mut by_first: Vec<(usize, usize)> = negs
        .iter()
        .enumerate()
        .filter_map(|(b, n)| n.tokens.first().map(|&f| (f, b)))
        .collect();
    by_first.sort_unstable();
    let mut applied = Applied {
        cancelled: vec![false; negs.len()],
        cancelled_cues: Vec::new(),
    };
    let mut clear: Vec<usize> = Vec::new();
    for (a, outer) in negs.iter().enumerate() {
        if applied.cancelled[a] || !outer.cancellable {
            continue;
        }
        let last = outer.tokens.last().copied().unwrap_or(0);
        // An inner negation right after it: `not without`, `pas sans`. The
        // first such negation in `negs` order, as when every negation was
        // tried.
        let near = by_first.partition_point(|&(f, _)| f <= last);
        let inner = by_first[near..]
            .iter()
            .take_while(|&&(f, _)| f <= last + 4)
            .filter(|&&(f, b)| {
                b != a && !applied.cancelled[b] && f < outer.scope_end && adjacent(tokens, last, f)
            })
            .map(|&(_, b)| b)
            .min();
        if let Some(b) = inner {
            let n = &negs[b];
            applied.cancelled[a] = true;
            applied.cancelled[b] = true;
            // The part of the outer scope before the inner negation (the
            // verb in `ce n'est pas sans`) is affirmative too.
            let inner_start = n.tokens.first().copied().unwrap_or(outer.scope_start);
            counts.add(outer.scope_start, inner_start, 1);
            // So is the part after a shorter inner scope (`not without
            // risk for the children`: `sans`/`without` end at a
            // preposition, the outer negation at the end of the clause).
            if n.scope_end < outer.scope_end {
                counts.add(n.scope_end.max(inner_start), outer.scope_end, 1);
            }
            clear.extend(outer.tokens.iter().chain(&n.tokens).copied());
            continue;
        }
        // A denial adjective or doubt word right after it: `not untrue`.
        let near = cancellers.partition_point(|c| c.token <= last);
        let word = cancellers[near..]
            .iter()
            .take_while(|c| c.token <= last + 4)
            .find(|c| c.token < outer.scope_end && adjacent(tokens, last, c.token));
        if let Some(c) = word {
            applied.cancelled[a] = true;
            applied.cancelled_cues.extend(c.cue);
            // The whole scope flips back: `ce n'est pas faux` = `c'est vrai`.
            counts.add(outer.scope_start, outer.scope_end, 1);
            clear.extend(outer.tokens.iter().copied());
            clear.extend(c.token..=c.last);
        }
    }
    for (t, odd) in tokens.iter_mut().zip(counts.odd()) {
        t.set_negated(odd);
    }
    for t in clear {
        if let Some(tok) = tokens.get_mut(t) {
            tok.set_negated(false);
        }
    }
    applied
}
