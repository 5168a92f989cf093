//! `claimgraph eval`: discovery evaluation on whole cases, and labelled
//! pair files (`.jsonl`): the metrics on a small fixture of redistributable
//! pairs (so that any change to the reasoning shows up in review), the JSON
//! form, the halves, and positioned errors for bad lines.

use claimgraph::eval::discovery::Evaluation;
use insta_cmd::assert_cmd_snapshot;

use crate::support::{bundled_cases, claimgraph, relative, with_snapshots};

fn eval_json(paths: &[String]) -> Evaluation {
    let output = claimgraph()
        .arg("eval")
        .args(paths)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("claimgraph.eval/1 json")
}

/// The gold counts are the cases' annotations, and the scores agree with
/// the counts they come from.
#[test]
fn bundled_cases_are_scored_against_their_annotations() {
    let paths: Vec<String> = bundled_cases().iter().map(|p| relative(p)).collect();
    let evaluation = eval_json(&paths);
    assert_eq!(evaluation.format, "claimgraph.eval/1");
    assert_eq!(evaluation.cases.len(), paths.len());
    for (path, result) in paths.iter().zip(&evaluation.cases) {
        let case =
            claimgraph::load::load_case(std::path::Path::new(&crate::support::root().join(path)))
                .expect("loads");
        let gold = |relation: &str| {
            case.annotations
                .iter()
                .filter(|a| a.relation.as_str() == relation)
                .count()
        };
        assert_eq!(result.gold_contradicts, gold("contradicts"));
        assert_eq!(result.gold_supports, gold("supports"));
        let n = case.claims.len();
        assert_eq!(result.pairs, n * (n - 1) / 2);
        for scores in [result.contradicts, result.supports] {
            assert!((0.0..=1.0).contains(&scores.precision));
            assert!((0.0..=1.0).contains(&scores.recall));
            assert!(scores.f1 <= scores.precision.max(scores.recall) + 1e-9);
        }
        assert_eq!(
            result.contradicts.true_positives + result.contradicts.false_positives,
            result.predicted_contradicts
        );
        assert_eq!(
            result.contradicts.true_positives + result.contradicts.false_negatives,
            result.gold_contradicts
        );
    }
    let total_tp: usize = evaluation
        .cases
        .iter()
        .map(|c| c.supports.true_positives)
        .sum();
    assert_eq!(evaluation.total.supports.true_positives, total_tp);
}

#[test]
fn text_output_has_a_row_per_case_and_a_total() {
    let output = claimgraph()
        .args(["eval", "claims/durov-telegram", "claims/kennedy-nixon-1960"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[2].starts_with("durov-telegram "));
    assert!(rows[3].starts_with("kennedy-nixon-1960 "));
    assert!(rows[4].starts_with("total "));
    assert_eq!(rows[5], "", "{text}");
    // Then what the scores mean, per case.
    assert_eq!(
        rows[6],
        "durov-telegram: 7 of its 10 gold pairs share no content word, so lexical rules cannot find them"
    );
    assert!(
        rows[7].starts_with("  suggestions (suggest --all order, annotations hidden): recall ")
    );
    assert!(rows[8].starts_with("kennedy-nixon-1960: "));
    assert!(rows[9].starts_with("  suggestions "));
    assert!(rows[10].starts_with("P, R and F1 count only the pairs a person annotated"));
}

/// The suggestion recall is that of `claimgraph suggest --all` on the case
/// without its annotations, counted here from suggest's own JSON.
#[test]
fn suggestion_recall_follows_the_suggest_order() {
    for case_dir in bundled_cases() {
        let evaluation = eval_json(&[relative(&case_dir)]);
        let result = &evaluation.cases[0];
        let recall = result.suggestions.expect("a small case is measured");
        let case = claimgraph::load::load_case(&case_dir).unwrap();
        let gold: std::collections::BTreeSet<(String, String)> = case
            .annotations
            .iter()
            .filter(|a| a.relation.as_str() != "unrelated")
            .map(|a| {
                let (x, y) = (a.claims[0].clone(), a.claims[1].clone());
                if x <= y { (x, y) } else { (y, x) }
            })
            .collect();
        assert_eq!(recall.gold, gold.len());
        // The same case with its annotations hidden.
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(&case_dir).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let mut value: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                if let Some(object) = value.as_object_mut() {
                    object.remove("annotations");
                }
                std::fs::write(
                    dir.path().join(entry.file_name()),
                    serde_json::to_string(&value).unwrap(),
                )
                .unwrap();
            }
        }
        let output = claimgraph()
            .args(["suggest", "--all", "--format", "json"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let suggestions: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let list = suggestions
            .as_array()
            .or_else(|| suggestions["suggestions"].as_array())
            .expect("a list of suggestions");
        let hits = |k: usize| {
            list.iter()
                .take(k)
                .filter(|s| {
                    let (a, b) = (
                        s["claim_a"].as_str().unwrap().to_owned(),
                        s["claim_b"].as_str().unwrap().to_owned(),
                    );
                    gold.contains(&if a <= b { (a, b) } else { (b, a) })
                })
                .count()
        };
        assert_eq!(recall.found_top10, hits(10), "{}", case_dir.display());
        assert_eq!(recall.found_top20, hits(20), "{}", case_dir.display());
    }
}

#[test]
fn eval_table_snapshot() {
    crate::support::with_snapshots(|| {
        insta_cmd::assert_cmd_snapshot!(
            "cli_eval_bundled",
            claimgraph().args(["eval", "claims/durov-telegram", "claims/kennedy-nixon-1960"])
        );
    });
}

const FIXTURE: &str = "tests/data/eval/fixture.jsonl";

#[test]
fn fixture_metrics_and_errors() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "eval_fixture_text",
            claimgraph().args(["eval", FIXTURE, "--errors"])
        );
    });
}

