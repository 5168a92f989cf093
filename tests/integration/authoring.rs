//! The authoring commands (`init`, `extract`, `import csv`, `suggest`,
//! `annotate`, `review`) run end to end, with their errors, and the
//! extractor's figures on the seed article against the hand-made gold case.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use insta_cmd::assert_cmd_snapshot;

use claimgraph::author::extract::{ExtractOptions, extract};
use claimgraph::author::{PartySpec, review_state};
use claimgraph::model::{Claim, ClaimFile};

use crate::support::{claimgraph, root, with_snapshots};

/// The seed article that `claims/durov-telegram` was made from.
fn seed_article() -> PathBuf {
    root().join("../shared/seeds/000_d844e21c5e5e90a0.txt")
}

/// A scratch directory holding a copy of a bundled case as `case/`.
fn copy_case(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("case");
    std::fs::create_dir(&target).unwrap();
    for entry in std::fs::read_dir(root().join("claims").join(name)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, target.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn run_in(dir: &Path) -> std::process::Command {
    let mut command = claimgraph();
    command.current_dir(dir);
    command
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

// --- init -------------------------------------------------------------------

#[test]
fn init_scaffolds_a_case() {
    let dir = tempfile::tempdir().unwrap();
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_init",
            run_in(dir.path()).args(["init", "my-case", "--language", "fr"])
        );
        insta::assert_snapshot!(
            "authoring_init_case_json",
            read(&dir.path().join("my-case/case.json"))
        );
        insta::assert_snapshot!(
            "authoring_init_config_json",
            read(&dir.path().join("my-case/config.json"))
        );
    });
    let annotations = read(&dir.path().join("my-case/annotations.json"));
    let parsed: ClaimFile = serde_json::from_str(&annotations).unwrap();
    assert!(parsed.annotations.is_empty());
}

/// `init --party id="Name|alias|alias"` keeps the aliases: the config's
/// entity groups name each side once, the party's name first; an empty
/// alias is refused and nothing is written.
#[test]
fn init_keeps_party_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path())
        .args([
            "init",
            "aliased",
            "--party",
            "parquet=Laure Beccuau|le parquet|la procureure",
            "--party",
            "durov=Pavel Durov",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = read(&dir.path().join("aliased/config.json"));
    let parsed: ClaimFile = serde_json::from_str(&config).unwrap();
    assert_eq!(
        parsed.config.unwrap().aliases,
        vec![vec![
            "Laure Beccuau".to_owned(),
            "le parquet".to_owned(),
            "la procureure".to_owned()
        ]]
    );
    let case = read(&dir.path().join("aliased/case.json"));
    assert!(case.contains("\"name\": \"Laure Beccuau\""), "{case}");
    // The config loads: a case with one claim checks clean.
    std::fs::write(
        dir.path().join("aliased/claims.json"),
        r#"{"claims": [{"id": "p1", "party": "parquet", "text": "Le parquet a ouvert une enquête."}]}"#,
    )
    .unwrap();
    let check = run_in(dir.path())
        .args(["check", "aliased"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    with_snapshots(|| {
        insta::assert_snapshot!("authoring_init_aliases_config_json", config);
        assert_cmd_snapshot!(
            "authoring_init_empty_alias",
            run_in(dir.path()).args([
                "init",
                "bad",
                "--party",
                "parquet=Laure Beccuau||le parquet"
            ])
        );
    });
    assert!(!dir.path().join("bad").exists());
}

#[test]
fn init_refuses_a_non_empty_directory() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_init_not_empty",
            claimgraph().args(["init", "claims/durov-telegram"])
        );
    });
}

// --- extract ----------------------------------------------------------------

