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
//! `pas` is negated. [`apply`] turns scopes into `Token::negated` by parity,
//! so a negation of a negation (`not without`, `it is not untrue`, `ce n'est
//! pas faux`, `no doubt`) reads as affirmative, and moves such cancelling
//! pairs out of the cue list.

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
            Language::En => alone_en(tokens, info, clause_end, i, norm, &mut out),
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
        start: tokens[first].span.start,
        end: tokens[last].span.end,
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
fn find_ne(tokens: &[Token], info: &mut [TokInfo], clause_end: &[usize], out: &mut Vec<Negation>) {
    for i in 0..tokens.len() {
        if info[i].used || tokens[i].norm != "ne" {
            continue;
        }
        if tokens.get(i + 1).is_some_and(|t| t.norm == "importe") {
            continue; // n'importe (quoi, qui): "any".
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
            continue;
        }
        // Pre-posed negative word in the same clause: `rien ne prouve`.
        let clause = info[i].clause;
        let mut p = None;
        for k in (0..i).rev() {
            if info[k].clause != clause {
                break;
            }
            let n = tokens[k].norm.as_str();
            if !info[k].used && FR_PREPOSED.contains(&n) {
                let det = k.checked_sub(1).map(|d| tokens[d].norm.as_str());
                let is_noun = n == "personne"
                    && det.is_some_and(|d| {
                        matches!(d, "la" | "une" | "cette" | "chaque" | "toute" | "le")
                    });
                if !is_noun {
                    p = Some(k);
                }
                break;
            }
        }
        if let Some(p) = p {
            let pre = tokens[p].norm;
            let mut toks = vec![p];
            if pre == "ni" {
                toks.extend((p + 1..i).filter(|&k| tokens[k].norm == "ni" && !info[k].used));
            }
            toks.push(i);
            out.push(make(
                tokens,
                info,
                toks,
                format!("{pre}…ne"),
                p + 1,
                end,
                false,
            ));
        }
    }
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
    if norm == "sans" && next == Some("doute") {
        return; // sans doute: a hedge, matched as a phrase.
    }
    let cancellable = norm != "rien";
    out.push(make(
        tokens,
        info,
        vec![i],
        norm.to_owned(),
        i + 1,
        end,
        cancellable,
    ));
}

/// English negative words.
fn alone_en(
    tokens: &[Token],
    info: &mut [TokInfo],
    clause_end: &[usize],
    i: usize,
    norm: &str,
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
    let prev = i.checked_sub(1).map(|p| tokens[p].norm.as_str());
    match norm {
        "not" => {
            if next == Some("only") {
                return; // not only … but also
            }
            if prev == Some("or") && next.is_none() {
                return; // whether or not
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
            toks.extend((i + 1..end).filter(|&k| tokens[k].norm == "nor" && !info[k].used));
            let canon = if toks.len() > 1 {
                "neither…nor"
            } else {
                "neither"
            };
            out.push(make(tokens, info, toks, canon.to_owned(), i + 1, end, true));
        }
        _ => out.push(make(
            tokens,
            info,
            vec![i],
            norm.to_owned(),
            i + 1,
            end,
            cancellable,
        )),
    }
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

/// Sets `Token::negated` by parity of the scopes covering each token and
/// pairs up negations cancelled by a directly following negation, denial
/// adjective or doubt word (`cancellers`, ascending by token).
pub(crate) fn apply(negs: &[Negation], cancellers: &[Canceller], tokens: &mut [Token]) -> Applied {
    let mut counts = vec![0u32; tokens.len()];
    for n in negs {
        for (t, c) in counts
            .iter_mut()
            .enumerate()
            .take(n.scope_end)
            .skip(n.scope_start)
        {
            if !n.tokens.contains(&t) {
                *c += 1;
            }
        }
    }
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
        // An inner negation right after it: `not without`, `pas sans`.
        let inner = negs.iter().enumerate().find(|(b, n)| {
            *b != a
                && !applied.cancelled[*b]
                && n.tokens
                    .first()
                    .is_some_and(|&f| f < outer.scope_end && adjacent(tokens, last, f))
        });
        if let Some((b, n)) = inner {
            applied.cancelled[a] = true;
            applied.cancelled[b] = true;
            // The part of the outer scope before the inner negation (the
            // verb in `ce n'est pas sans`) is affirmative too.
            let inner_start = n.tokens.first().copied().unwrap_or(outer.scope_start);
            for count in counts.iter_mut().take(inner_start).skip(outer.scope_start) {
                *count += 1;
            }
            clear.extend(outer.tokens.iter().chain(&n.tokens).copied());
            continue;
        }
        // A denial adjective or doubt word right after it: `not untrue`.
        let word = cancellers
            .iter()
            .find(|c| c.token < outer.scope_end && adjacent(tokens, last, c.token));
        if let Some(c) = word {
            applied.cancelled[a] = true;
            applied.cancelled_cues.extend(c.cue);
            // The whole scope flips back: `ce n'est pas faux` = `c'est vrai`.
            for count in counts
                .iter_mut()
                .take(outer.scope_end)
                .skip(outer.scope_start)
            {
                *count += 1;
            }
            clear.extend(outer.tokens.iter().copied());
            clear.extend(c.token..=c.last);
        }
    }
    for (t, c) in tokens.iter_mut().zip(&counts) {
        t.negated = c % 2 == 1;
    }
    for t in clear {
        if let Some(tok) = tokens.get_mut(t) {
            tok.negated = false;
        }
    }
    applied
}
