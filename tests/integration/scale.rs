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
    write_case_with(dir, texts, &parties, (related, None), fuzzy, language);
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
            let Provenance::Inferred { confidence } = view.edge.provenance else {
                continue;
            };
            let again = pipeline.analyzed.provenance(&pipeline.case, &view);
            prop_assert_eq!(again.relation, Some(view.edge.relation));
            prop_assert_eq!(again.confidence.to_bits(), confidence.to_bits());
            if view.edge.relation == Relation::Supports {
                prop_assert_eq!(again.reversed, view.from > view.to);
            }
            prop_assert!(again.rules.iter().all(|r| r.fired) && !again.rules.is_empty());
        }
    }
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
