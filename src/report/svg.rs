//! The dispute map: an SVG drawing, made by claimgraph itself, that the
//! HTML report inlines.
//!
//! Parties are columns and claims are boxes. Each disputed point is a
//! horizontal band; inside a band every party's claims are stacked in its
//! column, ordered by a fixed number of barycentric sweeps to cut the
//! crossings of the lines, each box as tall as its text wrapped on up to
//! four lines (the full text on hover and in the list of claims the box
//! links to). Contradictions are red lines and supports green arrows, each
//! on its own port of a box's side; a dashed line is inferred, a solid one
//! annotated, a thick border a claim in contradiction and a thin border on
//! a tinted box a claim that only supports: one meaning per mark. The
//! layout is computed from the report, so it is deterministic, needs no
//! layout engine, and grows (downwards, and sideways past three parties)
//! instead of shrinking its text.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::escape::{markup, shorten};
use super::{
    CONTRADICTS_COLOUR, Report, ReportParty, ReportPoint, SUPPORTS_COLOUR, party_colour,
    party_order,
};

/// The width the map aims for, so that it fits the page without scrolling.
const MAP_W: f64 = 1000.0;
const LABEL_W: f64 = 84.0;
const HEADER_H: f64 = 58.0;
const NODE_H: f64 = 52.0;
const NODE_GAP: f64 = 14.0;
const BAND_PAD: f64 = 18.0;
const BAND_GAP: f64 = 10.0;
const CHAR_W: f64 = 6.4;

