//! Importers write only cases that `check` accepts.
//!
//! `import csv`, `import aif` and `extract` build a case's files in memory
//! from input they do not control (a spreadsheet, an argument map, an
//! article). Before anything is written, [`check_new_case`] loads those
//! files through the same loader and limits as `claimgraph check`. When the
//! loader refuses them, each problem is told at its origin (the row and
//! column of the spreadsheet, the node of the map, the sentence of the
//! article) rather than at a line of a file that was never written.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Diagnostic, Error, Position, Result};
use crate::load::{self, Limits, position::PointerIndex};

/// Where an item of an imported case came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOrigin {
    /// The input file, as the user named it.
    pub path: String,
    /// Where in the input, when the input has positions (an AIF node has
    /// none).
    pub position: Option<Position>,
    /// What the item is, when the position alone does not say it, such as
    /// `node "12"` or `statement 3`; empty otherwise.
    pub label: String,
}

/// The origin of the claim at an index of the imported case, given the
/// name of the claim field a problem is about (`text`, `id`, ...) when it
/// is known.
pub type ClaimOrigin<'a> = &'a dyn Fn(usize, Option<&str>) -> Option<ItemOrigin>;

/// Loads the files of a new case in memory, as `check` would load them
/// from disk, and refuses them with every problem placed at its origin.
///
/// # Errors
/// [`Error::Invalid`] when the loader refuses the case; nothing should be
/// written then.
pub fn check_new_case(
    files: &[(String, String)],
    limits: Limits,
    claim_origin: ClaimOrigin<'_>,
) -> Result<()> {
    let claim_files: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter(|(name, _)| name.ends_with(".json") || name.ends_with(".jsonl"))
        .map(|(name, text)| (name.clone(), text.as_bytes().to_vec()))
        .collect();
    let diagnostics = match load::load_files("imported", &claim_files, limits) {
        Ok(_) => return Ok(()),
        Err(Error::Invalid(diagnostics)) => diagnostics,
        Err(other) => return Err(other),
    };
    let items = Items::index(files);
    let mut placed: Vec<Diagnostic> = diagnostics
        .into_iter()
        .map(|d| place(d, &items, claim_origin))
        .collect();
    placed.sort();
    placed.dedup();
    Err(Error::Invalid(placed))
}

/// What a generated file holds, line by line: which claim, party or source
/// starts on each line, and each claim's party and source.
#[derive(Default)]
struct Items {
    /// By file name: (first line, kind, index), sorted by line.
    starts: BTreeMap<String, Vec<(usize, Kind, usize)>>,
    /// The lines of each file, to read a field name off a line.
    lines: BTreeMap<String, Vec<String>>,
    /// Party and source ids by index, and each claim's party and source.
    party_ids: Vec<String>,
    source_ids: Vec<String>,
    claim_refs: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Claim,
    Party,
    Source,
}

impl Items {
    fn index(files: &[(String, String)]) -> Items {
        let mut items = Items::default();
        for (name, text) in files {
            let Ok(value) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let index = PointerIndex::build(text);
            let mut starts = Vec::new();
            for (field, kind) in [
                ("claims", Kind::Claim),
                ("parties", Kind::Party),
                ("sources", Kind::Source),
            ] {
                let Some(array) = value.get(field).and_then(Value::as_array) else {
                    continue;
                };
                for (i, item) in array.iter().enumerate() {
                    let offset = index.value(&format!("/{field}/{i}"));
                    let line = load::position::line_column(text, offset).0;
                    let id = |key: &str| {
                        item.get(key)
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned()
                    };
                    let n = match kind {
                        Kind::Claim => {
                            items.claim_refs.push((id("party"), id("source")));
                            items.claim_refs.len() - 1
                        }
                        Kind::Party => {
                            items.party_ids.push(id("id"));
                            items.party_ids.len() - 1
                        }
                        Kind::Source => {
                            items.source_ids.push(id("id"));
                            items.source_ids.len() - 1
                        }
                    };
                    starts.push((line, kind, n));
                }
            }
            starts.sort_by_key(|(line, _, _)| *line);
            items.starts.insert(name.clone(), starts);
            items
                .lines
                .insert(name.clone(), text.lines().map(str::to_owned).collect());
        }
        items
    }

