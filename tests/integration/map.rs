//! The dispute map stays legible on a crowded point: 50 claims, 4 parties
//! and 15 contradictions in one disputed point (`tests/cases/crowded`, a
//! synthetic case). Boxes never overlap, every line has its own port on a
//! box, a line between columns that are not neighbours never crosses a box,
//! text is wrapped (the full text on hover), and no box is dashed.

use claimgraph::report;
use claimgraph::{Options, Pipeline};

use crate::support::root;

fn crowded_svg() -> (claimgraph::Report, String) {
    let report = Pipeline::run(&root().join("tests/cases/crowded"), Options::default())
        .expect("loads")
        .into_report()
        .expect("report");
    let mut svg = Vec::new();
    report::svg::render(&report, &mut svg).expect("renders");
    (report, String::from_utf8(svg).expect("utf-8"))
}

fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .expect("attribute")
        .parse()
        .expect("number")
}

/// The points of a path's `d`: every coordinate pair, in order.
fn points(d: &str) -> Vec<(f64, f64)> {
    d.split(|c: char| c.is_ascii_alphabetic() || c == ' ')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (x, y) = p.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect()
}

#[test]
fn the_crowded_case_is_one_point_of_four_parties_and_fifteen_contradictions() {
    let (report, _) = crowded_svg();
    assert_eq!(report.claims.len(), 50);
    assert_eq!(report.parties.len(), 4);
    let point = &report.disputed_points[0];
    assert_eq!(point.title, "Who kept the harbour safe?");
    let contradictions = point
        .edges
        .iter()
        .filter(|id| report.edge(id).is_some_and(|e| e.relation == "contradicts"))
        .count();
    assert_eq!(contradictions, 15);
    assert_eq!(
        point.sides.iter().filter(|s| !s.claims.is_empty()).count(),
        4
    );
}

#[test]
fn the_crowded_map_keeps_boxes_apart_and_lines_on_their_own_ports() {
    let (report, svg) = crowded_svg();
    let document = roxmltree::Document::parse(&svg).expect("parses");
    let mut boxes = Vec::new();
    for node in document
        .descendants()
        .filter(|n| n.attribute("class") == Some("node"))
    {
        let rect = node
            .children()
            .find(|c| c.has_tag_name("rect"))
            .expect("a box");
        assert!(rect.attribute("stroke-dasharray").is_none(), "a dashed box");
        let b = (
            number(rect, "x"),
            number(rect, "y"),
            number(rect, "width"),
            number(rect, "height"),
        );
        // The text is wrapped, never cut to two lines; the whole of it is
        // in the box's title.
        let lines: Vec<&str> = node
            .children()
            .filter(|c| c.attribute("class") == Some("node-text"))
            .filter_map(|c| c.text())
            .collect();
        assert!((1..=4).contains(&lines.len()), "{lines:?}");
        for line in &lines {
            assert!(line.chars().count() <= 36, "line too long: {line}");
            // At 6.4 px a character, every line fits its box.
            #[allow(clippy::cast_precision_loss)]
            let drawn = line.chars().count() as f64 * 6.4;
            assert!(drawn <= b.2 - 12.0, "{line} overflows its box");
        }
        let title = node
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .expect("a title");
        let (id, text) = title.split_once(": ").expect("id: text");
        assert_eq!(report.claim(id).expect("claim").text, text);
        if !lines.last().unwrap().ends_with('…') {
            assert_eq!(lines.join(" "), text, "all the text is shown");
        }
        boxes.push(b);
    }
    assert_eq!(boxes.len(), 22, "the point's 12 members and 10 supporters");
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart =
                a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
            assert!(apart, "overlapping claim boxes {a:?} and {b:?}");
        }
    }
    let inside = |x: f64, y: f64| {
        boxes
            .iter()
            .any(|b| x > b.0 + 1.0 && x < b.0 + b.2 - 1.0 && y > b.1 + 1.0 && y < b.1 + b.3 - 1.0)
    };
    let mut ends: Vec<(i64, i64)> = Vec::new();
    let paths: Vec<_> = document
        .descendants()
        .filter(|n| {
            n.has_tag_name("path") && n.attribute("class").is_some_and(|c| c.starts_with("edge"))
        })
        .collect();
    assert_eq!(paths.len(), 25, "15 contradictions and 10 supports");
    for path in paths {
        let points = points(path.attribute("d").expect("d"));
        let (first, last) = (points[0], points[points.len() - 1]);
        #[allow(clippy::cast_possible_truncation)]
        ends.extend([first, last].map(|(x, y)| ((x * 10.0) as i64, (y * 10.0) as i64)));
        // A polyline (a line in a lane) turns only in gaps and lanes.
        if path.attribute("d").expect("d").contains('L') {
            for &(x, y) in &points {
                assert!(!inside(x, y), "a lane line turns inside a box at {x},{y}");
            }
            for pair in points.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                for t in 1..20 {
                    let t = f64::from(t) / 20.0;
                    let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                    assert!(!inside(x, y), "a lane line crosses a box at {x},{y}");
                }
            }
        }
    }
    let mut unique = ends.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ends.len(), "two lines share a port");
}

#[test]
fn four_columns_show_readable_lines() {
    let (_, svg) = crowded_svg();
    let document = roxmltree::Document::parse(&svg).expect("parses");
    let longest = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("node-text"))
        .filter_map(|n| n.text())
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0);
    // Four parties used to leave about 25 characters a box line.
    assert!(longest >= 30, "longest line {longest}");
}
