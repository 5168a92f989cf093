//! Claim statuses, self-consistency, acceptance semantics, timelines,
//! `supersedes`, scenarios (`--assume`, `--exclude`) and `claimgraph diff`.

use std::path::{Path, PathBuf};

use claimgraph::analysis::Scenario;
use claimgraph::analysis::argumentation::{Bipolar, Framework, Label};
use claimgraph::report::{self, Format};
use claimgraph::{Options, Pipeline, diff};
use insta_cmd::assert_cmd_snapshot;
use proptest::prelude::*;

use crate::support::{claimgraph, root, with_snapshots};

fn revised_case() -> PathBuf {
    root().join("tests/cases/revised")
}

fn durov() -> PathBuf {
    root().join("claims/durov-telegram")
}

fn render(report: &claimgraph::Report, format: Format) -> String {
    let mut out = Vec::new();
    report::render(report, format, &mut out).expect("renders");
    String::from_utf8(out).expect("utf-8")
}

fn render_diff(changes: &diff::ReportDiff, format: Format) -> String {
    let mut out = Vec::new();
    diff::render(changes, format, &mut out).expect("renders");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn revised_case_every_format() {
    let pipeline = Pipeline::run(&revised_case(), Options::default()).expect("loads");
    with_snapshots(|| {
        insta::assert_snapshot!(
            "report_revised_text",
            render(pipeline.report().unwrap(), Format::Text { color: false })
        );
        insta::assert_snapshot!(
            "report_revised_markdown",
            render(pipeline.report().unwrap(), Format::Markdown)
        );
        insta::assert_snapshot!(
            "report_revised_json",
            render(pipeline.report().unwrap(), Format::Json)
        );
    });
}

#[test]
fn statuses_of_the_revised_case() {
    let report = Pipeline::run(&revised_case(), Options::default())
        .expect("loads")
        .into_report()
        .unwrap();
    let status = |id: &str| {
        report
            .statuses
            .iter()
            .find(|s| s.claim == id)
            .unwrap_or_else(|| panic!("no status for {id}"))
    };
    let words = |id: &str| -> Vec<String> {
        status(id)
            .status
            .iter()
            .map(claimgraph::report::ReportStatus::describe)
            .collect()
    };
    assert_eq!(
        words("p-at-scene"),
        ["disputed by def", "common-ground with wit"]
    );
    assert_eq!(
        words("d-drove-by"),
        ["disputed by pros", "self-contradicted"]
    );
    // It only supports its own side, inside a disputed point; the rules
    // also find that it corroborates the witness (car, warehouse).
    assert_eq!(words("p-camera"), ["undisputed", "common-ground with wit"]);
    // The superseded claim is shown but is no longer the party's position.
    assert_eq!(
        status("d-home").superseded_by.as_deref(),
        Some("d-drove-by")
    );
    assert_eq!(status("d-home").acceptance, "superseded");
    assert!(status("d-home").status.is_empty());
    assert!(report.disputed_points.iter().all(|p| {
        p.sides
            .iter()
            .all(|s| !s.claims.contains(&"d-home".to_owned()))
    }));
    // A manual status replaces the computed one and says so.
    assert_eq!(words("w-weather"), ["undisputed"]);
    assert!(status("w-weather").manual.is_some());
    assert_eq!(status("w-weather").computed[0].kind, "unanswered");
    // The defendant's contradiction with himself has its own section.
    assert_eq!(report.self_contradictions.len(), 1);
    assert_eq!(
        report.self_contradictions[0].edge,
        "d-drove-by~d-never-drove"
    );
    // The timeline keeps the revised claim, marked, in date order.
    let def = report.disputed_points[0]
        .timeline
        .iter()
        .find(|t| t.party == "def")
        .expect("defendant timeline");
    let order: Vec<&str> = def.entries.iter().map(|e| e.claim.as_str()).collect();
    assert_eq!(order, ["d-home", "d-drove-by", "d-never-drove"]);
    assert_eq!(def.entries[0].superseded_by.as_deref(), Some("d-drove-by"));
}

#[test]
fn durov_labels_and_preferred_extensions() {
    let report = Pipeline::run(&durov(), Options::default())
        .expect("loads")
        .into_report()
        .unwrap();
    // Every claim has a status and a label.
    assert_eq!(report.statuses.len(), report.claims.len());
    // The illegal-content dispute is a stand-off: each side has a coherent
    // position of its own, and no preferred extension holds both.
    let component = report
        .acceptance
        .components
        .iter()
        .find(|c| c.claims.contains(&"p-charge-organised-crime".to_owned()))
        .expect("component");
    let extensions = component.preferred.as_ref().expect("small enough");
    let holds = |e: &Vec<String>, id: &str| e.iter().any(|c| c == id);
    assert!(
        extensions
            .iter()
            .any(|e| holds(e, "d-anarchic-paradise-false"))
    );
    assert!(
        extensions
            .iter()
            .any(|e| holds(e, "p-charge-organised-crime"))
    );
    assert!(
        extensions
            .iter()
            .all(|e| !(holds(e, "d-anarchic-paradise-false")
                && holds(e, "p-charge-organised-crime")))
    );
    for point in &report.disputed_points {
        for side in &point.sides {
            assert_eq!(side.standing, "undecided", "{}", point.id);
        }
    }
}

#[test]
fn assuming_a_claim_shows_what_changes() {
    let scenario = Scenario {
        assume: vec!["d-cooperated".to_owned()],
        exclude: Vec::new(),
    };
    let report = Pipeline::run_with(
        &durov(),
        Options::default(),
        claimgraph::Stages {
            scenario: &scenario,
            ..Default::default()
        },
    )
    .expect("runs")
    .into_report()
    .unwrap();
    let change = |id: &str| {
        report
            .acceptance
            .changes
            .iter()
            .find(|c| c.claim == id)
            .map(|c| (c.from.as_str(), c.to.as_str()))
    };
    assert_eq!(change("d-cooperated"), Some(("undec", "in")));
    assert_eq!(change("p-requests-ignored"), Some(("undec", "out")));
    // Claims outside the cooperation dispute do not move.
    assert_eq!(change("p-charge-organised-crime"), None);
    let point = report
        .disputed_points
        .iter()
        .find(|p| {
            p.edges
                .contains(&"d-cooperated~p-requests-ignored".to_owned())
        })
        .expect("cooperation point");
    let standing = |party: &str| {
        point
            .sides
            .iter()
            .find(|s| s.party == party)
            .map(|s| s.standing.as_str())
    };
    assert_eq!(standing("durov"), Some("stands"));
    assert_eq!(standing("parquet"), Some("falls"));
}

#[test]
fn cli_assume_and_exclude() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_report_revised_assume_exclude",
            claimgraph().args([
                "report",
                "tests/cases/revised",
                "--assume",
                "d-drove-by",
                "--exclude",
                "w-saw-car"
            ])
        );
        assert_cmd_snapshot!(
            "cli_report_assume_unknown",
            claimgraph().args(["report", "claims/durov-telegram", "--assume", "d-coperated"])
        );
        assert_cmd_snapshot!(
            "cli_report_assume_conflict",
            claimgraph().args([
                "report",
                "claims/durov-telegram",
                "--assume",
                "d-cooperated",
                "--assume",
                "p-no-reaction"
            ])
        );
    });
}

