//! The dispute map: an SVG drawing, made by claimgraph itself, that the
//! HTML report inlines.
//!
//! Parties are columns and claims are nodes. Each disputed point is a
//! horizontal band; inside a band every party's claims are stacked in its
//! column, the claims in contradiction drawn solid and the supporting ones
//! dashed. Contradictions are red lines and supports green arrows. The
//! layout is a plain grid computed from the report, so it is deterministic,
//! needs no layout engine, and stays legible at 50 claims: the drawing grows
//! downwards, one row per claim, and never shrinks its text.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::escape::{markup, shorten};
use super::{Report, ReportParty, ReportPoint};

/// Colour of contradictions.
pub const CONTRADICTS_COLOUR: &str = "#c62828";
/// Colour of supports.
pub const SUPPORTS_COLOUR: &str = "#2e7d32";

/// Party colours, chosen far from the red and green of the edges.
const PALETTE: &[&str] = &[
    "#1f5fa8", "#6a3d9a", "#b35806", "#00838f", "#795548", "#ad1457", "#455a64", "#827717",
];

/// The width the map aims for, so that it fits the page without scrolling.
const MAP_W: f64 = 1000.0;
const LABEL_W: f64 = 84.0;
const HEADER_H: f64 = 58.0;
const NODE_H: f64 = 52.0;
const NODE_GAP: f64 = 14.0;
const BAND_PAD: f64 = 18.0;
const BAND_GAP: f64 = 10.0;
const CHAR_W: f64 = 6.4;

/// The colour of the party at `index` in [`Report::parties`].
#[must_use]
pub fn party_colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// Parties in the order reports show them: the accusing side first, then
/// the answering side, then witnesses, the press and others; ties by id.
/// Each comes with its index in [`Report::parties`].
#[must_use]
pub fn party_order(report: &Report) -> Vec<(usize, &ReportParty)> {
    let rank = |role: &str| match role {
        "prosecution" => 0,
        "plaintiff" => 1,
        "defense" => 2,
        "witness" => 3,
        "press" => 4,
        _ => 5,
    };
    let mut parties: Vec<(usize, &ReportParty)> = report.parties.iter().enumerate().collect();
    parties.sort_by(|(_, a), (_, b)| rank(&a.role).cmp(&rank(&b.role)).then(a.id.cmp(&b.id)));
    parties
}

/// Where a claim sits in the drawing.
#[derive(Clone, Copy)]
struct Slot {
    x: f64,
    y: f64,
}

/// Renders the dispute map as an inline `<svg>` element. Claim nodes link
/// to `#c-N`, the claim's row in the HTML report (N its index in
/// [`Report::claims`]).
///
/// # Errors
/// When the writer fails.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let involved: Vec<&str> = {
        let mut ids: Vec<&str> = report
            .disputed_points
            .iter()
            .flat_map(|p| p.sides.iter().map(|s| s.party.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let columns: Vec<(usize, &ReportParty)> = party_order(report)
        .into_iter()
        .filter(|(_, p)| involved.binary_search(&p.id.as_str()).is_ok())
        .collect();
    let n_cols = columns.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let col_w = ((MAP_W - LABEL_W - 24.0) / n_cols as f64).clamp(220.0, 460.0);
    let node_w = col_w - 64.0;
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let chars_per_line = ((node_w - 16.0) / CHAR_W) as usize;
    #[allow(clippy::cast_precision_loss)]
    let width = LABEL_W + col_w * n_cols as f64 + 24.0;
    let column_of: BTreeMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(k, (_, p))| (p.id.as_str(), k))
        .collect();

    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let heading_chars = ((col_w - 12.0) / 8.8) as usize;
    let mut body = String::new();
    let mut y = HEADER_H;
    for (k, (colour_idx, party)) in columns.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = LABEL_W + col_w * k as f64 + col_w / 2.0;
        let _ = write!(
            body,
            r#"<text class="col-head" x="{x:.1}" y="22" text-anchor="middle" fill="{colour}">{name}</text><text class="col-role" x="{x:.1}" y="40" text-anchor="middle">{role}</text>"#,
            colour = party_colour(*colour_idx),
            name = markup(&shorten(&party.name, heading_chars)),
            role = markup(&party.role),
        );
    }
    if report.disputed_points.is_empty() {
        let _ = write!(
            body,
            r#"<text class="empty" x="{:.1}" y="{:.1}" text-anchor="middle">No disputed points.</text>"#,
            width / 2.0,
            y + 30.0
        );
        y += 60.0;
    }
    for (band_idx, point) in report.disputed_points.iter().enumerate() {
        let (band, height) = band(
            report,
            point,
            &column_of,
            &columns,
            Geometry {
                top: y,
                width,
                col_w,
                node_w,
                chars_per_line,
                shaded: band_idx % 2 == 0,
            },
        );
        body.push_str(&band);
        y += height + BAND_GAP;
    }
    let height = y + 4.0;
    writeln!(
        out,
        r#"<svg class="dispute-map" xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="map-title">"#
    )?;
    writeln!(
        out,
        r#"<title id="map-title">Dispute map: parties as columns, claims as boxes, one band per disputed point; red lines are contradictions, green arrows supports</title>"#
    )?;
    writeln!(
        out,
        r#"<defs><marker id="arrow-supports" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{SUPPORTS_COLOUR}"/></marker></defs>"#
    )?;
    out.write_all(body.as_bytes())?;
    writeln!(out)?;
    writeln!(out, "</svg>")
}

