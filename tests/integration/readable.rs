//! Reports a reader understands: point titles derived from claims or set
//! by hand (and validated), figures in words instead of a bare weight, and
//! each side's standing with its reason.

use std::path::Path;

use claimgraph::report::{Format, key_phrase};
use claimgraph::{Options, Pipeline};
use serde_json::Value;

use crate::support::{bundled_cases, claimgraph, with_snapshots};

/// A case of two parties whose two claims share no content word, joined
/// only by an annotation, plus whatever `extra` adds at the top level.
fn write_case(dir: &Path, extra: &str) {
    let text = format!(
        r#"{{
  "format": "claimgraph/1",
  "case": {{"id": "t", "language": "en"}},
  "parties": [
    {{"id": "pros", "name": "Prosecution", "role": "prosecution"}},
    {{"id": "def", "name": "Defense", "role": "defense"}}
  ],
  "claims": [
    {{"id": "p1", "party": "pros", "text": "“The harbour master never answered our letters about the cargo.”"}},
    {{"id": "d1", "party": "def", "text": "Every request was handled within a week."}},
    {{"id": "d2", "party": "def", "text": "Nobody saw a ship leave at night."}}
  ],
  "annotations": [
    {{"claims": ["p1", "d1"], "relation": "contradicts", "note": "answered or not"}}
  ]{extra}
}}
"#
    );
    std::fs::write(dir.join("case.json"), text).unwrap();
}

fn json_report(dir: &Path, args: &[&str]) -> Value {
    let output = claimgraph()
        .arg("report")
        .arg(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn key_phrases_are_cut_at_a_word_and_lose_enclosing_quotes() {
    assert_eq!(
        key_phrase("« Elle n’a pas réagi. »", 72),
        "Elle n’a pas réagi"
    );
    assert_eq!(key_phrase("“It was done.”", 72), "It was done");
    // Inner quotation marks that do not enclose everything stay.
    assert_eq!(
        key_phrase("Telegram supprime « des messages » chaque jour.", 72),
        "Telegram supprime « des messages » chaque jour"
    );
    assert_eq!(
        key_phrase("It 's been done , incidentally .", 72),
        "It's been done, incidentally"
    );
    let long = key_phrase(
        "The administration of an online platform allegedly used by organised crime",
        40,
    );
    assert_eq!(long, "The administration of an online…");
    assert!(long.chars().count() <= 41);
    // One long word is cut inside it rather than left empty.
    assert_eq!(
        key_phrase(&"x".repeat(50), 10),
        format!("{}…", "x".repeat(10))
    );
}

#[test]
fn an_annotation_only_point_gets_a_title_from_its_claims() {
    let dir = tempfile::tempdir().unwrap();
    write_case(dir.path(), "");
    let report = json_report(dir.path(), &[]);
    let point = &report["disputed_points"][0];
    assert_eq!(point["terms"], serde_json::json!([]), "no shared term");
    assert_eq!(point["title_source"], "claims");
    let title = point["title"].as_str().unwrap();
    // Both claims have one contradiction; the first by id (d1) wins.
    assert_eq!(title, "Every request was handled within a week");
    let text = claimgraph().arg("report").arg(dir.path()).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("D1. Every request was handled within a week\n"),
        "{text}"
    );
    assert!(!text.contains("(weight"), "{text}");
    assert!(
        text.contains("  between Defense and Prosecution: 1 contradiction and 0 supports\n"),
        "{text}"
    );
}

#[test]
fn a_case_sets_a_title_by_naming_claims_of_the_point() {
    let dir = tempfile::tempdir().unwrap();
    write_case(
        dir.path(),
        r#",
  "points": [
    {"claims": ["d2"], "title": "A title for no disputed point"},
    {"claims": ["p1", "d1"], "title": "Did the harbour   master answer?"}
  ]"#,
    );
    let report = json_report(dir.path(), &[]);
    let point = &report["disputed_points"][0];
    assert_eq!(point["title"], "Did the harbour master answer?");
    assert_eq!(point["title_source"], "case");
    assert_eq!(report["disputed_points"].as_array().unwrap().len(), 1);
}

#[test]
fn point_titles_are_validated_at_their_position() {
    let dir = tempfile::tempdir().unwrap();
    write_case(
        dir.path(),
        r#",
  "points": [
    {"claims": ["p2"], "title": "Unknown claim"},
    {"claims": [], "title": "   "},
    {"claims": ["p1"], "title": "First"},
    {"claims": ["p1"], "title": "Second"}
  ]"#,
    );
    let output = claimgraph().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr)
        .unwrap()
        .replace(&dir.path().display().to_string(), "CASE");
    with_snapshots(|| insta::assert_snapshot!("readable_point_titles_invalid", stderr));
}