/// Copies the seed case to a temporary directory and drops the annotation
/// on the given pair.
fn durov_without_annotation(dir: &Path, pair: [&str; 2]) {
    let case = dir.join("case");
    std::fs::create_dir_all(&case).expect("mkdir");
    for file in ["case.json", "claims.json", "annotations.json"] {
        std::fs::copy(durov().join(file), case.join(file)).expect("copy");
    }
    let path = case.join("annotations.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("reads")).expect("json");
    let annotations = value["annotations"].as_array_mut().expect("array");
    let before = annotations.len();
    annotations.retain(|a| a["claims"] != serde_json::json!(pair));
    assert_eq!(annotations.len(), before - 1, "the annotation exists");
    std::fs::write(&path, serde_json::to_string_pretty(&value).expect("ser")).expect("write");
}

#[test]
fn diff_shows_exactly_the_removed_annotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    durov_without_annotation(dir.path(), ["p-charge-refusal", "d-open-to-collaboration"]);
    let old = Pipeline::run(&durov(), Options::default())
        .expect("loads")
        .into_report()
        .unwrap();
    let new = Pipeline::run(&dir.path().join("case"), Options::default())
        .expect("loads")
        .into_report()
        .unwrap();
    let changes = diff::diff(&old, &new);
    // The one edge removed, with the annotation as its reason.
    assert!(changes.edges_added.is_empty());
    assert!(changes.edges_changed.is_empty());
    assert_eq!(changes.edges_removed.len(), 1);
    assert_eq!(
        changes.edges_removed[0].id,
        "d-open-to-collaboration~p-charge-refusal"
    );
    assert!(
        changes.edges_removed[0]
            .reason
            .starts_with("annotation by claimgraph maintainers: Cooperation dispute.")
    );
    // Its consequences: the cooperation point, matched by its members
    // although it is renumbered, keeps Durov's claim only as a supporter of
    // his other cooperation claim (an inferred support through the
    // thesaurus: coopéré / collaboration), and only that claim changes
    // status (the charge stays disputed by an inferred edge).
    assert!(changes.points_appeared.is_empty() && changes.points_vanished.is_empty());
    assert_eq!(changes.points_changed.len(), 1);
    let point = &changes.points_changed[0];
    let members = |list: &[claimgraph::diff::DiffMember]| -> Vec<(String, String, String)> {
        list.iter()
            .map(|m| (m.party.clone(), m.claim.clone(), m.role.clone()))
            .collect()
    };
    let durov_claim = |role: &str| {
        vec![(
            "durov".to_owned(),
            "d-open-to-collaboration".to_owned(),
            role.to_owned(),
        )]
    };
    assert_eq!(members(&point.added), durov_claim("supporting"));
    assert_eq!(members(&point.removed), durov_claim("claim"));
    let moved: Vec<&str> = changes
        .status_changes
        .iter()
        .map(|s| s.claim.as_str())
        .collect();
    assert_eq!(moved, ["d-open-to-collaboration"]);
    assert!(changes.claims_added.is_empty() && changes.claims_removed.is_empty());
    with_snapshots(|| {
        insta::assert_snapshot!(
            "diff_durov_annotation_removed_text",
            render_diff(&changes, Format::Text { color: false })
        );
        insta::assert_snapshot!(
            "diff_durov_annotation_removed_markdown",
            render_diff(&changes, Format::Markdown)
        );
        insta::assert_snapshot!(
            "diff_durov_annotation_removed_json",
            render_diff(&changes, Format::Json)
        );
    });
    // The reverse diff mirrors it.
    let back = diff::diff(&new, &old);
    assert_eq!(back.edges_added.len(), 1);
    assert_eq!(back.points_changed[0].added, point.removed);
    assert!(back.edges_removed.is_empty());
}

