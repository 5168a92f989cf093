//! Scale features: the similarity join finds exactly the edges of the
//! exhaustive search, JSON Lines input streams with positioned errors, and
//! `--limit` says what it left out.

use claimgraph::graph::Provenance;
use claimgraph::infer::Relation;
use claimgraph::{Options, Pipeline, SearchMode};
use proptest::prelude::*;

/// Words drawn for random claims: common and rare words, names with
/// spelling variants (Durov/Dourov, Zelensky/Zelenski), negation, numbers.
const WORDS: &[&str] = &[
    "the",
    "court",
    "paid",
    "fine",
    "platform",
    "report",
    "moderation",
    "not",
    "never",
    "million",
    "euros",
    "5",
    "7",
    "open",
    "closed",
    "arrested",
    "released",
    "allegedly",
    "denied",
    "border",
    "police",
    "Durov",
    "Dourov",
    "Zelensky",
    "Zelenski",
    "Telegram",
    "Paris",
    "Pavlov",
    "Pavlova",
    "messages",
    "encrypted",
    "data",
];

fn claim_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..9).prop_map(|words| {
        // A leading word keeps capitalised names mid-sentence (entities).
        format!("Then {}.", words.join(" "))
    })
}

fn write_case(dir: &std::path::Path, texts: &[String], related: f64, fuzzy: f64, language: &str) {
    let parties: Vec<usize> = (0..texts.len()).map(|i| i % 2).collect();
    // The support threshold may not be below the related one (the loader
    // refuses such a config): raise it with a high related threshold.
    let default_support = claimgraph::config::Config::default().support_threshold;
    let support = (related > default_support).then_some(related);
    write_case_with(dir, texts, &parties, (related, support), fuzzy, language);
}

/// A case whose claim `i` is by party `parties[i]` (of three), with the
/// related threshold and, if given, the support threshold.
fn write_case_with(
    dir: &std::path::Path,
    texts: &[String],
    parties: &[usize],
    (related, support): (f64, Option<f64>),
    fuzzy: f64,
    language: &str,
) {
    let case = serde_json::json!({
        "format": "claimgraph/1",
        "case": {"id": "random", "language": language},
        "parties": [
            {"id": "a", "name": "A", "role": "prosecution"},
            {"id": "b", "name": "B", "role": "defense"},
            {"id": "c", "name": "C", "role": "press"},
        ],
        "config": {"related_threshold": related, "fuzzy_threshold": fuzzy},
    });
    let mut case = case;
    if let Some(support) = support {
        case["config"]["support_threshold"] = serde_json::json!(support);
    }
    std::fs::write(dir.join("case.json"), case.to_string()).unwrap();
    let mut lines = String::new();
    for (i, text) in texts.iter().enumerate() {
        let party = ["a", "b", "c"][parties[i] % 3];
        let claim = serde_json::json!({"id": format!("c{i:03}"), "party": party, "text": text});
        lines.push_str(&claim.to_string());
        lines.push('\n');
    }
    std::fs::write(dir.join("claims.jsonl"), lines).unwrap();
}