struct Geometry {
    top: f64,
    width: f64,
    col_w: f64,
    node_w: f64,
    chars_per_line: usize,
    shaded: bool,
}

/// Draws one band; returns its markup and height.
fn band(
    report: &Report,
    point: &ReportPoint,
    column_of: &BTreeMap<&str, usize>,
    columns: &[(usize, &ReportParty)],
    geometry: Geometry,
) -> (String, f64) {
    let Geometry {
        top,
        width,
        col_w,
        node_w,
        chars_per_line,
        shaded,
    } = geometry;
    let mut slots: BTreeMap<&str, Slot> = BTreeMap::new();
    let mut nodes = String::new();
    let mut rows = 1;
    for side in &point.sides {
        let Some(&col) = column_of.get(side.party.as_str()) else {
            continue;
        };
        let claims = side
            .claims
            .iter()
            .map(|c| (c, false))
            .chain(side.supporting.iter().map(|c| (c, true)));
        let mut row = 0;
        for (claim_id, supporting) in claims {
            if slots.contains_key(claim_id.as_str()) {
                continue;
            }
            #[allow(clippy::cast_precision_loss)]
            let x = LABEL_W + col_w * col as f64 + (col_w - node_w) / 2.0;
            #[allow(clippy::cast_precision_loss)]
            let y = top + BAND_PAD + row as f64 * (NODE_H + NODE_GAP);
            slots.insert(claim_id.as_str(), Slot { x, y });
            // A claim is drawn in its own party's colour, even when it
            // supports another party's side.
            let colour = report
                .claim(claim_id)
                .and_then(|c| report.parties.iter().position(|p| p.id == c.party))
                .map_or(party_colour(columns[col].0), party_colour);
            node(
                report,
                claim_id,
                supporting,
                colour,
                (x, y, node_w),
                chars_per_line,
                &mut nodes,
            );
            row += 1;
        }
        rows = rows.max(row);
    }
    #[allow(clippy::cast_precision_loss)]
    let height = BAND_PAD * 2.0 + rows as f64 * (NODE_H + NODE_GAP) - NODE_GAP;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<g class="band" id="map-{id}"><rect x="0" y="{top:.1}" width="{width:.1}" height="{height:.1}" rx="6" fill="{fill}"/><a href="#{id}"><text class="band-label" x="{lx:.1}" y="{ly:.1}" text-anchor="middle">{id}</text></a><text class="band-weight" x="{lx:.1}" y="{wy:.1}" text-anchor="middle">{contradictions} contra.</text>"##,
        id = markup(&point.id),
        fill = if shaded { "#f3f1ec" } else { "#faf9f6" },
        lx = LABEL_W / 2.0,
        ly = top + 30.0,
        wy = top + 46.0,
        contradictions = point
            .edges
            .iter()
            .filter_map(|id| report.edge(id))
            .filter(|e| e.relation == "contradicts")
            .count(),
    );
    for edge_id in &point.edges {
        let Some(edge) = report.edge(edge_id) else {
            continue;
        };
        let (Some(&from), Some(&to)) = (slots.get(edge.from.as_str()), slots.get(edge.to.as_str()))
        else {
            continue;
        };
        let contradicts = edge.relation == "contradicts";
        let path = connector(from, to, node_w);
        let (colour, extra) = if contradicts {
            (CONTRADICTS_COLOUR, r#" stroke-width="2.6""#)
        } else {
            (
                SUPPORTS_COLOUR,
                r#" stroke-width="2" marker-end="url(#arrow-supports)""#,
            )
        };
        let dashed = if edge.provenance_kind() == "inferred" {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            svg,
            r#"<path class="edge {relation}" d="{path}" fill="none" stroke="{colour}"{extra}{dashed}><title>{from} {relation} {to}</title></path>"#,
            relation = markup(&edge.relation),
            from = markup(&edge.from),
            to = markup(&edge.to),
        );
    }
    svg.push_str(&nodes);
    svg.push_str("</g>");
    (svg, height)
}

