//! Hostile input: the bad-input catalogue that cannot be committed as
//! plain files (too big, too deep, symlinks, FIFOs, files that vanish) or
//! whose bytes matter (BOM, CRLF, NUL, invalid UTF-8). Each case is made in
//! a temporary directory at test time and `claimgraph check` runs there on
//! relative paths, so snapshots hold no temporary paths. Every case must
//! exit 2 with `path:line:column` messages (path-only where no position
//! exists) and never panic.

use std::path::Path;
use std::process::Command;

use insta_cmd::assert_cmd_snapshot;

use crate::support::{claimgraph, with_snapshots};

const PARTIES: &str = r#""parties": [
    {"id": "p", "name": "Prosecution", "role": "prosecution"},
    {"id": "d", "name": "Defense", "role": "defense"}
  ]"#;

/// A valid claim file with these claim objects.
fn claim_file(claims: &[&str]) -> String {
    format!(
        "{{\n  {PARTIES},\n  \"claims\": [\n    {}\n  ]\n}}\n",
        claims.join(",\n    ")
    )
}

/// `claimgraph` run inside `dir`.
fn in_dir(dir: &Path) -> Command {
    let mut command = claimgraph();
    command.current_dir(dir);
    command
}

/// Runs `claimgraph check path` in `dir`, checks the exit code and that no
/// panic happened, and snapshots the run.
fn check_snapshot(name: &str, dir: &Path, path: &str) -> String {
    let output = in_dir(dir).args(["check", path]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    for line in stderr.lines().filter(|l| !l.starts_with("  help:")) {
        assert!(line.contains(": error: "), "{name}: {line}");
    }
    with_snapshots(|| {
        assert_cmd_snapshot!(format!("hostile_{name}"), in_dir(dir).args(["check", path]));
    });
    stderr
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).expect("write");
}

