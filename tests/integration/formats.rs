//! The HTML, DOT, GraphML and AIF formats: snapshots for every bundled
//! case, and the hostile case (`tests/hostile/`) rendered in every format
//! without a single payload surviving as markup.

use claimgraph::report::{self, Format};
use claimgraph::{Options, Pipeline};

use crate::support::{bundled_cases, root, with_snapshots};

const FORMATS: &[(&str, Format)] = &[
    ("html", Format::Html),
    ("dot", Format::Dot),
    ("graphml", Format::Graphml),
    ("aif", Format::Aif),
];

fn render(pipeline: &Pipeline, format: Format) -> String {
    let mut out = Vec::new();
    report::render(pipeline.report().unwrap(), format, &mut out).expect("renders");
    String::from_utf8(out).expect("utf-8")
}

fn hostile() -> Pipeline {
    Pipeline::run(&root().join("tests/hostile"), Options::default()).expect("hostile case loads")
}

#[test]
fn every_graph_format_of_every_case() {
    for case in bundled_cases() {
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let pipeline = Pipeline::run(&case, Options::default()).expect("bundled case loads");
        with_snapshots(|| {
            for (format_name, format) in FORMATS {
                insta::assert_snapshot!(
                    format!("report_{name}_{format_name}"),
                    render(&pipeline, *format)
                );
            }
        });
    }
}

#[test]
fn rendering_is_deterministic() {
    for case in bundled_cases() {
        for (_, format) in FORMATS {
            let first = render(
                &Pipeline::run(&case, Options::default()).expect("loads"),
                *format,
            );
            let second = render(
                &Pipeline::run(&case, Options::default()).expect("loads"),
                *format,
            );
            assert_eq!(first, second);
        }
    }
}

/// Every claim-file string that reaches the HTML page is escaped: no
/// payload of the hostile case survives as a tag, an attribute or a link.
#[test]
fn html_escapes_hostile_text() {
    let html = render(&hostile(), Format::Html);
    for needle in [
        "<script>document",
        "<img src=x",
        "<svg onload",
        "<iframe",
        "</style><style>",
        "onerror=\"",
        "onmouseover=\"",
        "href=\"javascript:",
        "href=\"data:text",
        "href=\"  JaVaScRiPt",
        "<b>",
        "<i>",
    ] {
        assert!(
            !html.contains(needle),
            "hostile text escaped badly: {needle}"
        );
    }
    // The one script is ours, and it is pinned by the policy.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains(&format!("script-src '{}'", report::html::SCRIPT_HASH)));
    assert!(html.contains("default-src 'none'"));
    // Payloads are shown, as text.
    assert!(html.contains("&lt;script&gt;document.documentElement.setAttribute("));
    assert!(html.contains("&lt;img src=x onerror="));
    // The only external link is the https one, escaped inside its attribute.
    let external: Vec<&str> = html
        .match_indices("href=\"")
        .map(|(i, _)| &html[i + 6..])
        .filter(|rest| !rest.starts_with('#') && !rest.starts_with("data:,\""))
        .collect();
    assert!(!external.is_empty());
    for link in external {
        assert!(
            link.starts_with("https:"),
            "unexpected link {}",
            &link[..40]
        );
    }
}

#[test]
fn the_svg_map_and_graphml_are_well_formed_xml() {
    let mut pipelines = vec![hostile()];
    for case in bundled_cases() {
        pipelines.push(Pipeline::run(&case, Options::default()).expect("loads"));
    }
    for pipeline in &pipelines {
        let graphml = render(pipeline, Format::Graphml);
        let document = roxmltree::Document::parse(&graphml).expect("graphml parses");
        let nodes = document
            .descendants()
            .filter(|n| n.has_tag_name("node"))
            .count();
        let edges = document
            .descendants()
            .filter(|n| n.has_tag_name("edge"))
            .count();
        assert_eq!(nodes, pipeline.report().unwrap().claims.len());
        assert_eq!(edges, pipeline.report().unwrap().edges.len());

        let mut svg = Vec::new();
        report::svg::render(pipeline.report().unwrap(), &mut svg).expect("renders");
        let svg = String::from_utf8(svg).expect("utf-8");
        let document = roxmltree::Document::parse(&svg).expect("svg parses");
        let bands = document
            .descendants()
            .filter(|n| n.attribute("class") == Some("band"))
            .count();
        assert_eq!(bands, pipeline.report().unwrap().disputed_points.len());
    }
}