#[test]
fn fixture_json() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "eval_fixture_json",
            claimgraph().args(["eval", "--format", "json", FIXTURE])
        );
    });
}

#[test]
fn halves_add_up_to_the_whole() {
    let counts = |split: &str| -> u64 {
        let output = claimgraph()
            .args(["eval", "--format", "json", "--split", split, FIXTURE])
            .output()
            .unwrap();
        assert!(output.status.success());
        let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        doc["files"][0]["pairs"].as_u64().unwrap()
    };
    let (dev, held_out, all) = (counts("dev"), counts("held-out"), counts("all"));
    assert_eq!(dev + held_out, all);
    assert!(dev > 0 && held_out > 0);
}

#[test]
fn bad_lines_are_positioned() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "eval_bad_lines",
            claimgraph().args(["eval", "tests/data/eval/bad.jsonl"])
        );
    });
}

#[test]
fn cases_and_pair_files_do_not_mix() {
    let output = claimgraph()
        .args(["eval", "claims/durov-telegram", FIXTURE])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not both"));
}

#[test]
fn fixture_by_rule() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "eval_fixture_by_rule",
            claimgraph().args(["eval", FIXTURE, "--by-rule"])
        );
    });
}

#[test]
fn by_rule_and_errors_in_json_add_up() {
    let output = claimgraph()
        .args(["eval", "--format", "json", "--by-rule", "--errors", FIXTURE])
        .output()
        .unwrap();
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let file = &doc["files"][0];
    // Every predicted contradiction was decided with the similarity rule,
    // so its tally equals the confusion matrix's column.
    let rules = file["rules"].as_array().unwrap();
    let similarity = rules
        .iter()
        .find(|r| r["rule"] == "similarity.tokens")
        .unwrap();
    let contradicts = &file["contradicts"];
    let decided = contradicts["tp"].as_u64().unwrap() + contradicts["fp"].as_u64().unwrap();
    assert!(similarity["decided_contradicts"].as_u64().unwrap() <= decided);
    assert!(
        similarity["right_contradicts"].as_u64().unwrap() <= contradicts["tp"].as_u64().unwrap()
    );
    // The grouped errors hold every wrong contradiction exactly once.
    let groups = file["errors"].as_array().unwrap();
    let false_contradictions: usize = groups
        .iter()
        .filter(|g| g["predicted"] == "contradicts")
        .map(|g| g["pairs"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        false_contradictions as u64,
        contradicts["fp"].as_u64().unwrap()
    );
    let missed: usize = groups
        .iter()
        .filter(|g| g["gold"] == "contradicts" && g["predicted"] != "contradicts")
        .map(|g| g["pairs"].as_array().unwrap().len())
        .sum();
    assert_eq!(missed as u64, contradicts["fn"].as_u64().unwrap());
}

#[test]
fn by_rule_is_for_pair_files() {
    let output = claimgraph()
        .args(["eval", "--by-rule", "claims/durov-telegram"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--by-rule"));
}

/// `--operating-point precision` scores pair files at the publishing bar:
/// fewer predicted relations, none printed under the bar, and the pairs'
/// gold labels unchanged.
#[test]
fn pair_files_at_the_precision_point() {
    let run = |point: &str| -> serde_json::Value {
        let out = claimgraph()
            .args([
                "--operating-point",
                point,
                "eval",
                "--format",
                "json",
                "--pairs",
            ])
            .arg("tests/data/eval/fixture.jsonl")
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let (recall, precise) = (run("recall"), run("precision"));
    let predicted = |doc: &serde_json::Value, relation: &str| {
        doc["files"][0]["pairs"]
            .as_array()
            .expect("pairs")
            .iter()
            .filter(|p| p["predicted"] == relation)
            .map(|p| p["confidence"].as_f64().expect("confidence"))
            .collect::<Vec<f64>>()
    };
    let bar = claimgraph::config::PRECISION_POINT;
    // Confidences are printed to three decimals: 0.700 may be just under.
    let half = 0.0005;
    for relation in ["contradicts", "supports"] {
        let (all, kept) = (predicted(&recall, relation), predicted(&precise, relation));
        assert!(
            kept.iter().all(|c| *c >= bar - half),
            "{relation}: {kept:?}"
        );
        let sure = all.iter().filter(|c| **c >= bar + half).count();
        let maybe = all.iter().filter(|c| **c >= bar - half).count();
        assert!((sure..=maybe).contains(&kept.len()), "{relation}");
    }
    assert!(predicted(&precise, "contradicts").len() < predicted(&recall, "contradicts").len());
    // Each file says at which operating point it was scored.
    assert_eq!(recall["files"][0]["min_calibrated"].as_f64(), Some(0.0));
    assert_eq!(precise["files"][0]["min_calibrated"].as_f64(), Some(bar));
}
