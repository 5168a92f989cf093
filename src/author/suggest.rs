//! `claimgraph suggest`: the pairs a person should look at next.
//!
//! A suggestion is a pair of claims that no annotation covers yet, with
//! what the inference makes of it. Pairs are ordered by a review score
//! (see `weight` below): how likely a reviewer is to confirm a relation,
//! not raw similarity. An inferred contradiction counts most, then an
//! inferred support, each by its confidence; pairs from two parties, pairs
//! filed under the same topics, and pairs where one party negates or
//! denies what the other asserts are lifted, so that disputes whose two
//! sides share no word still reach the top. Two claims next to each other
//! in their source (by locator, or by the numbers of numbered ids) are
//! lifted most of all: a reply or a reason is usually said right after the
//! claim it answers. With `all`, every other pair of claims is listed too,
//! scored the same way. Every suggestion lists the
//! signals behind its score. Pure: it reads a loaded case and its graph.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::Serialize;

use crate::analyzed::AnalyzedCase;
use crate::case::Case;
use crate::graph::{ClaimGraph, Provenance, SearchMode};
use crate::infer::{Assessment, Relation, round3};

/// One pair to look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The first claim id (for `supports`, the supporting claim).
    pub claim_a: String,
    /// The second claim id.
    pub claim_b: String,
    /// The inferred relation, or `None` for a pair the rules left unlinked.
    pub relation: Option<&'static str>,
    /// The inference's confidence (0 when there is no relation).
    pub confidence: f64,
    /// The weighted similarity of the two claims.
    pub similarity: f64,
    /// True when the two claims belong to different parties.
    pub cross_party: bool,
    /// The rules that fired, one line each.
    pub evidence: Vec<String>,
    /// What the review score counts, one signal each.
    pub reasons: Vec<String>,
    /// The sort key's score: higher is more useful.
    pub score: f64,
}

/// Which pairs to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SuggestOptions {
    /// Also list cross-party pairs that have no inferred relation.
    pub all: bool,
}

/// The suggestions for a loaded case: its claims are analysed and its
/// graph built (every pair compared with `options.all`, which lists every
/// pair), then [`suggestions`].
///
/// # Errors
/// As [`suggestions`].
pub fn for_case(
    case: &Case,
    options: SuggestOptions,
    skipped: &BTreeSet<(String, String)>,
) -> crate::Result<Vec<Suggestion>> {
    let analyzed = AnalyzedCase::new(case);
    let mode = if options.all {
        SearchMode::Exhaustive
    } else {
        SearchMode::Indexed
    };
    let graph = ClaimGraph::build(case, &analyzed, mode);
    suggestions(case, &analyzed, &graph, options, skipped)
}

/// The suggestions for a case, most useful first, leaving out annotated
/// pairs and the pairs in `skipped` (unordered pairs of claim ids).
///
/// # Errors
/// [`crate::Error::VerdictMismatch`] when an inferred edge's explanation no
/// longer gives its verdict (a bug).
pub fn suggestions(
    case: &Case,
    analyzed: &AnalyzedCase,
    graph: &ClaimGraph,
    options: SuggestOptions,
    skipped: &BTreeSet<(String, String)>,
) -> crate::Result<Vec<Suggestion>> {
    let annotated = annotated_pairs(case);
    let is_skipped = |i: usize, j: usize| {
        let (a, b) = (&case.claims[i].id, &case.claims[j].id);
        let key = if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        skipped.contains(&key)
    };
    let signals = Signals {
        stances: (0..case.claims.len())
            .map(|i| takes_a_stance(analyzed.analysis(i)))
            .collect(),
        places: source_places(case),
    };
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut out = Vec::new();
    for view in graph.edges() {
        if !matches!(view.edge.provenance, Provenance::Inferred { .. }) {
            continue;
        }
        let assessment = analyzed.provenance(case, &view)?;
        let key = (view.from.min(view.to), view.from.max(view.to));
        if annotated.contains(&key) || is_skipped(view.from, view.to) || !seen.insert(key) {
            continue;
        }
        let inferred = Some((view.edge.relation, assessment.confidence));
        let pair = (view.from, view.to);
        let scored = review_score(case, pair, inferred, assessment.similarity, &signals);
        out.push(suggestion(case, pair, inferred, &assessment, scored));
    }
    if options.all {
        for i in 0..case.claims.len() {
            for j in i + 1..case.claims.len() {
                // A duplicate is reviewed through the claim that stands
                // for its group.
                if graph.is_duplicate(i)
                    || graph.is_duplicate(j)
                    || annotated.contains(&(i, j))
                    || seen.contains(&(i, j))
                    || is_skipped(i, j)
                {
                    continue;
                }
                let assessment = analyzed.assess(case, i, j);
                let scored = review_score(case, (i, j), None, assessment.similarity, &signals);
                out.push(suggestion(case, (i, j), None, &assessment, scored));
            }
        }
    }
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.claim_a.cmp(&y.claim_a))
            .then_with(|| x.claim_b.cmp(&y.claim_b))
    });
    Ok(out)
}