#[test]
fn graphml_keeps_party_relation_and_provenance() {
    let pipeline =
        Pipeline::run(&root().join("claims/durov-telegram"), Options::default()).expect("loads");
    let graphml = render(&pipeline, Format::Graphml);
    let document = roxmltree::Document::parse(&graphml).expect("parses");
    let data = |key: &str| {
        document
            .descendants()
            .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some(key))
            .count()
    };
    assert_eq!(data("party"), pipeline.report().unwrap().claims.len());
    assert_eq!(data("relation"), pipeline.report().unwrap().edges.len());
    assert_eq!(data("provenance"), pipeline.report().unwrap().edges.len());
}

/// `dot -Tsvg` accepts the DOT output of every case, hostile text included.
/// Skipped when Graphviz is not installed, unless CI asks for it with
/// `CLAIMGRAPH_REQUIRE_TOOLS=1`.
#[test]
fn dot_renders_with_graphviz() {
    if !crate::support::tool_available("dot", &["-V"]) {
        return;
    }
    let mut pipelines = vec![("hostile".to_owned(), hostile())];
    for case in bundled_cases() {
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        pipelines.push((
            name,
            Pipeline::run(&case, Options::default()).expect("loads"),
        ));
    }
    for (name, pipeline) in &pipelines {
        let dot = render(pipeline, Format::Dot);
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("dot starts");
        {
            use std::io::Write as _;
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(dot.as_bytes()).expect("writes");
        }
        let output = child.wait_with_output().expect("dot runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{name}: dot failed: {stderr}");
        assert!(stderr.trim().is_empty(), "{name}: dot warned: {stderr}");
        let svg = String::from_utf8_lossy(&output.stdout);
        assert!(svg.contains("<svg"), "{name}: no svg");
        assert!(
            !svg.contains("<script"),
            "{name}: script in the rendered svg"
        );
    }
}

/// A case of 50 claims from three parties, with a dozen disputed points.
fn fifty_claims() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let words = [
        "the",
        "company",
        "paid",
        "fine",
        "warehouse",
        "empty",
        "may",
        "report",
        "council",
        "budget",
        "school",
        "opened",
        "closed",
        "police",
        "arrived",
        "late",
        "contract",
    ];
    let parties = ["p", "d", "w"];
    let mut claims = Vec::new();
    let mut by_party: Vec<Vec<String>> = vec![Vec::new(); 3];
    for i in 0..50_usize {
        let party = i % 3;
        let id = format!("{}{i:02}", parties[party]);
        let length = 6 + (i * 7) % 25;
        let text: Vec<&str> = (0..length)
            .map(|k| words[(i * 5 + k * 3) % words.len()])
            .collect();
        claims.push(serde_json::json!({"id": id, "party": parties[party], "text": text.join(" ")}));
        by_party[party].push(id);
    }
    let mut annotations = Vec::new();
    for k in 0..12 {
        let (a, b) = (&by_party[0][k], &by_party[1][k]);
        annotations.push(serde_json::json!({"claims": [a, b], "relation": "contradicts"}));
        if k < 8 {
            annotations
                .push(serde_json::json!({"claims": [&by_party[2][k], b], "relation": "supports"}));
        }
        if k < 4 {
            annotations.push(
                serde_json::json!({"claims": [&by_party[0][12 + k], a], "relation": "supports"}),
            );
        }
    }
    let case = serde_json::json!({
        "format": "claimgraph/1",
        "case": {"id": "fifty", "language": "en"},
        "parties": [
            {"id": "p", "name": "Prosecution office", "role": "prosecution"},
            {"id": "d", "name": "Defense counsel", "role": "defense"},
            {"id": "w", "name": "Witness Martin", "role": "witness"}
        ],
        "claims": claims,
        "annotations": annotations,
    });
    std::fs::write(dir.path().join("case.json"), case.to_string()).expect("writes");
    dir
}

