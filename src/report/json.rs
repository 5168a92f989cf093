//! The JSON form of a report, `claimgraph.report/1`, written as a stream.
//!
//! A report of a million claims holds hundreds of thousands of edges, each
//! with its rule trail. [`write_pipeline`] serialises the claims and the
//! edges straight from the case and the graph, by reference and a batch of
//! a few thousand at a time, so no second copy of them is ever held: each
//! edge becomes the model's [`super::ReportEdge`] only while it is written.
//! [`write()`] serialises a [`Report`] model with the same layout and the
//! same serde types, so the two give the same bytes.
//!
//! The layout keeps the file small and line-oriented: the top-level object
//! and the objects directly inside it have one field per line, every
//! element of a list at those levels (a claim, an edge, a disputed point, a
//! status, a component...) is one compact line. `grep` finds an edge by
//! id and `jq -c '.edges[]'` prints them back one per line.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::{Points, Report, claim_status, report_edge};
use crate::analysis::CaseAnalysis;
use crate::analyzed::AnalyzedCase;
use crate::case::Case;
use crate::dispute::Disputes;
use crate::graph::ClaimGraph;

/// Writes a report model as `claimgraph.report/1` JSON.
///
/// # Errors
/// When the writer fails.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_layout(
        report,
        &each(&report.claims),
        &each(&report.edges),
        &each(&report.disputed_points),
        &each(&report.statuses),
        out,
    )
}

/// Writes the `claimgraph.report/1` JSON of a case's pipeline data without
/// building the [`Report`] model's long lists: the same bytes as
/// [`write()`] of [`Report::build`], in a fraction of the memory.
///
/// # Errors
/// When the writer fails.
pub fn write_pipeline(
    case: &Case,
    analyzed: &AnalyzedCase,
    graph: &ClaimGraph,
    disputes: &Disputes,
    analysis: &CaseAnalysis,
    out: &mut dyn Write,
) -> io::Result<()> {
    let edges = graph.edges();
    let rest = Report::without_long_lists(case, graph, &edges, disputes, analysis);
    let points = Points::new(case, &edges, disputes, analysis);
    write_layout(
        &rest,
        &each(&case.claims),
        // Each edge's report form is built, written and dropped in the
        // writer's parallel batches: an inferred edge's rules run again
        // here (edges keep only their verdict), and no list of them is held.
        &long(edges.len(), |bytes, i| {
            let edge = report_edge(case, analyzed, &edges[i]).map_err(serde::ser::Error::custom)?;
            serde_json::to_writer(bytes, &edge)
        }),
        // Each disputed point and each claim's status likewise.
        &long(points.len(), |bytes, k| {
            serde_json::to_writer(bytes, &points.point(k))
        }),
        &long(case.claims.len(), |bytes, i| {
            serde_json::to_writer(bytes, &claim_status(case, analysis, i))
        }),
        out,
    )
}

/// One of the report's lists that grow with the case: how many elements
/// it has and how to encode the `i`-th, so that a writer can build each
/// element only while it writes it. Made by [`long`] or [`each`].
struct Long<F> {
    len: usize,
    encode: F,
}

/// A [`Long`] list of `len` elements (the function gives the closure its
/// general signature).
fn long<F>(len: usize, encode: F) -> Long<F>
where
    F: Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
{
    Long { len, encode }
}

/// The elements of a slice, each through its own serialisation.
fn each<T: Serialize + Sync>(
    items: &[T],
) -> Long<impl Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync + '_> {
    long(items.len(), move |bytes, i| {
        serde_json::to_writer(bytes, &items[i])
    })
}