fn edges(dir: &std::path::Path, mode: SearchMode) -> Vec<(String, String)> {
    let pipeline = Pipeline::run(
        dir,
        Options {
            mode,
            ..Options::default()
        },
    )
    .unwrap();
    pipeline
        .report()
        .unwrap()
        .edges
        .iter()
        .map(|e| (e.id.clone(), format!("{:.3}", e.confidence)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn join_finds_the_same_edges_as_exhaustive(
        texts in prop::collection::vec(claim_text(), 2..24),
        related in prop::sample::select(vec![0.05, 0.2, 0.35, 0.6, 0.9]),
        fuzzy in prop::sample::select(vec![0.75, 0.85, 0.9, 0.97]),
        french in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        write_case(dir.path(), &texts, related, fuzzy, if french { "fr" } else { "en" });
        let indexed = edges(dir.path(), SearchMode::Indexed);
        let exhaustive = edges(dir.path(), SearchMode::Exhaustive);
        prop_assert_eq!(indexed, exhaustive);
    }

    /// Pairs of one speaker are searched at a lower containment than pairs
    /// of two (half the support threshold): random speakers and thresholds
    /// exercise both sides of that split.
    #[test]
    fn join_matches_exhaustive_with_random_speakers(
        claims in prop::collection::vec((claim_text(), 0usize..3), 2..28),
        related in prop::sample::select(vec![0.1, 0.2, 0.35, 0.6]),
        support in prop::sample::select(vec![0.1_f64, 0.3, 0.5, 0.9]),
        fuzzy in prop::sample::select(vec![0.8, 0.9]),
    ) {
        let (texts, parties): (Vec<String>, Vec<usize>) = claims.into_iter().unzip();
        let dir = tempfile::tempdir().unwrap();
        let support = Some(support.max(related));
        write_case_with(dir.path(), &texts, &parties, (related, support), fuzzy, "en");
        let indexed = edges(dir.path(), SearchMode::Indexed);
        let exhaustive = edges(dir.path(), SearchMode::Exhaustive);
        prop_assert_eq!(indexed, exhaustive);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Edges keep only their verdict; the rules run again for a report
    /// must give that verdict back, with the rules that fired.
    #[test]
    fn provenance_run_again_gives_the_edge(
        claims in prop::collection::vec((claim_text(), 0usize..3), 2..28),
    ) {
        let (texts, parties): (Vec<String>, Vec<usize>) = claims.into_iter().unzip();
        let dir = tempfile::tempdir().unwrap();
        write_case_with(dir.path(), &texts, &parties, (0.2, None), 0.9, "en");
        let pipeline = Pipeline::run(dir.path(), Options::default()).unwrap();
        for view in pipeline.graph.edges() {
            let Provenance::Inferred { score, confidence } = view.edge.provenance else {
                continue;
            };
            let again = pipeline.analyzed.provenance(&pipeline.case, &view).unwrap();
            prop_assert_eq!(again.relation, Some(view.edge.relation));
            prop_assert_eq!(again.confidence.to_bits(), confidence.to_bits());
            prop_assert_eq!(again.score.to_bits(), score.to_bits());
            if view.edge.relation == Relation::Supports {
                prop_assert_eq!(again.reversed, view.from > view.to);
            }
            prop_assert!(again.rules.iter().all(|r| r.fired) && !again.rules.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The graph's decision (no explanation, buffers reused from pair to
    /// pair) gives every pair the verdict of the explained run, and each
    /// rule's explanation finds what its decision found.
    #[test]
    fn decisions_agree_with_explanations(
        claims in prop::collection::vec((claim_text(), 0usize..2), 2..12),
    ) {
        use claimgraph::infer::{ClaimText, Scratch, Weights, rules};
        let config = claimgraph::config::Config::default();
        let analyzer = claimgraph::text::Analyzer::new(&config);
        let analyses: Vec<_> = claims
            .iter()
            .map(|(text, _)| analyzer.analyze(text, Some(claimgraph::model::Language::En)))
            .collect();
        let weights = Weights::from_analyses(analyses.iter());
        let parties = ["p0", "p1"];
        let side = |k: usize| ClaimText {
            text: &claims[k].0,
            analysis: &analyses[k],
            speaker: Some(parties[claims[k].1]),
            term_weights: None,
        };
        let mut scratch = Scratch::default();
        for i in 0..claims.len() {
            for j in 0..claims.len() {
                if i == j {
                    continue;
                }
                let run = rules::run(side(i), side(j), &weights, &analyzer, &config);
                let decided =
                    rules::decide(side(i), side(j), &weights, &analyzer, &config, &mut scratch);
                prop_assert_eq!(run.unexplained, None);
                prop_assert_eq!(
                    decided.map(|v| (v.relation, v.confidence.to_bits(), v.reversed)),
                    run.relation.map(|r| (r, run.confidence.to_bits(), run.reversed))
                );
            }
        }
    }
}

/// Texts drawn from a small pool, so that a case holds duplicates (the
/// same text, often by the same party) and near-duplicates (one word
/// apart), as a corpus of repeated statements does.
fn repetitive_texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(claim_text(), 1..6).prop_flat_map(|pool| {
        let n = pool.len();
        prop::collection::vec((0..n, prop::option::of(prop::sample::select(WORDS))), 2..30)
            .prop_map(move |picks| {
                picks
                    .into_iter()
                    .map(|(k, extra)| match extra {
                        // Near-duplicate: one more word at the end.
                        Some(word) if k % 2 == 0 => format!("{} {word}", pool[k]),
                        _ => pool[k].clone(),
                    })
                    .collect()
            })
    })
}

/// Every inferred edge of a run: (from, to, relation, bits of the rules'
/// score, which each claim ranks its relations by).
fn raw_edges(pipeline: &Pipeline) -> Vec<(usize, usize, Relation, u64)> {
    pipeline
        .graph
        .edges()
        .iter()
        .filter_map(|e| match e.edge.provenance {
            Provenance::Inferred { score, .. } => {
                Some((e.from, e.to, e.edge.relation, score.to_bits()))
            }
            Provenance::Annotated { .. } => None,
        })
        .collect()
}

fn run_dir(dir: &std::path::Path, mode: SearchMode, k: usize) -> Pipeline {
    Pipeline::run(
        dir,
        Options {
            mode,
            max_relations_per_claim: Some(k),
            ..Options::default()
        },
    )
    .unwrap()
}

/// The top-K bound written out naively: every claim ranks its edges of
/// each relation (the rules' score, then the other claim) and keeps the first
/// `k` of each; an edge stands when either claim keeps it.
fn naive_top_k(
    all: &[(usize, usize, Relation, u64)],
    k: usize,
) -> Vec<(usize, usize, Relation, u64)> {
    let mut kept = std::collections::BTreeSet::new();
    let claims: std::collections::BTreeSet<usize> = all.iter().flat_map(|e| [e.0, e.1]).collect();
    for c in claims {
        for relation in [Relation::Contradicts, Relation::Supports] {
            let mut mine: Vec<_> = all
                .iter()
                .filter(|e| (e.0 == c || e.1 == c) && e.2 == relation)
                .collect();
            mine.sort_by(|x, y| {
                let other = |e: &(usize, usize, Relation, u64)| if e.0 == c { e.1 } else { e.0 };
                f64::from_bits(y.3)
                    .total_cmp(&f64::from_bits(x.3))
                    .then(other(x).cmp(&other(y)))
            });
            kept.extend(mine.into_iter().take(k).copied());
        }
    }
    let mut kept: Vec<_> = kept.into_iter().collect();
    kept.sort_by_key(|e| (e.2, e.0, e.1));
    kept
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The bounded graph is the exhaustive top-K: the indexed search with
    /// a bound `k` keeps exactly the edges that a naive per-claim ranking
    /// of the exhaustive search's (unbounded) edges keeps, on corpora of
    /// duplicates and near-duplicates as on varied ones.
    #[test]
    fn top_k_is_the_exhaustive_top_k(
        varied in prop::collection::vec(claim_text(), 2..20),
        repetitive in repetitive_texts(),
        use_repetitive in any::<bool>(),
        parties in prop::collection::vec(0usize..3, 30),
        k in prop::sample::select(vec![1usize, 2, 3, 5, 16]),
    ) {
        let texts = if use_repetitive { repetitive } else { varied };
        let dir = tempfile::tempdir().unwrap();
        write_case_with(dir.path(), &texts, &parties[..texts.len()], (0.2, None), 0.9, "en");
        let everything = raw_edges(&run_dir(dir.path(), SearchMode::Exhaustive, usize::MAX));
        let bounded = run_dir(dir.path(), SearchMode::Indexed, k);
        let expected = naive_top_k(&everything, k);
        prop_assert_eq!(raw_edges(&bounded), expected.clone());
        prop_assert_eq!(
            raw_edges(&run_dir(dir.path(), SearchMode::Exhaustive, k)),
            expected.clone()
        );
        // A claim reaches the bound when it has at least `k` relations of
        // one kind.
        let mut degree = std::collections::BTreeMap::new();
        for e in &everything {
            *degree.entry((e.0, e.2)).or_insert(0usize) += 1;
            *degree.entry((e.1, e.2)).or_insert(0usize) += 1;
        }
        let full: std::collections::BTreeSet<usize> = degree
            .iter()
            .filter(|&(_, &d)| d >= k)
            .map(|(&(c, _), _)| c)
            .collect();
        prop_assert_eq!(bounded.graph.at_bound, full.len());
    }

    /// Grouping duplicates changes no verdict: every pair of claims is
    /// assessed the same whether each claim is analysed on its own or
    /// shares its group's analysis, and document frequencies still count
    /// every claim.
    #[test]
    fn duplicate_groups_change_no_verdict(
        texts in repetitive_texts(),
        parties in prop::collection::vec(0usize..3, 30),
    ) {
        let dir = tempfile::tempdir().unwrap();
        write_case_with(dir.path(), &texts, &parties[..texts.len()], (0.2, None), 0.9, "en");
        let case = claimgraph::load::load_case(dir.path()).unwrap();
        let grouped = claimgraph::AnalyzedCase::new(&case);
        let every: Vec<usize> = (0..case.claims.len()).collect();
        let alone = claimgraph::AnalyzedCase::with_progress(
            &case,
            &every,
            &claimgraph::progress::NoProgress,
        );
        prop_assert_eq!(alone.groups.len(), case.claims.len());
        for i in 0..case.claims.len() {
            for j in i + 1..case.claims.len() {
                let (x, y) = (grouped.assess(&case, i, j), alone.assess(&case, i, j));
                prop_assert_eq!(x.relation, y.relation);
                prop_assert_eq!(x.confidence.to_bits(), y.confidence.to_bits());
                prop_assert_eq!(x.reversed, y.reversed);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The bound the search prunes with is a bound: no pair's score is
    /// above what its two claims' cue profiles and its containment allow.
    #[test]
    fn confidence_bound_holds_for_every_pair(
        claims in prop::collection::vec((claim_text(), 0usize..3), 2..24),
        french in any::<bool>(),
    ) {
        use claimgraph::infer::rules::{CueProfile, confidence_bound};
        let (texts, parties): (Vec<String>, Vec<usize>) = claims.into_iter().unzip();
        let dir = tempfile::tempdir().unwrap();
        write_case_with(dir.path(), &texts, &parties, (0.2, None), 0.9, if french { "fr" } else { "en" });
        let case = claimgraph::load::load_case(dir.path()).unwrap();
        let analyzed = claimgraph::AnalyzedCase::new(&case);
        let profile = |i: usize| CueProfile::of(analyzed.analysis(i), &analyzed.analyzer);
        for i in 0..case.claims.len() {
            for j in i + 1..case.claims.len() {
                let assessment = analyzed.assess(&case, i, j);
                let same = case.claims[i].party == case.claims[j].party;
                let bound = confidence_bound(profile(i), profile(j), (assessment.containment, u32::MAX), same, &case.config);
                prop_assert!(
                    assessment.relation.is_none_or(|r| assessment.score <= bound.of(r)),
                    "{} vs {}: score {} above bound {:?}",
                    texts[i], texts[j], assessment.score, bound
                );
            }
        }
    }
}

/// Long claims (past the scan threshold of the rules' stem index) are
/// matched through a hash map: the same shared terms and antonyms as a
/// scan, in time linear in the two lengths.
#[test]
fn long_claims_match_their_shared_words_and_antonyms() {
    let filler: Vec<String> = (0..300).map(|i| format!("zq{i}vel")).collect();
    let long = |head: &str| format!("Then the Paris border stayed {head} {}.", filler.join(" "));
    let texts = [
        long("open"),
        long("closed"),
        "Then the Paris border stayed closed.".to_owned(),
    ];
    let dir = tempfile::tempdir().unwrap();
    write_case_with(dir.path(), &texts, &[0, 1, 1], (0.2, None), 0.9, "en");
    let case = claimgraph::load::load_case(dir.path()).unwrap();
    let analyzed = claimgraph::AnalyzedCase::new(&case);
    for (i, j) in [(0, 1), (0, 2)] {
        let assessment = analyzed.assess(&case, i, j);
        let fired: Vec<&str> = assessment.fired().map(|r| r.rule).collect();
        assert!(fired.contains(&"lexical.antonym"), "{i}-{j}: {fired:?}");
        assert!(
            assessment.shared.iter().any(|s| s.stem_a == "border"),
            "{i}-{j}: border should be shared"
        );
    }
    // The two long claims share every filler word: fully contained.
    assert!(analyzed.assess(&case, 0, 1).containment > 0.9);
}

/// A group's duplicates take no part in the graph and stand where their
/// representative stands; the report says who said the statement.
#[test]
fn duplicates_are_grouped_and_shown_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut texts = vec!["Then Durov paid the fine.".to_owned(); 6];
    texts.push("Then Durov never paid the fine.".to_owned());
    // Parties a, b, a, b, a, b for the copies; c denies.
    let parties = [0, 1, 0, 1, 0, 1, 2];
    write_case_with(dir.path(), &texts, &parties, (0.2, None), 0.9, "en");
    let pipeline = Pipeline::run(dir.path(), Options::default()).unwrap();
    // Two groups of copies (one per party) and the denial.
    assert_eq!(pipeline.analyzed.groups.len(), 3);
    for i in [2, 3, 4, 5] {
        assert!(
            pipeline.graph.is_duplicate(i),
            "c00{i} should be a duplicate"
        );
        assert!(
            pipeline
                .graph
                .edges()
                .iter()
                .all(|e| e.from != i && e.to != i),
            "a duplicate has no edge of its own"
        );
    }
    let report = pipeline.report().unwrap();
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(
        report.duplicates[0].describe(),
        "said by 6 claims of 2 parties: c000, c001, c002, c003, c004 and 1 more"
    );
    // Each copy is disputed by c, as its representative is.
    let status = |id: &str| {
        report
            .statuses
            .iter()
            .find(|s| s.claim == id)
            .map(|s| s.status.iter().map(|x| x.describe()).collect::<Vec<_>>())
            .unwrap()
    };
    assert_eq!(status("c004"), status("c000"));
    assert!(
        status("c004").iter().any(|s| s.contains("disputed")),
        "{:?}",
        status("c004")
    );
    assert!(!report.unanswered.iter().any(|id| id == "c004"));
    let mut text = Vec::new();
    claimgraph::report::render(
        report,
        claimgraph::report::Format::Text { color: false },
        &mut text,
    )
    .unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("said by 6 claims of 2 parties"), "{text}");
}

/// `explain` says when a claim is a copy that the graph compares through
/// another claim, and when two claims are one node.
#[test]
fn explain_names_the_copy_the_graph_compares() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Then Durov paid the fine.".to_owned(),
        "Then Durov paid the fine.".to_owned(),
        "Then Durov never paid the fine.".to_owned(),
    ];
    write_case_with(dir.path(), &texts, &[0, 0, 1], (0.2, None), 0.9, "en");
    let case = claimgraph::load::load_case(dir.path()).unwrap();
    let analyzed = claimgraph::AnalyzedCase::new(&case);
    let explain = |i: usize, j: usize| {
        let mut out = Vec::new();
        claimgraph::explain::render(&case, &analyzed, i, j, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert!(
        explain(1, 2).contains("graph: c001 is a copy of c000 (same party and text): the graph compares c000 in its place"),
        "{}",
        explain(1, 2)
    );
    assert!(
        explain(0, 1).contains("are copies of one statement"),
        "{}",
        explain(0, 1)
    );
    assert!(!explain(0, 2).contains("copy"), "{}", explain(0, 2));
    assert!(explain(0, 2).contains("graph: kept"), "{}", explain(0, 2));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// `explain` says whether the graph keeps what the rules find: a pair's
    /// standing is "kept" exactly when the graph holds an inferred edge
    /// between the two claims, whatever `K` cut.
    #[test]
    fn standing_says_what_the_graph_kept(
        claims in prop::collection::vec((claim_text(), 0usize..3), 2..16),
        k in 1usize..3,
    ) {
        let (texts, parties): (Vec<String>, Vec<usize>) = claims.into_iter().unzip();
        let dir = tempfile::tempdir().unwrap();
        write_case_with(dir.path(), &texts, &parties, (0.2, None), 0.9, "en");
        let pipeline = run_dir(dir.path(), SearchMode::Indexed, k);
        let inferred: std::collections::BTreeSet<(usize, usize)> = raw_edges(&pipeline)
            .into_iter()
            .map(|(from, to, _, _)| (from.min(to), from.max(to)))
            .collect();
        let graph = &pipeline.graph;
        for i in 0..texts.len() {
            for j in i + 1..texts.len() {
                let standing = claimgraph::graph::ClaimGraph::standing(
                    &pipeline.case,
                    &pipeline.analyzed,
                    i,
                    j,
                );
                let (ri, rj) = (graph.representative(i), graph.representative(j));
                let held = inferred.contains(&(ri.min(rj), ri.max(rj)));
                prop_assert_eq!(standing.is_some_and(|s| s.kept()), held, "{} {}", i, j);
            }
        }
    }
}

/// A pair the rules link but the bound cuts is explained as cut, with the
/// ranks that cut it.
#[test]
fn explain_says_when_the_bound_cut_a_pair() {
    let dir = tempfile::tempdir().unwrap();
    // Every contradiction here is as confident as the others: with one
    // kept per claim, each claim keeps the one with the lower claim index,
    // and c002 contradicts c003 for nothing.
    let texts = [
        "Then Durov never paid the fine.".to_owned(),
        "Then Durov paid the fine.".to_owned(),
        "Then Durov paid the fine in Paris.".to_owned(),
        "Then Durov never paid the fine in Paris.".to_owned(),
    ];
    write_case_with(dir.path(), &texts, &[1, 0, 0, 1], (0.2, None), 0.9, "en");
    let pipeline = run_dir(dir.path(), SearchMode::Indexed, 1);
    let explain = |i: usize, j: usize| {
        let mut out = Vec::new();
        claimgraph::explain::render(&pipeline.case, &pipeline.analyzed, i, j, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let (strong, weak) = (explain(0, 1), explain(2, 3));
    assert!(strong.contains("graph: kept"), "{strong}");
    assert!(weak.contains("inferred: c002 contradicts c003"), "{weak}");
    assert!(
        weak.contains(
            "graph: not kept: it ranks after 1 stronger contradictions of c002 and 1 of c003, and each claim keeps its 1 strongest"
        ),
        "{weak}"
    );
    let edges = raw_edges(&pipeline);
    assert!(
        edges
            .iter()
            .all(|&(from, to, _, _)| (from.min(to), from.max(to)) != (2, 3))
    );
}

/// An annotated claim is never grouped: the annotation applies to it alone.
#[test]
fn annotated_claims_stay_out_of_groups() {
    let dir = tempfile::tempdir().unwrap();
    let texts = vec!["Then Durov paid the fine.".to_owned(); 3];
    write_case_with(dir.path(), &texts, &[0, 0, 0], (0.2, None), 0.9, "en");
    let mut case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("case.json")).unwrap())
            .unwrap();
    case["annotations"] = serde_json::json!([
        {"claims": ["c001", "c002"], "relation": "contradicts", "note": "test"}
    ]);
    std::fs::write(dir.path().join("case.json"), case.to_string()).unwrap();
    let pipeline = Pipeline::run(dir.path(), Options::default()).unwrap();
    assert_eq!(pipeline.analyzed.groups.len(), 3);
    assert!(!pipeline.graph.is_duplicate(1) && !pipeline.graph.is_duplicate(2));
}

/// The check that an explanation gives the edge's verdict runs in every
/// build, as an error: an edge whose stored confidence was changed is
/// refused with a message, never explained.
#[test]
fn an_explanation_that_disagrees_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Then Durov paid the fine.".to_owned(),
        "Then Durov never paid the fine.".to_owned(),
    ];
    write_case(dir.path(), &texts, 0.2, 0.9, "en");
    let mut pipeline = Pipeline::run(dir.path(), Options::default()).unwrap();
    let edge = pipeline.graph.graph.edge_indices().next().unwrap();
    if let Provenance::Inferred { confidence, .. } = &mut pipeline.graph.graph[edge].provenance {
        *confidence += 0.01;
    }
    let view = pipeline.graph.edges()[0];
    let error = pipeline
        .analyzed
        .provenance(&pipeline.case, &view)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("the rules no longer give the edge c000 contradicts c001"),
        "{error}"
    );
    let error = pipeline.report().unwrap_err().to_string();
    assert!(error.contains("please report this bug"), "{error}");
    let mut json = Vec::new();
    assert!(pipeline.write_json(&mut json).is_err());
}

#[test]
fn join_finds_pairs_linked_only_by_a_spelling_variant() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Then Dourov paid.".to_owned(),
        "Then Durov never paid.".to_owned(),
    ];
    write_case(dir.path(), &texts, 0.2, 0.9, "en");
    let indexed = edges(dir.path(), SearchMode::Indexed);
    assert_eq!(indexed, edges(dir.path(), SearchMode::Exhaustive));
    assert!(!indexed.is_empty(), "the pair should be linked");
}

#[test]
fn jsonl_errors_carry_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write_case(dir.path(), &["Then it rained.".to_owned()], 0.2, 0.9, "en");
    let mut lines = std::fs::read_to_string(dir.path().join("claims.jsonl")).unwrap();
    lines.push_str("\n{\"id\": \"c9\", \"party\": \"a\", \"text\": 7}\n{\"id\": \"c8\",\n");
    std::fs::write(dir.path().join("claims.jsonl"), lines).unwrap();
    let error = claimgraph::load::load_case(dir.path())
        .unwrap_err()
        .to_string();
    assert!(error.contains("claims.jsonl:3:"), "{error}");
    assert!(error.contains("claims.jsonl:4:"), "{error}");
}