#[test]
fn malformed_json_at_several_depths() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(&case, "0-top.json", "{\n  \"claims\": [\n");
    write(&case, "1-key.json", "{\n  claims: []\n}\n");
    write(
        &case,
        "2-claim.json",
        claim_file(&[r#"{"id": "a1", "party": "p" "text": "x"}"#]),
    );
    write(
        &case,
        "3-topics.json",
        claim_file(&[r#"{"id": "a2", "party": "p", "text": "x", "topics": ["a", "b",]}"#]),
    );
    write(&case, "4-trailing.json", "{\"claims\": []} {}\n");
    let stderr = check_snapshot("malformed_depths", tmp.path(), "case");
    assert_eq!(stderr.matches("malformed JSON").count(), 5, "{stderr}");
}

#[test]
fn byte_order_mark_is_accepted_and_positions_are_unshifted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = claim_file(&[r#"{"id": "a1", "party": "p", "txt": "x"}"#]);
    write(tmp.path(), "bom.json", format!("\u{feff}{text}"));
    let stderr = check_snapshot("bom", tmp.path(), "bom.json");
    // Without the BOM the file gives exactly the same positions.
    write(tmp.path(), "plain.json", &text);
    let plain = in_dir(tmp.path())
        .args(["check", "plain.json"])
        .output()
        .expect("runs");
    assert_eq!(
        stderr.replace("bom.json", "plain.json"),
        String::from_utf8_lossy(&plain.stderr)
    );
    // A valid file with a BOM loads.
    let valid = claim_file(&[r#"{"id": "a1", "party": "p", "text": "x"}"#]);
    write(tmp.path(), "ok.json", format!("\u{feff}{valid}"));
    let ok = in_dir(tmp.path())
        .args(["check", "ok.json"])
        .output()
        .expect("runs");
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn crlf_line_endings_keep_positions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    let shape = claim_file(&[
        r#"{"id": "a1", "party": "p", "text": "x"}"#,
        r#"{"id": "a2", "party": "q", "text": 7}"#,
    ]);
    write(&case, "shape.json", shape.replace('\n', "\r\n"));
    let syntax = claim_file(&[r#"{"id": "a3", "party": "p", "text": "x"}}"#]);
    write(&case, "syntax.json", syntax.replace('\n', "\r\n"));
    let lines = "{\"id\": \"b1\", \"party\": \"d\", \"text\": \"y\"}\r\n{\"id\": \"b2\", \"party\": \"d\", \"text\": 3}\r\n";
    write(&case, "lines.jsonl", lines);
    let stderr = check_snapshot("crlf", tmp.path(), "case");
    // The same files with LF endings give the same positions.
    for name in ["shape.json", "syntax.json", "lines.jsonl"] {
        let text = std::fs::read_to_string(case.join(name)).expect("read");
        write(&case, name, text.replace("\r\n", "\n"));
    }
    let lf = in_dir(tmp.path())
        .args(["check", "case"])
        .output()
        .expect("runs");
    assert_eq!(stderr, String::from_utf8_lossy(&lf.stderr));
}

#[test]
fn invalid_utf8_is_positioned_in_characters() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut bytes =
        claim_file(&[r#"{"id": "a1", "party": "p", "text": "l’été « x »"}"#]).into_bytes();
    // Cut a multi-byte character in half near the end of the file.
    let at = bytes.len() - 4;
    bytes.splice(at..at, [0xe2, 0x82]);
    write(tmp.path(), "cut.json", bytes);
    check_snapshot("invalid_utf8", tmp.path(), "cut.json");
}

#[test]
fn lone_surrogates_are_rejected_with_a_position() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "leading.json",
        claim_file(&[r#"{"id": "a1", "party": "p", "text": "a \ud800 b"}"#]),
    );
    write(
        &case,
        "trailing.json",
        claim_file(&[r#"{"id": "a2", "party": "p", "text": "a \udc00 b"}"#]),
    );
    let stderr = check_snapshot("lone_surrogate", tmp.path(), "case");
    assert!(stderr.contains("surrogate"), "{stderr}");
}

#[test]
fn nul_and_control_characters() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "raw-in-string.json",
        claim_file(&["{\"id\": \"a1\", \"party\": \"p\", \"text\": \"a\0b\"}"]),
    );
    write(
        &case,
        "raw-between.json",
        claim_file(&["{\"id\": \"a2\",\0 \"party\": \"p\", \"text\": \"x\"}"]),
    );
    write(
        &case,
        "escaped.json",
        claim_file(&[
            r#"{"id": "a3", "party": "p", "text": "a\u0000b"}"#,
            r#"{"id": "a4", "party": "p", "text": "\u001b[2J\u001b[31mred"}"#,
            r#"{"id": "a5\n", "party": "p", "text": "two\nlines\tand a tab are fine"}"#,
        ]),
    );
    let stderr = check_snapshot("nul_bytes", tmp.path(), "case");
    assert!(stderr.contains("U+0000"), "{stderr}");
    assert!(stderr.contains("U+001B"), "{stderr}");
    assert!(
        !stderr.contains("a5\n"),
        "an id with a line break is refused: {stderr}"
    );
}

#[test]
fn ten_megabytes_in_one_claim() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let big = "x".repeat(10 * 1024 * 1024);
    let claim = format!(r#"{{"id": "a1", "party": "p", "text": "{big}"}}"#);
    write(tmp.path(), "big.json", claim_file(&[&claim]));
    let stderr = check_snapshot("ten_megabyte_claim", tmp.path(), "big.json");
    assert!(stderr.starts_with("big.json:7:40:"), "{stderr}");
}

#[test]
fn json_nested_ten_thousand_deep() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    let n = 10_000;
    write(
        &case,
        "arrays.json",
        format!("{}{}", "[".repeat(n), "]".repeat(n)),
    );
    let objects = format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    write(&case, "objects.json", objects);
    let topics = format!(
        r#"{{"id": "a1", "party": "p", "text": "x", "topics": {}{}}}"#,
        "[".repeat(n),
        "]".repeat(n)
    );
    write(&case, "topics.json", claim_file(&[&topics]));
    write(
        &case,
        "lines.jsonl",
        format!("{}{}\n", "[".repeat(n), "]".repeat(n)),
    );
    let stderr = check_snapshot("nested_deep", tmp.path(), "case");
    assert!(stderr.contains("nested more than 128 levels"), "{stderr}");
}

#[test]
fn numbers_where_strings_belong() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "numbers.json",
        claim_file(&[
            r#"{"id": 42, "party": "p", "text": "x"}"#,
            r#"{"id": "a2", "party": true, "text": 3.14}"#,
            r#"{"id": "a3", "party": "p", "text": "x", "date": 20240828, "topics": [1, "two"]}"#,
        ]),
    );
    check_snapshot("numbers_for_strings", tmp.path(), "numbers.json");
}

#[test]
fn duplicate_keys_are_reported_at_the_repeat() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "claims.json",
        claim_file(&[
            r#"{"id": "a1", "party": "p", "text": "first", "text": "second"}"#,
            r#"{"id": "a2", "party": "p", "party": "d", "text": "x"}"#,
        ]),
    );
    write(
        &case,
        "top.json",
        "{\"claims\": [],\n \"claims\": [{\"id\": \"a3\", \"party\": \"p\", \"text\": \"x\"}]}\n",
    );
    write(
        &case,
        "lines.jsonl",
        "{\"id\": \"b1\", \"party\": \"d\", \"text\": \"ok\"}\n{\"id\": \"b2\", \"id\": \"b3\", \"party\": \"d\", \"text\": \"x\"}\n",
    );
    let stderr = check_snapshot("duplicate_keys", tmp.path(), "case");
    assert_eq!(stderr.matches("duplicate key").count(), 4, "{stderr}");
}

#[test]
fn ids_that_differ_only_by_case_or_normalisation() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "ids.json",
        claim_file(&[
            "{\"id\": \"Caf\u{e9}\", \"party\": \"p\", \"text\": \"composed\"}",
            "{\"id\": \"Cafe\u{301}\", \"party\": \"d\", \"text\": \"decomposed\"}",
            r#"{"id": "A1", "party": "p", "text": "upper"}"#,
            r#"{"id": "a1", "party": "d", "text": "lower"}"#,
        ]),
    );
    let stderr = check_snapshot("lookalike_ids", tmp.path(), "ids.json");
    assert!(stderr.contains("only by Unicode normalisation"), "{stderr}");
    assert!(stderr.contains("only by case"), "{stderr}");
}

#[test]
fn ids_with_control_or_invisible_characters() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "ids.json",
        claim_file(&[
            "{\"id\": \"a\\u001b1\", \"party\": \"p\", \"text\": \"escape\"}",
            "{\"id\": \"r\u{200b}s\", \"party\": \"d\", \"text\": \"zero width\"}",
            r#"{"id": "ok", "party": "d", "text": "fine"}"#,
        ]),
    );
    let stderr = check_snapshot("hidden_id_chars", tmp.path(), "ids.json");
    // Each problem is at the claim's own id, and the other id is not
    // reported.
    assert!(
        stderr.contains("ids.json:7:12: error: control character U+001B in claim id"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ids.json:8:12: error: claim id \"r\\u{200b}s\" holds U+200B"),
        "{stderr}"
    );
    assert_eq!(stderr.matches(": error: ").count(), 2, "{stderr}");
}