#[test]
fn diff_matches_points_by_members_not_numbers() {
    // Dropping a support changes the cooperation point's members; it keeps
    // its claims in contradiction, so it is matched and reported as changed.
    let dir = tempfile::tempdir().expect("tempdir");
    durov_without_annotation(dir.path(), ["d-hotline", "d-cooperated"]);
    let old = Pipeline::run(&durov(), Options::default())
        .expect("loads")
        .into_report()
        .unwrap();
    let new = Pipeline::run(&dir.path().join("case"), Options::default())
        .expect("loads")
        .into_report()
        .unwrap();
    let changes = diff::diff(&old, &new);
    assert!(changes.points_appeared.is_empty() && changes.points_vanished.is_empty());
    assert_eq!(changes.points_changed.len(), 1);
    let change = &changes.points_changed[0];
    assert!(change.added.is_empty());
    assert_eq!(change.removed.len(), 1);
    assert_eq!(change.removed[0].claim, "d-hotline");
    assert_eq!(change.removed[0].role, "supporting");
}

#[test]
fn cli_diff_exit_codes() {
    // The same case on both sides: no change, exit 0.
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_diff_no_change",
            claimgraph().args(["diff", "claims/durov-telegram", "claims/durov-telegram"])
        );
    });
    // A JSON report against a changed case: exit 1, and the output is the
    // library's rendering.
    let dir = tempfile::tempdir().expect("tempdir");
    durov_without_annotation(dir.path(), ["p-charge-refusal", "d-open-to-collaboration"]);
    let golden = dir.path().join("golden.json");
    let status = claimgraph()
        .args([
            "report",
            "claims/durov-telegram",
            "--format",
            "json",
            "--output",
        ])
        .arg(&golden)
        .status()
        .expect("runs");
    assert!(status.success());
    let output = claimgraph()
        .arg("diff")
        .arg(&golden)
        .arg(dir.path().join("case"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        stdout.contains("- d-open-to-collaboration contradicts p-charge-refusal"),
        "{stdout}"
    );
    assert!(
        !stdout.contains(&dir.path().display().to_string()),
        "no paths"
    );
    // A broken report: exit 2 with a position.
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\"format\": \"claimgraph.report/1\", \"case\": 3}",
    )
    .expect("write");
    let output = claimgraph()
        .arg("diff")
        .arg(&broken)
        .arg(&golden)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains(":1:"), "{stderr}");
    assert!(stderr.contains("not a valid report"), "{stderr}");
}

/// The sets of arguments `0..n` as bit masks.
fn subsets(n: usize) -> impl Iterator<Item = u32> {
    0..(1u32 << n)
}

/// Brute-force Dung semantics over every subset.
struct Brute {
    n: usize,
    attacks: Vec<(usize, usize)>,
}