/// A JSON Lines file of `n` claims `c00000`, `c00001`, ... by party `a`,
/// with `edit` applied to the lines (0-based) before they are joined.
fn jsonl_lines(n: usize, edit: impl Fn(usize, String) -> Vec<u8>) -> Vec<u8> {
    let mut bytes = Vec::new();
    for i in 0..n {
        let line = format!(r#"{{"id": "c{i:05}", "party": "a", "text": "Claim number {i}."}}"#);
        bytes.extend(edit(i, line));
        bytes.push(b'\n');
    }
    bytes
}

fn write_jsonl_case(dir: &std::path::Path, lines: &[u8]) {
    write_case(dir, &[], 0.2, 0.9, "en");
    std::fs::write(dir.join("claims.jsonl"), lines).unwrap();
}

/// Problems found after streaming (a duplicate id, found when the files are
/// merged) are positioned by reading the file again, in a batch far from
/// the first; the same bytes loaded from memory give the same messages.
#[test]
fn streamed_jsonl_positions_problems_found_after_reading() {
    let lines = jsonl_lines(40_000, |i, line| {
        if i == 37_001 {
            line.replace("c37001", "c00007").into_bytes()
        } else {
            line.into_bytes()
        }
    });
    let dir = tempfile::tempdir().unwrap();
    write_jsonl_case(dir.path(), &lines);
    let error = claimgraph::load::load_case(dir.path())
        .unwrap_err()
        .to_string();
    assert!(error.contains("claims.jsonl:37002:"), "{error}");
    assert!(error.contains("duplicate"), "{error}");
    assert!(
        error.contains("claims.jsonl:8:"),
        "the first definition: {error}"
    );
    let case_json = std::fs::read(dir.path().join("case.json")).unwrap();
    let in_memory = claimgraph::load::load_files(
        "case",
        &[
            ("case.json".to_owned(), case_json),
            ("claims.jsonl".to_owned(), lines),
        ],
        claimgraph::load::Limits::default(),
    )
    .unwrap_err()
    .to_string();
    let shown = dir.path().join("claims.jsonl").display().to_string();
    let from_disk: Vec<String> = error
        .lines()
        .filter(|l| l.contains("claims.jsonl:"))
        .map(|l| l.replace(&shown, "claims.jsonl"))
        .collect();
    let from_memory: Vec<&str> = in_memory
        .lines()
        .filter(|l| l.contains("claims.jsonl:"))
        .collect();
    assert_eq!(from_disk, from_memory);
}

/// A line that is not UTF-8 is reported at its first bad byte, and the
/// lines after it are still read and checked.
#[test]
fn streamed_jsonl_reports_each_bad_line() {
    let lines = jsonl_lines(20_000, |i, line| match i {
        2 => line
            .replace("Claim", "Cl\u{e9}im \u{ff}")
            .into_bytes()
            .into_iter()
            .map(|b| if b == 0xc3 { 0xff } else { b })
            .collect(),
        18_500 => line
            .replace("\"text\": \"", "\"text\": 7, \"x\": \"")
            .into_bytes(),
        _ => line.into_bytes(),
    });
    let dir = tempfile::tempdir().unwrap();
    write_jsonl_case(dir.path(), &lines);
    let error = claimgraph::load::load_case(dir.path())
        .unwrap_err()
        .to_string();
    assert!(error.contains("claims.jsonl:3:"), "{error}");
    assert!(error.contains("invalid UTF-8"), "{error}");
    assert!(error.contains("claims.jsonl:18501:"), "{error}");
}

/// A byte-order mark is dropped, and claims come in id order whatever the
/// batch they were read in.
#[test]
fn streamed_jsonl_reads_every_claim_once() {
    let mut lines = b"\xef\xbb\xbf".to_vec();
    lines.extend(jsonl_lines(33_000, |i, line| {
        // Blank and CRLF lines on the way.
        if i % 1000 == 999 {
            format!("{line}\r\n   ").into_bytes()
        } else {
            line.into_bytes()
        }
    }));
    let dir = tempfile::tempdir().unwrap();
    write_jsonl_case(dir.path(), &lines);
    let case = claimgraph::load::load_case(dir.path()).unwrap();
    assert_eq!(case.claims.len(), 33_000);
    assert!(
        case.claims
            .iter()
            .enumerate()
            .all(|(i, c)| c.id == format!("c{i:05}") && c.text == format!("Claim number {i}."))
    );
}

#[test]
fn limit_counts_what_it_leaves_out() {
    let out = crate::support::claimgraph()
        .args(["report", "claims/durov-telegram", "--limit", "1"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("more disputed points not shown (--limit)"),
        "{text}"
    );
    assert!(
        out.stderr.is_empty(),
        "no progress when stderr is not a terminal"
    );
}

/// `explain` on two long passages stays readable and linear: each rule
/// prints its first 24 pieces of evidence and counts the rest, and its
/// sentence names its first 24 items.
#[test]
fn explain_of_long_passages_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Then 5 deaths were counted. ".repeat(40),
        "Then 7 deaths were counted. ".repeat(40),
    ];
    write_case_with(dir.path(), &texts, &[0, 1], (0.2, None), 0.9, "en");
    let case = claimgraph::load::load_case(dir.path()).unwrap();
    let analyzed = claimgraph::AnalyzedCase::new(&case);
    let mut out = Vec::new();
    claimgraph::explain::render(&case, &analyzed, 0, 1, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("[x] number.mismatch"), "{out}");
    assert!(out.contains("5 vs 7 (death); and 16 more"), "{out}");
    assert!(
        out.contains("… and 56 more (`--format json` lists them all)"),
        "{out}"
    );
    let mut json = Vec::new();
    claimgraph::explain::render_json(&case, &analyzed, 0, 1, &mut json).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let number = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "number.mismatch")
        .unwrap();
    assert_eq!(number["evidence"].as_array().unwrap().len(), 80);
}