/// Where a claim's box sits in the drawing, and its height.
#[derive(Clone, Copy)]
struct Slot {
    x: f64,
    y: f64,
    h: f64,
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
    // Columns never narrow below 300 px, so that four parties still show
    // about 34 characters a line; the map scrolls sideways instead.
    let col_w = ((MAP_W - LABEL_W - 24.0) / n_cols as f64).clamp(300.0, 460.0);
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
    let edge_index = report.edge_index();
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
            role = markup(party.role.as_str()),
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
            &edge_index,
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
///
/// Within the band each column's claims are ordered to cut crossings (a
/// barycentric sweep, [`order_by_barycentre`]), each box is as tall as its
/// wrapped text, and every line gets its own port on the box's side,
/// ordered by where its other end is, so that no two lines meet a box at
/// one point.
fn band(
    report: &Report,
    edge_index: &std::collections::HashMap<&str, &super::ReportEdge>,
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
    // The band's claims, by column: members first, then supporters.
    let mut placed: Vec<(&str, bool, usize)> = Vec::new();
    let mut index_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_column: Vec<Vec<usize>> = vec![Vec::new(); columns.len()];
    for side in &point.sides {
        let Some(&col) = column_of.get(side.party.as_str()) else {
            continue;
        };
        let claims = side
            .claims
            .iter()
            .map(|c| (c, false))
            .chain(side.supporting.iter().map(|c| (c, true)));
        for (claim_id, supporting) in claims {
            if index_of.contains_key(claim_id.as_str()) {
                continue;
            }
            index_of.insert(claim_id.as_str(), placed.len());
            by_column[col].push(placed.len());
            placed.push((claim_id.as_str(), supporting, col));
        }
    }
    let edges: Vec<(&super::ReportEdge, usize, usize)> = point
        .edges
        .iter()
        .filter_map(|id| edge_index.get(id.as_str()).copied())
        .filter_map(|e| {
            Some((
                e,
                *index_of.get(e.from.as_str())?,
                *index_of.get(e.to.as_str())?,
            ))
        })
        .collect();
    let pairs: Vec<(usize, usize)> = edges.iter().map(|&(_, a, b)| (a, b)).collect();
    order_by_barycentre(&mut by_column, &pairs, SWEEPS);

    // Boxes: stacked in their column's order, each as tall as its text.
    let mut slots: Vec<Slot> = vec![
        Slot {
            x: 0.0,
            y: 0.0,
            h: NODE_H
        };
        placed.len()
    ];
    let mut lines_of: Vec<Vec<String>> = vec![Vec::new(); placed.len()];
    let mut inner_height: f64 = NODE_H;
    for (col, members) in by_column.iter().enumerate() {
        let mut y = top + BAND_PAD;
        for &k in members {
            let text = report.claim(placed[k].0).map_or("", |c| c.text.as_str());
            let lines = wrap_lines(text, chars_per_line, MAX_LINES);
            #[allow(clippy::cast_precision_loss)]
            let h = node_height(lines.len());
            #[allow(clippy::cast_precision_loss)]
            let x = LABEL_W + col_w * col as f64 + (col_w - node_w) / 2.0;
            slots[k] = Slot { x, y, h };
            lines_of[k] = lines;
            y += h + NODE_GAP;
        }
        inner_height = inner_height.max(y - NODE_GAP - top - BAND_PAD);
    }
    // Lines between columns that are not neighbours would cross the boxes
    // between them: each runs instead in its own lane under the boxes.
    let column_of_box: Vec<usize> = placed.iter().map(|&(_, _, col)| col).collect();
    let mut lanes: Vec<Option<usize>> = vec![None; edges.len()];
    let mut n_lanes = 0;
    for (k, &(_, a, b)) in edges.iter().enumerate() {
        if column_of_box[a].abs_diff(column_of_box[b]) > 1 {
            lanes[k] = Some(n_lanes);
            n_lanes += 1;
        }
    }
    let lanes_top = top + BAND_PAD + inner_height + LANE_GAP;
    #[allow(clippy::cast_precision_loss)]
    let height = BAND_PAD * 2.0
        + inner_height
        + if n_lanes > 0 {
            LANE_GAP + LANE_H * n_lanes as f64
        } else {
            0.0
        };

    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<g class="band" id="map-{id}"><rect x="0" y="{top:.1}" width="{width:.1}" height="{height:.1}" rx="6" fill="{fill}"/><a href="#{id}"><text class="band-label" x="{lx:.1}" y="{ly:.1}" text-anchor="middle">{id}</text></a><text class="band-weight" x="{lx:.1}" y="{wy:.1}" text-anchor="middle">{contradictions} contra.</text>"##,
        id = markup(&point.id),
        fill = if shaded { "#f3f1ec" } else { "#faf9f6" },
        lx = LABEL_W / 2.0,
        ly = top + 30.0,
        wy = top + 46.0,
        contradictions = edges
            .iter()
            .filter(|(e, _, _)| e.relation == "contradicts")
            .count(),
    );
    let ports = ports(&slots, &pairs);
    for (k, &(edge, from, to)) in edges.iter().enumerate() {
        let contradicts = edge.relation == "contradicts";
        #[allow(clippy::cast_precision_loss)]
        let path = match lanes[k] {
            Some(lane) => lane_connector(
                slots[from],
                slots[to],
                node_w,
                ports[k],
                (lanes_top + LANE_H * lane as f64, lane),
            ),
            None => connector(slots[from], slots[to], node_w, ports[k]),
        };
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
            r#"<path class="edge {relation} {provenance}" d="{path}" fill="none" stroke="{colour}"{extra}{dashed}><title>{from} {relation} {to} ({provenance})</title></path>"#,
            relation = markup(&edge.relation),
            provenance = edge.provenance_kind(),
            from = markup(&edge.from),
            to = markup(&edge.to),
        );
    }
    for (k, &(claim_id, supporting, col)) in placed.iter().enumerate() {
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
            (slots[k], node_w),
            &lines_of[k],
            &mut svg,
        );
    }
    svg.push_str("</g>");
    (svg, height)
}

/// Sweeps of the barycentric ordering: a fixed number, so the work per
/// band is bounded by its claims and edges.
const SWEEPS: usize = 8;
/// Largest band whose crossings are counted to keep the best sweep (the
/// count compares pairs of edges); a larger band keeps the last sweep.
const COUNTED_EDGES: usize = 2_000;
/// Height of one lane under a band's boxes, and the gap above the lanes.
const LANE_H: f64 = 7.0;
const LANE_GAP: f64 = 10.0;