#[test]
fn empty_files_and_directories() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(&case, "empty.json", "");
    write(&case, "blank.json", "  \n\t\n");
    write(&case, "empty.jsonl", "");
    check_snapshot("empty_files", tmp.path(), "case");
    std::fs::create_dir(tmp.path().join("nothing")).expect("mkdir");
    check_snapshot("empty_directory", tmp.path(), "nothing");
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().expect("tempdir");
    // A case directory holding a link to itself is read flat: the loop is
    // never followed and the case loads.
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "claims.json",
        claim_file(&[r#"{"id": "a1", "party": "p", "text": "x"}"#]),
    );
    symlink(".", case.join("loop")).expect("symlink");
    symlink(".", case.join("loop.json")).expect("symlink");
    let ok = in_dir(tmp.path())
        .args(["check", "case"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout),
        "ok: 1 claims, 2 parties, 0 sources, 0 annotations in 1 file(s)\n"
    );
    // A file link that loops on itself, and a case path that is a loop.
    symlink("self.json", case.join("self.json")).expect("symlink");
    check_snapshot("symlink_loop_file", tmp.path(), "case");
    symlink("b", tmp.path().join("a")).expect("symlink");
    symlink("a", tmp.path().join("b")).expect("symlink");
    check_snapshot("symlink_loop_dir", tmp.path(), "a");
}

#[cfg(unix)]
#[test]
fn unreadable_files() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "good.json",
        claim_file(&[r#"{"id": "a1", "party": "p", "text": "x"}"#]),
    );
    // A FIFO would block a plain read forever: it is refused unopened.
    let status = Command::new("mkfifo")
        .arg(case.join("pipe.json"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    check_snapshot("fifo", tmp.path(), "case");
    std::fs::remove_file(case.join("pipe.json")).expect("rm");

    let locked = case.join("locked.json");
    write(&case, "locked.json", "{}");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&locked).is_ok() {
        // Root reads anything: permissions cannot be tested here.
        eprintln!("skipping the chmod 000 case: running as root");
        return;
    }
    check_snapshot("unreadable", tmp.path(), "case");
}

#[cfg(unix)]
#[test]
fn a_file_that_vanished_after_listing() {
    // A dangling symlink is exactly what the loader sees when a file is
    // deleted between listing the directory and reading it.
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "good.json",
        claim_file(&[r#"{"id": "a1", "party": "p", "text": "x"}"#]),
    );
    std::os::unix::fs::symlink("deleted.json", case.join("gone.json")).expect("symlink");
    check_snapshot("vanished", tmp.path(), "case");
}

#[test]
fn files_that_vanish_and_reappear_during_runs() {
    // A real race: one thread deletes and rewrites a claim file while
    // `check` runs again and again. Whatever it sees, it must either load
    // the whole case or report the file, never panic or half-load.
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    let text = claim_file(&[r#"{"id": "a1", "party": "p", "text": "x"}"#]);
    write(&case, "a.json", &text);
    let other = "{\"claims\": [{\"id\": \"b1\", \"party\": \"d\", \"text\": \"y\"}]}";
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flipper = {
        let (case, stop) = (case.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::remove_file(case.join("b.json"));
                let _ = std::fs::write(case.join("b.json"), other);
                n += 1;
            }
            n
        })
    };
    for _ in 0..40 {
        let output = in_dir(tmp.path())
            .args(["check", "case"])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        match output.status.code() {
            Some(0) => assert!(
                stdout.starts_with("ok: 1 claims") || stdout.starts_with("ok: 2 claims"),
                "{stdout}"
            ),
            Some(2) => assert!(stderr.starts_with("case/b.json"), "{stderr}"),
            other => panic!("unexpected exit {other:?}: {stderr}"),
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(flipper.join().expect("joins") > 0);
}

#[test]
fn json_lines_report_every_bad_line_and_drop_no_good_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(&case, "case.json", format!("{{{PARTIES}}}\n"));
    let lines = [
        r#"{"id": "l1", "party": "p", "text": "one"}"#,
        r#"{"id": "l2", "party": "p", "text": "two""#,
        r#"{"id": "l3", "party": "d", "text": "three"}"#,
        r#"{"id": "l4", "party": "d", "txt": "four"}"#,
        "",
        r#"{"id": "l5", "party": "d", "text": "five"}"#,
        r#"["not", "an", "object"]"#,
        r#"{"id": "l6", "party": "x", "text": "six"}"#,
        r#"{"id": "l7", "party": "p", "text": "seven"}"#,
    ];
    write(&case, "claims.jsonl", lines.join("\n"));
    let stderr = check_snapshot("jsonl_bad_lines", tmp.path(), "case");
    for line in [2, 4, 7, 8] {
        assert!(
            stderr.contains(&format!("case/claims.jsonl:{line}:")),
            "line {line}: {stderr}"
        );
    }
    // Once the bad lines are fixed, every good line is there.
    let fixed: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("\"text\"") && l.ends_with('}') && !l.contains("\"x\""))
        .collect();
    write(&case, "claims.jsonl", fixed.join("\n"));
    let ok = in_dir(tmp.path())
        .args(["check", "case"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout),
        "ok: 4 claims, 2 parties, 0 sources, 0 annotations in 2 file(s)\n"
    );
}

#[test]
fn limits_are_configurable_and_enforced() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "case.json",
        claim_file(&[
            r#"{"id": "a1", "party": "p", "text": "twenty bytes of text"}"#,
            r#"{"id": "a2", "party": "d", "text": "short"}"#,
            r#"{"id": "a3", "party": "d", "text": "short too"}"#,
        ]),
    );
    for (name, flag, value) in [
        ("limit_file_bytes", "--max-file-bytes", "100"),
        ("limit_claim_bytes", "--max-claim-bytes", "10"),
        ("limit_claims", "--max-claims", "2"),
    ] {
        let output = in_dir(tmp.path())
            .args(["check", "case.json", flag, value])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{flag}");
        with_snapshots(|| {
            assert_cmd_snapshot!(
                format!("hostile_{name}"),
                in_dir(tmp.path()).args(["check", "case.json", flag, value])
            );
        });
    }
    let ok = in_dir(tmp.path())
        .args(["--max-claims", "3", "check", "case.json"])
        .output()
        .expect("runs");
    assert_eq!(ok.status.code(), Some(0));
}

