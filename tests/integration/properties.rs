//! Property tests on random small cases: random texts (Unicode, HTML and
//! Markdown metacharacters) and random annotations, loaded from memory
//! through `load::load_files`, the same code that reads files from disk.
//!
//! - the report does not depend on file order or claim order;
//! - contradictions are symmetric and stored once;
//! - annotations always override inference;
//! - load, serialize and load again gives the same case;
//! - the renderers never panic on any text;
//! - the Markdown report never carries an unescaped `<` from the input.
//!
//! The HTML report is not on this branch yet; when it lands, its property
//! (no unescaped text from the input) belongs next to the Markdown one.

use std::collections::BTreeSet;

use claimgraph::load::{self, Limits};
use claimgraph::model::{AnnotatedRelation, Annotation, CaseMeta, Claim, ClaimFile, Party, Role};
use claimgraph::report::{self, Format};
use claimgraph::{Case, Pipeline, SearchMode};
use proptest::prelude::*;

/// Words that make claims related (so that inference has something to
/// chew on once text analysis lands), metacharacters, and Unicode.
const WORDS: &[&str] = &[
    "the",
    "company",
    "paid",
    "never",
    "not",
    "fine",
    "million",
    "5",
    "euros",
    "in",
    "March",
    "Telegram",
    "a",
    "refusé",
    "coopérer",
    "n'a",
    "pas",
    "jamais",
    "l'enquête",
    "«",
    "»",
    "<script>alert(1)</script>",
    "<b>",
    "&amp;",
    "&",
    "*bold*",
    "_it_",
    "`code`",
    "[link](x)",
    "# head",
    "|",
    "\\",
    "~~",
    ">",
    "<",
    "Café",
    "Cafe\u{301}",
    "😀",
    "\u{202e}",
    "اختبار",
    "日本",
    "2024-08-28",
    "42%",
    "1,000",
    "deny",
    "false",
    "allegedly",
];

fn text() -> BoxedStrategy<String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..12)
        .prop_map(|w| w.join(" "))
        .boxed()
}

/// Any string at all, for the renderers (built without the loader, so
/// control characters and empty strings get through too).
fn any_text() -> BoxedStrategy<String> {
    prop_oneof![
        text(),
        any::<String>(),
        "[<>&*_`#|\\[\\]\\\\\\n\\r\\t ]{0,20}"
    ]
    .boxed()
}

#[derive(Debug, Clone)]
struct RandomCase {
    title: String,
    parties: Vec<Party>,
    claims: Vec<Claim>,
    annotations: Vec<Annotation>,
}

fn relation() -> impl Strategy<Value = AnnotatedRelation> {
    prop_oneof![
        Just(AnnotatedRelation::Contradicts),
        Just(AnnotatedRelation::Supports),
        Just(AnnotatedRelation::Unrelated),
    ]
}

fn random_case(texts: BoxedStrategy<String>) -> impl Strategy<Value = RandomCase> {
    (2usize..4, 2usize..9).prop_flat_map(move |(n_parties, n_claims)| {
        let parties = prop::collection::vec((texts.clone(), 0usize..6), n_parties).prop_map(|ps| {
            let roles = [
                Role::Prosecution,
                Role::Defense,
                Role::Press,
                Role::Witness,
                Role::Plaintiff,
                Role::Other,
            ];
            ps.into_iter()
                .enumerate()
                .map(|(i, (name, role))| Party {
                    id: format!("p{i}"),
                    name,
                    role: roles[role],
                })
                .collect::<Vec<_>>()
        });
        let claims = prop::collection::vec(
            (
                texts.clone(),
                0..n_parties,
                prop::option::of(texts.clone()),
                any::<bool>(),
            ),
            n_claims,
        )
        .prop_map(|cs| {
            cs.into_iter()
                .enumerate()
                .map(|(i, (text, party, speaker, quote))| Claim {
                    id: format!("c{i}"),
                    party: format!("p{party}"),
                    speaker,
                    text,
                    language: None,
                    source: None,
                    date: None,
                    quote,
                    topics: Vec::new(),
                    supersedes: None,
                    needs_review: false,
                    locator: None,
                })
                .collect::<Vec<_>>()
        });
        let annotations = prop::collection::vec(
            (
                0..n_claims,
                0..n_claims,
                relation(),
                prop::option::of(texts.clone()),
            ),
            0..5,
        )
        .prop_map(|raw| {
            let mut seen = BTreeSet::new();
            raw.into_iter()
                .filter(|(a, b, _, _)| a != b && seen.insert((*a.min(b), *a.max(b))))
                .map(|(a, b, relation, note)| Annotation {
                    claims: [format!("c{a}"), format!("c{b}")],
                    relation,
                    note,
                    author: None,
                })
                .collect::<Vec<_>>()
        });
        (texts.clone(), parties, claims, annotations).prop_map(
            |(title, parties, claims, annotations)| RandomCase {
                title,
                parties,
                claims,
                annotations,
            },
        )
    })
}

fn meta(title: &str) -> CaseMeta {
    CaseMeta {
        id: "random".to_owned(),
        title: Some(title.to_owned()),
        language: None,
        description: None,
    }
}

