//! `claimgraph eval`: discovery evaluation on whole cases.

use claimgraph::eval::discovery::Evaluation;

use crate::support::{bundled_cases, claimgraph, relative};

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
    assert_eq!(rows.len(), 5, "{text}");
    assert!(rows[2].starts_with("durov-telegram "));
    assert!(rows[3].starts_with("kennedy-nixon-1960 "));
    assert!(rows[4].starts_with("total "));
}

#[test]
fn pair_files_are_not_cases() {
    let output = claimgraph()
        .args(["eval", "pairs.jsonl"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("pair-file evaluation"));
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
