//! The README's sample output is real: every line of its first `text`
//! block appears in the actual report of the seed case.

use crate::support::{claimgraph, root};

#[test]
fn readme_sample_matches_the_real_report() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let block = readme
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ```text block");
    let output = claimgraph()
        .args(["report", "claims/durov-telegram"])
        .output()
        .expect("runs");
    let report = String::from_utf8(output.stdout).expect("utf-8");
    let lines: Vec<&str> = report.lines().collect();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            lines.contains(&line),
            "README line not in the report: {line:?}"
        );
    }
}