/// Lines of claim text a box shows; the rest is on hover and in the list
/// of claims the box links to.
const MAX_LINES: usize = 4;

/// A box's height for its lines of text (the id line included).
#[allow(clippy::cast_precision_loss)]
fn node_height(lines: usize) -> f64 {
    24.0 + 14.0 * lines.max(1) as f64
}

/// Orders the claims of each column (indices into one list of nodes) to
/// cut the crossings of `edges`: each sweep, column by column (left to
/// right, then right to left), sorts a column's claims by the mean rank
/// of their neighbours in other columns, a claim without any keeping its
/// place. The ordering with the fewest crossings seen is kept; ties keep
/// the earlier one, so an ordering without crossings is never changed.
pub(crate) fn order_by_barycentre(
    columns: &mut [Vec<usize>],
    edges: &[(usize, usize)],
    sweeps: usize,
) {
    let n = columns
        .iter()
        .map(Vec::len)
        .sum::<usize>()
        .max(edges.iter().map(|&(a, b)| a.max(b) + 1).max().unwrap_or(0));
    let mut column_of = vec![usize::MAX; n];
    for (c, members) in columns.iter().enumerate() {
        for &k in members {
            column_of[k] = c;
        }
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if column_of[a] != column_of[b] {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
    }
    let mut rank = vec![0.0_f64; n];
    let set_ranks = |columns: &[Vec<usize>], rank: &mut [f64]| {
        for members in columns {
            for (r, &k) in members.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let r = r as f64;
                rank[k] = r;
            }
        }
    };
    set_ranks(columns, &mut rank);
    let counted = edges.len() <= COUNTED_EDGES;
    let mut best = columns.to_vec();
    let mut best_crossings = if counted {
        crossings(columns, edges, &column_of)
    } else {
        0
    };
    for sweep in 0..sweeps {
        if counted && best_crossings == 0 {
            break;
        }
        let order: Vec<usize> = if sweep % 2 == 0 {
            (0..columns.len()).collect()
        } else {
            (0..columns.len()).rev().collect()
        };
        for c in order {
            let mut keyed: Vec<(f64, f64, usize)> = columns[c]
                .iter()
                .map(|&k| {
                    let around = &neighbours[k];
                    #[allow(clippy::cast_precision_loss)]
                    let key = if around.is_empty() {
                        rank[k]
                    } else {
                        around.iter().map(|&m| rank[m]).sum::<f64>() / around.len() as f64
                    };
                    (key, rank[k], k)
                })
                .collect();
            keyed.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
            columns[c] = keyed.into_iter().map(|(_, _, k)| k).collect();
            set_ranks(columns, &mut rank);
        }
        if counted {
            let now = crossings(columns, edges, &column_of);
            if now < best_crossings {
                best_crossings = now;
                best = columns.to_vec();
            }
        } else {
            best = columns.to_vec();
        }
    }
    columns.clone_from_slice(&best);
}

/// Pairs of edges between the same two columns that cross.
pub(crate) fn crossings(
    columns: &[Vec<usize>],
    edges: &[(usize, usize)],
    column_of: &[usize],
) -> usize {
    let mut rank = vec![0_usize; column_of.len()];
    for members in columns {
        for (r, &k) in members.iter().enumerate() {
            rank[k] = r;
        }
    }
    // Each edge as (left column, right column, left rank, right rank).
    let spans: Vec<(usize, usize, usize, usize)> = edges
        .iter()
        .filter(|&&(a, b)| column_of[a] != column_of[b])
        .map(|&(a, b)| {
            let (l, r) = if column_of[a] < column_of[b] {
                (a, b)
            } else {
                (b, a)
            };
            (column_of[l], column_of[r], rank[l], rank[r])
        })
        .collect();
    let mut count = 0;
    for (i, x) in spans.iter().enumerate() {
        for y in &spans[i + 1..] {
            if x.0 == y.0 && x.1 == y.1 && (x.2 < y.2 && x.3 > y.3 || x.2 > y.2 && x.3 < y.3) {
                count += 1;
            }
        }
    }
    count
}

