//! Nothing lost: outputs are replaced whole or not at all, inputs are never
//! written, and `--output` cannot overwrite an input.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::support::{claimgraph, root};

/// A valid case with `n` claims, big enough that writing its report takes
/// a while.
fn big_case(dir: &Path, n: usize) {
    let mut claims = Vec::with_capacity(n);
    for i in 0..n {
        let party = if i % 2 == 0 { "p" } else { "d" };
        claims.push(serde_json::json!({
            "id": format!("c{i:07}"),
            "party": party,
            // Words unique to each claim: no candidate pairs, so the run
            // spends its time loading and writing, not comparing.
            "text": format!("alpha{i} bravo{i} charlie{i} delta{i} echo{i} foxtrot{i} golf{i} hotel{i} india{i}"),
        }));
    }
    let file = serde_json::json!({
        "case": {"id": "big", "language": "en"},
        "parties": [{"id": "p", "name": "P", "role": "prosecution"}, {"id": "d", "name": "D", "role": "defense"}],
        "claims": claims,
    });
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(dir.join("claims.json"), file.to_string()).expect("write");
}

fn visible_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("lists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_killed_report_leaves_the_old_output_intact() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    big_case(&case, 5_000);
    let out_dir = tmp.path().join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let target = out_dir.join("big.json");
    let old = "the previous report, which must survive\n";
    let mut killed_while_writing = 0;
    // Kill at several moments: as soon as the temporary file appears, and
    // a little later each time.
    for round in 0..4u32 {
        std::fs::write(&target, old).expect("write");
        let mut child = claimgraph()
            .args(["report", "--format", "json", "--output"])
            .arg(&target)
            .arg(&case)
            .spawn()
            .expect("spawns");
        let finished = loop {
            if let Some(status) = child.try_wait().expect("waits") {
                break Some(status);
            }
            let temp = std::fs::read_dir(&out_dir)
                .expect("lists")
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(".claimgraph-"));
            if temp {
                std::thread::sleep(Duration::from_millis(u64::from(round) * 5));
                child.kill().expect("kills");
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        let now = std::fs::read_to_string(&target).expect("target still there");
        match finished {
            // The run won the race: the new report is complete.
            Some(status) => {
                assert!(status.success());
                let report: serde_json::Value = serde_json::from_str(&now).expect("whole JSON");
                assert_eq!(report["summary"]["claims"], 5_000);
            }
            None => {
                // Killed mid-write, or just after the rename: the target
                // is the old file or the whole new one, never a mix.
                if now == old {
                    killed_while_writing += 1;
                } else {
                    let report: serde_json::Value = serde_json::from_str(&now).expect("whole JSON");
                    assert_eq!(report["summary"]["claims"], 5_000);
                }
            }
        }
        // A killed run may leave its hidden temporary file, never a
        // visible one.
        assert_eq!(visible_files(&out_dir), vec!["big.json".to_owned()]);
        for entry in std::fs::read_dir(&out_dir).expect("lists").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".claimgraph-") {
                assert!(name.ends_with(".tmp"), "{name}");
                std::fs::remove_file(entry.path()).expect("rm");
            }
        }
    }
    eprintln!("killed while writing in {killed_while_writing} of 4 rounds");
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("lists").flatten() {
            let path = entry.path();
            let meta = std::fs::metadata(&path).expect("stat");
            if meta.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.push((path, bytes, meta.modified().expect("mtime")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn inputs_are_never_written() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    for entry in std::fs::read_dir(root().join("claims/durov-telegram"))
        .expect("lists")
        .flatten()
    {
        let to = case.join(entry.file_name());
        std::fs::copy(entry.path(), &to).expect("copy");
        let mut perms = std::fs::metadata(&to).expect("stat").permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&to, perms).expect("chmod");
    }
    let before = snapshot_tree(&case);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let case_arg = case.to_string_lossy().into_owned();
    let runs: Vec<Vec<String>> = vec![
        vec!["check".into(), case_arg.clone()],
        vec!["report".into(), case_arg.clone()],
        vec![
            "report".into(),
            case_arg.clone(),
            "-f".into(),
            "markdown".into(),
        ],
        vec![
            "report".into(),
            case_arg.clone(),
            "-f".into(),
            "json".into(),
            "-o".into(),
            out.join("r.json").to_string_lossy().into_owned(),
        ],
        vec![
            "report".into(),
            case_arg.clone(),
            "-o".into(),
            case.join("claims.json").to_string_lossy().into_owned(),
        ],
        vec![
            "explain".into(),
            case_arg.clone(),
            "p-requests-ignored".into(),
            "d-cooperated".into(),
        ],
    ];
    for args in &runs {
        let output = claimgraph().args(args).output().expect("runs");
        assert!(
            matches!(output.status.code(), Some(0 | 2)),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(before, snapshot_tree(&case), "an input changed");
    assert_eq!(visible_files(&case), {
        let mut names: Vec<String> = before
            .iter()
            .map(|(p, _, _)| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    });
}

#[test]
fn output_onto_an_input_is_refused_however_it_is_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    let source = root().join("claims/durov-telegram");
    for entry in std::fs::read_dir(&source).expect("lists").flatten() {
        std::fs::copy(entry.path(), case.join(entry.file_name())).expect("copy");
    }
    let input = case.join("claims.json");
    let before = std::fs::read(&input).expect("read");
    let mut names = vec![
        input.clone(),
        case.join(".").join("claims.json"),
        tmp.path().join("case/../case/claims.json"),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&input, tmp.path().join("link.json")).expect("symlink");
        std::fs::hard_link(&input, tmp.path().join("hard.json")).expect("hard link");
        names.push(tmp.path().join("link.json"));
        names.push(tmp.path().join("hard.json"));
    }
    for name in names {
        let output = claimgraph()
            .args(["report", "--output"])
            .arg(&name)
            .arg(&case)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: {stderr}",
            name.display()
        );
        assert!(
            stderr.contains("refusing to overwrite input file"),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&input).expect("read"), before);
    }
}