impl Brute {
    fn attacks(&self, a: usize, b: usize) -> bool {
        self.attacks.contains(&(a, b))
    }
    fn conflict_free(&self, set: u32) -> bool {
        self.attacks
            .iter()
            .all(|&(a, b)| set & (1 << a) == 0 || set & (1 << b) == 0)
    }
    fn defends(&self, set: u32, a: usize) -> bool {
        (0..self.n)
            .filter(|&b| self.attacks(b, a))
            .all(|b| (0..self.n).any(|c| set & (1 << c) != 0 && self.attacks(c, b)))
    }
    fn admissible(&self, set: u32) -> bool {
        self.conflict_free(set)
            && (0..self.n)
                .filter(|&a| set & (1 << a) != 0)
                .all(|a| self.defends(set, a))
    }
    fn complete(&self, set: u32) -> bool {
        self.admissible(set) && (0..self.n).all(|a| !self.defends(set, a) || set & (1 << a) != 0)
    }
    fn preferred(&self) -> Vec<u32> {
        let admissible: Vec<u32> = subsets(self.n).filter(|&s| self.admissible(s)).collect();
        admissible
            .iter()
            .copied()
            .filter(|&s| !admissible.iter().any(|&t| t != s && t & s == s))
            .collect()
    }
    fn grounded(&self) -> u32 {
        let complete: Vec<u32> = subsets(self.n).filter(|&s| self.complete(s)).collect();
        let least = complete
            .iter()
            .fold(u32::MAX >> (32 - self.n.max(1)), |acc, &s| acc & s);
        assert!(
            complete.contains(&least),
            "the least complete set is complete"
        );
        least
    }
}

fn to_vec(set: u32, n: usize) -> Vec<usize> {
    (0..n).filter(|&a| set & (1 << a) != 0).collect()
}

fn framework_strategy() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
    (1usize..=7).prop_flat_map(|n| {
        (
            Just(n),
            proptest::collection::vec((0..n, 0..n), 0..=(n * n).min(14)),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Grounded labelling and preferred extensions agree with a brute-force
    /// enumeration of conflict-free, admissible and complete sets.
    #[test]
    fn semantics_match_brute_force((n, attacks) in framework_strategy()) {
        let framework = Framework::new(n, attacks.iter().copied());
        let brute = Brute { n, attacks: framework.attacks() };
        let grounded = brute.grounded();
        let labels = framework.grounded();
        for (a, label) in labels.iter().enumerate() {
            let expected = if grounded & (1 << a) != 0 {
                Label::In
            } else if (0..n).any(|b| grounded & (1 << b) != 0 && brute.attacks(b, a)) {
                Label::Out
            } else {
                Label::Undec
            };
            prop_assert_eq!(*label, expected, "argument {}", a);
        }
        let mut preferred: Vec<Vec<usize>> =
            brute.preferred().into_iter().map(|s| to_vec(s, n)).collect();
        preferred.sort();
        prop_assert_eq!(framework.preferred_extensions(), Ok(preferred));
    }

    /// Contradictions are symmetric, and so is the flattened framework:
    /// deductive support adds supported and mediated attacks in pairs.
    #[test]
    fn flattening_keeps_symmetry(
        n in 2usize..=8,
        contradictions in proptest::collection::vec((0usize..8, 0usize..8), 0..8),
        supports in proptest::collection::vec((0usize..8, 0usize..8), 0..8),
    ) {
        let attacks: Vec<(usize, usize)> = contradictions
            .iter()
            .filter(|(a, b)| a != b && *a < n && *b < n)
            .flat_map(|&(a, b)| [(a, b), (b, a)])
            .collect();
        let bipolar = Bipolar { n, attacks, supports };
        let flat = bipolar.flatten();
        let all = flat.attacks();
        for &(a, b) in &all {
            prop_assert!(all.contains(&(b, a)), "{} -> {} without its mirror", a, b);
        }
    }
}

/// A group of more than 24 claims that attack one another gets grounded
/// labels only, and the report says why.
#[test]
fn preferred_extensions_stop_at_the_limit() {
    let n = 25;
    let claims: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("c{i:02}"),
                "party": if i % 2 == 0 { "a" } else { "b" },
                "text": format!("Statement number {i}.")
            })
        })
        .collect();
    let annotations: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "claims": [format!("c{i:02}"), format!("c{:02}", (i + 1) % n)],
                "relation": "contradicts"
            })
        })
        .collect();
    let case = serde_json::json!({
        "case": {"id": "ring", "language": "en"},
        "parties": [{"id": "a", "name": "A", "role": "prosecution"},
                    {"id": "b", "name": "B", "role": "defense"}],
        "claims": claims,
        "annotations": annotations
    });
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("case.json"), case.to_string()).expect("write");
    let report = Pipeline::run(dir.path(), Options::default())
        .expect("loads")
        .into_report()
        .unwrap();
    assert_eq!(report.acceptance.components.len(), 1);
    let component = &report.acceptance.components[0];
    assert_eq!(component.claims.len(), n);
    assert!(component.preferred.is_none());
    assert_eq!(
        component.note.as_deref(),
        Some(
            "25 claims attack one another here, over the limit of 24 for preferred extensions; only the grounded labels are shown"
        )
    );
    assert!(report.statuses.iter().all(|s| s.acceptance == "undec"));
}