/// The pairs of claim indices (smaller first) that an annotation covers.
fn annotated_pairs(case: &Case) -> BTreeSet<(usize, usize)> {
    case.annotations
        .iter()
        .filter_map(|annotation| {
            let i = case.claim_index(&annotation.claims[0])?;
            let j = case.claim_index(&annotation.claims[1])?;
            Some((i.min(j), i.max(j)))
        })
        .collect()
}

/// The suggestion of the pair `(i, j)`: `inferred` is the edge's relation
/// and confidence, `None` for a pair the rules left unlinked.
fn suggestion(
    case: &Case,
    (i, j): (usize, usize),
    inferred: Option<(Relation, f64)>,
    assessment: &Assessment,
    (score, reasons): (f64, Vec<String>),
) -> Suggestion {
    Suggestion {
        claim_a: case.claims[i].id.clone(),
        claim_b: case.claims[j].id.clone(),
        relation: inferred.map(|(relation, _)| relation.as_str()),
        confidence: inferred.map_or(0.0, |(_, confidence)| round3(confidence)),
        similarity: round3(assessment.similarity),
        cross_party: case.claims[i].party != case.claims[j].party,
        evidence: assessment
            .fired()
            .map(|r| format!("{}: {}", r.rule, r.detail))
            .collect(),
        reasons,
        score: round3(score),
    }
}

/// What each signal adds to a pair's review score. The score orders pairs
/// by how likely a reviewer is to confirm a relation between them, not by
/// raw similarity: an inferred edge counts by its confidence, and the cues
/// that a reader annotates relations the lexical rules miss (two parties,
/// claims filed under the same topics, one side negating or denying what
/// the other asserts) lift pairs that share few words.
mod weight {
    /// An inferred contradiction, before its confidence.
    pub const CONTRADICTION: f64 = 1.0;
    /// An inferred support, before half its confidence.
    pub const SUPPORT: f64 = 0.5;
    /// Per unit of weighted similarity, for every pair.
    pub const SIMILARITY: f64 = 0.8;
    /// The two claims are from different parties: disputes are between
    /// parties.
    pub const CROSS_PARTY: f64 = 0.4;
    /// The two claims share at least one topic of the case.
    pub const SHARED_TOPIC: f64 = 0.3;
    /// Times the Jaccard overlap of the two claims' topic sets.
    pub const TOPIC_OVERLAP: f64 = 0.3;
    /// Two parties, one of them negating or denying, the other not, on
    /// a shared topic or shared words.
    pub const OPPOSITE_STANCE: f64 = 0.3;
    /// Two claims next to each other in their source; halved for every
    /// claim between them (see `ADJACENT_DECAY`).
    pub const ADJACENT: f64 = 2.0;
    /// What each claim between two claims of one source leaves of
    /// `ADJACENT`.
    pub const ADJACENT_DECAY: f64 = 0.5;
    /// Claims further apart than this in their source get no lift.
    pub const ADJACENT_REACH: usize = 3;
}

/// What the review score reads about single claims, computed once per case.
struct Signals {
    /// Whether each claim negates or denies something.
    stances: Vec<bool>,
    /// Where each claim stands in its source (see [`source_places`]).
    places: Vec<Option<Place>>,
}

/// A claim's place in its source: the source (numbered in id order) and
/// the claim's rank among that source's claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    source: usize,
    rank: usize,
}

/// Where each claim stands in its source, when the case says: the claims of
/// a source are ordered by their locators' start when every one of them has
/// a locator (`extract` writes them), else by the number in their ids when
/// every id has one and no two share it (AIF node ids, `c-01`, `c-02`). A
/// source whose claims carry neither, or a claim without a source, has no
/// order: the order of claims in a file is not read, since files are often
/// sorted by id. O(n log n).
fn source_places(case: &Case) -> Vec<Option<Place>> {
    let mut by_source: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, claim) in case.claims.iter().enumerate() {
        if let Some(source) = &claim.source {
            by_source.entry(source.as_str()).or_default().push(i);
        }
    }
    let mut places = vec![None; case.claims.len()];
    for (source, members) in by_source.into_values().enumerate() {
        let keys: Option<Vec<u64>> = if members.iter().all(|&i| case.claims[i].locator.is_some()) {
            members
                .iter()
                .map(|&i| case.claims[i].locator.map(|l| l.start as u64))
                .collect()
        } else {
            members
                .iter()
                .map(|&i| number_in(&case.claims[i].id))
                .collect::<Option<Vec<u64>>>()
                .filter(|numbers| {
                    let distinct: BTreeSet<u64> = numbers.iter().copied().collect();
                    distinct.len() == numbers.len()
                })
        };
        let Some(keys) = keys else { continue };
        let mut order: Vec<(u64, &str, usize)> = members
            .iter()
            .zip(&keys)
            .map(|(&i, &key)| (key, case.claims[i].id.as_str(), i))
            .collect();
        order.sort_unstable();
        for (rank, &(_, _, i)) in order.iter().enumerate() {
            places[i] = Some(Place { source, rank });
        }
    }
    places
}