/// The port of each edge on each of its two boxes, as a fraction of the
/// box's height: the lines leaving one side of a box are spread over that
/// side, ordered by the height of their other end.
fn ports(slots: &[Slot], edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    // (box, side) -> [(other end's middle, edge, end)]; side 0 left, 1 right.
    type Attachments = Vec<(f64, usize, u8)>;
    let mut at: BTreeMap<(usize, u8), Attachments> = BTreeMap::new();
    for (k, &(a, b)) in edges.iter().enumerate() {
        let (sa, sb) = sides(slots[a], slots[b]);
        at.entry((a, sa))
            .or_default()
            .push((slots[b].y + slots[b].h / 2.0, k, 0));
        at.entry((b, sb))
            .or_default()
            .push((slots[a].y + slots[a].h / 2.0, k, 1));
    }
    let mut ports = vec![(0.5, 0.5); edges.len()];
    for list in at.values_mut() {
        list.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        #[allow(clippy::cast_precision_loss)]
        let m = list.len() as f64;
        for (j, &(_, k, end)) in list.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let fraction = (j as f64 + 1.0) / (m + 1.0);
            if end == 0 {
                ports[k].0 = fraction;
            } else {
                ports[k].1 = fraction;
            }
        }
    }
    ports
}

/// Which side of each box a line between them leaves from: facing sides
/// across columns, the right side of both within one column.
fn sides(from: Slot, to: Slot) -> (u8, u8) {
    if (from.x - to.x).abs() < 1.0 {
        (1, 1)
    } else if from.x < to.x {
        (1, 0)
    } else {
        (0, 1)
    }
}

