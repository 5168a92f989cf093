//! Reading a case from disk: discovering files, decoding, parsing, merging
//! and validating, with every problem reported as `path:line:column`.
//!
//! This module and [`crate::output`] are the only places that touch the
//! file system. Inputs are only ever opened for reading.

pub mod position;
pub mod shape;
mod validate;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::case::Case;
use crate::error::{Diagnostic, Error, Result};
use crate::model::{Claim, ClaimFile};
use position::{PointerIndex, char_column, line_column};

/// Limits that keep hostile input from exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Longest claim text, in bytes.
    pub max_claim_bytes: usize,
    /// Most claims in one case.
    pub max_claims: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 2 * 1024 * 1024 * 1024,
            max_claim_bytes: 1024 * 1024,
            max_claims: 10_000_000,
        }
    }
}

/// The kind of a claim file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FileKind {
    /// One JSON document holding any of the top-level fields.
    Json,
    /// One claim object per line.
    JsonLines,
}

/// A claim file, kept during loading so that problems can be positioned.
///
/// A JSON file's text is read whole (its problems are located by JSON
/// pointer). A JSON Lines file is streamed line by line and its text is not
/// kept: it is only read again, lazily, when a problem must be positioned.
struct SourceText {
    display: String,
    path: PathBuf,
    text: std::cell::OnceCell<String>,
    /// Byte offset of each line start, for JSON Lines files.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    index: std::cell::OnceCell<PointerIndex>,
}

impl SourceText {
    fn new(path: &Path, text: Option<String>) -> SourceText {
        let cell = std::cell::OnceCell::new();
        if let Some(text) = text {
            let _ = cell.set(text);
        }
        SourceText {
            display: display(path),
            path: path.to_path_buf(),
            text: cell,
            line_starts: std::cell::OnceCell::new(),
            index: std::cell::OnceCell::new(),
        }
    }

    /// The file's text; for a streamed file, read again (only on the error
    /// path), lossily, since its lines were already checked for UTF-8.
    fn text(&self) -> &str {
        self.text.get_or_init(|| {
            let bytes = std::fs::read(&self.path).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_owned(),
                None => text,
            }
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(self.text()))
    }

    fn index(&self) -> &PointerIndex {
        self.index.get_or_init(|| PointerIndex::build(self.text()))
    }
}

/// Where an item was defined: a file and a JSON pointer (for JSON Lines, a
/// line number and a pointer within the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    file: usize,
    line: Option<usize>,
    pointer: String,
}

impl Origin {
    fn child(&self, field: &str) -> Origin {
        Origin {
            file: self.file,
            line: self.line,
            pointer: format!("{}/{field}", self.pointer),
        }
    }
}

/// A problem found during loading, before it is given a position.
pub(crate) struct Problem {
    origin: Origin,
    at_key: bool,
    message: String,
    help: Option<String>,
    /// Another place the message refers to (the first definition of a
    /// duplicate id); its position is appended to the message.
    related: Option<Origin>,
}

impl Problem {
    pub(crate) fn new(origin: Origin, message: impl Into<String>) -> Problem {
        Problem {
            origin,
            at_key: false,
            message: message.into(),
            help: None,
            related: None,
        }
    }