/// A string that would set the terminal's title, ring the bell, clear the
/// screen, return the cursor to the start of the line and reverse the text
/// that follows, were it printed raw.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\rX\u{202e}\u{200b}";

/// Runs `args` in `dir`, checks the exit code and that no character of
/// [`HOSTILE`] reached stdout or stderr raw, and snapshots the run.
fn terminal_safe(name: &str, dir: &Path, args: &[&str], code: i32, shown: &str) -> String {
    let output = in_dir(dir).args(args).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{name}: {stderr}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        // claimgraph's own colours are the only escapes allowed.
        let text = &without_colours(text);
        for c in ['\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{200b}'] {
            assert!(
                !text.contains(c),
                "{name}: {stream} holds a raw U+{:04X}: {text:?}",
                u32::from(c)
            );
        }
    }
    assert!(
        stdout.contains(shown) || stderr.contains(shown),
        "{name}: the hostile string is shown visibly as {shown}: {stdout}{stderr}"
    );
    with_snapshots(|| {
        assert_cmd_snapshot!(format!("hostile_terminal_{name}"), in_dir(dir).args(args));
    });
    format!("{stdout}{stderr}")
}

/// `text` without SGR colour sequences (`ESC [ digits ; m`).
fn without_colours(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn json_file(dir: &Path, name: &str, value: &serde_json::Value) {
    write(
        dir,
        name,
        serde_json::to_string_pretty(value).expect("serialises"),
    );
}

fn two_parties() -> serde_json::Value {
    serde_json::json!([
        {"id": "p", "name": "Prosecution", "role": "prosecution"},
        {"id": "d", "name": "Defense", "role": "defense"}
    ])
}

#[test]
fn every_diagnostic_shows_hostile_input_visibly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    // An unknown field name.
    let mut claim = serde_json::Map::new();
    claim.insert("id".into(), "a1".into());
    claim.insert("party".into(), "p".into());
    claim.insert("text".into(), "x".into());
    claim.insert(HOSTILE.into(), 1.into());
    json_file(
        &case,
        "1-field.json",
        &serde_json::json!({"parties": two_parties(), "claims": [claim]}),
    );
    // Enum values.
    json_file(
        &case,
        "2-enums.json",
        &serde_json::json!({
            "parties": [{"id": "x", "name": "X", "role": HOSTILE}],
            "annotations": [{"claims": ["a1", "a1"], "relation": HOSTILE}]
        }),
    );
    // Unresolved references, a date and a format, in a file of the right
    // shape so that the semantic checks run.
    json_file(
        &case,
        "4-values.json",
        &serde_json::json!({
            "format": HOSTILE,
            "claims": [
                {"id": "a2", "party": HOSTILE, "text": "x"},
                {"id": "a3", "party": "p", "text": "x", "date": HOSTILE},
                {"id": "a4", "party": "p", "text": "x", "supersedes": HOSTILE},
                {"id": "a5", "party": "p", "text": "x", "source": HOSTILE}
            ],
            "annotations": [{"claims": ["a3", HOSTILE], "relation": "supports"}]
        }),
    );
    // A file name holding ESC, CR and LF.
    write(&case, "3-\u{1b}[2J\r\n.json", "{");
    let all = terminal_safe("check", tmp.path(), &["check", "case"], 2, "\\u{1b}");
    assert!(
        all.contains("case/3-\\u{1b}[2J\\r\\n.json:1:1: error: malformed JSON"),
        "{all}"
    );
    for kind in [
        "unknown field",
        "invalid value",
        "unknown party",
        "format",
        "date",
        "supersedes",
        "source",
    ] {
        assert!(all.contains(kind), "{kind}: {all}");
    }
    // A usage error quoting an argument.
    json_file(
        tmp.path(),
        "ok.json",
        &serde_json::json!({"parties": two_parties(), "claims": [
            {"id": "a1", "party": "p", "text": "one"}, {"id": "a2", "party": "d", "text": "two"}
        ]}),
    );
    terminal_safe(
        "unknown_claim",
        tmp.path(),
        &["explain", "ok.json", "a1", &format!("a{HOSTILE}")],
        2,
        "\\u{1b}",
    );
    // An argument clap refuses, quoted in its message.
    terminal_safe(
        "clap_usage",
        tmp.path(),
        &["check", "ok.json", &format!("extra{HOSTILE}")],
        2,
        "\\u{202e}",
    );
    // A missing file whose name is hostile.
    terminal_safe(
        "missing_file",
        tmp.path(),
        &["check", &format!("gone{HOSTILE}.json")],
        2,
        "\\u{1b}",
    );
}