/// The whole case in one file.
fn one_file(case: &RandomCase) -> Vec<(String, Vec<u8>)> {
    let file = ClaimFile {
        format: Some("claimgraph/1".to_owned()),
        case: Some(meta(&case.title)),
        parties: case.parties.clone(),
        claims: case.claims.clone(),
        annotations: case.annotations.clone(),
        ..ClaimFile::default()
    };
    vec![(
        "case.json".to_owned(),
        serde_json::to_vec_pretty(&file).unwrap(),
    )]
}

/// The same case split over `n_files` files, claims in `order`, files
/// named so that they load in a different order than they were cut.
fn split(case: &RandomCase, order: &[usize], n_files: usize) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![ClaimFile::default(); n_files];
    files[n_files - 1].case = Some(meta(&case.title));
    files[0].parties = case.parties.clone();
    files[n_files / 2].annotations = case.annotations.iter().rev().cloned().collect();
    for (k, &i) in order.iter().enumerate() {
        files[k % n_files].claims.push(case.claims[i].clone());
    }
    files
        .into_iter()
        .enumerate()
        .map(|(k, f)| {
            let name = format!("{}-part.json", n_files - k);
            (name, serde_json::to_vec(&f).unwrap())
        })
        .collect()
}

fn load_case(files: &[(String, Vec<u8>)]) -> Case {
    load::load_files("random", files, Limits::default()).unwrap()
}

fn render_all(case: Case) -> Vec<u8> {
    let pipeline = Pipeline::from_case(case, SearchMode::Indexed);
    let mut out = Vec::new();
    for format in [
        Format::Json,
        Format::Markdown,
        Format::Text { color: false },
    ] {
        report::render(pipeline.report().unwrap(), format, &mut out).unwrap();
    }
    out
}

/// Every `<` in Markdown output outside a code span is escaped.
fn unescaped_angle(markdown: &str) -> Option<usize> {
    let mut in_code = false;
    let mut chars = markdown.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if !in_code => {
                chars.next();
            }
            '`' => in_code = !in_code,
            '\n' => in_code = false,
            '<' if !in_code => return Some(i),
            _ => {}
        }
    }
    None
}

