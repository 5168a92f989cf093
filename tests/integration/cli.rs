//! Whole CLI runs: stdout, stderr and exit code together.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{claimgraph, with_snapshots};

#[test]
fn check_valid_case() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_check_durov",
            claimgraph().args(["check", "claims/durov-telegram"])
        );
    });
}

#[test]
fn report_text_to_stdout() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_report_durov_text",
            claimgraph().args(["report", "claims/durov-telegram"])
        );
    });
}

#[test]
fn gate_on_disputes_exits_one() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_report_fail_on_dispute",
            claimgraph().args([
                "report",
                "claims/kennedy-nixon-1960",
                "--format",
                "json",
                "--fail-on-dispute",
                "--output",
                "target/cli-gate-report.json"
            ])
        );
    });
}

#[test]
fn missing_path_is_an_error() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_report_missing_path",
            claimgraph().args(["report", "claims/no-such-case"])
        );
    });
}

#[test]
fn refuses_to_overwrite_an_input() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_report_output_is_input",
            claimgraph().args([
                "report",
                "claims/durov-telegram",
                "--output",
                "claims/durov-telegram/claims.json"
            ])
        );
    });
}

#[test]
fn explain_a_pair() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_explain_durov",
            claimgraph().args([
                "explain",
                "claims/durov-telegram",
                "p-requests-ignored",
                "d-cooperated"
            ])
        );
    });
}

#[test]
fn explain_unknown_claim() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_explain_unknown",
            claimgraph().args([
                "explain",
                "claims/durov-telegram",
                "p-requests-ignord",
                "d-cooperated"
            ])
        );
    });
}

#[test]
fn usage_error_exits_two() {
    let output = claimgraph().args(["report"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn schema_is_valid_json_and_describes_claims() {
    let output = claimgraph().arg("schema").output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(schema["$defs"]["Claim"]["properties"]["text"].is_object());
    assert_eq!(
        schema["additionalProperties"],
        serde_json::Value::Bool(false)
    );
}

#[test]
fn explain_as_json() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "cli_explain_durov_json",
            claimgraph().args([
                "explain",
                "claims/durov-telegram",
                "d-cooperated",
                "p-charge-refusal",
                "--format",
                "json"
            ])
        );
    });
}

/// A report written with `--output` is readable by others (a web server),
/// unlike the private temporary file it was written through.
#[cfg(unix)]
#[test]
fn written_reports_are_world_readable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.md");
    let status = claimgraph()
        .args([
            "report",
            "claims/durov-telegram",
            "--format",
            "markdown",
            "--output",
        ])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let mode = std::fs::metadata(&out)
        .expect("written")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o644);
}

/// Writing to a pipe or a device writes in place: renaming a temporary
/// file over it would replace the device (as once happened to /dev/null).
#[cfg(unix)]
#[test]
fn output_to_a_fifo_writes_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("report.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("reads the fifo"))
    };
    let status = claimgraph()
        .args([
            "report",
            "claims/durov-telegram",
            "--format",
            "markdown",
            "--output",
        ])
        .arg(&fifo)
        .status()
        .expect("runs");
    assert!(status.success());
    let text = reader.join().expect("reader");
    assert!(text.starts_with("# Disputed points"));
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(kind.is_fifo(), "the fifo was replaced by a {kind:?}");
}

#[test]
fn timings_are_printed_on_stderr_only() {
    let plain = claimgraph()
        .args(["report", "claims/durov-telegram", "--quiet"])
        .output()
        .unwrap();
    let timed = claimgraph()
        .args(["report", "claims/durov-telegram", "--quiet", "--timings"])
        .output()
        .unwrap();
    assert!(timed.status.success());
    // The report itself does not change.
    assert_eq!(plain.stdout, timed.stdout);
    let stderr = String::from_utf8(timed.stderr).unwrap();
    for stage in [
        "loading",
        "grouping",
        "analysing",
        "anchor search",
        "candidate search",
        "inference",
        "disputes",
        "report",
        "writing",
        "total",
    ] {
        assert!(
            stderr.lines().any(|l| l.trim_start().starts_with(stage)),
            "no {stage} line in {stderr}"
        );
    }
    assert!(plain.stderr.is_empty());
}

/// The inferred edges of a JSON report, as (id, confidence).
fn inferred_edges(args: &[&str]) -> Vec<(String, f64)> {
    let out = claimgraph().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    doc["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["provenance"]["kind"] == "inferred")
        .map(|e| {
            let id = e["id"].as_str().expect("id").to_owned();
            (id, e["confidence"].as_f64().expect("confidence"))
        })
        .collect()
}

/// `--operating-point precision` keeps only the inferred edges printed at
/// the publishing bar or above, a subset of the recall point's; `explain`
/// says which relation the bar holds back, in text and JSON.
#[test]
fn the_precision_point_keeps_the_confident_edges_and_says_why_others_go() {
    let case = "claims/kennedy-nixon-1960";
    let recall = inferred_edges(&["report", case, "-f", "json"]);
    let same = inferred_edges(&["--operating-point", "recall", "report", case, "-f", "json"]);
    assert_eq!(recall, same);
    let precise = inferred_edges(&[
        "--operating-point",
        "precision",
        "report",
        case,
        "-f",
        "json",
    ]);
    let bar = claimgraph::config::PRECISION_POINT;
    // Confidences are printed to three decimals: 0.700 may be just under.
    let half = 0.0005;
    assert!(precise.iter().all(|(_, c)| *c >= bar - half), "{precise:?}");
    // Removing the weaker edges can only let a claim keep more of the
    // others, so every confident edge of the recall point stays.
    let mut confident = recall.iter().filter(|(_, c)| *c >= bar + half);
    assert!(confident.all(|e| precise.contains(e)), "{precise:?}");
    let (dropped, _) = recall
        .iter()
        .find(|(_, c)| *c < bar - half)
        .expect("the recall point keeps an edge under the bar");
    assert!(!precise.iter().any(|(id, _)| id == dropped));
    let (a, b) = dropped
        .split_once('~')
        .expect("edge ids join two claim ids");
    for (point, held) in [("precision", true), ("recall", false)] {
        let out = claimgraph()
            .args(["--operating-point", point, "explain", case, a, b])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(text.contains("is held back"), held, "{text}");
        let out = claimgraph()
            .args([
                "--operating-point",
                point,
                "explain",
                case,
                a,
                b,
                "-f",
                "json",
            ])
            .output()
            .expect("runs");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(doc.get("held_back").is_some(), held, "{doc}");
    }
    // An annotated pair is an edge whatever the bar: nothing is held back.
    let (a, b) = ("n-shot-from-hip", "n-quarantine-castro");
    let out = claimgraph()
        .args(["--operating-point", "precision", "explain", case, a, b])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("overrides the inference"), "{text}");
    assert!(!text.contains("is held back"), "{text}");
    let recall_point = claimgraph()
        .args(["explain", case, a, b])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&recall_point.stdout).contains("inferred: n-"));
}
