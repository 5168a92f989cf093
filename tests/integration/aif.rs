//! AIF import and export: the synthetic fixture (`tests/aif/`), and a
//! round trip through real QT30 maps when `../shared/eval/qt30-aif` is
//! present (the maps are not redistributable, so they are never copied
//! into the repository).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use claimgraph::import::aif::{self, REPHRASE_NOTE};
use claimgraph::model::ClaimFile;
use claimgraph::report::{self, Format, ReportProvenance};
use claimgraph::{Options, Pipeline};

use crate::support::{claimgraph, root, with_snapshots};

/// A claim's text and its speaker.
type Claim = (String, Option<String>);
/// A relation between two claim texts: (relation, from, to); contradictions
/// have their texts sorted, since they have no direction.
type Relation = (String, String, String);

fn import(files: &[PathBuf], dir: &Path) {
    let output = claimgraph()
        .args(["import", "aif"])
        .args(files)
        .arg("--output")
        .arg(dir)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read_case(dir: &Path) -> ClaimFile {
    let text = std::fs::read_to_string(dir.join("case.json")).expect("case.json written");
    serde_json::from_str(&text).expect("a claim file")
}

fn claims_of(file: &ClaimFile) -> Vec<Claim> {
    let mut claims: Vec<Claim> = file
        .claims
        .iter()
        .map(|c| (c.text.clone(), c.speaker.clone()))
        .collect();
    claims.sort();
    claims
}

fn relations_of(file: &ClaimFile) -> Vec<Relation> {
    let text = |id: &str| {
        file.claims
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.text.clone())
            .expect("known claim")
    };
    let mut relations: Vec<Relation> = file
        .annotations
        .iter()
        .map(|a| {
            let relation = match (a.relation.as_str(), a.note.as_deref()) {
                ("supports", Some(REPHRASE_NOTE)) => "rephrase".to_owned(),
                (r, _) => r.to_owned(),
            };
            relation_key(relation, text(&a.claims[0]), text(&a.claims[1]))
        })
        .collect();
    relations.sort();
    relations
}

fn relation_key(relation: String, from: String, to: String) -> Relation {
    if relation == "contradicts" && to < from {
        (relation, to, from)
    } else {
        (relation, from, to)
    }
}

#[test]
fn import_synthetic_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("case");
    let output = claimgraph()
        .args(["import", "aif", "tests/aif/synthetic.json", "--output"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let summary =
        String::from_utf8_lossy(&output.stderr).replace(&out.display().to_string(), "[DIR]");
    let file = read_case(&out);
    with_snapshots(|| {
        insta::assert_snapshot!("cli_import_aif_synthetic_summary", summary);
        insta::assert_snapshot!(
            "import_aif_synthetic_case",
            serde_json::to_string_pretty(&file).expect("json")
        );
    });
    let speakers: BTreeSet<&str> = file.parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        speakers,
        BTreeSet::from(["Alice Martin", "Bob Osei", "unknown"])
    );
    let relations = relations_of(&file);
    assert_eq!(relations.len(), 3, "{relations:#?}");
    assert!(relations.iter().any(|r| r.0 == "contradicts"));
    assert!(relations.iter().any(|r| r.0 == "rephrase"));
    assert!(relations.iter().any(|r| r.0 == "supports"));
    // The written case is valid.
    Pipeline::run(&out, Options::default()).expect("imported case loads");
}

#[test]
fn import_never_writes_into_a_non_empty_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("case.json");
    std::fs::copy(root().join("tests/aif/synthetic.json"), &input).expect("copies");
    let output = claimgraph()
        .args(["import", "aif"])
        .arg(&input)
        .arg("--output")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not empty"));
    let kept = std::fs::read_to_string(&input).expect("still there");
    assert!(kept.contains("\"nodes\""), "the input was overwritten");
}