/// The first run of ASCII digits in an id, as a number.
fn number_in(id: &str) -> Option<u64> {
    let start = id.find(|c: char| c.is_ascii_digit())?;
    let digits = &id[start..];
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].parse().ok()
}

/// How many places apart two claims of one source are, when both have a
/// place there.
fn distance_in_source(signals: &Signals, i: usize, j: usize) -> Option<usize> {
    match (signals.places[i], signals.places[j]) {
        (Some(a), Some(b)) if a.source == b.source => Some(a.rank.abs_diff(b.rank)),
        _ => None,
    }
}

/// The review score of a pair and the reasons behind it, one per signal.
fn review_score(
    case: &Case,
    (i, j): (usize, usize),
    inferred: Option<(Relation, f64)>,
    similarity: f64,
    signals: &Signals,
) -> (f64, Vec<String>) {
    let stances = &signals.stances;
    let (a, b) = (&case.claims[i], &case.claims[j]);
    let mut score = weight::SIMILARITY * similarity;
    let mut reasons = vec![format!("similarity {similarity:.3}")];
    match inferred {
        Some((Relation::Contradicts, confidence)) => {
            score += weight::CONTRADICTION + confidence;
            reasons.push(format!("inferred contradiction at {confidence:.3}"));
        }
        Some((Relation::Supports, confidence)) => {
            score += weight::SUPPORT + confidence / 2.0;
            reasons.push(format!("inferred support at {confidence:.3}"));
        }
        None => {}
    }
    let cross_party = a.party != b.party;
    if cross_party {
        score += weight::CROSS_PARTY;
        reasons.push("two parties".to_owned());
    }
    let shared: BTreeSet<&str> = a
        .topics
        .iter()
        .filter(|t| b.topics.contains(t))
        .map(String::as_str)
        .collect();
    if !shared.is_empty() {
        let union: BTreeSet<&str> = a
            .topics
            .iter()
            .chain(&b.topics)
            .map(String::as_str)
            .collect();
        #[allow(clippy::cast_precision_loss)]
        let overlap = shared.len() as f64 / union.len() as f64;
        score += weight::SHARED_TOPIC + weight::TOPIC_OVERLAP * overlap;
        reasons.push(format!(
            "shared topic {} ({overlap:.2} of their topics)",
            shared.iter().copied().collect::<Vec<_>>().join(", ")
        ));
    }
    let on_one_point = similarity > 0.0 || !shared.is_empty();
    if cross_party && stances[i] != stances[j] && on_one_point {
        score += weight::OPPOSITE_STANCE;
        reasons.push("one party negates or denies, the other does not".to_owned());
    }
    if let Some(distance) =
        distance_in_source(signals, i, j).filter(|&d| (1..=weight::ADJACENT_REACH).contains(&d))
    {
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
        let lift = weight::ADJACENT * weight::ADJACENT_DECAY.powi(distance as i32 - 1);
        score += lift;
        reasons.push(if distance == 1 {
            "next to each other in their source".to_owned()
        } else {
            format!("{distance} places apart in their source")
        });
    }
    (score, reasons)
}

/// True when a claim negates or denies something: a word in negation scope
/// or a denial cue.
fn takes_a_stance(analysis: &crate::text::Analysis) -> bool {
    analysis.tokens.iter().any(|t| t.negated())
        || analysis
            .cues
            .iter()
            .any(|c| c.kind == crate::text::CueKind::Denial)
}

/// Writes suggestions for people: one block per pair.
///
/// # Errors
/// When the writer fails.
pub fn render_text(case: &Case, suggestions: &[Suggestion], out: &mut dyn Write) -> io::Result<()> {
    if suggestions.is_empty() {
        writeln!(out, "no suggestions: every inferred pair is annotated")?;
        return Ok(());
    }
    for (n, s) in suggestions.iter().enumerate() {
        writeln!(
            out,
            "{}. {} {} {} (score {:.3}, confidence {:.3}, similarity {:.3})",
            n + 1,
            s.claim_a,
            s.relation.unwrap_or("unlinked"),
            s.claim_b,
            s.score,
            s.confidence,
            s.similarity
        )?;
        for id in [&s.claim_a, &s.claim_b] {
            if let Some(claim) = case.claim(id) {
                let party = case
                    .party(&claim.party)
                    .map_or(claim.party.as_str(), |p| p.name.as_str());
                writeln!(out, "   {id} [{party}]: {}", claim.text)?;
            }
        }
        writeln!(out, "   ranked by: {}", s.reasons.join("; "))?;
        for line in &s.evidence {
            writeln!(out, "   evidence: {line}")?;
        }
    }
    Ok(())
}