/// What the loader lets through of [`HOSTILE`]: a bare carriage return in
/// the fields that may hold line breaks, bidi and zero-width characters
/// everywhere else.
const SNEAKY: &str = "\u{202e}\u{200b}";

/// A valid case whose every free-text field holds a bare carriage return
/// or [`SNEAKY`].
fn hostile_case(dir: &Path) {
    json_file(
        dir,
        "case.json",
        &serde_json::json!({
            "case": {"id": "h", "title": format!("Title {SNEAKY}"), "language": "en"},
            "parties": [
                {"id": "p", "name": format!("Prosecution {SNEAKY}"), "role": "prosecution"},
                {"id": "d", "name": "Defense", "role": "defense"}
            ],
            "claims": [
                {"id": "p1", "party": "p", "speaker": SNEAKY, "date": "2024-09-01",
                 "text": "The company never paid the fine.\rThe company PAID in full."},
                {"id": "d1", "party": "d", "text": format!("The company paid the fine {SNEAKY}.")},
                {"id": "d2", "party": "d", "text": "The company did not pay the fine."}
            ],
            "annotations": [
                {"claims": ["p1", "d1"], "relation": "contradicts",
                 "note": format!("note\r{SNEAKY}"), "author": SNEAKY}
            ]
        }),
    );
}

#[test]
fn every_text_output_shows_hostile_input_visibly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    hostile_case(tmp.path());
    let report = terminal_safe("report", tmp.path(), &["report", "case.json"], 0, "\\r");
    assert!(
        report.contains("The company never paid the fine.\\rThe company PAID in full."),
        "{report}"
    );
    assert!(
        report.contains("Prosecution \\u{202e}\\u{200b}"),
        "{report}"
    );
    terminal_safe(
        "report_color",
        tmp.path(),
        &["report", "case.json", "--color", "always"],
        0,
        "\\u{202e}",
    );
    terminal_safe(
        "explain",
        tmp.path(),
        &["explain", "case.json", "p1", "d2"],
        0,
        "\\r",
    );
    terminal_safe(
        "suggest",
        tmp.path(),
        &["suggest", "case.json", "--all"],
        0,
        "\\r",
    );
    // diff on a hostile report: a JSON report read from a file, which no
    // loader has checked.
    let output = in_dir(tmp.path())
        .args(["report", "case.json", "--format", "json"])
        .output()
        .expect("runs");
    let mut value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    value["case"]["id"] = HOSTILE.into();
    for claim in value["claims"].as_array_mut().expect("claims") {
        claim["id"] = format!("{}{HOSTILE}", claim["id"].as_str().unwrap_or("")).into();
    }
    json_file(tmp.path(), "hostile-report.json", &value);
    terminal_safe(
        "diff",
        tmp.path(),
        &["diff", "case.json", "hostile-report.json"],
        1,
        "\\u{1b}",
    );
    // eval: a pair file with a hostile label, and one with hostile texts.
    let pair = |label: &str, text: &str| {
        serde_json::json!({"id": format!("x{HOSTILE}"), "lang": "en", "label": label,
            "a": {"text": text}, "b": {"text": "The fine was never paid."}})
        .to_string()
    };
    write(
        tmp.path(),
        "labels.jsonl",
        format!("{}\n", pair(HOSTILE, "The fine was paid.")),
    );
    terminal_safe(
        "eval_label",
        tmp.path(),
        &["eval", "labels.jsonl"],
        2,
        "\\u{1b}",
    );
    write(
        tmp.path(),
        "texts.jsonl",
        format!(
            "{}\n",
            pair("neutral", &format!("The fine was paid {HOSTILE}."))
        ),
    );
    terminal_safe(
        "eval_errors",
        tmp.path(),
        &["eval", "texts.jsonl", "--errors"],
        0,
        "\\u{1b}",
    );
}