/// Writes the report object by hand, field by field in the order of
/// [`Report`]'s derived serialisation, each value through a
/// [`LineFormatter`] that starts inside the top-level object. The four
/// long lists, claims, edges, disputed points and statuses, are encoded in
/// parallel batches (see [`write_list`]).
fn write_layout<C, E, P, S>(
    report: &Report,
    claims: &Long<C>,
    edges: &Long<E>,
    points: &Long<P>,
    statuses: &Long<S>,
    out: &mut dyn Write,
) -> io::Result<()>
where
    C: Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
    E: Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
    P: Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
    S: Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
{
    // serde_json writes every token separately: a buffer of a known type
    // turns each of those writes into a copy instead of a call through
    // `dyn Write`.
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    w.write_all(b"{")?;
    field(&mut w, true, "format", &report.format)?;
    field(&mut w, false, "case", &report.case)?;
    field(&mut w, false, "summary", &report.summary)?;
    field(&mut w, false, "parties", &report.parties)?;
    field(&mut w, false, "sources", &report.sources)?;
    key(&mut w, false, "claims")?;
    write_list(&mut w, claims)?;
    key(&mut w, false, "edges")?;
    write_list(&mut w, edges)?;
    key(&mut w, false, "disputed_points")?;
    write_list(&mut w, points)?;
    field(&mut w, false, "common_ground", &report.common_ground)?;
    field(&mut w, false, "unanswered", &report.unanswered)?;
    key(&mut w, false, "statuses")?;
    write_list(&mut w, statuses)?;
    field(
        &mut w,
        false,
        "self_contradictions",
        &report.self_contradictions,
    )?;
    field(&mut w, false, "acceptance", &report.acceptance)?;
    // Skipped when empty, as the model's serde attribute says.
    if !report.duplicates.is_empty() {
        field(&mut w, false, "duplicates", &report.duplicates)?;
    }
    w.write_all(b"\n}\n")?;
    w.flush()
}

/// A key of the top-level object, on its own line.
fn key(w: &mut impl Write, first: bool, name: &str) -> io::Result<()> {
    w.write_all(if first { b"\n  " } else { b",\n  " })?;
    serde_json::to_writer(&mut *w, name)?;
    w.write_all(b": ")
}

/// A field of the top-level object.
fn field(w: &mut impl Write, first: bool, name: &str, value: &impl Serialize) -> io::Result<()> {
    key(w, first, name)?;
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut *w, LineFormatter::in_report());
    value.serialize(&mut serializer)?;
    Ok(())
}

/// How many elements of a list are encoded before they are written: enough
/// to keep both cores busy, few enough to hold only a few megabytes.
const BATCH: usize = 8192;
/// How many elements one task encodes.
const TASK: usize = 512;

/// A list of the top-level object: one compact element per line, as
/// [`LineFormatter`] lays it out. Elements are encoded in parallel, a batch
/// at a time, and written in order; the next batch is encoded while one is
/// written (the writing runs on one thread), so at most two batches are
/// held.
fn write_list<F>(w: &mut impl Write, list: &Long<F>) -> io::Result<()>
where
    F: Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
{
    if list.len == 0 {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    // Elements `from..to`, in parallel tasks of `TASK`.
    let encode = |from: usize, to: usize| -> io::Result<Vec<Vec<u8>>> {
        (from..to)
            .into_par_iter()
            .step_by(TASK)
            .map(|start| {
                let end = (start + TASK).min(to);
                let mut bytes = Vec::with_capacity((end - start) * 256);
                for i in start..end {
                    bytes.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                    (list.encode)(&mut bytes, i)?;
                }
                Ok(bytes)
            })
            .collect()
    };
    std::thread::scope(|scope| {
        // A rendezvous: the encoder waits with its next batch until the
        // writer has taken it. When the writer fails it drops the receiver,
        // and the encoder stops at its next send.
        let (send, receive) = std::sync::mpsc::sync_channel(0);
        scope.spawn(move || {
            for from in (0..list.len).step_by(BATCH) {
                let parts = encode(from, (from + BATCH).min(list.len));
                let failed = parts.is_err();
                if send.send(parts).is_err() || failed {
                    break;
                }
            }
        });
        for parts in receive {
            for part in parts? {
                w.write_all(&part)?;
            }
        }
        Ok::<(), io::Error>(())
    })?;
    w.write_all(b"\n  ]")
}

/// How many levels of containers are laid out one entry per line.
const OPEN_LEVELS: usize = 2;

/// One open container.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// One entry per line, indented; otherwise compact.
    open: bool,
    /// An array (not an object).
    array: bool,
    /// At least one entry was written.
    filled: bool,
}

