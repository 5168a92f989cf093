//! The bad-input catalogue: one file per kind of problem under
//! `tests/bad/`, each snapshot-tested through `claimgraph check` with its
//! exact message, position and exit code.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{claimgraph, relative, root, with_snapshots};

#[test]
fn every_bad_file_is_reported_with_a_position() {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/bad"))
        .expect("tests/bad exists")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the catalogue has one file per problem");
    for file in files {
        let path = relative(&file);
        let name = file
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let output = claimgraph().args(["check", &path]).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{path} must be rejected");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with(&path), "{path}: {stderr}");
        assert!(!stderr.contains("panicked"), "{path}: {stderr}");
        with_snapshots(|| {
            assert_cmd_snapshot!(format!("bad_{name}"), claimgraph().args(["check", &path]));
        });
    }
}