#[test]
fn markdown_cells_cannot_be_forged() {
    // An id holding a pipe inside the status table's code span would end
    // the cell and forge the columns that follow.
    let tmp = tempfile::tempdir().expect("tempdir");
    json_file(
        tmp.path(),
        "case.json",
        &serde_json::json!({
            "parties": two_parties(),
            "claims": [
                {"id": "p1` | d | in | undisputed |", "party": "p", "text": "The company never paid the fine."},
                {"id": "d1", "party": "d", "text": "The company paid the fine."}
            ],
            "annotations": [{"claims": ["p1` | d | in | undisputed |", "d1"], "relation": "contradicts"}]
        }),
    );
    let output = in_dir(tmp.path())
        .args(["report", "case.json", "--format", "markdown"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("| Claim | Party"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(table.len(), 4, "{stdout}");
    for row in &table {
        // Cells are split at pipes that no backslash escapes.
        let mut cells = 0;
        let mut escaped = false;
        for c in row.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '|' if !escaped => cells += 1,
                _ => escaped = false,
            }
        }
        assert_eq!(cells, 5, "a forged cell: {row}");
    }
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "hostile_markdown_cells",
            in_dir(tmp.path()).args(["report", "case.json", "--format", "markdown"])
        );
    });
}

/// Runs an importer that must refuse its input: exit 2, every message
/// placed in the input (never in a file that was not written), and no
/// output directory left behind.
fn import_refused(name: &str, dir: &Path, args: &[&str], input: &str) -> String {
    let output = in_dir(dir).args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
    for line in stderr.lines().filter(|l| !l.starts_with("  help:")) {
        assert!(
            line.starts_with(input),
            "{name}: not placed in {input}: {line}"
        );
        assert!(!line.contains("claims.json"), "{name}: {line}");
    }
    assert!(!dir.join("out").exists(), "{name}: a case was written");
    with_snapshots(|| {
        assert_cmd_snapshot!(format!("hostile_import_{name}"), in_dir(dir).args(args));
    });
    stderr
}

#[test]
fn importers_write_only_cases_that_check_accepts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A spreadsheet: ESC in a text and in a speaker, ids that differ only
    // by case, a text over --max-claim-bytes.
    let long = "x".repeat(300);
    write(
        tmp.path(),
        "sheet.csv",
        format!(
            "id,party,speaker,text,date,source\nA1,parquet,,\"The fine was paid \u{1b}[2J in full.\",,\na1,parquet,Sp\u{1b}]0;x\u{7},\"Another one.\",,\nb1,defense,,\"{long}\",,\n"
        ),
    );
    let stderr = import_refused(
        "csv",
        tmp.path(),
        &[
            "import",
            "csv",
            "sheet.csv",
            "-o",
            "out",
            "--max-claim-bytes",
            "100",
        ],
        "sheet.csv:",
    );
    for expected in [
        "sheet.csv:2:4: error: control character U+001B in claim text",
        "sheet.csv:3:1: error: claim id \"a1\" differs from the claim id \"A1\" only by case (first defined at sheet.csv:2:1)",
        "sheet.csv:3:3: error: control character U+001B in speaker",
        "sheet.csv:4:4: error: claim text is 300 bytes, over the limit of 100 bytes",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    // An argument map: ESC in an I-node, node ids that differ only by case.
    write(
        tmp.path(),
        "map.json",
        r#"{"nodes": [
 {"nodeID": "1", "text": "Alice Martin : The council closed it.", "type": "L"},
 {"nodeID": "2", "text": "Asserting", "type": "YA"},
 {"nodeID": "3", "text": "the council closed \u001b[2J the library", "type": "I"},
 {"nodeID": "A", "text": "one proposition", "type": "I"},
 {"nodeID": "a", "text": "another proposition", "type": "I"}
],
"edges": [{"edgeID": "e1", "fromID": "1", "toID": "2"}, {"edgeID": "e2", "fromID": "2", "toID": "3"}],
"locutions": [], "participants": []}"#,
    );
    let stderr = import_refused(
        "aif",
        tmp.path(),
        &["import", "aif", "map.json", "-o", "out"],
        "map.json:",
    );
    assert!(
        stderr.contains("I-node \"3\": control character U+001B"),
        "{stderr}"
    );
    assert!(stderr.contains("I-node \"a\": claim id \"ia\""), "{stderr}");
    // An article whose quotation holds ESC.
    write(
        tmp.path(),
        "article.txt",
        "Title line\n\nMayor Jane Smith said: \"The city \u{1b}[2J has never been in better shape.\" John Brown said that the figures were wrong.\n",
    );
    let stderr = import_refused(
        "extract",
        tmp.path(),
        &["extract", "article.txt", "-o", "out"],
        "article.txt:",
    );
    assert!(
        stderr.contains("article.txt:3:25: error: statement 1"),
        "{stderr}"
    );
}

#[test]
fn ids_that_hide_characters_are_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "ids.json",
        claim_file(&[
            r#"{"id": "rs", "party": "p", "text": "plain"}"#,
            r#"{"id": "r\u200bs", "party": "p", "text": "zero-width space"}"#,
            r#"{"id": "a\u202eb", "party": "d", "text": "bidi override"}"#,
            r#"{"id": "x\u2066y", "party": "d", "text": "bidi isolate"}"#,
            r#"{"id": "u\u0378", "party": "d", "text": "unassigned"}"#,
            r#"{"id": "n\ufffe", "party": "d", "text": "noncharacter"}"#,
            r#"{"id": "l\u2028", "party": "d", "text": "line separator"}"#,
        ]),
    );
    let stderr = check_snapshot("hidden_id_characters", tmp.path(), "ids.json");
    for (shown, code, position) in [
        ("r\\u{200b}s", "U+200B", 2),
        ("a\\u{202e}b", "U+202E", 2),
        ("x\\u{2066}y", "U+2066", 2),
        ("u\\u{378}", "U+0378", 2),
        ("n\\u{fffe}", "U+FFFE", 2),
        ("l\\u{2028}", "U+2028", 2),
    ] {
        let expected = format!("claim id \"{shown}\" holds {code},");
        assert!(stderr.contains(&expected), "{expected}: {stderr}");
        assert!(
            stderr.contains(&format!("at character {position}")),
            "{stderr}"
        );
    }
    assert_eq!(stderr.matches(": error: ").count(), 6, "{stderr}");
}