    pub(crate) fn related(mut self, other: Origin) -> Problem {
        self.related = Some(other);
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}

/// Everything parsed from the files of a case, with the origin of each item.
#[derive(Default)]
pub(crate) struct Parsed {
    pub(crate) files: Vec<ClaimFile>,
    /// For each file, the origin of each claim (JSON Lines claims are
    /// gathered into a synthetic file).
    pub(crate) claim_origins: Vec<Vec<Origin>>,
}

/// Loads and validates a case from a directory or a single file.
///
/// # Errors
/// [`Error::Invalid`] with every problem found, sorted.
pub fn load_case(path: &Path) -> Result<Case> {
    load_case_with(path, Limits::default())
}

/// [`load_case`] with explicit limits.
///
/// # Errors
/// [`Error::Invalid`] with every problem found, sorted.
pub fn load_case_with(path: &Path, limits: Limits) -> Result<Case> {
    let paths = discover(path)?;
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    let mut parsed = Parsed::default();
    let mut problems = Vec::new();
    for (file_path, kind) in paths {
        match kind {
            FileKind::Json => match read_text(&file_path, limits) {
                Ok(text) => {
                    let source = SourceText::new(&file_path, Some(text));
                    parse_json_file(sources.len(), &source, &mut parsed, &mut problems);
                    sources.push(source);
                }
                Err(d) => diagnostics.push(d),
            },
            FileKind::JsonLines => {
                let source = SourceText::new(&file_path, None);
                match parse_jsonl_file(
                    sources.len(),
                    &source,
                    limits,
                    &mut parsed,
                    &mut problems,
                    &mut diagnostics,
                ) {
                    Ok(()) => sources.push(source),
                    Err(d) => diagnostics.push(d),
                }
            }
        }
    }
    let case_id = default_case_id(path);
    let file_names: Vec<String> = sources.iter().map(|s| s.display.clone()).collect();
    let case = validate::merge(&parsed, &file_names, &case_id, limits, &mut problems);
    diagnostics.extend(problems.into_iter().map(|p| locate(&sources, p)));
    if diagnostics.is_empty() && case.as_ref().is_some_and(|c| c.claims.is_empty()) {
        diagnostics.push(
            Diagnostic::file(&display(path), "the case has no claims")
                .with_help("add a \"claims\" array to one of the case's files"),
        );
    }
    if diagnostics.is_empty() {
        if let Some(case) = case {
            return Ok(case);
        }
    }
    if diagnostics.is_empty() {
        diagnostics.push(Diagnostic::file(
            &display(path),
            "the case could not be loaded",
        ));
    }
    diagnostics.sort();
    diagnostics.dedup();
    Err(Error::Invalid(diagnostics))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn default_case_id(path: &Path) -> String {
    let stem = if path.is_dir() {
        path.file_name()
    } else {
        path.file_stem()
    };
    stem.map_or_else(|| "case".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// The claim files of a case, sorted by name.
fn discover(path: &Path) -> Result<Vec<(PathBuf, FileKind)>> {
    let shown = display(path);
    let metadata = std::fs::metadata(path).map_err(|e| {
        Error::one(
            Diagnostic::file(&shown, format!("cannot read: {}", io_reason(&e)))
                .with_help("check the path; a case is a directory of .json files or one file"),
        )
    })?;
    if metadata.is_file() {
        let kind = if path.extension().is_some_and(|e| e == "jsonl") {
            FileKind::JsonLines
        } else {
            FileKind::Json
        };
        return Ok(vec![(path.to_path_buf(), kind)]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| {
        Error::one(Diagnostic::file(
            &shown,
            format!("cannot list directory: {}", io_reason(&e)),
        ))
    })?;
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let file_path = entry.path();
        let kind = match file_path.extension().and_then(|e| e.to_str()) {
            Some("json") => FileKind::Json,
            Some("jsonl") => FileKind::JsonLines,
            _ => continue,
        };
        // Follow symlinks to files, but never descend into directories: a
        // case is flat, which also rules out symlink loops.
        if std::fs::metadata(&file_path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        files.push((file_path, kind));
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::one(
            Diagnostic::file(
                &shown,
                "no claim files (*.json or *.jsonl) in this directory",
            )
            .with_help("add a claims.json, or run `claimgraph init` to scaffold a case"),
        ));
    }
    Ok(files)
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string().to_lowercase(),
    }
}

fn read_text(path: &Path, limits: Limits) -> Result<String, Diagnostic> {
    let shown = display(path);
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > limits.max_file_bytes {
        return Err(too_big(&shown, size, limits));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file(&shown, format!("cannot read: {}", io_reason(&e)))
            .with_help("check that the file exists and is readable")
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                // A byte-order mark is legal noise from some editors: drop it,
                // and shift nothing else (positions are counted after it).
                text.replace_range(..3, "");
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = line_column(&prefix, valid);
            Err(Diagnostic::at(
                &shown,
                line,
                column,
                format!("invalid UTF-8 (byte 0x{:02x})", bytes[valid]),
            )
            .with_help("save the file as UTF-8"))
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Parses a JSON claim file. The fast path is one typed parse; only when it
/// fails do we parse to a `Value` and walk the schema to list every problem.
fn parse_json_file(
    file_idx: usize,
    source: &SourceText,
    parsed: &mut Parsed,
    problems: &mut Vec<Problem>,
) {
    let root = Origin {
        file: file_idx,
        line: None,
        pointer: String::new(),
    };
    if source.text().trim().is_empty() {
        problems.push(
            Problem::new(root, "empty file")
                .help("a claim file holds a JSON object such as {\"claims\": [...]}"),
        );
        return;
    }
    match serde_json::from_str::<ClaimFile>(source.text()) {
        Ok(file) => {
            let origins = (0..file.claims.len())
                .map(|i| root.child("claims").child(&i.to_string()))
                .collect();
            parsed.files.push(file);
            parsed.claim_origins.push(origins);
        }
        Err(typed_error) => {
            let value: Value = match serde_json::from_str(source.text()) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(syntax_problem(root, &e));
                    return;
                }
            };
            let shape_problems = shape::check(&shape::claim_file_schema(), &value);
            if shape_problems.is_empty() {
                // The schema walk found nothing, so report serde's own view.
                problems.push(syntax_problem(root, &typed_error));
            }
            for p in shape_problems {
                problems.push(Problem {
                    origin: Origin {
                        file: file_idx,
                        line: None,
                        pointer: p.pointer,
                    },
                    at_key: p.at_key,
                    message: p.message,
                    help: p.help,
                    related: None,
                });
            }
        }
    }
}

/// Parses a JSON Lines file as a stream: one claim object per line, blank
/// lines skipped, the text never held whole. A bad line is reported and the
/// good lines are still checked.
fn parse_jsonl_file(
    file_idx: usize,
    source: &SourceText,
    limits: Limits,
    parsed: &mut Parsed,
    problems: &mut Vec<Problem>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostic> {
    use std::io::BufRead;

    let unreadable = |e: &std::io::Error| {
        Diagnostic::file(&source.display, format!("cannot read: {}", io_reason(e)))
            .with_help("check that the file exists and is readable")
    };
    let file = std::fs::File::open(&source.path).map_err(|e| unreadable(&e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limits.max_file_bytes {
        return Err(too_big(&source.display, size, limits));
    }
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut claims = Vec::new();
    let mut origins = Vec::new();
    let mut buffer = Vec::new();
    let mut any_content = false;
    let mut line_idx = 0usize;
    loop {
        buffer.clear();
        let read = reader
            .read_until(b'\n', &mut buffer)
            .map_err(|e| unreadable(&e))?;
        if read == 0 {
            break;
        }
        line_idx += 1;
        let mut bytes = buffer.as_slice();
        if line_idx == 1 {
            bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        }
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let line = match std::str::from_utf8(bytes) {
            Ok(line) => line,
            Err(e) => {
                let valid = e.valid_up_to();
                let prefix = String::from_utf8_lossy(&bytes[..valid]);
                diagnostics.push(
                    Diagnostic::at(
                        &source.display,
                        line_idx,
                        prefix.chars().count() + 1,
                        format!("invalid UTF-8 (byte 0x{:02x})", bytes[valid]),
                    )
                    .with_help("save the file as UTF-8"),
                );
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        any_content = true;
        let origin = Origin {
            file: file_idx,
            line: Some(line_idx),
            pointer: String::new(),
        };
        match serde_json::from_str::<Claim>(line) {
            Ok(claim) => {
                claims.push(claim);
                origins.push(origin);
            }
            Err(typed_error) => match serde_json::from_str::<Value>(line) {
                Err(e) => {
                    let column = char_column(line, 1, e.column());
                    diagnostics.push(Diagnostic::at(
                        &source.display,
                        line_idx,
                        column,
                        syntax_message(&e),
                    ));
                }
                Ok(value) => {
                    let found = shape::check(&shape::claim_schema(), &value);
                    if found.is_empty() {
                        problems.push(syntax_problem(origin.clone(), &typed_error));
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
                        });
                    }
                }
            },
        }
    }
    if !any_content && diagnostics.is_empty() {
        problems.push(Problem::new(
            Origin {
                file: file_idx,
                line: None,
                pointer: String::new(),
            },
            "empty file",
        ));
    }
    parsed.files.push(ClaimFile {
        claims,
        ..ClaimFile::default()
    });
    parsed.claim_origins.push(origins);
    Ok(())
}

fn too_big(shown: &str, size: u64, limits: Limits) -> Diagnostic {
    Diagnostic::file(
        shown,
        format!(
            "file is {size} bytes, over the limit of {} bytes",
            limits.max_file_bytes
        ),
    )
    .with_help("split the case into several files or raise --max-file-bytes")
}

fn syntax_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; we print the position first.
    let message = text
        .rfind(" at line ")
        .map_or(text.as_str(), |cut| &text[..cut]);
    match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("malformed JSON: {message}")
        }
        _ => message.to_owned(),
    }
}

fn syntax_problem(origin: Origin, error: &serde_json::Error) -> Problem {
    Problem {
        origin,
        at_key: false,
        message: syntax_message(error),
        help: None,
        related: None,
    }
    .with_position(error.line(), error.column())
}

impl Problem {
    /// Records serde's own position in the pointer slot as `@line:column`.
    fn with_position(mut self, line: usize, column: usize) -> Problem {
        self.origin.pointer = format!("@{line}:{column}");
        self
    }
}

fn locate(sources: &[SourceText], mut problem: Problem) -> Diagnostic {
    if let Some(related) = problem.related.take() {
        let first = locate(sources, Problem::new(related, String::new()));
        problem.message = format!(
            "{} (first defined at {}:{}:{})",
            problem.message, first.path, first.line, first.column
        );
    }
    let Some(source) = sources.get(problem.origin.file) else {
        return Diagnostic::file("<case>", problem.message);
    };
    let (line, column) = if let Some(pos) = problem.origin.pointer.strip_prefix('@') {
        // A serde position: line and byte column within the file or line.
        let mut parts = pos.split(':').map(|n| n.parse::<usize>().unwrap_or(1));
        let (l, c) = (parts.next().unwrap_or(1), parts.next().unwrap_or(1));
        match problem.origin.line {
            Some(file_line) => {
                let text = line_text(source, file_line);
                (file_line, char_column(text, 1, c))
            }
            None => (l, char_column(source.text(), l, c)),
        }
    } else {
        match problem.origin.line {
            Some(file_line) => {
                let text = line_text(source, file_line);
                let index = PointerIndex::build(text);
                let offset = if problem.at_key {
                    index.key(&problem.origin.pointer)
                } else {
                    index.value(&problem.origin.pointer)
                };
                (file_line, line_column(text, offset).1)
            }
            None if problem.origin.pointer.is_empty() && source.text().trim().is_empty() => (0, 0),
            None => {
                let index = source.index();
                let offset = if problem.at_key {
                    index.key(&problem.origin.pointer)
                } else {
                    index.value(&problem.origin.pointer)
                };
                line_column(source.text(), offset)
            }
        }
    };
    Diagnostic {
        path: source.display.clone(),
        line,
        column,
        message: problem.message,
        help: problem.help,
    }
}

fn line_text(source: &SourceText, line: usize) -> &str {
    let starts = source.line_starts();
    let start = starts.get(line - 1).copied().unwrap_or(0);
    let end = starts
        .get(line)
        .map_or(source.text().len(), |e| e.saturating_sub(1));
    let text = source.text().get(start..end).unwrap_or("");
    text.strip_suffix('\r').unwrap_or(text)
}