#[test]
fn every_bundled_point_has_a_readable_title() {
    for case in bundled_cases() {
        let pipeline = Pipeline::run(&case, Options::default()).unwrap();
        let report = pipeline.report().unwrap();
        for point in &report.disputed_points {
            assert!(!point.title.trim().is_empty(), "{}", point.id);
            assert_ne!(point.title, point.terms.join(", "), "a stem list");
            assert!(point.title.chars().count() <= 80, "{}", point.title);
            for side in point.sides.iter().filter(|s| !s.claims.is_empty()) {
                assert!(
                    side.standing_reason
                        .starts_with(&format!("{}: ", side.standing)),
                    "{side:?}"
                );
            }
        }
        let mut text = Vec::new();
        claimgraph::report::render(report, Format::Text { color: false }, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(!text.contains("(weight"), "{}", case.display());
    }
}

#[test]
fn standing_says_why_a_side_stands_or_falls() {
    let dir = tempfile::tempdir().unwrap();
    write_case(dir.path(), "");
    let report = json_report(dir.path(), &[]);
    for side in report["disputed_points"][0]["sides"].as_array().unwrap() {
        assert_eq!(side["standing"], "undecided");
        assert!(
            side["standing_reason"]
                .as_str()
                .unwrap()
                .starts_with("undecided: each side attacks the other"),
            "{side}"
        );
    }
    let report = json_report(dir.path(), &["--assume", "p1"]);
    let sides = report["disputed_points"][0]["sides"].as_array().unwrap();
    let side = |party: &str| sides.iter().find(|s| s["party"] == party).unwrap();
    assert_eq!(side("pros")["standing"], "stands");
    assert_eq!(
        side("pros")["standing_reason"],
        "stands: no undefeated claim attacks it"
    );
    assert_eq!(side("def")["standing"], "falls");
    assert_eq!(
        side("def")["standing_reason"],
        "falls: a claim of Prosecution that stands attacks it"
    );
    // The formal labels stay in the JSON.
    let status = |id: &str| {
        report["statuses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["claim"] == id)
            .unwrap()["acceptance"]
            .clone()
    };
    assert_eq!(status("p1"), "in");
    assert_eq!(status("d1"), "out");
}

fn render_bundled(format: Format, case: &Path) -> String {
    let pipeline = Pipeline::run(case, Options::default()).unwrap();
    let mut out = Vec::new();
    claimgraph::report::render(pipeline.report().unwrap(), format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn dot_and_graphml_draw_inferred_dashed_and_annotated_solid() {
    for case in bundled_cases() {
        let dot = render_bundled(Format::Dot, &case);
        let mut seen = (0, 0);
        for line in dot
            .lines()
            .filter(|l| l.contains(" -> ") && !l.contains("legend"))
        {
            if line.contains("provenance=\"inferred\"") {
                assert!(line.contains("style=dashed"), "{line}");
                seen.0 += 1;
            } else {
                assert!(line.contains("provenance=\"annotated\""), "{line}");
                assert!(line.contains("style=solid"), "{line}");
                seen.1 += 1;
            }
            assert!(!line.contains("label="), "no edge label: {line}");
        }
        assert!(seen.0 > 0 && seen.1 > 0, "{}: {seen:?}", case.display());

        let graphml = render_bundled(Format::Graphml, &case);
        let doc = roxmltree::Document::parse(&graphml).unwrap();
        let data = |edge: roxmltree::Node, key: &str| {
            edge.children()
                .find(|d| d.attribute("key") == Some(key))
                .and_then(|d| d.text())
                .map(str::to_owned)
        };
        let edges: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("edge"))
            .collect();
        assert!(!edges.is_empty());
        for edge in edges {
            let expected = match data(edge, "provenance").as_deref() {
                Some("inferred") => "dashed",
                Some("annotated") => "solid",
                other => panic!("provenance {other:?}"),
            };
            assert_eq!(data(edge, "line_style").as_deref(), Some(expected));
        }
    }
}

#[test]
fn one_legend_in_html_dot_and_graphml() {
    let case = crate::support::root().join("claims/durov-telegram");
    let html = render_bundled(Format::Html, &case);
    let dot = render_bundled(Format::Dot, &case);
    let graphml = render_bundled(Format::Graphml, &case);
    for (mark, meaning) in claimgraph::report::LEGEND {
        let line = format!("{mark}: {meaning}");
        let escaped = line.replace('\'', "&#x27;");
        assert!(
            html.contains(&format!("{escaped}.")) || html.contains(&format!("{line}.")),
            "html: {line}"
        );
        assert!(dot.contains(&format!("\\l{line}\\l")), "dot: {line}");
        assert!(
            graphml.contains(&escaped) || graphml.contains(&line),
            "graphml: {line}"
        );
    }
    // Dashes mean one thing: an inferred line. No box is dashed.
    for rect in html.split("<rect ").skip(1) {
        let rect = &rect[..rect.find('>').unwrap()];
        assert!(!rect.contains("dasharray"), "{rect}");
    }
    assert!(!html.contains("key box dashed"));
}