#[test]
fn impossible_dates_locators_and_thresholds_are_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "claims.json",
        claim_file(&[
            r#"{"id": "a1", "party": "p", "text": "x", "date": "2024-02-30"}"#,
            r#"{"id": "a2", "party": "p", "text": "x", "date": "2023-02-29"}"#,
            r#"{"id": "a3", "party": "p", "text": "x", "date": "2024-02-29"}"#,
            r#"{"id": "a4", "party": "d", "text": "x", "date": "2024-04-31"}"#,
            r#"{"id": "a5", "party": "d", "text": "x", "locator": {"start": 40, "end": 12}}"#,
        ]),
    );
    // Only support_threshold is given: it is compared with the default
    // related_threshold (0.20).
    write(
        &case,
        "config.json",
        "{\"config\": {\"support_threshold\": 0.1}}\n",
    );
    let stderr = check_snapshot("impossible_values", tmp.path(), "case");
    for expected in [
        "case/claims.json:7:53: error: invalid date \"2024-02-30\"",
        "case/claims.json:8:53: error: invalid date \"2023-02-29\"",
        "case/claims.json:10:53: error: invalid date \"2024-04-31\"",
        "error: locator starts at 40 after it ends at 12",
        "case/config.json:1:34: error: support_threshold must not be below related_threshold",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    assert!(
        !stderr.contains("2024-02-29"),
        "a leap day is a day: {stderr}"
    );
    assert_eq!(stderr.matches(": error: ").count(), 5, "{stderr}");
}

#[test]
fn one_bad_value_is_reported_once_and_keeps_the_rest_of_its_file() {
    // A bad config value in case.json used to drop the whole file, its
    // parties with it, and every claim of the case then had an unknown
    // party.
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "case.json",
        format!(
            "{{\n  \"case\": {{\"id\": \"c\", \"title\": \"T\"}},\n  {PARTIES},\n  \"config\": {{\"related_threshold\": \"high\", \"min_confidence\": 0.4}}\n}}\n"
        ),
    );
    let claims: Vec<String> = (0..40)
        .map(|i| {
            let party = if i % 2 == 0 { "p" } else { "d" };
            format!(r#"{{"id": "c{i}", "party": "{party}", "text": "claim {i}"}}"#)
        })
        .collect();
    let claims: Vec<&str> = claims.iter().map(String::as_str).collect();
    write(
        &case,
        "claims.json",
        format!("{{\"claims\": [\n{}\n]}}\n", claims.join(",\n")),
    );
    write(
        &case,
        "annotations.json",
        "{\"annotations\": [{\"claims\": [\"c0\", \"c1\"], \"relation\": \"contradicts\"}]}\n",
    );
    let stderr = check_snapshot("one_bad_config_value", tmp.path(), "case");
    assert_eq!(stderr.matches(": error: ").count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("case/case.json:7:35: error: wrong type"),
        "{stderr}"
    );
    assert!(!stderr.contains("unknown party"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_case_are_refused_unless_followed() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "claims.json",
        claim_file(&[r#"{"id": "a1", "party": "p", "text": "x"}"#]),
    );
    let outside = tmp.path().join("elsewhere");
    std::fs::create_dir(&outside).expect("mkdir");
    write(
        &outside,
        "private.json",
        "{\"claims\": [{\"id\": \"b1\", \"party\": \"d\", \"text\": \"not the case's\"}]}",
    );
    symlink("../elsewhere/private.json", case.join("private.json")).expect("symlink");
    // A link to a file inside the case is fine.
    write(
        &case,
        "kept.txt",
        "{\"claims\": [{\"id\": \"c1\", \"party\": \"d\", \"text\": \"inside\"}]}",
    );
    symlink("kept.txt", case.join("inside.json")).expect("symlink");
    let stderr = check_snapshot("symlink_out_of_case", tmp.path(), "case");
    assert!(
        stderr.starts_with("case/private.json: error: a symlink to a file outside the case"),
        "{stderr}"
    );
    assert_eq!(stderr.matches(": error: ").count(), 1, "{stderr}");
    let followed = in_dir(tmp.path())
        .args(["check", "case", "--follow-symlinks"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&followed.stdout),
        "ok: 3 claims, 2 parties, 0 sources, 0 annotations in 3 file(s)\n"
    );
}

#[test]
fn limits_apply_to_every_command_and_every_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "case.json",
        claim_file(&[
            r#"{"id": "a1", "party": "p", "text": "The company never paid the fine."}"#,
            r#"{"id": "a2", "party": "d", "text": "The company paid the fine."}"#,
        ]),
    );
    write(
        tmp.path(),
        "pairs.jsonl",
        format!(
            "{}\n",
            serde_json::json!({"id": "x", "lang": "en", "label": "contradicts",
                "a": {"text": "The fine was paid in full by the company."}, "b": {"text": "Never paid."}})
        ),
    );
    write(
        tmp.path(),
        "sheet.csv",
        "id,party,speaker,text,date,source\na1,p,,\"A statement long enough.\",,\n",
    );
    write(
        tmp.path(),
        "article.txt",
        "Title\n\nJane Smith said: \"The city has never been in better shape.\"\n",
    );
    let runs: &[(&str, &[&str], &str)] = &[
        (
            "suggest",
            &["suggest", "case.json", "--max-claims", "1"],
            "over the limit of 1",
        ),
        (
            "eval_case",
            &["eval", "case.json", "--max-claims", "1"],
            "over the limit of 1",
        ),
        (
            "annotate",
            &[
                "annotate",
                "case.json",
                "a1",
                "a2",
                "contradicts",
                "--max-claims",
                "1",
            ],
            "over the limit of 1",
        ),
        (
            "explain",
            &[
                "explain",
                "case.json",
                "a1",
                "a2",
                "--max-claim-bytes",
                "10",
            ],
            "over the limit of 10 bytes",
        ),
        (
            "eval_pairs_file",
            &["eval", "pairs.jsonl", "--max-file-bytes", "50"],
            "over the limit of 50 bytes",
        ),
        (
            "eval_pairs_text",
            &["eval", "pairs.jsonl", "--max-claim-bytes", "20"],
            "text of a is 41 bytes, over the limit of 20 bytes",
        ),
        (
            "import_csv_file",
            &[
                "import",
                "csv",
                "sheet.csv",
                "-o",
                "out",
                "--max-file-bytes",
                "20",
            ],
            "over the limit of 20 bytes",
        ),
        (
            "import_csv_text",
            &[
                "import",
                "csv",
                "sheet.csv",
                "-o",
                "out",
                "--max-claim-bytes",
                "10",
            ],
            "over the limit of 10 bytes",
        ),
        (
            "extract_file",
            &[
                "extract",
                "article.txt",
                "-o",
                "out",
                "--max-file-bytes",
                "20",
            ],
            "over the limit of 20 bytes",
        ),
    ];
    for (name, args, expected) in runs {
        let output = in_dir(tmp.path()).args(*args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!tmp.path().join("out").exists(), "{name}");
    }
    // annotate wrote nothing.
    let case = std::fs::read_to_string(tmp.path().join("case.json")).expect("read");
    assert!(!case.contains("annotations"), "{case}");
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "hostile_limits_every_command",
            in_dir(tmp.path()).args(["eval", "pairs.jsonl", "--max-claim-bytes", "20"])
        );
    });
}