/// The edge ids of three long passages, each `opening` followed by forty
/// words of its own, asserting that the join with the anchor search gives
/// the exhaustive search's edges.
fn passage_edges(openings: [&str; 3]) -> Vec<String> {
    let texts: Vec<String> = openings
        .iter()
        .zip(["zqa", "zqb", "zqc"])
        .map(|(opening, tag)| {
            let filler: Vec<String> = (0..40).map(|i| format!("{tag}{i}vel")).collect();
            format!("{opening}, {}.", filler.join(" "))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    write_case_with(dir.path(), &texts, &[0, 1, 2], (0.2, None), 0.9, "en");
    let indexed = edges(dir.path(), SearchMode::Indexed);
    assert_eq!(indexed, edges(dir.path(), SearchMode::Exhaustive));
    indexed.into_iter().map(|(id, _)| id).collect()
}

/// Long passages that share a few anchors among many other words are
/// related through the anchors alone, below the join's containment: the
/// anchor search finds them, and leaves out the pairs of two passages that
/// hold no contradiction cue (nothing could link them there). Both give the
/// exhaustive search's edges.
#[test]
fn passages_linked_only_by_their_anchors_match_exhaustive() {
    let ids = passage_edges([
        "Then Durov told Zelensky about Telegram in Paris",
        "Then Durov never told Zelensky about Telegram in Paris",
        "Then Durov told Zelensky about Telegram in Paris",
    ]);
    assert!(ids.iter().any(|id| id == "c000~c001"), "{ids:?}");
    assert!(ids.iter().any(|id| id == "c001~c002"), "{ids:?}");
    // The two plain passages share five anchors but nothing links them.
    assert!(
        !ids.iter()
            .any(|id| id.contains("c000") && id.contains("c002")),
        "{ids:?}"
    );
}

/// Two amounts of one payment are linked through their anchors and their
/// numbers; a passage with no number and no other cue is linked to neither.
#[test]
fn passages_linked_only_by_their_numbers_match_exhaustive() {
    let ids = passage_edges([
        "Then Durov paid Zelensky 5 million euros for Telegram in Paris",
        "Then Durov paid Zelensky 7 million euros for Telegram in Paris",
        "Then Durov paid Zelensky for Telegram in Paris",
    ]);
    assert!(ids.iter().any(|id| id == "c000~c001"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.contains("c002")), "{ids:?}");
}