#[test]
fn extract_drafts_the_seed_article() {
    let dir = tempfile::tempdir().unwrap();
    let article = seed_article();
    assert!(
        article.exists(),
        "the seed article is at {}",
        article.display()
    );
    let output = run_in(dir.path())
        .arg("extract")
        .arg(&article)
        .args([
            "--party",
            "parquet=Laure Beccuau",
            "--party",
            "durov=Pavel Durov",
            "-o",
            "durov",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    with_snapshots(|| {
        insta::assert_snapshot!(
            "authoring_extract_seed_stdout",
            String::from_utf8_lossy(&output.stdout)
        );
        insta::assert_snapshot!(
            "authoring_extract_seed_claims",
            read(&dir.path().join("durov/claims.json"))
        );
        insta::assert_snapshot!(
            "authoring_extract_seed_config",
            read(&dir.path().join("durov/config.json"))
        );
    });
    let check = run_in(dir.path())
        .args(["check", "durov"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn extract_drafts_english_articles() {
    for (name, snapshot) in [
        ("english.txt", "authoring_extract_english_claims"),
        (
            "english-politics.txt",
            "authoring_extract_english_politics_claims",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let output = run_in(dir.path())
            .arg("extract")
            .arg(root().join("tests/authoring").join(name))
            .args(["-o", "case"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        with_snapshots(|| {
            insta::assert_snapshot!(snapshot, read(&dir.path().join("case/claims.json")));
        });
    }
}

/// `extract` on a fixture article it was not developed on, with party
/// aliases: the summary, the drafts and the sentences left for review.
#[test]
fn extract_drafts_a_non_seed_article_with_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("theater");
    let mut command = claimgraph();
    command.args([
        "extract",
        "tests/authoring/articles/en-court-theater.txt",
        "--party",
        "prosecution=George Brauchler|prosecutors|the DA|district attorney",
        "--party",
        "defense=Tamara Brady|defense lawyers|defense attorney|the defense",
        "--output",
    ]);
    command.arg(&out);
    let output = command.output().unwrap();
    assert!(output.status.success());
    let stdout =
        String::from_utf8_lossy(&output.stdout).replace(&out.display().to_string(), "theater");
    with_snapshots(|| {
        insta::assert_snapshot!("authoring_extract_theater_stdout", stdout);
        insta::assert_snapshot!(
            "authoring_extract_theater_claims",
            read(&out.join("claims.json"))
        );
        insta::assert_snapshot!(
            "authoring_extract_theater_review",
            read(&out.join("needs-review.md"))
        );
    });
    // The drafted case loads and checks.
    let check = claimgraph().arg("check").arg(&out).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn extract_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_extract_missing_article",
            run_in(dir.path()).args(["extract", "no-such.txt", "-o", "out"])
        );
        assert_cmd_snapshot!(
            "authoring_extract_bad_party",
            run_in(dir.path()).args([
                "extract",
                "empty.txt",
                "--party",
                "Laure Beccuau",
                "-o",
                "out"
            ])
        );
        assert_cmd_snapshot!(
            "authoring_extract_empty_alias",
            run_in(dir.path()).args([
                "extract",
                "empty.txt",
                "--party",
                "parquet=Laure Beccuau||le parquet",
                "-o",
                "out"
            ])
        );
        assert_cmd_snapshot!(
            "authoring_extract_alias_without_name",
            run_in(dir.path()).args([
                "extract",
                "empty.txt",
                "--party",
                "parquet=|le parquet",
                "-o",
                "out"
            ])
        );
        assert_cmd_snapshot!(
            "authoring_extract_empty_article",
            run_in(dir.path()).args(["extract", "empty.txt", "-o", "out"])
        );
    });
    assert!(!dir.path().join("out").exists());
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_extract_output_not_empty",
            claimgraph().args([
                "extract",
                "tests/authoring/english.txt",
                "-o",
                "claims/durov-telegram"
            ])
        );
    });
}

/// The words of a text, lower-cased, for matching drafts to gold claims.
fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_owned)
        .collect()
}

/// The share of the gold claim's words that a draft covers.
fn coverage(gold: &str, draft: &str) -> f64 {
    let (g, d) = (words(gold), words(draft));
    #[allow(clippy::cast_precision_loss)]
    let share = g.intersection(&d).count() as f64 / g.len().max(1) as f64;
    share
}

/// A gold claim counts as extracted when a draft covers at least 60% of its
/// words, and as correctly attributed when such a draft has its party.
const MATCH: f64 = 0.6;