    /// The claim a problem at `path:line` belongs to: the claim itself, or
    /// for a party or a source, the first claim that names it.
    fn claim_at(&self, path: &str, line: usize) -> Option<(usize, Kind)> {
        let starts = self.starts.get(path)?;
        let &(_, kind, n) = starts.iter().rev().find(|(start, _, _)| *start <= line)?;
        let claim = match kind {
            Kind::Claim => Some(n),
            Kind::Party => {
                let id = self.party_ids.get(n)?;
                self.claim_refs.iter().position(|(party, _)| party == id)
            }
            Kind::Source => {
                let id = self.source_ids.get(n)?;
                self.claim_refs.iter().position(|(_, source)| source == id)
            }
        }?;
        Some((claim, kind))
    }

    /// The field named on a line of a generated (pretty-printed) file.
    fn field_at(&self, path: &str, line: usize) -> Option<String> {
        let text = self.lines.get(path)?.get(line.checked_sub(1)?)?;
        let rest = text.trim_start().strip_prefix('"')?;
        let (key, _) = rest.split_once("\":")?;
        Some(key.to_owned())
    }
}

/// A problem of the generated files, told at the input it came from.
fn place(diagnostic: Diagnostic, items: &Items, claim_origin: ClaimOrigin<'_>) -> Diagnostic {
    let help = diagnostic.help.clone().unwrap_or_else(|| {
        "the case would not pass `claimgraph check`, so nothing was written; fix the input"
            .to_owned()
    });
    if let Some(line) = diagnostic.line() {
        if let Some((claim, kind)) = items.claim_at(&diagnostic.path, line) {
            let field = match kind {
                Kind::Claim => items.field_at(&diagnostic.path, line),
                Kind::Party => Some("party".to_owned()),
                Kind::Source => Some("source".to_owned()),
            };
            if let Some(origin) = claim_origin(claim, field.as_deref()) {
                let message = relate(&diagnostic.message, items, claim_origin);
                let message = if origin.label.is_empty() {
                    message
                } else {
                    format!("{}: {message}", origin.label)
                };
                return Diagnostic::placed(&origin.path, origin.position, message).with_help(help);
            }
        }
    }
    // A problem of the case as a whole (too many claims): told as the
    // loader tells it, about the case that would have been written.
    Diagnostic {
        message: format!("in the imported case: {}", diagnostic.message),
        help: Some(help),
        ..diagnostic
    }
}

/// A message that points at another place of the generated files ("first
/// defined at claims.json:5:13") points at that place's origin instead.
fn relate(message: &str, items: &Items, claim_origin: ClaimOrigin<'_>) -> String {
    const MARK: &str = "(first defined at ";
    let Some(start) = message.find(MARK) else {
        return message.to_owned();
    };
    let rest = &message[start + MARK.len()..];
    let Some(end) = rest.find(')') else {
        return message.to_owned();
    };
    let mut parts = rest[..end].rsplitn(3, ':');
    let (Some(column), Some(line), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
        return message.to_owned();
    };
    let (Ok(line), Ok(_)) = (line.parse::<usize>(), column.parse::<usize>()) else {
        return message.to_owned();
    };
    let Some(origin) = items.claim_at(path, line).and_then(|(claim, kind)| {
        let field = items.field_at(path, line);
        let field = match kind {
            Kind::Claim => field,
            Kind::Party => Some("party".to_owned()),
            Kind::Source => Some("source".to_owned()),
        };
        claim_origin(claim, field.as_deref())
    }) else {
        return message.to_owned();
    };
    let place = match (origin.position, origin.label.is_empty()) {
        (None, _) => format!("{}, {}", origin.path, origin.label),
        (Some(p), true) => format!("{}:{}:{}", origin.path, p.line, p.column),
        (Some(p), false) => format!("{}:{}:{}, {}", origin.path, p.line, p.column, origin.label),
    };
    format!("{}{MARK}{place}{}", &message[..start], &rest[end..])
}
