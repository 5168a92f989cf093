//! `extract` scored against hand-written gold on the fixture articles in
//! `tests/authoring/articles/` (the seed article included): for each
//! article, how many gold statements were drafted, drafted under the right
//! party, how many denials kept their denying cue, and how many drafts
//! match no gold statement (spurious). The table is a snapshot, and the
//! floors below fail when extraction gets worse.

use std::collections::BTreeSet;
use std::path::PathBuf;

use claimgraph::author::extract::{ExtractOptions, PRESS_ID, extract};
use claimgraph::author::parse_party;
use claimgraph::model::Claim;
use claimgraph::text::normalize::fold;
use serde::Deserialize;

use crate::support::{root, with_snapshots};

/// One gold file: the `--party` arguments a user would give and the
/// statements the article reports.
#[derive(Debug, Deserialize)]
struct Gold {
    /// The article, relative to the repository root, when it is not the
    /// `.txt` beside the gold file.
    article: Option<String>,
    parties: Vec<String>,
    statements: Vec<Statement>,
}

#[derive(Debug, Deserialize)]
struct Statement {
    /// The statement, or its key phrase.
    text: String,
    party: String,
    /// `assert`, `deny` or `concede`.
    stance: String,
    /// For a denial or a concession: the cue word that carries the stance.
    cue: Option<String>,
}

/// The folded words of a text, longer than one character.
fn words(text: &str) -> BTreeSet<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_owned)
        .collect()
}

/// The share of `part`'s words that `whole` holds.
fn coverage(part: &str, whole: &str) -> f64 {
    let (p, w) = (words(part), words(whole));
    #[allow(clippy::cast_precision_loss)]
    let share = p.intersection(&w).count() as f64 / p.len().max(1) as f64;
    share
}

/// A draft holds a gold statement when it covers 60% of its words.
const MATCH: f64 = 0.6;

#[derive(Debug, Default, Clone, Copy)]
struct Row {
    statements: usize,
    drafted: usize,
    right_party: usize,
    denials: usize,
    denials_kept: usize,
    spurious: usize,
    drafts: usize,
}

fn fixtures(set: &str) -> Vec<(String, PathBuf)> {
    let dir = root().join("tests/authoring").join(set);
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .map(|p| {
            let name = p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .trim_end_matches(".gold.json")
                .to_owned();
            (name, p)
        })
        .collect();
    out.sort();
    out
}

fn score(name: &str, gold_path: &PathBuf) -> (Row, Vec<String>) {
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    let article_path = gold.article.as_ref().map_or_else(
        || gold_path.with_file_name(format!("{name}.txt")),
        |a| root().join(a),
    );
    let article = std::fs::read_to_string(&article_path).unwrap();
    let options = ExtractOptions {
        parties: gold
            .parties
            .iter()
            .map(|p| parse_party(p).unwrap())
            .collect(),
        language: None,
        case_id: name.to_owned(),
    };
    let drafts: Vec<Claim> = extract(&article, &options).claims;
    let mut row = Row {
        statements: gold.statements.len(),
        drafts: drafts.len(),
        ..Row::default()
    };
    let mut misses = Vec::new();
    for statement in &gold.statements {
        let matches: Vec<&Claim> = drafts
            .iter()
            .filter(|d| coverage(&statement.text, &d.text) >= MATCH)
            .collect();
        let right: Vec<&&Claim> = matches
            .iter()
            .filter(|d| d.party == statement.party)
            .collect();
        row.drafted += usize::from(!matches.is_empty());
        row.right_party += usize::from(!right.is_empty());
        if statement.stance == "deny" {
            row.denials += 1;
            let cue = fold(statement.cue.as_deref().unwrap_or_default());
            let kept = right.iter().any(|d| words(&d.text).contains(&cue));
            row.denials_kept += usize::from(kept);
            if !kept {
                misses.push(format!("  {name}: denial lost: {}", statement.text));
            }
        }
        if right.is_empty() {
            misses.push(format!(
                "  {name}: {} [{}]: {}",
                if matches.is_empty() {
                    "not drafted"
                } else {
                    "wrong party"
                },
                statement.party,
                statement.text
            ));
        }
    }
    for draft in drafts.iter().filter(|d| d.party != PRESS_ID) {
        let matched = gold.statements.iter().any(|s| {
            coverage(&s.text, &draft.text) >= MATCH || coverage(&draft.text, &s.text) >= MATCH
        });
        if !matched {
            row.spurious += 1;
            misses.push(format!(
                "  {name}: spurious [{}]: {}",
                draft.party, draft.text
            ));
        }
    }
    (row, misses)
}

/// The table of one fixture set, its totals and the misses.
fn table(set: &str) -> (String, Row, Vec<(String, Row)>, String) {
    let mut table = String::from(
        "| article | statements | drafted | right party | denials kept | spurious | drafts |\n|---|---|---|---|---|---|---|\n",
    );
    let mut total = Row::default();
    let mut rows = Vec::new();
    let mut misses = Vec::new();
    for (name, path) in fixtures(set) {
        let (row, miss) = score(&name, &path);
        table.push_str(&format!(
            "| {name} | {} | {} | {} | {}/{} | {} | {} |\n",
            row.statements,
            row.drafted,
            row.right_party,
            row.denials_kept,
            row.denials,
            row.spurious,
            row.drafts
        ));
        total.statements += row.statements;
        total.drafted += row.drafted;
        total.right_party += row.right_party;
        total.denials += row.denials;
        total.denials_kept += row.denials_kept;
        total.spurious += row.spurious;
        total.drafts += row.drafts;
        rows.push((name, row));
        misses.extend(miss);
    }
    table.push_str(&format!(
        "| all ({} articles) | {} | {} | {} ({:.2}) | {}/{} | {} | {} |\n",
        rows.len(),
        total.statements,
        total.drafted,
        total.right_party,
        rate(&total),
        total.denials_kept,
        total.denials,
        total.spurious,
        total.drafts
    ));
    (table, total, rows, misses.join("\n"))
}