/// Writes suggestions as JSON (`claimgraph.suggestions/1`).
///
/// # Errors
/// When the writer fails.
pub fn render_json(suggestions: &[Suggestion], out: &mut dyn Write) -> io::Result<()> {
    let document = serde_json::json!({
        "format": "claimgraph.suggestions/1",
        "suggestions": suggestions,
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A case of claims `(id, source, locator start)`, in file order.
    fn case_of(claims: &[(&str, Option<&str>, Option<usize>)]) -> Case {
        let claims: Vec<serde_json::Value> = claims
            .iter()
            .map(|&(id, source, start)| {
                let mut claim = serde_json::json!({"id": id, "party": "a", "text": id});
                if let Some(source) = source {
                    claim["source"] = serde_json::json!(source);
                }
                if let Some(start) = start {
                    claim["locator"] = serde_json::json!({"start": start, "end": start + 1});
                }
                claim
            })
            .collect();
        let case = serde_json::json!({
            "format": "claimgraph/1",
            "parties": [{"id": "a", "name": "A", "role": "other"}],
            "sources": [{"id": "s"}, {"id": "t"}],
            "claims": claims,
        });
        let files = vec![("case.json".to_owned(), case.to_string().into_bytes())];
        crate::load::load_files("order", &files, crate::load::Limits::default())
            .unwrap_or_else(|e| panic!("the case loads: {e}"))
    }

    /// The rank of each claim of `case`, by id, `None` for a claim without
    /// a place.
    fn ranks(case: &Case) -> Vec<(String, Option<usize>)> {
        let places = source_places(case);
        case.claims
            .iter()
            .zip(places)
            .map(|(c, p)| (c.id.clone(), p.map(|p| p.rank)))
            .collect()
    }

    #[test]
    fn numbers_in_ids_order_a_source_and_never_join_two() {
        let case = case_of(&[
            ("c12", Some("s"), None),
            ("c3", Some("s"), None),
            ("c7", Some("t"), None),
            ("c5", Some("t"), None),
            ("c9", None, None),
        ]);
        let by_id: BTreeMap<String, Option<usize>> = ranks(&case).into_iter().collect();
        assert_eq!(by_id["c3"], Some(0));
        assert_eq!(by_id["c12"], Some(1));
        assert_eq!(by_id["c5"], Some(0));
        assert_eq!(by_id["c7"], Some(1));
        assert_eq!(by_id["c9"], None, "a claim without a source has no place");
        let index = |id: &str| case.claim_index(id).unwrap();
        let signals = Signals {
            stances: vec![false; case.claims.len()],
            places: source_places(&case),
        };
        assert_eq!(
            distance_in_source(&signals, index("c3"), index("c12")),
            Some(1)
        );
        assert_eq!(
            distance_in_source(&signals, index("c3"), index("c5")),
            None,
            "two sources are not one order"
        );
    }

    #[test]
    fn locators_win_and_a_source_without_a_full_order_has_none() {
        // Every claim of `s` has a locator: they order it, not the ids.
        let case = case_of(&[("c1", Some("s"), Some(90)), ("c2", Some("s"), Some(10))]);
        assert_eq!(
            ranks(&case),
            [("c1".to_owned(), Some(1)), ("c2".to_owned(), Some(0))]
        );
        // One claim without a locator and one id without a number.
        let case = case_of(&[("c1", Some("s"), Some(90)), ("intro", Some("s"), None)]);
        assert!(ranks(&case).iter().all(|(_, r)| r.is_none()));
        // Two ids with the same number (numbered per party).
        let case = case_of(&[("a-1", Some("s"), None), ("b-1", Some("s"), None)]);
        assert!(ranks(&case).iter().all(|(_, r)| r.is_none()));
    }

    #[test]
    fn the_number_of_an_id_is_its_first_run_of_digits() {
        assert_eq!(number_in("i17919"), Some(17919));
        assert_eq!(number_in("i123@nodeset-2"), Some(123));
        assert_eq!(number_in("kennedy-07"), Some(7));
        assert_eq!(number_in("d-cooperated"), None);
        assert_eq!(number_in("n99999999999999999999999"), None, "too large");
    }
}