#[test]
fn extract_figures_on_the_seed_article() {
    let article = std::fs::read_to_string(seed_article()).unwrap();
    let options = ExtractOptions {
        parties: vec![
            PartySpec {
                id: "parquet".to_owned(),
                name: "Laure Beccuau".to_owned(),
                aliases: Vec::new(),
            },
            PartySpec {
                id: "durov".to_owned(),
                name: "Pavel Durov".to_owned(),
                aliases: Vec::new(),
            },
        ],
        language: None,
        case_id: "durov".to_owned(),
    };
    let drafts = extract(&article, &options).claims;
    let gold: ClaimFile =
        serde_json::from_str(&read(&root().join("claims/durov-telegram/claims.json"))).unwrap();
    let mut table = String::from(
        "| gold claims | statements | extracted | attributed correctly | quote/paraphrase right |\n|---|---|---|---|---|\n",
    );
    let mut rows = Vec::new();
    for (label, party, spoken_only) in [
        ("Beccuau (parquet, with speaker)", "parquet", true),
        ("Durov (durov, with speaker)", "durov", true),
        ("parquet, all (incl. 3 charges)", "parquet", false),
    ] {
        let golds: Vec<&Claim> = gold
            .claims
            .iter()
            .filter(|c| c.party == party && (!spoken_only || c.speaker.is_some()))
            .collect();
        let (mut extracted, mut attributed, mut kind) = (0, 0, 0);
        for g in &golds {
            let matches: Vec<&Claim> = drafts
                .iter()
                .filter(|d| coverage(&g.text, &d.text) >= MATCH)
                .collect();
            if !matches.is_empty() {
                extracted += 1;
            }
            if let Some(d) = matches.iter().find(|d| d.party == g.party) {
                attributed += 1;
                if d.quote == g.quote {
                    kind += 1;
                }
            }
        }
        rows.push((extracted, attributed));
        table.push_str(&format!(
            "| {label} | {} | {extracted} | {attributed} | {kind} |\n",
            golds.len()
        ));
    }
    let n_review = drafts.iter().filter(|d| d.needs_review).count();
    let n_false = drafts
        .iter()
        .filter(|d| d.party != "press")
        .filter(|d| {
            !gold
                .claims
                .iter()
                .any(|g| coverage(&g.text, &d.text) >= MATCH || coverage(&d.text, &g.text) >= MATCH)
        })
        .count();
    table.push_str(&format!(
        "\n{} drafts, {n_review} marked needs_review, {n_false} attributed drafts that match no gold claim\n",
        drafts.len()
    ));
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_figures", table));
    // The floor the docs promise: most statements found and attributed.
    assert!(rows[0].1 >= 9 && rows[1].1 >= 5, "{table}");
}

// --- import csv -------------------------------------------------------------

#[test]
fn import_csv_builds_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path())
        .args(["import", "csv"])
        .arg(root().join("tests/authoring/newsroom.csv"))
        .args(["--output", "newsroom"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    with_snapshots(|| {
        insta::assert_snapshot!(
            "authoring_import_csv_stdout",
            String::from_utf8_lossy(&output.stdout)
        );
        insta::assert_snapshot!(
            "authoring_import_csv_case",
            read(&dir.path().join("newsroom/case.json"))
        );
        insta::assert_snapshot!(
            "authoring_import_csv_claims",
            read(&dir.path().join("newsroom/claims.json"))
        );
    });
    let check = run_in(dir.path())
        .args(["check", "newsroom"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn import_csv_errors_point_at_row_and_column() {
    // Relative output paths that must never be created, so that the
    // snapshots hold no temporary directory.
    let (a, b) = (
        "target/authoring-never-written-a",
        "target/authoring-never-written-b",
    );
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_import_csv_bad_header",
            claimgraph().args(["import", "csv", "tests/authoring/bad.csv", "-o", a])
        );
        assert_cmd_snapshot!(
            "authoring_import_csv_bad_rows",
            claimgraph().args(["import", "csv", "tests/authoring/bad-rows.csv", "-o", b])
        );
    });
    assert!(!root().join(a).exists() && !root().join(b).exists());
}

// --- suggest ----------------------------------------------------------------

#[test]
fn suggest_lists_pairs() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_suggest_durov",
            claimgraph().args(["suggest", "claims/durov-telegram", "--limit", "5"])
        );
        assert_cmd_snapshot!(
            "authoring_suggest_all_json",
            claimgraph().args([
                "suggest",
                "claims/kennedy-nixon-1960",
                "--all",
                "--limit",
                "2",
                "--format",
                "json"
            ])
        );
        assert_cmd_snapshot!(
            "authoring_suggest_missing",
            claimgraph().args(["suggest", "claims/no-such-case"])
        );
    });
}