/// A case of `n` claims with nothing in common (no inferred edges) and no
/// annotations.
fn unrelated_case(dir: &Path, n: usize) {
    let claims: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("c{i:02}"),
                "party": if i % 2 == 0 { "p" } else { "d" },
                "text": format!("word{i} other{i} thing{i}"),
            })
        })
        .collect();
    let file = serde_json::json!({
        "case": {"id": "two-writers", "language": "en"},
        "parties": [{"id": "p", "name": "P", "role": "prosecution"}, {"id": "d", "name": "D", "role": "defense"}],
        "claims": claims,
    });
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(dir.join("case.json"), file.to_string()).expect("write");
}

#[test]
fn two_concurrent_annotate_runs_lose_nothing() {
    // Two writers, 25 annotations each, run at the same moment against one
    // case: every annotation must be there afterwards. Without the case
    // lock, the last writer of each round wins and about a third are lost.
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    unrelated_case(&case, 12);
    let ids: Vec<String> = (0..12).map(|i| format!("c{i:02}")).collect();
    let mut pairs = Vec::new();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            pairs.push((a.clone(), b.clone()));
        }
    }
    pairs.truncate(50);
    let (first, second) = pairs.split_at(25);
    let writer = |mine: Vec<(String, String)>, who: &'static str| {
        let case = case.clone();
        std::thread::spawn(move || {
            for (a, b) in mine {
                let output = claimgraph()
                    .args(["annotate"])
                    .arg(&case)
                    .args([a.as_str(), b.as_str(), "unrelated", "--author", who])
                    .output()
                    .expect("runs");
                assert!(
                    output.status.success(),
                    "{who} {a} {b}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        })
    };
    let one = writer(first.to_vec(), "one");
    let two = writer(second.to_vec(), "two");
    one.join().expect("writer one");
    two.join().expect("writer two");
    let case_loaded = claimgraph::load::load_case(&case).expect("the case still loads");
    assert_eq!(case_loaded.annotations.len(), 50);
    for (a, b) in &pairs {
        assert!(
            case_loaded
                .annotations
                .iter()
                .any(|n| n.claims[0] == *a && n.claims[1] == *b),
            "lost {a} {b}"
        );
    }
}

#[test]
fn a_writer_that_cannot_get_the_lock_fails_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    unrelated_case(&case, 2);
    let held = claimgraph::output::lock_case(&case, claimgraph::output::LOCK_WAIT).expect("locks");
    let error = claimgraph::output::lock_case(&case, std::time::Duration::ZERO)
        .expect_err("the lock is held");
    assert!(
        error
            .to_string()
            .contains("is being changed by another claimgraph run"),
        "{error}"
    );
    drop(held);
    // Not `ZERO`: another test of this process may fork a child while the
    // lock is held, and the child's copy of the descriptor keeps the flock
    // until it execs (its descriptors are close-on-exec), a few ms later.
    claimgraph::output::lock_case(&case, claimgraph::output::LOCK_WAIT).expect("free again");
    // The lock file is hidden and not a claim file: the case still loads
    // and no claim file was added.
    assert_eq!(visible_files(&case), vec!["case.json".to_owned()]);
    claimgraph::load::load_case(&case).expect("loads");
}

#[test]
fn two_imports_into_one_directory_cannot_both_succeed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = root().join("tests/authoring/newsroom.csv");
    for round in 0..8 {
        let target = tmp.path().join(format!("case{round}"));
        let spawn = || {
            claimgraph()
                .args(["import", "csv"])
                .arg(&csv)
                .arg("--output")
                .arg(&target)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawns")
        };
        let (a, b) = (spawn(), spawn());
        let outputs = [
            a.wait_with_output().expect("waits"),
            b.wait_with_output().expect("waits"),
        ];
        let n_ok = outputs.iter().filter(|o| o.status.success()).count();
        assert_eq!(n_ok, 1, "round {round}: exactly one import wins");
        let loser = outputs
            .iter()
            .find(|o| !o.status.success())
            .expect("a loser");
        assert_eq!(loser.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&loser.stderr);
        assert!(
            stderr.contains("is not empty") || stderr.contains("created by another run"),
            "{stderr}"
        );
        let check = claimgraph()
            .arg("check")
            .arg(&target)
            .output()
            .expect("runs");
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
    // Nothing but the finished cases is left beside them.
    assert_eq!(
        visible_files(tmp.path()),
        (0..8).map(|r| format!("case{r}")).collect::<Vec<_>>()
    );
    let hidden: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("lists")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn a_failed_import_leaves_no_directory() {
    // The importer refuses bad rows before anything is written; a case
    // directory exists only once it is whole.
    let tmp = tempfile::tempdir().expect("tempdir");
    let target = tmp.path().join("new-case");
    let output = claimgraph()
        .args(["import", "csv"])
        .arg(root().join("tests/authoring/bad-rows.csv"))
        .arg("--output")
        .arg(&target)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(!target.exists());
    assert!(
        std::fs::read_dir(tmp.path())
            .expect("lists")
            .next()
            .is_none()
    );
}

#[test]
fn two_reviews_skipping_at_once_keep_every_skip() {
    use claimgraph::author::review_state;
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    unrelated_case(&case, 12);
    let skipper = |offset: usize| {
        let case = case.clone();
        std::thread::spawn(move || {
            for i in 0..25 {
                let (a, b) = (format!("x{offset}-{i:02}"), format!("y{i:02}"));
                review_state::record_skip(&case, &a, &b).expect("records");
            }
        })
    };
    let (one, two) = (skipper(1), skipper(2));
    one.join().expect("one");
    two.join().expect("two");
    let state = review_state::read(&review_state::state_path(&case)).expect("reads");
    assert_eq!(state.skipped.len(), 50);
}

#[test]
fn a_report_is_never_written_into_an_input_case() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    unrelated_case(&case, 2);
    for name in ["x.json", "x.jsonl"] {
        let target = case.join(name);
        let output = claimgraph()
            .args(["report", "--format", "json", "--output"])
            .arg(&target)
            .arg(&case)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("into the input case") && stderr.contains("no longer load"),
            "{stderr}"
        );
        assert!(!target.exists());
    }
    // Through another name for the directory too.
    let other = case.join(".").join("y.json");
    let output = claimgraph()
        .args(["report", "--output"])
        .arg(&other)
        .arg(&case)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    // Other formats may live beside the claims, and the case still loads.
    let html = case.join("report.html");
    let output = claimgraph()
        .args(["report", "--format", "html", "--output"])
        .arg(&html)
        .arg(&case)
        .output()
        .expect("runs");
    assert!(output.status.success());
    claimgraph::load::load_case(&case).expect("the case still loads");
}