#[test]
fn import_reports_every_bad_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = claimgraph()
        .args([
            "import",
            "aif",
            "tests/bad/malformed.json",
            "tests/aif/missing.json",
            "--output",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("tests/aif/missing.json"), "{stderr}");
    assert!(stderr.contains("tests/bad/malformed.json"), "{stderr}");
    assert!(!dir.path().join("case.json").exists());
}

/// Export then import keeps every claim, every speaker and every
/// annotated relation as it was; the inferred ones are left to the rules
/// (counted, not written as annotations).
fn assert_round_trip(files: &[PathBuf]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = dir.path().join("first");
    import(files, &first);
    let before = read_case(&first);
    let pipeline = Pipeline::run(&first, Options::default()).expect("imported case loads");
    let mut exported = Vec::new();
    report::render(pipeline.report().unwrap(), Format::Aif, &mut exported).expect("renders");
    let map = aif::parse(
        "exported.json",
        &String::from_utf8(exported).expect("utf-8"),
    )
    .expect("the export parses as AIF");
    let (after, summary) = aif::convert(&[("exported".to_owned(), map)]);

    assert_eq!(claims_of(&before), claims_of(&after), "claims differ");
    assert_eq!(
        relations_of(&before),
        relations_of(&after),
        "annotated relations differ"
    );
    let inferred = pipeline
        .report()
        .unwrap()
        .edges
        .iter()
        .filter(|e| matches!(e.provenance, ReportProvenance::Inferred { .. }))
        .count();
    assert_eq!(summary.inferred, inferred, "inferred relations");
    assert!(
        summary.unmapped.is_empty(),
        "the export holds unmappable nodes: {:?}",
        summary.unmapped
    );
}

#[test]
fn round_trip_synthetic_map() {
    assert_round_trip(&[root().join("tests/aif/synthetic.json")]);
}

fn qt30_maps() -> Option<Vec<PathBuf>> {
    let dir = root().join("../shared/eval/qt30-aif");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return None;
    };
    let mut maps: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    maps.sort();
    Some(maps)
}

#[test]
fn round_trip_real_maps() {
    let Some(maps) = qt30_maps() else {
        return;
    };
    // Maps with conflicts, inferences and rephrases, each alone, then
    // several together as one case.
    let mut chosen: Vec<PathBuf> = Vec::new();
    for map in &maps {
        let text = std::fs::read_to_string(map).expect("readable");
        let parsed = aif::parse("map", &text).expect("parses");
        let has = |kind: &str| parsed.nodes.iter().any(|n| n.kind == kind);
        if has("CA") && has("RA") && has("MA") {
            chosen.push(map.clone());
        }
        if chosen.len() == 6 {
            break;
        }
    }
    assert!(chosen.len() >= 3, "too few maps with CA, RA and MA nodes");
    for map in &chosen {
        assert_round_trip(std::slice::from_ref(map));
    }
    assert_round_trip(&chosen[..3]);
}