/// A [`serde_json::ser::Formatter`] that lays out the top two levels of
/// containers one entry per line, and a list inside an object of the
/// second level (such as `acceptance.components`) one element per line.
/// Everything deeper is compact.
#[derive(Debug, Default)]
struct LineFormatter {
    stack: Vec<Frame>,
}

impl LineFormatter {
    /// A formatter for a value of the top-level object's fields.
    fn in_report() -> LineFormatter {
        LineFormatter {
            stack: vec![Frame {
                open: true,
                array: false,
                filled: true,
            }],
        }
    }

    fn open(&mut self, array: bool) {
        let depth = self.stack.len() + 1;
        let parent = self.stack.last().copied();
        let open = depth <= OPEN_LEVELS
            || (depth == OPEN_LEVELS + 1 && array && parent.is_some_and(|p| p.open && !p.array));
        self.stack.push(Frame {
            open,
            array,
            filled: false,
        });
    }

    fn indent<W: ?Sized + Write>(&self, writer: &mut W, depth: usize) -> io::Result<()> {
        for _ in 0..depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        let frame = self.stack.pop();
        if frame.is_some_and(|f| f.open && f.filled) {
            writer.write_all(b"\n")?;
            self.indent(writer, self.stack.len())?;
        }
        writer.write_all(bracket)
    }

    fn entry<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        let open = self.stack.last().is_some_and(|f| f.open);
        if open {
            writer.write_all(if first { b"\n" } else { b",\n" })?;
            self.indent(writer, self.stack.len())
        } else if first {
            Ok(())
        } else {
            writer.write_all(b",")
        }
    }

    fn filled(&mut self) {
        if let Some(frame) = self.stack.last_mut() {
            frame.filled = true;
        }
    }
}

impl serde_json::ser::Formatter for LineFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(true);
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.entry(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.filled();
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(false);
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.entry(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let open = self.stack.last().is_some_and(|f| f.open);
        writer.write_all(if open { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.filled();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails once it has taken `room` bytes.
    struct Full {
        taken: Vec<u8>,
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken.len() + buf.len() > self.room {
                return Err(io::Error::other("disk full"));
            }
            self.taken.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn numbers(n: usize) -> Vec<usize> {
        (0..n).collect()
    }

    #[test]
    fn a_list_of_many_batches_is_written_whole_and_in_order() {
        let items = numbers(3 * BATCH + 17);
        let mut out = Vec::new();
        write_list(&mut out, &each(&items)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let back: Vec<usize> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, items);
        assert!(text.starts_with("[\n    0,\n    1,"), "{}", &text[..20]);
        assert_eq!(text.lines().count(), items.len() + 2);
    }

    #[test]
    fn an_element_that_fails_in_a_later_batch_fails_the_list() {
        let items = numbers(2 * BATCH + 5);
        let mut out = Vec::new();
        let error = write_list(
            &mut out,
            &long(items.len(), |bytes, i| {
                if items[i] == BATCH + 3 {
                    return Err(serde::ser::Error::custom("bad element"));
                }
                serde_json::to_writer(bytes, &items[i])
            }),
        )
        .unwrap_err();
        assert!(error.to_string().contains("bad element"), "{error}");
        // The first batch was written; nothing of the failing one was.
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(&format!("\n    {}", BATCH - 1)));
        assert!(!text.contains(&format!("\n    {}", BATCH + 2)));
    }

    #[test]
    fn a_writer_that_fails_stops_the_encoding() {
        let items = numbers(4 * BATCH);
        let mut full = Full {
            taken: Vec::new(),
            room: 1000,
        };
        let error = write_list(&mut full, &each(&items)).unwrap_err();
        assert!(error.to_string().contains("disk full"), "{error}");
        assert!(full.taken.len() <= 1000);
    }
}