fn node(
    report: &Report,
    claim_id: &str,
    supporting: bool,
    colour: &str,
    (slot, node_w): (Slot, f64),
    lines: &[String],
    svg: &mut String,
) {
    let Some(index) = report.claim_index(claim_id) else {
        return;
    };
    let claim = &report.claims[index];
    let Slot { x, y, h } = slot;
    // A supporting claim has a thin border on a tinted box; dashes mean
    // only one thing on the map: an inferred line.
    let fill = if supporting { "#f6f6f4" } else { "#ffffff" };
    let _ = write!(
        svg,
        r##"<a href="#c-{index}" class="node"><title>{id}: {text}</title><rect x="{x:.1}" y="{y:.1}" width="{node_w:.1}" height="{h:.1}" rx="5" fill="{fill}" stroke="{colour}" stroke-width="{sw}"/><rect x="{x:.1}" y="{y:.1}" width="5" height="{h:.1}" rx="2" fill="{colour}"/><text class="node-id" x="{tx:.1}" y="{y1:.1}">{id_short}</text>"##,
        id = markup(&claim.id),
        text = markup(&claim.text),
        sw = if supporting { "1" } else { "2.5" },
        tx = x + 12.0,
        y1 = y + 15.0,
        id_short = markup(&shorten(&claim.id, 40)),
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

/// A path between two boxes, leaving and entering at the given ports
/// (fractions of each box's height): a curve between facing sides when
/// the claims are in different columns, a loop on the right when in the
/// same column.
fn connector(from: Slot, to: Slot, node_w: f64, (port_from, port_to): (f64, f64)) -> String {
    let (y1, y2) = (from.y + from.h * port_from, to.y + to.h * port_to);
    if (from.x - to.x).abs() < 1.0 {
        let x = from.x + node_w;
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
    let dx = (x2 - x1) / 2.0;
    format!(
        "M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}",
        x1 + dx,
        x2 - dx
    )
}

/// A line between columns that are not neighbours: out of the source's
/// facing side into the gap beside it, down to its lane under the boxes,
/// across, and up the gap beside the target. Its offset in the gaps
/// follows its lane, so lines that share a gap stay apart.
fn lane_connector(
    from: Slot,
    to: Slot,
    node_w: f64,
    (port_from, port_to): (f64, f64),
    (lane_y, lane): (f64, usize),
) -> String {
    let (y1, y2) = (from.y + from.h * port_from, to.y + to.h * port_to);
    #[allow(clippy::cast_precision_loss)]
    let offset = 8.0 + (lane % 5) as f64 * 9.0;
    let (x1, gx1, gx2, x2) = if from.x < to.x {
        (
            from.x + node_w,
            from.x + node_w + offset,
            to.x - offset,
            to.x - 2.0,
        )
    } else {
        (
            from.x,
            from.x - offset,
            to.x + node_w + offset,
            to.x + node_w + 2.0,
        )
    };
    format!(
        "M{x1:.1},{y1:.1} L{gx1:.1},{y1:.1} L{gx1:.1},{lane_y:.1} L{gx2:.1},{lane_y:.1} L{gx2:.1},{y2:.1} L{x2:.1},{y2:.1}"
    )
}

/// The text wrapped at words into at most `max` lines of `width`
/// characters, the last ending with an ellipsis when text is left over.
fn wrap_lines(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
            if lines.len() == max {
                // Text is left over: the last line says so.
                let last = lines.pop().unwrap_or_default();
                let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
                lines.push(shorten(&format!("{last} {}", rest.join(" ")), width));
                return lines;
            }
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(shorten(&line, width));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{crossings, order_by_barycentre, wrap_lines};

    #[test]
    fn wraps_at_words_up_to_the_last_line() {
        assert_eq!(wrap_lines("a b c", 10, 4), vec!["a b c"]);
        assert_eq!(
            wrap_lines("aaaa bbbb cccc dddd", 9, 4),
            vec!["aaaa bbbb", "cccc dddd"]
        );
        assert_eq!(
            wrap_lines("aaaa bbbb cccc dddd eeee", 9, 2),
            vec!["aaaa bbbb", "cccc ddd…"]
        );
        assert_eq!(wrap_lines("", 9, 4), vec![""]);
    }

    #[test]
    fn the_sweep_removes_crossings_it_can() {
        // Two columns, a b | c d, with a-d and b-c: one crossing.
        let mut columns = vec![vec![0, 1], vec![2, 3]];
        let edges = [(0, 3), (1, 2)];
        let column_of = [0, 0, 1, 1];
        assert_eq!(crossings(&columns, &edges, &column_of), 1);
        order_by_barycentre(&mut columns, &edges, 8);
        assert_eq!(crossings(&columns, &edges, &column_of), 0);
        // A drawing without crossings is left as it is.
        let mut plain = vec![vec![0, 1], vec![2, 3]];
        order_by_barycentre(&mut plain, &[(0, 2), (1, 3)], 8);
        assert_eq!(plain, vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn the_sweep_never_adds_crossings() {
        // A pseudo-random band: three columns of 6, 18 edges.
        let mut state = 7_u64;
        let mut next = |m: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            usize::try_from(state >> 33).unwrap_or(0) % m
        };
        for _ in 0..50 {
            let mut columns: Vec<Vec<usize>> =
                (0..3).map(|c| (c * 6..c * 6 + 6).collect()).collect();
            let column_of: Vec<usize> = (0..18).map(|k| k / 6).collect();
            let edges: Vec<(usize, usize)> = (0..18)
                .map(|_| {
                    let a = next(18);
                    let mut b = next(18);
                    while column_of[b] == column_of[a] {
                        b = next(18);
                    }
                    (a, b)
                })
                .collect();
            let before = crossings(&columns, &edges, &column_of);
            order_by_barycentre(&mut columns, &edges, 8);
            assert!(crossings(&columns, &edges, &column_of) <= before);
            // Still a permutation of each column.
            for (c, members) in columns.iter().enumerate() {
                let mut sorted = members.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (c * 6..c * 6 + 6).collect::<Vec<_>>());
            }
        }
    }
}