#[test]
fn a_claim_dropped_for_its_shape_is_not_reported_again_where_it_is_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = tmp.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    write(
        &case,
        "case.json",
        format!(
            "{{{PARTIES}, \"annotations\": [{{\"claims\": [\"l1\", \"l2\"], \"relation\": \"contradicts\"}}, {{\"claims\": [\"j1\", \"l1\"], \"relation\": \"supports\"}}]}}\n"
        ),
    );
    write(
        &case,
        "claims.jsonl",
        "{\"id\": \"l1\", \"party\": \"p\", \"text\": \"one\"}\n{\"id\": \"l2\", \"party\": \"d\", \"txt\": \"two\"}\n",
    );
    write(
        &case,
        "more.json",
        "{\"claims\": [{\"id\": \"j1\", \"party\": \"d\", \"text\": 3}]}\n",
    );
    let stderr = check_snapshot("dropped_not_cascaded", tmp.path(), "case");
    assert!(!stderr.contains("unknown claim"), "{stderr}");
    assert!(stderr.contains("case/claims.jsonl:2:"), "{stderr}");
    assert!(stderr.contains("case/more.json:1:"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn review_shows_hostile_text_visibly() {
    // review owns a real terminal: a claim's bare CR or bidi override must
    // reach it as an escape, never as the character.
    let tmp = tempfile::tempdir().expect("tempdir");
    hostile_case(tmp.path());
    let mut command = std::process::Command::new(insta_cmd::get_cargo_bin("claimgraph"));
    command
        .current_dir(tmp.path())
        .args(["review", "case.json", "--all"]);
    command.env("NO_COLOR", "1");
    let mut session = rexpect::session::spawn_command(command, Some(60_000)).expect("spawns");
    let shown = session.exp_string("> ").expect("a prompt");
    session.send("q").expect("sends");
    session.flush().expect("flushes");
    let rest = session.exp_eof().expect("ends");
    let all = format!("{shown}{rest}");
    // The terminal turns each line break into CR LF: only those CRs are
    // allowed.
    let without_line_ends = all.replace("\r\n", "\n");
    assert!(!without_line_ends.contains('\r'), "{all:?}");
    assert!(
        !all.contains('\u{202e}') && !all.contains('\u{200b}'),
        "{all:?}"
    );
    assert!(
        all.contains("\\r") || all.contains("\\u{202e}"),
        "the hostile text is shown visibly: {all:?}"
    );
}