fn rate(row: &Row) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let rate = row.right_party as f64 / row.statements.max(1) as f64;
    rate
}

#[test]
fn extract_figures_on_the_fixture_articles() {
    let (table, total, rows, misses) = table("articles");
    println!("{table}\n{misses}");
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_fixture_figures", table));
    assert!(rows.len() >= 12, "{table}");
    // The targets of the issue: 80% of statements under the right party,
    // every denial kept, at most one spurious draft per article.
    assert!(rate(&total) >= 0.8, "{table}\n{misses}");
    assert_eq!(total.denials_kept, total.denials, "{table}\n{misses}");
    for (name, row) in &rows {
        assert!(row.spurious <= 1, "{name}: {table}\n{misses}");
    }
}

/// Articles written after the extractor, never used to tune it.
#[test]
fn extract_figures_on_held_out_articles() {
    let (table, total, _, misses) = table("held-out");
    println!("{table}\n{misses}");
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_held_out_figures", table));
    // A floor below the fixture targets: these articles were not seen.
    assert!(rate(&total) >= 0.6, "{table}\n{misses}");
}

/// Extracts `article` into a scratch case with `parties`, then asks
/// `explain` about the first claim of `asserter` and the first of `denier`.
fn extract_and_explain(article: &str, parties: &[&str], asserter: &str, denier: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), article).unwrap();
    let mut extract = crate::support::claimgraph();
    extract
        .current_dir(dir.path())
        .args(["extract", "article.txt", "-o", "case"]);
    for party in parties {
        extract.args(["--party", party]);
    }
    let out = extract.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claims: claimgraph::model::ClaimFile = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("case/claims.json")).unwrap(),
    )
    .unwrap();
    let first = |party: &str| {
        claims
            .claims
            .iter()
            .find(|c| c.party == party)
            .map(|c| c.id.clone())
            .unwrap()
    };
    let (a, b) = (first(asserter), first(denier));
    let explain = crate::support::claimgraph()
        .current_dir(dir.path())
        .args(["explain", "case", &a, &b])
        .output()
        .unwrap();
    let trace = String::from_utf8_lossy(&explain.stdout).into_owned();
    let mut shown = String::new();
    for claim in &claims.claims {
        shown.push_str(&format!("{} [{}] {}\n", claim.id, claim.party, claim.text));
    }
    let verdict: Vec<&str> = trace
        .lines()
        .filter(|l| l.starts_with("inferred:") || l.contains("[x] polarity."))
        .collect();
    format!("{shown}\n{}\n", verdict.join("\n"))
}

/// A claim drafted under a denying cue keeps the cue in its text, so that
/// the bundled rules see "X denied Y" and "Y" as a contradiction (see
/// `claims/README.md`, "Drafted denials").
#[test]
fn a_drafted_denial_contradicts_the_denied_claim() {
    let english = extract_and_explain(
        "Mistrial motion in Denver\n\nDefense attorney Tamara Brady said prosecutors told two witnesses their statements would be changed. District Attorney George Brauchler denied that prosecutors told the witnesses their statements would be changed.\n",
        &[
            "prosecution=George Brauchler|prosecutors",
            "defense=Tamara Brady",
        ],
        "defense",
        "prosecution",
    );
    let french = extract_and_explain(
        "Dopage : l'athlète conteste\n\nSon avocat, Me Julien Kessler, a affirmé que l'échantillon B avait été ouvert sans expert de la défense. L'agence a démenti que l'échantillon B avait été ouvert sans expert de la défense.\n",
        &["durand=Julien Kessler", "afld=AFLD|l'agence"],
        "durand",
        "afld",
    );
    for text in [&english, &french] {
        assert!(text.contains(" contradicts "), "{text}");
    }
    with_snapshots(|| {
        insta::assert_snapshot!("authoring_extract_denial_en", english);
        insta::assert_snapshot!("authoring_extract_denial_fr", french);
    });
}

/// The second held-out round, written after the fixes the first one led
/// to.
#[test]
fn extract_figures_on_unseen_articles() {
    let (table, total, _, misses) = table("unseen");
    println!("{table}\n{misses}");
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_unseen_figures", table));
    assert!(rate(&total) >= 0.6, "{table}\n{misses}");
}

/// The third held-out round: four articles written at the start of the
/// second round of issue 16, before its tuning, and not read while
/// tuning. Their figures are the honest measure of that round.
#[test]
fn extract_figures_on_fresh_articles() {
    let (table, total, rows, misses) = table("fresh");
    println!("{table}\n{misses}");
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_fresh_figures", table));
    assert_eq!(rows.len(), 4, "{table}");
    assert!(rate(&total) >= 0.6, "{table}\n{misses}");
}