/// The global `--max-relations-per-claim` reaches `suggest` and `eval` as
/// it reaches `report` (it used to be read by `report` and `diff` only): a
/// cap of one relation per claim leaves fewer inferred pairs to suggest,
/// and the suggestions are the capped graph's.
#[test]
fn the_relation_cap_reaches_suggest_and_eval() {
    let json_of = |cap: &[&str], command: &str| {
        let output = claimgraph()
            .args(cap)
            .args([command, "claims/durov-telegram", "--format", "json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{command} {cap:?}");
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let cap = ["--max-relations-per-claim", "1"];
    let inferred = |json: serde_json::Value| {
        json["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| !s["relation"].is_null())
            .count()
    };
    let (uncapped, capped) = (
        inferred(json_of(&[], "suggest")),
        inferred(json_of(&cap, "suggest")),
    );
    assert!(
        capped < uncapped,
        "{capped} inferred pairs with the cap, {uncapped} without"
    );
    assert_ne!(json_of(&[], "eval"), json_of(&cap, "eval"));
}

#[test]
fn suggest_all_leaves_out_annotated_pairs() {
    let output = claimgraph()
        .args([
            "suggest",
            "claims/durov-telegram",
            "--all",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pairs: Vec<(String, String)> = json["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["claim_a"].as_str().unwrap().to_owned(),
                s["claim_b"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(!pairs.is_empty());
    for (a, b) in [
        ("d-cooperated", "p-requests-ignored"),
        ("d-open-to-collaboration", "p-charge-refusal"),
    ] {
        assert!(
            !pairs.contains(&(a.to_owned(), b.to_owned()))
                && !pairs.contains(&(b.to_owned(), a.to_owned()))
        );
    }
}

// --- annotate ---------------------------------------------------------------

#[test]
fn annotate_inserts_one_annotation_and_keeps_the_rest() {
    let dir = copy_case("durov-telegram");
    let file = dir.path().join("case/annotations.json");
    let before = read(&file);
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_annotate",
            run_in(dir.path()).args([
                "annotate",
                "case",
                "x-bail-reporting",
                "p-bail-complied",
                "supports",
                "--note",
                "Reporting to the police is one of the bail conditions.",
                "--author",
                "test"
            ])
        );
    });
    let after = read(&file);
    // Everything up to the last annotation's end is untouched, and so is
    // the closing of the array and the object.
    let cut = before.rfind("}\n  ]").unwrap() + 1;
    assert!(after.starts_with(&before[..cut]));
    assert!(after.ends_with(&before[cut..]));
    with_snapshots(|| {
        insta::assert_snapshot!(
            "authoring_annotate_inserted",
            &after[cut..after.len() - (before.len() - cut)]
        )
    });
    let count = |text: &str| {
        serde_json::from_str::<ClaimFile>(text)
            .unwrap()
            .annotations
            .len()
    };
    assert_eq!(count(&after), count(&before) + 1);
    let check = run_in(dir.path()).args(["check", "case"]).output().unwrap();
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn annotate_errors() {
    let dir = copy_case("durov-telegram");
    let before = read(&dir.path().join("case/annotations.json"));
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_annotate_unknown",
            run_in(dir.path()).args([
                "annotate",
                "case",
                "x-bail-reportin",
                "p-bail-complied",
                "supports"
            ])
        );
        assert_cmd_snapshot!(
            "authoring_annotate_duplicate",
            run_in(dir.path()).args([
                "annotate",
                "case",
                "d-cooperated",
                "p-requests-ignored",
                "unrelated"
            ])
        );
        assert_cmd_snapshot!(
            "authoring_annotate_self",
            run_in(dir.path()).args(["annotate", "case", "x-bail", "x-bail", "supports"])
        );
        assert_cmd_snapshot!(
            "authoring_annotate_bad_relation",
            run_in(dir.path()).args(["annotate", "case", "x-bail", "x-arrest", "refutes"])
        );
    });
    assert_eq!(read(&dir.path().join("case/annotations.json")), before);
}

#[test]
fn annotate_creates_a_missing_annotations_file() {
    let dir = copy_case("durov-telegram");
    std::fs::remove_file(dir.path().join("case/annotations.json")).unwrap();
    let output = run_in(dir.path())
        .args(["annotate", "case", "x-bail", "x-arrest", "unrelated"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let file: ClaimFile =
        serde_json::from_str(&read(&dir.path().join("case/annotations.json"))).unwrap();
    assert_eq!(file.annotations.len(), 1);
}

#[test]
fn annotate_a_single_file_case_adds_the_array() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.json");
    let text = "{\n    \"parties\": [{\"id\": \"a\", \"name\": \"A\", \"role\": \"other\"}],\n    \"claims\": [\n        {\"id\": \"a1\", \"party\": \"a\", \"text\": \"One.\"},\n        {\"id\": \"a2\", \"party\": \"a\", \"text\": \"Two.\"}\n    ]\n}\n";
    std::fs::write(&file, text).unwrap();
    let output = run_in(dir.path())
        .args(["annotate", "case.json", "a1", "a2", "supports"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = read(&file);
    let keep = text.rfind("\n}").unwrap();
    assert!(after.starts_with(&text[..keep]));
    with_snapshots(|| insta::assert_snapshot!("authoring_annotate_single_file", after));
}

// --- review -----------------------------------------------------------------

#[test]
fn review_refuses_a_non_terminal() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_review_not_a_terminal",
            claimgraph()
                .args(["review", "claims/durov-telegram"])
                .stdin(Stdio::null())
        );
    });
}

/// `review --drafts` on a drafted case: accept one draft, move one to the
/// other party, drop one, quit; every key is saved at once.
#[test]
fn review_drafts_fixes_drafts_without_editing_json() {
    let (dir, case) = crate::support::drafted_case();
    let drafts = claimgraph::author::drafts::pending(&case).unwrap();
    assert!(drafts.len() >= 3, "{drafts:?}");
    let mut command = std::process::Command::new(insta_cmd::get_cargo_bin("claimgraph"));
    command
        .current_dir(dir.path())
        .args(["review", "case", "--drafts"]);
    command.env("NO_COLOR", "1");
    let mut session = rexpect::session::spawn_command(command, Some(60_000)).unwrap();
    session
        .exp_string(&format!("] {} [", drafts[0].id))
        .unwrap();
    session.exp_string("> ").unwrap();
    session.send("a").unwrap();
    session.flush().unwrap();
    session.exp_string("accepted").unwrap();
    session
        .exp_string(&format!("] {} [", drafts[1].id))
        .unwrap();
    session.exp_string("> ").unwrap();
    session.send("p").unwrap();
    session.flush().unwrap();
    // Parties are listed by id: defense, press, prosecution, unattributed.
    session.exp_string("1) defense").unwrap();
    session.exp_string("party > ").unwrap();
    session.send("1").unwrap();
    session.flush().unwrap();
    session.exp_string("moved to defense").unwrap();
    session
        .exp_string(&format!("] {} [", drafts[2].id))
        .unwrap();
    session.exp_string("> ").unwrap();
    session.send("d").unwrap();
    session.flush().unwrap();
    session.exp_string("dropped").unwrap();
    session.exp_string("> ").unwrap();
    session.send("q").unwrap();
    session.flush().unwrap();
    session.exp_string("3 saved, 0 skipped").unwrap();
    session.exp_eof().unwrap();
    let claims: ClaimFile = serde_json::from_str(&read(&case.join("claims.json"))).unwrap();
    let find = |id: &str| claims.claims.iter().find(|c| c.id == id);
    assert!(!find(&drafts[0].id).unwrap().needs_review);
    assert_eq!(find(&drafts[1].id).unwrap().party, "defense");
    assert!(find(&drafts[2].id).is_none());
    let check = claimgraph().arg("check").arg(&case).output().unwrap();
    assert!(check.status.success());
    // The library refuses unknown claims and parties and leaves the file.
    use claimgraph::author::drafts::{DraftEdit, apply};
    let before = read(&case.join("claims.json"));
    let unknown_claim = apply(&case, "nope", &DraftEdit::Accept).unwrap_err();
    let unknown_party =
        apply(&case, &drafts[0].id, &DraftEdit::Party("judge".to_owned())).unwrap_err();
    with_snapshots(|| {
        insta::assert_snapshot!(
            "authoring_review_drafts_errors",
            format!("{}\n{}", unknown_claim, unknown_party)
                .replace(&case.display().to_string(), "case")
        );
    });
    assert_eq!(read(&case.join("claims.json")), before);
}

#[test]
fn review_drafts_refuses_a_non_terminal() {
    with_snapshots(|| {
        assert_cmd_snapshot!(
            "authoring_review_drafts_not_a_terminal",
            claimgraph()
                .args(["review", "claims/durov-telegram", "--drafts"])
                .stdin(Stdio::null())
        );
        assert_cmd_snapshot!(
            "authoring_review_drafts_with_all",
            claimgraph()
                .args(["review", "claims/durov-telegram", "--drafts", "--all"])
                .stdin(Stdio::null())
        );
    });
}

#[cfg(unix)]
#[test]
fn review_saves_each_decision_and_resumes() {
    let dir = copy_case("kennedy-nixon-1960");
    let case = dir.path().join("case");
    let spawn = || {
        let mut command = std::process::Command::new(insta_cmd::get_cargo_bin("claimgraph"));
        command
            .current_dir(dir.path())
            .args(["review", "case", "--all", "--author", "tester"]);
        command.env("NO_COLOR", "1");
        rexpect::session::spawn_command(command, Some(60_000)).unwrap()
    };
    let listed = claimgraph()
        .arg("suggest")
        .arg(&case)
        .args(["--all", "--format", "json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let pair = |n: usize| {
        (
            listed["suggestions"][n]["claim_a"]
                .as_str()
                .unwrap()
                .to_owned(),
            listed["suggestions"][n]["claim_b"]
                .as_str()
                .unwrap()
                .to_owned(),
        )
    };

    // First session: contradicts, skip, quit.
    let mut session = spawn();
    session.exp_string(&format!("A: {}", pair(0).0)).unwrap();
    session.exp_string("> ").unwrap();
    session.send("c").unwrap();
    session.flush().unwrap();
    session.exp_string("saved: contradicts").unwrap();
    session.exp_string(&format!("A: {}", pair(1).0)).unwrap();
    session.exp_string("> ").unwrap();
    session.send("k").unwrap();
    session.flush().unwrap();
    session.exp_string("skipped").unwrap();
    session.exp_string("> ").unwrap();
    session.send("q").unwrap();
    session.flush().unwrap();
    session.exp_string("1 annotated, 1 skipped").unwrap();
    session.exp_eof().unwrap();

    let annotations: ClaimFile =
        serde_json::from_str(&read(&case.join("annotations.json"))).unwrap();
    let last = annotations.annotations.last().unwrap();
    assert_eq!((last.claims[0].clone(), last.claims[1].clone()), pair(0));
    assert_eq!(last.author.as_deref(), Some("tester"));
    let state = review_state::read(&case.join(review_state::STATE_FILE)).unwrap();
    let (a, b) = pair(1);
    assert!(
        state
            .skipped
            .contains(&(a.clone().min(b.clone()), a.max(b)))
    );

    // Second session resumes at the third pair.
    let mut session = spawn();
    session.exp_string(&format!("B: {}", pair(2).1)).unwrap();
    session.exp_string("> ").unwrap();
    session.send("u").unwrap();
    session.flush().unwrap();
    session.exp_string("saved: unrelated").unwrap();
    session.exp_string("> ").unwrap();
    session.send("q").unwrap();
    session.flush().unwrap();
    session.exp_eof().unwrap();
    let check = claimgraph().arg("check").arg(&case).output().unwrap();
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("17 annotations"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    with_snapshots(|| {
        insta::assert_snapshot!(
            "authoring_review_state",
            read(&case.join(review_state::STATE_FILE))
        )
    });
}

// --- properties -------------------------------------------------------------

mod properties {
    use claimgraph::author::annotate::insert;
    use claimgraph::author::extract::{ExtractOptions, extract};
    use claimgraph::model::{AnnotatedRelation, Annotation, ClaimFile};
    use proptest::prelude::*;

    fn annotation(a: &str, b: &str) -> Annotation {
        Annotation {
            claims: [a.to_owned(), b.to_owned()],
            relation: AnnotatedRelation::Unrelated,
            note: Some("n \" ] }".to_owned()),
            author: None,
        }
    }

    proptest! {
        /// Whatever the layout of the file, the insertion adds exactly one
        /// annotation and keeps the text before and after it.
        #[test]
        fn insert_keeps_every_other_byte(
            n in 0usize..4,
            indent in prop::sample::select(vec!["  ", "    ", "\t", ""]),
            crlf in any::<bool>(),
            extra in prop::sample::select(vec!["", "\"claims\": [],", "\"format\": \"claimgraph/1\","]),
        ) {
            let newline = if crlf { "\r\n" } else { "\n" };
            let items: Vec<String> = (0..n)
                .map(|i| serde_json::to_string(&annotation(&format!("a{i}"), "b")).unwrap())
                .collect();
            let sep = if indent.is_empty() { String::new() } else { newline.to_owned() };
            let inner: Vec<String> = items.iter().map(|i| format!("{indent}{indent}{i}")).collect();
            let text = format!(
                "{{{sep}{indent}{extra}{sep}{indent}\"annotations\": [{sep}{}{sep}{indent}]{sep}}}{newline}",
                inner.join(&format!(",{sep}"))
            );
            let out = insert(&text, &annotation("x", "y")).unwrap();
            let parsed: ClaimFile = serde_json::from_str(&out).unwrap();
            prop_assert_eq!(parsed.annotations.len(), n + 1);
            prop_assert_eq!(&parsed.annotations[n].claims[0], "x");
            // The text is the original with one contiguous insertion.
            let prefix = text.bytes().zip(out.bytes()).take_while(|(a, b)| a == b).count();
            let added = out.len() - text.len();
            prop_assert_eq!(&out[prefix + added..], &text[prefix..]);
        }

        /// The extractor never panics, and every locator points inside the
        /// article.
        #[test]
        fn extract_never_panics(text in "[«»“”\"'’ a-zA-ZéÉ.,:;!?\\-\n]{0,200}") {
            let options = ExtractOptions { case_id: "t".to_owned(), ..ExtractOptions::default() };
            let extraction = extract(&text, &options);
            let n_chars = text.chars().count();
            for claim in &extraction.claims {
                let locator = claim.locator.unwrap();
                prop_assert!(locator.start <= locator.end && locator.end <= n_chars);
                prop_assert!(!claim.text.trim().is_empty());
            }
        }

        /// Sentences with speech cues and names in random order never panic.
        #[test]
        fn extract_handles_cue_soup(words in prop::collection::vec(prop::sample::select(vec![
            "Marie", "Dupont", "a", "déclaré", "-t-il", "-t-elle", "elle", "il", "que", "qu'", "selon",
            "«", "»", ",", ".", ":", "said", "Smith", "according", "to", "la", "procureure", "le",
            "procureur", "insistant", "sur", "s'est", "exprimée", "affirme", "Le", "crime", "\n",
            "denied", "dément", "a démenti", "told", "reporters", "hasn't", "Pour", "Me", "Sen.",
            "A.", "Jr.", "ce", "fait", "savoir", "quant", "à", "lui", "et", "annoncé", "—", "DENVER",
            "adding", "that", "ne", "pas", "Instagram", "Orchard's", "de", "Rennes", "the", "DA",
            "Short heading", "prosecutors", "conteste", "être", "jamais",
        ]), 0..60)) {
            let text = words.join(" ");
            let options = ExtractOptions {
                case_id: "t".to_owned(),
                parties: vec![
                    claimgraph::author::parse_party("p=Marie Dupont|prosecutors|the DA|le procureur").unwrap(),
                    claimgraph::author::parse_party("d=Smith|Orchard").unwrap(),
                ],
                ..ExtractOptions::default()
            };
            let extraction = extract(&text, &options);
            for claim in &extraction.claims {
                let locator = claim.locator.unwrap();
                prop_assert!(locator.end <= text.chars().count());
            }
            for sentence in &extraction.uncovered {
                prop_assert!(sentence.locator.end <= text.chars().count());
            }
        }
    }
}

/// The review order puts disputes a reader annotated near the top even when
/// the two sides share no word: with the bundled cases' annotations hidden,
/// `suggest --all` ranks at least half of their annotated contradictions in
/// its first 20 pairs (the similarity order this replaced ranked the seed's
/// four at 88, 117, 144 and 157, and Kennedy-Nixon's 3 of 11 in the top 20).
#[test]
fn hidden_annotated_contradictions_rank_in_the_top_twenty() {
    for (case, at_least) in [("durov-telegram", 2), ("kennedy-nixon-1960", 5)] {
        let dir = tempfile::tempdir().unwrap();
        let mut gold: Vec<BTreeSet<String>> = Vec::new();
        for entry in std::fs::read_dir(root().join("claims").join(case)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let mut doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            if let Some(annotations) = doc.get_mut("annotations") {
                for a in annotations.as_array().unwrap() {
                    if a["relation"] == "contradicts" {
                        gold.push(
                            a["claims"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|c| c.as_str().unwrap().to_owned())
                                .collect(),
                        );
                    }
                }
                *annotations = serde_json::json!([]);
            }
            std::fs::write(dir.path().join(path.file_name().unwrap()), doc.to_string()).unwrap();
        }
        let output = claimgraph()
            .args(["suggest", "--all", "--format", "json"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{case}");
        let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let list = doc["suggestions"]
            .as_array()
            .unwrap_or_else(|| doc.as_array().unwrap());
        let top: Vec<BTreeSet<String>> = list
            .iter()
            .take(20)
            .map(|s| {
                [&s["claim_a"], &s["claim_b"]]
                    .iter()
                    .map(|c| c.as_str().unwrap().to_owned())
                    .collect()
            })
            .collect();
        let found = gold.iter().filter(|g| top.contains(g)).count();
        assert!(
            found >= at_least,
            "{case}: {found} of {} annotated contradictions in the top 20",
            gold.len()
        );
        // Every suggestion says why it is where it is.
        assert!(
            list.iter()
                .all(|s| !s["reasons"].as_array().unwrap().is_empty())
        );
    }
}

/// `suggest --all` on a one-party case of four claims that share no word,
/// written to a scratch directory: the claims of `ids` in file order, each
/// with the locator in `locators` when given. Returns the listed pairs in
/// order, each with its reasons joined.
fn suggest_order(ids: &[&str], locators: Option<&[usize]>) -> Vec<(BTreeSet<String>, String)> {
    let texts = [
        "The bridge opens in May.",
        "Ticket prices doubled last winter.",
        "Farmers want more rain.",
        "Our school needs teachers.",
    ];
    let claims: Vec<serde_json::Value> = ids
        .iter()
        .zip(texts)
        .enumerate()
        .map(|(n, (id, text))| {
            let mut claim = serde_json::json!({
                "id": id, "party": "alice", "text": text, "source": "talk",
            });
            if let Some(starts) = locators {
                claim["locator"] = serde_json::json!({"start": starts[n], "end": starts[n] + 1});
            }
            claim
        })
        .collect();
    let case = serde_json::json!({
        "format": "claimgraph/1",
        "case": {"id": "order", "language": "en"},
        "parties": [{"id": "alice", "name": "Alice", "role": "other"}],
        "sources": [{"id": "talk", "title": "A talk"}],
        "claims": claims,
    });
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("case.json"), case.to_string()).unwrap();
    let output = claimgraph()
        .args(["suggest", "--all", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{ids:?}");
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    doc["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let pair = [&s["claim_a"], &s["claim_b"]]
                .iter()
                .map(|c| c.as_str().unwrap().to_owned())
                .collect();
            let reasons: Vec<&str> = s["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            (pair, reasons.join("; "))
        })
        .collect()
}

fn pair(a: &str, b: &str) -> BTreeSet<String> {
    [a.to_owned(), b.to_owned()].into()
}

/// Claims next to each other in their source are reviewed first, the lift
/// fading with the claims between them: the order is read from numbered
/// ids (the file lists them out of order) or from locators, and not from
/// the order of the file.
#[test]
fn suggest_lifts_claims_next_to_each_other_in_their_source() {
    // Numbered ids, listed out of their order: 30, 10, 40, 20.
    let listed = suggest_order(&["n30", "n10", "n40", "n20"], None);
    let pairs: Vec<&BTreeSet<String>> = listed.iter().map(|(p, _)| p).collect();
    assert_eq!(
        pairs[..3].iter().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([
            &pair("n10", "n20"),
            &pair("n20", "n30"),
            &pair("n30", "n40")
        ]),
        "{listed:?}"
    );
    assert!(
        listed[..3]
            .iter()
            .all(|(_, r)| r.contains("next to each other in their source"))
    );
    assert!(listed[3].1.contains("2 places apart") && listed[4].1.contains("2 places apart"));
    assert_eq!(pairs[5], &pair("n10", "n40"), "{listed:?}");
    assert!(listed[5].1.contains("3 places apart"));

    // Locators order the claims whatever their ids: d, b, a, c.
    let listed = suggest_order(&["a", "b", "c", "d"], Some(&[200, 100, 300, 0]));
    let top: BTreeSet<&BTreeSet<String>> = listed[..3].iter().map(|(p, _)| p).collect();
    assert_eq!(
        top,
        BTreeSet::from([&pair("b", "d"), &pair("a", "b"), &pair("a", "c")]),
        "{listed:?}"
    );

    // Ids without numbers, or numbers two claims share (numbered per
    // party), give no order: no pair is lifted, and ties fall to the ids.
    for ids in [["a", "b", "c", "d"], ["x-1", "y-1", "x-2", "y-2"]] {
        let listed = suggest_order(&ids, None);
        assert!(
            listed.iter().all(|(_, r)| !r.contains("source")),
            "{listed:?}"
        );
    }
}