/// Every real map imports into a valid case with at least one claim.
#[test]
fn every_real_map_imports() {
    let Some(maps) = qt30_maps() else {
        return;
    };
    let mut relations = 0;
    for map in &maps {
        let text = std::fs::read_to_string(map).expect("readable");
        let parsed = aif::parse(&map.display().to_string(), &text).expect("parses");
        let name = map
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let (file, summary) = aif::convert(&[(name, parsed)]);
        assert!(!file.claims.is_empty(), "{}: no claims", map.display());
        relations += file.annotations.len();
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("case.json"),
            serde_json::to_string(&file).expect("json"),
        )
        .expect("writes");
        claimgraph::load::load_case(dir.path())
            .unwrap_or_else(|e| panic!("{}: invalid case: {e}", map.display()));
        assert_eq!(summary.claims, file.claims.len());
    }
    assert!(relations > 1000, "only {relations} relations imported");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever an AIF map holds (any node types, ids, texts and edges,
    /// dangling or not), the import writes a case that loads.
    #[test]
    fn any_map_imports_into_a_valid_case(
        nodes in proptest::collection::vec(
            ("[0-9a-z ]{0,3}", "\\PC{0,20}", proptest::sample::select(vec!["I", "L", "YA", "TA", "CA", "RA", "MA", "X"])),
            1..25,
        ),
        edges in proptest::collection::vec(("[0-9a-z ]{0,3}", "[0-9a-z ]{0,3}"), 0..40),
        dates in proptest::collection::vec("[0-9: -]{0,20}", 0..5),
        name in "[a-z0-9 ._-]{1,8}",
    ) {
        let map = aif::AifMap {
            nodes: nodes
                .iter()
                .map(|(id, text, kind)| aif::AifNode {
                    node_id: id.clone(),
                    text: text.clone(),
                    kind: (*kind).to_owned(),
                    scheme: None,
                })
                .collect(),
            edges: edges
                .iter()
                .enumerate()
                .map(|(k, (from, to))| aif::AifEdge {
                    edge_id: k.to_string(),
                    from_id: from.clone(),
                    to_id: to.clone(),
                })
                .collect(),
            locutions: dates
                .iter()
                .zip(&nodes)
                .map(|(date, (id, _, _))| aif::AifLocution {
                    node_id: id.clone(),
                    person_id: "1".to_owned(),
                    start: Some(date.clone()),
                })
                .collect(),
            participants: Vec::new(),
            claimgraph: None,
        };
        let (file, summary) = aif::convert(&[(name.clone(), map.clone()), (name, map)]);
        proptest::prop_assert_eq!(summary.claims, file.claims.len());
        if file.claims.is_empty() {
            return Ok(());
        }
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("case.json"),
            serde_json::to_string(&file).expect("json"),
        )
        .expect("writes");
        let loaded = claimgraph::load::load_case(dir.path());
        proptest::prop_assert!(loaded.is_ok(), "{}", loaded.err().map(|e| e.to_string()).unwrap_or_default());
    }
}

/// A bundled case exported to AIF and imported again is the same case:
/// its parties (ids, names, roles), claim ids, annotations (notes and
/// authors included), and, since the export carries the case's settings,
/// the same inferred edges, still inferred.
#[test]
fn bundled_cases_survive_an_aif_round_trip() {
    for case in crate::support::bundled_cases() {
        let dir = tempfile::tempdir().expect("tempdir");
        let map = dir.path().join("map.json");
        let export = crate::support::claimgraph()
            .arg("report")
            .arg(&case)
            .args(["--format", "aif", "--output"])
            .arg(&map)
            .output()
            .expect("runs");
        assert!(export.status.success(), "{export:?}");
        let imported = dir.path().join("imported");
        import(std::slice::from_ref(&map), &imported);
        let report_of = |path: &Path| {
            Pipeline::run(path, Options::default())
                .expect("loads")
                .into_report()
                .expect("report")
        };
        let (before, after) = (report_of(&case), report_of(&imported));
        let parties = |r: &claimgraph::Report| {
            r.parties
                .iter()
                .map(|p| (p.id.clone(), p.name.clone(), p.role, p.claims))
                .collect::<Vec<_>>()
        };
        assert_eq!(parties(&before), parties(&after), "{}", case.display());
        let ids =
            |r: &claimgraph::Report| r.claims.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&before), ids(&after));
        let edges = |r: &claimgraph::Report| {
            r.edges
                .iter()
                .map(|e| {
                    let provenance = match &e.provenance {
                        ReportProvenance::Annotated { note, author } => {
                            format!("annotated {note:?} {author:?}")
                        }
                        ReportProvenance::Inferred { .. } => "inferred".to_owned(),
                    };
                    (e.id.clone(), provenance)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(edges(&before), edges(&after), "{}", case.display());
        assert_eq!(before.summary.inferred_edges, after.summary.inferred_edges);
        assert!(before.summary.inferred_edges > 0);
    }
}
