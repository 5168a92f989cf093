//! JSON Lines claim files: one claim object per line, read as a stream.
//!
//! A file on disk is read a batch of lines at a time, and each batch is
//! parsed in parallel and appended in line order, so the file's text is
//! never held whole. A bad line is reported with its `path:line:column` and
//! the other lines are still read. The few problems found later (a
//! duplicate id, an unknown reference) are positioned by reading the file
//! again, once, only then (see `SourceText::text`).

use std::io::{BufRead, Read};
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;

use super::position::char_column;
use super::{Limits, Origin, Problem, duplicate_key_problems, shape, syntax_help, syntax_message};
use crate::error::Diagnostic;
use crate::model::Claim;

/// Lines parsed together: enough to keep both cores busy, few enough that
/// a batch's text is a small part of the claims it holds.
const BATCH_LINES: usize = 16 * 1024;

/// The claims of one JSON Lines file, with what was wrong in it.
#[derive(Default)]
pub(super) struct Records {
    /// The claims, in line order.
    pub claims: Vec<Claim>,
    /// Where each claim is.
    pub origins: Vec<Origin>,
    /// Problems to position against the file's text.
    pub problems: Vec<Problem>,
    /// Problems already positioned.
    pub diagnostics: Vec<Diagnostic>,
    /// True when a line held something other than white space.
    pub has_content: bool,
    /// The ids of the claims on lines that did not have the right shape
    /// (reported already): references to them are not reported again.
    pub dropped_ids: Vec<String>,
}

impl Records {
    /// Parses a batch of `(line number, line)` in parallel and appends it
    /// in line order.
    fn add_batch<S: AsRef<str> + Sync>(
        &mut self,
        file_idx: usize,
        shown: &str,
        batch: &[(usize, S)],
    ) {
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .with_min_len(256)
            .map(|(line_no, line)| parse_line(file_idx, shown, *line_no, line.as_ref()))
            .collect();
        for outcome in outcomes {
            match outcome {
                Outcome::Blank => {}
                Outcome::Claim(claim, origin) => {
                    self.has_content = true;
                    self.claims.push(*claim);
                    self.origins.push(origin);
                }
                Outcome::Problems(problems, dropped) => {
                    self.has_content = true;
                    self.problems.extend(problems);
                    self.dropped_ids.extend(dropped);
                }
                Outcome::Diagnostic(diagnostic) => {
                    self.has_content = true;
                    self.diagnostics.push(*diagnostic);
                }
            }
        }
    }
}

/// What one line gives.
enum Outcome {
    Blank,
    Claim(Box<Claim>, Origin),
    Problems(Vec<Problem>, Option<String>),
    Diagnostic(Box<Diagnostic>),
}

/// Parses one line (without its line break). The fast path is one typed
/// parse; only a line that fails it is parsed again to list its problems.
fn parse_line(file_idx: usize, shown: &str, line_no: usize, line: &str) -> Outcome {
    if line.trim().is_empty() {
        return Outcome::Blank;
    }
    let origin = Origin {
        file: file_idx,
        line: Some(line_no),
        pointer: String::new(),
    };
    let typed_error = match serde_json::from_str::<Claim>(line) {
        Ok(claim) => return Outcome::Claim(Box::new(claim), origin),
        Err(e) => e,
    };
    let value = match serde_json::from_str::<Value>(line) {
        Ok(value) => value,
        Err(e) => {
            let column = char_column(line, 1, e.column());
            let message = syntax_message(&e);
            let help = syntax_help(&message);
            let mut diagnostic = Diagnostic::at(shown, line_no, column, message);
            diagnostic.help = help;
            return Outcome::Diagnostic(Box::new(diagnostic));
        }
    };
    let mut problems = duplicate_key_problems(&origin, line);
    let found_duplicates = !problems.is_empty();
    let found = shape::check(shape::claim_schema_cached(), &value);
    if found.is_empty() && !found_duplicates {
        problems.push(super::syntax_problem(origin.clone(), &typed_error));
    }
    for p in found {
        problems.push(Problem {
            origin: Origin {
                pointer: p.pointer,
                ..origin.clone()
            },
            at_key: p.at_key,
            message: p.message,
            help: p.help,
            related: None,
            unresolved: None,
        });
    }
    let dropped = value.get("id").and_then(Value::as_str).map(str::to_owned);
    Outcome::Problems(problems, dropped)
}

/// Parses a JSON Lines text held in memory.
pub(super) fn parse_text(file_idx: usize, shown: &str, text: &str) -> Records {
    let mut records = Records::default();
    let mut batch = Vec::new();
    for (idx, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        batch.push((idx + 1, line));
        if batch.len() == BATCH_LINES {
            records.add_batch(file_idx, shown, &batch);
            batch.clear();
        }
    }
    records.add_batch(file_idx, shown, &batch);
    records
}

/// Reads and parses a JSON Lines file a batch of lines at a time. Reading
/// stops past `limits.max_file_bytes` (a diagnostic) or once the file holds
/// more than `max_claims` claims (the caller refuses the case).
pub(super) fn parse_file(
    file_idx: usize,
    path: &Path,
    shown: &str,
    limits: Limits,
    max_claims: usize,
) -> Result<Records, Diagnostic> {
    let file = super::open_regular(path, limits)?;
    // One byte past the limit, so that a file that grew since it was
    // opened is caught rather than read whole.
    let mut reader =
        std::io::BufReader::with_capacity(1 << 20, file.take(limits.max_file_bytes + 1));
    let mut records = Records::default();
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH_LINES);
    let mut bytes = Vec::new();
    let mut read: u64 = 0;
    let mut line_no = 0;
    loop {
        bytes.clear();
        let n = reader
            .read_until(b'\n', &mut bytes)
            .map_err(|e| super::cannot_read(shown, &e))?;
        if n == 0 {
            break;
        }
        read += n as u64;
        if read > limits.max_file_bytes {
            return Err(super::too_big(shown, read, limits));
        }
        line_no += 1;
        let mut line: &[u8] = &bytes;
        line = line.strip_suffix(b"\n").unwrap_or(line);
        line = line.strip_suffix(b"\r").unwrap_or(line);
        if line_no == 1 {
            // A byte-order mark is dropped; columns count from after it,
            // as editors count them.
            line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
        }
        match std::str::from_utf8(line) {
            Ok(text) => batch.push((line_no, text.to_owned())),
            Err(e) => {
                records.has_content = true;
                records
                    .diagnostics
                    .push(invalid_utf8(shown, line_no, line, &e));
            }
        }
        if batch.len() == BATCH_LINES {
            records.add_batch(file_idx, shown, &batch);
            batch.clear();
            if records.claims.len() > max_claims {
                return Ok(records);
            }
        }
    }
    records.add_batch(file_idx, shown, &batch);
    Ok(records)
}

/// The diagnostic for a line that is not UTF-8, at the first bad byte.
fn invalid_utf8(shown: &str, line_no: usize, line: &[u8], e: &std::str::Utf8Error) -> Diagnostic {
    let valid = e.valid_up_to();
    let column = String::from_utf8_lossy(&line[..valid]).chars().count() + 1;
    let byte = line.get(valid).copied().unwrap_or(0);
    Diagnostic::at(
        shown,
        line_no,
        column,
        format!("invalid UTF-8 (byte 0x{byte:02x})"),
    )
    .with_help("save the file as UTF-8")
}