/// A case assembled directly, bypassing the loader's checks.
fn direct_case(case: &RandomCase) -> Case {
    let mut claims = case.claims.clone();
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    Case {
        meta: CaseMeta {
            description: Some(case.title.clone()),
            ..meta(&case.title)
        },
        parties: case.parties.clone(),
        sources: Vec::new(),
        claims,
        annotations: case.annotations.clone(),
        statuses: Vec::new(),
        points: Vec::new(),
        config: claimgraph::config::Config::default(),
        files: vec!["case.json".to_owned()],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn report_ignores_file_and_claim_order(
        case in random_case(text()),
        seed in any::<u64>(),
        n_files in 1usize..4,
    ) {
        let mut order: Vec<usize> = (0..case.claims.len()).collect();
        let mut state = seed | 1;
        for i in (1..order.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            order.swap(i, usize::try_from(state % (i as u64 + 1)).unwrap());
        }
        let a = render_all(load_case(&one_file(&case)));
        let b = render_all(load_case(&split(&case, &order, n_files)));
        prop_assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
    }

    #[test]
    fn contradictions_are_symmetric_and_stored_once(case in random_case(text())) {
        let loaded = load_case(&one_file(&case));
        let pipeline = Pipeline::from_case(loaded, SearchMode::Exhaustive);
        let n = pipeline.case.claims.len();
        for i in 0..n {
            for j in (i + 1)..n {
                let ab = pipeline.analyzed.assess(&pipeline.case, i, j);
                let ba = pipeline.analyzed.assess(&pipeline.case, j, i);
                let contradicts = Some(claimgraph::infer::Relation::Contradicts);
                prop_assert_eq!(ab.relation == contradicts, ba.relation == contradicts, "{} {}", i, j);
                if ab.relation == contradicts {
                    prop_assert_eq!(ab.confidence, ba.confidence);
                }
                let stored = pipeline.graph.edges().iter()
                    .filter(|e| e.edge.relation == claimgraph::infer::Relation::Contradicts)
                    .filter(|e| (e.from, e.to) == (i, j) || (e.from, e.to) == (j, i))
                    .count();
                prop_assert!(stored <= 1, "contradiction {}-{} stored {} times", i, j, stored);
            }
        }
        for edge in &pipeline.report().unwrap().edges {
            if edge.relation == "contradicts" {
                prop_assert!(edge.from < edge.to, "{:?}", edge);
                prop_assert_eq!(&edge.id, &format!("{}~{}", edge.from, edge.to));
            }
        }
    }

    #[test]
    fn annotations_override_inference(case in random_case(text())) {
        let loaded = load_case(&one_file(&case));
        let pipeline = Pipeline::from_case(loaded, SearchMode::Exhaustive);
        for annotation in &case.annotations {
            let [a, b] = &annotation.claims;
            let between: Vec<_> = pipeline.report().unwrap().edges.iter()
                .filter(|e| (&e.from == a && &e.to == b) || (&e.from == b && &e.to == a))
                .collect();
            match annotation.relation {
                AnnotatedRelation::Unrelated => prop_assert!(between.is_empty(), "{:?}", between),
                relation => {
                    prop_assert_eq!(between.len(), 1, "{:?}", between);
                    let edge = between[0];
                    prop_assert_eq!(edge.relation.as_str(), relation.as_str());
                    prop_assert_eq!(edge.confidence, 1.0);
                    let annotated = matches!(edge.provenance, report::ReportProvenance::Annotated { .. });
                    prop_assert!(annotated);
                    if relation == AnnotatedRelation::Supports {
                        prop_assert_eq!((&edge.from, &edge.to), (a, b));
                    }
                }
            }
        }
    }

    #[test]
    fn load_serialize_load_is_the_same_case(case in random_case(text()), pretty in any::<bool>()) {
        let first = load_case(&one_file(&case));
        let file = ClaimFile {
            format: Some("claimgraph/1".to_owned()),
            case: Some(first.meta.clone()),
            parties: first.parties.clone(),
            sources: first.sources.clone(),
            claims: first.claims.clone(),
            annotations: first.annotations.clone(),
            statuses: first.statuses.clone(),
            points: first.points.clone(),
            config: None,
        };
        let bytes = if pretty { serde_json::to_vec_pretty(&file) } else { serde_json::to_vec(&file) }.unwrap();
        let second = load_case(&[("case.json".to_owned(), bytes)]);
        prop_assert_eq!(first, second);
    }

    #[test]
    fn renderers_never_panic_on_any_text(case in random_case(any_text())) {
        let direct = direct_case(&case);
        let pipeline = Pipeline::from_case(direct.clone(), SearchMode::Exhaustive);
        // Streamed before the report model exists, then compared with it.
        let mut streamed = Vec::new();
        pipeline.write_json(&mut streamed).unwrap();
        for format in [Format::Json, Format::Markdown, Format::Text { color: false }, Format::Text { color: true }] {
            let mut out = Vec::new();
            report::render(pipeline.report().unwrap(), format, &mut out).unwrap();
            if format == Format::Json {
                prop_assert_eq!(&out, &streamed);
            }
            prop_assert!(String::from_utf8(out).is_ok());
        }
        let mut out = Vec::new();
        claimgraph::explain::render(&direct, &pipeline.analyzed, 0, 1, &mut out).unwrap();
    }

    #[test]
    fn markdown_never_carries_unescaped_angle_brackets(case in random_case(any_text())) {
        let pipeline = Pipeline::from_case(direct_case(&case), SearchMode::Exhaustive);
        let mut out = Vec::new();
        report::render(pipeline.report().unwrap(), Format::Markdown, &mut out).unwrap();
        let markdown = String::from_utf8(out).unwrap();
        if let Some(at) = unescaped_angle(&markdown) {
            let context: String = markdown[at.saturating_sub(60)..].chars().take(120).collect();
            prop_assert!(false, "unescaped < at byte {}: {:?}", at, context);
        }
    }

    /// No piece of claim text that holds markup reaches the HTML report
    /// as written: every `<`, `>`, `&` and quote is escaped.
    #[test]
    fn html_never_carries_input_markup(case in random_case(any_text())) {
        let direct = direct_case(&case);
        let pipeline = Pipeline::from_case(direct.clone(), SearchMode::Exhaustive);
        let mut out = Vec::new();
        report::render(pipeline.report().unwrap(), Format::Html, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        // A whole claim text that holds a `<` must never appear as written
        // (short texts could collide with the page's own tags, so skip them).
        for claim in direct.claims.iter().filter(|c| c.text.contains('<') && c.text.trim().chars().count() >= 6) {
            let text = claim.text.trim();
            prop_assert!(!html.contains(text), "raw text of claim {} in the HTML: {:?}", claim.id, text);
        }
    }
}

#[test]
fn the_angle_bracket_check_can_fail() {
    assert_eq!(unescaped_angle("a \\< b `<c>` d"), None);
    assert_eq!(unescaped_angle("a <b>"), Some(2));
    assert_eq!(unescaped_angle("`x`<"), Some(3));
}

/// Found by `contradictions_are_symmetric_and_stored_once`: `number.mismatch`
/// only looked from A's side, so {1} against {5, 1} conflicted one way only.
#[test]
fn number_mismatch_is_symmetric() {
    let text = r#"{"parties": [{"id": "p0", "name": "P", "role": "prosecution"}],
        "claims": [{"id": "c2", "party": "p0", "text": "<script>alert(1)</script>"},
                   {"id": "c5", "party": "p0", "text": "5 <script>alert(1)</script>"}]}"#;
    let case = load::load_bytes("case.json", text.as_bytes(), Limits::default()).unwrap();
    let pipeline = Pipeline::from_case(case, SearchMode::Exhaustive);
    let ab = pipeline.analyzed.assess(&pipeline.case, 0, 1);
    let ba = pipeline.analyzed.assess(&pipeline.case, 1, 0);
    assert_eq!(ab.relation, ba.relation);
    assert_eq!(ab.confidence, ba.confidence);
}