/// At 50 claims the map keeps every claim box apart, inside the drawing,
/// with its text on at most four short lines.
#[test]
fn the_map_stays_legible_at_fifty_claims() {
    let dir = fifty_claims();
    let pipeline = Pipeline::run(dir.path(), Options::default()).expect("loads");
    assert!(pipeline.report().unwrap().disputed_points.len() >= 10);
    let mut svg = Vec::new();
    report::svg::render(pipeline.report().unwrap(), &mut svg).expect("renders");
    let svg = String::from_utf8(svg).expect("utf-8");
    let document = roxmltree::Document::parse(&svg).expect("parses");
    let number = |node: roxmltree::Node<'_, '_>, name: &str| -> f64 {
        node.attribute(name)
            .expect("attribute")
            .parse()
            .expect("number")
    };
    let root = document.root_element();
    let (width, height) = (number(root, "width"), number(root, "height"));
    let mut boxes = Vec::new();
    for node in document
        .descendants()
        .filter(|n| n.attribute("class") == Some("node"))
    {
        let rect = node
            .children()
            .find(|c| c.has_tag_name("rect"))
            .expect("a box");
        let (x, y) = (number(rect, "x"), number(rect, "y"));
        let (w, h) = (number(rect, "width"), number(rect, "height"));
        assert!(x >= 0.0 && y >= 0.0 && x + w <= width && y + h <= height);
        let lines: Vec<&str> = node
            .children()
            .filter(|c| c.attribute("class") == Some("node-text"))
            .filter_map(|c| c.text())
            .collect();
        // Up to four wrapped lines; the rest is on hover and in the list.
        assert!((1..=4).contains(&lines.len()));
        for line in lines {
            assert!(line.chars().count() <= 70, "line too long: {line}");
        }
        boxes.push((x, y, w, h));
    }
    let drawn: usize = pipeline
        .report()
        .unwrap()
        .disputed_points
        .iter()
        .flat_map(|p| &p.sides)
        .map(|s| s.claims.len() + s.supporting.len())
        .sum();
    assert_eq!(boxes.len(), drawn);
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart =
                a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
            assert!(apart, "overlapping claim boxes {a:?} and {b:?}");
        }
    }
    // Three columns fit a page without shrinking.
    assert!(width <= 1200.0, "map is {width} wide");
}

#[test]
fn graphml_keeps_distinct_ids_distinct() {
    // The loader refuses these ids now, but a report can be read from JSON
    // (diff does): GraphML must still not merge two nodes. Characters XML
    // forbids used to become U+FFFD, so "x\u{fffe}" and "x\u{fffd}" were one
    // node id.
    let pipeline =
        Pipeline::run(&root().join("claims/durov-telegram"), Options::default()).expect("loads");
    let mut report = pipeline.report().unwrap().clone();
    report.claims[0].id = "x\u{fffe}".to_owned();
    report.claims[1].id = "x\u{fffd}".to_owned();
    report.claims[2].id = "x\\u{fffe}".to_owned();
    let mut out = Vec::new();
    report::render(&report, Format::Graphml, &mut out).expect("renders");
    let graphml = String::from_utf8(out).expect("utf-8");
    let document = roxmltree::Document::parse(&graphml).expect("parses");
    let ids: std::collections::BTreeSet<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert_eq!(ids.len(), report.claims.len(), "{ids:?}");
}
