//! Shell conventions: completion scripts and the man page generated from the
//! clap definitions, clear refusals of a negative `--limit`, errors that
//! name the user's path (never a temporary file), and `init` followed by
//! `extract`/`import csv` on the same directory.

use std::path::Path;
use std::process::Output;

use crate::support::{claimgraph, root};

/// Whether a shell tool runs here. Unlike `support::tool_available`, its
/// absence never fails the test (CI installs only Chromium and Graphviz):
/// the generated script or page is still checked, only not run.
fn runs(program: &str, args: &[&str]) -> bool {
    let ok = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("not run: {program} is not installed");
    }
    ok
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The subcommands, read from `--help` so that a new one is checked too.
fn subcommands() -> Vec<String> {
    let help = stdout(&claimgraph().arg("--help").output().unwrap());
    let commands: Vec<String> = help
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect();
    assert!(commands.len() >= 12, "{commands:?}");
    commands
}

#[test]
fn completions_cover_every_subcommand_in_each_shell() {
    let commands = subcommands();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = claimgraph().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}: {output:?}");
        let script = stdout(&output);
        for command in &commands {
            assert!(script.contains(command.as_str()), "{shell}: {command}");
        }
        assert!(script.contains("limit"), "{shell}");
    }
    let bash = stdout(&claimgraph().args(["completions", "bash"]).output().unwrap());
    if runs("bash", &["-c", "true"]) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("claimgraph.bash");
        std::fs::write(&file, &bash).unwrap();
        // The script parses, and once sourced completes `claimgraph rep`.
        let check = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source {} && COMP_WORDS=(claimgraph rep) COMP_CWORD=1 && _claimgraph claimgraph rep claimgraph && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                file.display()
            ))
            .output()
            .unwrap();
        assert!(check.status.success(), "{check:?}");
        assert_eq!(stdout(&check).trim(), "report");
    }
    let unknown = claimgraph().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("possible values"), "{unknown:?}");
}

#[test]
fn the_man_page_documents_every_subcommand_and_option() {
    let output = claimgraph().arg("man").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.contains(".TH claimgraph 1"), "{page}");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "VERSION"] {
        assert!(page.contains(&format!(".SH {section}")), "{section}");
    }
    for command in subcommands() {
        let heading = format!(".SH \"CLAIMGRAPH {}\"", command.to_uppercase());
        assert!(page.contains(&heading), "{heading}");
    }
    // Options of a subcommand, with their help, as roff escapes them.
    for text in [
        "\\-\\-fail\\-on\\-dispute",
        "\\-\\-limit",
        "Exit codes: 0 success",
    ] {
        assert!(page.contains(text), "{text}");
    }
    if runs("man", &["--version"]) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("claimgraph.1");
        std::fs::write(&file, &page).unwrap();
        let rendered = std::process::Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        assert!(rendered.status.success(), "{rendered:?}");
        let text = stdout(&rendered);
        assert!(text.contains("CLAIMGRAPH REPORT"), "{text}");
        assert!(stderr(&rendered).is_empty(), "{rendered:?}");
    }
}

#[test]
fn a_negative_limit_is_refused_in_words() {
    for command in ["report", "suggest"] {
        let output = claimgraph()
            .args([command, "claims/durov-telegram", "--limit", "-1"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let message = stderr(&output);
        assert!(
            message.contains("a limit counts items shown, so it is 0 or more, not -1"),
            "{message}"
        );
        assert!(!message.contains("-- -1"), "{message}");
    }
    let output = claimgraph()
        .args(["report", "claims/durov-telegram", "--limit=ten"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("ten is not a number"));
    let output = claimgraph()
        .args(["report", "claims/durov-telegram", "--limit", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_missing_output_directory_is_named_not_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/dir/x.html");
    let output = claimgraph()
        .args([
            "report",
            "claims/durov-telegram",
            "--format",
            "html",
            "--output",
        ])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!("{}: error: cannot write: ", target.display())),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "directory {} does not exist",
            dir.path().join("missing/dir").display()
        )),
        "{message}"
    );
    assert!(!message.contains(".claimgraph-"), "{message}");
    assert!(!message.contains("at path"), "{message}");
}

fn init(dir: &Path) -> Output {
    claimgraph()
        .arg("init")
        .arg(dir)
        .args(["--party", "parquet=Parquet", "--party", "durov=Pavel Durov"])
        .output()
        .unwrap()
}

#[test]
fn init_then_import_or_extract_fills_the_same_directory() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let made = init(&case);
    assert_eq!(made.status.code(), Some(0));
    let advice = stdout(&made);
    let shown = case.display().to_string();
    assert!(
        advice.contains(&format!("claimgraph import csv FILE --output {shown}")),
        "{advice}"
    );
    let imported = claimgraph()
        .args(["import", "csv"])
        .arg(root().join("tests/authoring/newsroom.csv"))
        .arg("--output")
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    assert!(stdout(&imported).starts_with(&format!(
        "replaced the empty case that claimgraph init made in {shown}\n"
    )));
    let check = claimgraph().arg("check").arg(&case).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    // Now the case holds claims: a second import refuses it.
    let again = claimgraph()
        .args(["import", "csv"])
        .arg(root().join("tests/authoring/newsroom.csv"))
        .arg("--output")
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("is not empty"), "{again:?}");

    let drafted = dir.path().join("drafted");
    assert_eq!(init(&drafted).status.code(), Some(0));
    let extracted = claimgraph()
        .arg("extract")
        .arg(root().join("tests/authoring/articles/en-court-theater.txt"))
        .args(["-o"])
        .arg(&drafted)
        .output()
        .unwrap();
    assert_eq!(extracted.status.code(), Some(0), "{extracted:?}");
    assert!(drafted.join("claims.json").is_file());
    let mapped = dir.path().join("mapped");
    assert_eq!(init(&mapped).status.code(), Some(0));
    let imported = claimgraph()
        .args(["import", "aif"])
        .arg(root().join("tests/aif/synthetic.json"))
        .arg("--output")
        .arg(&mapped)
        .output()
        .unwrap();
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    assert!(stderr(&imported).starts_with("replaced the empty case"));
    let names: Vec<String> = std::fs::read_dir(&mapped)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["case.json"], "the scaffold is replaced whole");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".claimgraph"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_scaffold_someone_wrote_in_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    assert_eq!(init(&case).status.code(), Some(0));
    std::fs::write(case.join("notes.txt"), "my notes").unwrap();
    let imported = claimgraph()
        .args(["import", "csv"])
        .arg(root().join("tests/authoring/newsroom.csv"))
        .arg("--output")
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(imported.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(case.join("notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn an_input_inside_the_scaffold_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    assert_eq!(init(&case).status.code(), Some(0));
    // The spreadsheet takes the place of init's README.md.
    let sheet = case.join("README.md");
    std::fs::copy(root().join("tests/authoring/newsroom.csv"), &sheet).unwrap();
    let imported = claimgraph()
        .args(["import", "csv"])
        .arg(&sheet)
        .arg("--output")
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(imported.status.code(), Some(2), "{imported:?}");
    assert!(stderr(&imported).contains("is not empty"), "{imported:?}");
    assert_eq!(
        std::fs::read(&sheet).unwrap(),
        std::fs::read(root().join("tests/authoring/newsroom.csv")).unwrap()
    );
}