#[cfg(unix)]
#[test]
fn a_killed_import_leaves_nothing_and_the_retry_succeeds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("big.csv");
    let mut text = String::from("id,party,speaker,text,date,source\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "c{i:05},p{},,\"alpha{i} bravo{i} charlie{i} delta{i}\",,\n",
            i % 3
        ));
    }
    std::fs::write(&csv, text).expect("write");
    let mut killed_while_writing = 0;
    for round in 0..4u32 {
        let target = tmp.path().join(format!("case{round}"));
        let mut child = claimgraph()
            .args(["import", "csv"])
            .arg(&csv)
            .arg("--output")
            .arg(&target)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawns");
        let finished = loop {
            if let Some(status) = child.try_wait().expect("waits") {
                break Some(status);
            }
            let building = std::fs::read_dir(tmp.path())
                .expect("lists")
                .flatten()
                .any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(".claimgraph-new-")
                });
            if building {
                std::thread::sleep(Duration::from_millis(u64::from(round)));
                child.kill().expect("kills");
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_micros(100));
        };
        match finished {
            Some(status) => assert!(status.success()),
            None if !target.exists() => killed_while_writing += 1,
            None => {}
        }
        // Either nothing or the whole case: never a partial directory.
        if target.exists() {
            let check = claimgraph()
                .arg("check")
                .arg(&target)
                .output()
                .expect("runs");
            assert!(check.status.success(), "a partial case was left");
            std::fs::remove_dir_all(&target).expect("rm");
        }
        // The retry is not refused.
        let retry = claimgraph()
            .args(["import", "csv"])
            .arg(&csv)
            .arg("--output")
            .arg(&target)
            .output()
            .expect("runs");
        assert!(
            retry.status.success(),
            "{}",
            String::from_utf8_lossy(&retry.stderr)
        );
        // A killed run may leave its hidden building directory, never a
        // visible one.
        for entry in std::fs::read_dir(tmp.path()).expect("lists").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".claimgraph-new-") {
                std::fs::remove_dir_all(entry.path()).expect("rm");
            }
        }
    }
    eprintln!("killed while writing in {killed_while_writing} of 4 rounds");
}

#[test]
fn review_keeps_a_decision_another_writer_made_meanwhile() {
    use claimgraph::author::annotate;
    use claimgraph::model::{AnnotatedRelation, Annotation};
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    unrelated_case(&case, 2);
    let output = claimgraph()
        .arg("annotate")
        .arg(&case)
        .args(["c01", "c00", "contradicts", "--author", "first"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let before = std::fs::read(case.join("annotations.json")).expect("read");
    let mine = Annotation {
        claims: ["c00".to_owned(), "c01".to_owned()],
        relation: AnnotatedRelation::Unrelated,
        note: None,
        author: Some("second".to_owned()),
    };
    let (_, existing) =
        annotate::add_or_existing(&case, &mine, claimgraph::load::Limits::default()).expect("ok");
    let existing = existing.expect("the first decision is reported");
    assert_eq!(existing.relation, AnnotatedRelation::Contradicts);
    assert_eq!(existing.author.as_deref(), Some("first"));
    assert_eq!(
        std::fs::read(case.join("annotations.json")).expect("read"),
        before
    );
    // annotate itself still refuses the duplicate.
    assert!(annotate::add(&case, &mine, claimgraph::load::Limits::default()).is_err());
}