fn node(
    report: &Report,
    claim_id: &str,
    supporting: bool,
    colour: &str,
    (x, y, node_w): (f64, f64, f64),
    chars_per_line: usize,
    svg: &mut String,
) {
    let Some(index) = report.claim_index(claim_id) else {
        return;
    };
    let claim = &report.claims[index];
    let lines = two_lines(&claim.text, chars_per_line);
    // A supporting claim has a thin border on a tinted box; dashes mean
    // only one thing on the map: an inferred line.
    let fill = if supporting { "#f6f6f4" } else { "#ffffff" };
    let _ = write!(
        svg,
        r##"<a href="#c-{index}" class="node"><title>{id}: {text}</title><rect x="{x:.1}" y="{y:.1}" width="{node_w:.1}" height="{NODE_H:.1}" rx="5" fill="{fill}" stroke="{colour}" stroke-width="{sw}"/><rect x="{x:.1}" y="{y:.1}" width="5" height="{NODE_H:.1}" rx="2" fill="{colour}"/><text class="node-id" x="{tx:.1}" y="{y1:.1}">{id_short}</text>"##,
        id = markup(&claim.id),
        text = markup(&claim.text),
        sw = if supporting { "1" } else { "2.5" },
        tx = x + 12.0,
        y1 = y + 15.0,
        id_short = markup(&shorten(&claim.id, chars_per_line)),
    );
    for (k, line) in lines.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let ly = y + 31.0 + 14.0 * k as f64;
        let _ = write!(
            svg,
            r#"<text class="node-text" x="{:.1}" y="{ly:.1}">{}</text>"#,
            x + 12.0,
            markup(line)
        );
    }
    svg.push_str("</a>");
}

/// A path between two nodes: a curve between facing sides when the claims
/// are in different columns, a loop on the right when in the same column.
fn connector(from: Slot, to: Slot, node_w: f64) -> String {
    let mid = NODE_H / 2.0;
    if (from.x - to.x).abs() < 1.0 {
        // Loops attach below the middle, which contradictions use.
        let x = from.x + node_w;
        let low = NODE_H * 0.75;
        let (y1, y2) = (from.y + low, to.y + low);
        let bulge = 18.0 + ((y2 - y1).abs() / 6.0).min(14.0);
        return format!(
            "M{x:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {:.1},{y2:.1}",
            x + bulge,
            x + bulge,
            x + 2.0
        );
    }
    let (x1, x2) = if from.x < to.x {
        (from.x + node_w, to.x - 2.0)
    } else {
        (from.x, to.x + node_w + 2.0)
    };
    let (y1, y2) = (from.y + mid, to.y + mid);
    let dx = (x2 - x1) / 2.0;
    format!(
        "M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}",
        x1 + dx,
        x2 - dx
    )
}

/// The text on at most two lines of `width` characters, the second ending
/// with an ellipsis when the text is longer.
fn two_lines(text: &str, width: usize) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut first = String::new();
    let mut rest = 0;
    for (k, word) in words.iter().enumerate() {
        let len = first.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            rest = k;
            break;
        }
        if len > 0 {
            first.push(' ');
        }
        first.push_str(word);
        rest = k + 1;
    }
    let mut lines = vec![shorten(&first, width)];
    if rest < words.len() {
        lines.push(shorten(&words[rest..].join(" "), width));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::two_lines;

    #[test]
    fn two_lines_at_most() {
        assert_eq!(two_lines("a b c", 10), vec!["a b c"]);
        assert_eq!(
            two_lines("aaaa bbbb cccc dddd", 9),
            vec!["aaaa bbbb", "cccc dddd"]
        );
        assert_eq!(
            two_lines("aaaa bbbb cccc dddd eeee", 9),
            vec!["aaaa bbbb", "cccc ddd…"]
        );
        assert_eq!(two_lines("", 9), vec![""]);
    }
}
