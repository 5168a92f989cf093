//! `claimgraph eval` on labelled pair files: the metrics on a small fixture
//! of redistributable pairs (so that any change to the reasoning shows up in
//! review), the JSON form, the halves, and positioned errors for bad lines.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{claimgraph, with_snapshots};

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
