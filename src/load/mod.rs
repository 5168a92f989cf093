//! Reading a case from disk: discovering files, decoding, parsing, merging
//! and validating, with every problem reported as `path:line:column`.
//!
//! This module and [`crate::output`] are the only places that touch the
//! file system. Inputs are only ever opened for reading.
#![allow(clippy::disallowed_methods)]

mod jsonl;
pub mod position;
pub mod shape;
mod validate;

pub use validate::is_valid_date;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::case::Case;
use crate::error::{Diagnostic, Error, Result};
use crate::model::ClaimFile;
use position::{PointerIndex, char_column, line_column};

/// Limits that keep hostile input from exhausting memory, and how far the
/// loader may reach (`follow_symlinks`). Every limit is checked before the
/// data it guards is used, and going over any of them is an input error,
/// never an out-of-memory crash. One `Limits` reaches every command and
/// every file it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes. A file is never read past this, even if
    /// it grows while being read.
    pub max_file_bytes: u64,
    /// Longest claim text, in bytes.
    pub max_claim_bytes: usize,
    /// Most claims in one case; no further file is parsed once it is passed.
    pub max_claims: usize,
    /// Read a claim file of a case directory that is a symlink to a file
    /// outside the directory. Off by default: a case copied from a stranger
    /// could otherwise make `check` read (and a report show) any file the
    /// user can read.
    pub follow_symlinks: bool,
}

impl Limits {
    /// Default [`Limits::max_file_bytes`]: 256 MiB.
    pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
    /// Default [`Limits::max_claim_bytes`]: 1 MiB.
    pub const DEFAULT_MAX_CLAIM_BYTES: usize = 1024 * 1024;
    /// Default [`Limits::max_claims`]: one million.
    pub const DEFAULT_MAX_CLAIMS: usize = 1_000_000;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: Limits::DEFAULT_MAX_FILE_BYTES,
            max_claim_bytes: Limits::DEFAULT_MAX_CLAIM_BYTES,
            max_claims: Limits::DEFAULT_MAX_CLAIMS,
            follow_symlinks: false,
        }
    }
}

/// Most problems reported for one load; the rest are counted.
const MAX_PROBLEMS: usize = 500;

/// The kind of a claim file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FileKind {
    /// One JSON document holding any of the top-level fields.
    Json,
    /// One claim object per line.
    JsonLines,
}

/// A file's text, kept during loading so that problems can be positioned.
struct SourceText {
    display: String,
    /// The text: set when the file is read whole, or, for a JSON Lines file
    /// read as a stream, read again the first time a problem needs it.
    text: std::cell::OnceCell<String>,
    /// The file a streamed text is read again from.
    streamed_from: Option<PathBuf>,
    /// Byte offset of each line start, for JSON Lines files.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    index: std::cell::OnceCell<PointerIndex>,
}

impl SourceText {
    /// A file whose text is read whole.
    fn in_memory(display: String, text: String) -> SourceText {
        SourceText::new(display, std::cell::OnceCell::from(text), None)
    }

    /// A JSON Lines file read as a stream: its text is read only if a
    /// problem needs it.
    fn streamed(display: String, path: PathBuf) -> SourceText {
        SourceText::new(display, std::cell::OnceCell::new(), Some(path))
    }

    fn new(
        display: String,
        text: std::cell::OnceCell<String>,
        streamed_from: Option<PathBuf>,
    ) -> SourceText {
        SourceText {
            display,
            text,
            streamed_from,
            line_starts: std::cell::OnceCell::new(),
            index: std::cell::OnceCell::new(),
        }
    }

    /// The file's text. A streamed file is read again (only problems need
    /// it); bytes that are not UTF-8 were reported while streaming and are
    /// replaced here, which keeps every other line's positions.
    fn text(&self) -> &str {
        self.text.get_or_init(|| {
            let bytes = self
                .streamed_from
                .as_ref()
                .and_then(|path| std::fs::read(path).ok())
                .unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned()
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(self.text()))
    }

    fn index(&self) -> &PointerIndex {
        self.index.get_or_init(|| PointerIndex::build(self.text()))
    }
}

/// A claim file to load: its bytes, or, for a JSON Lines file on disk, its
/// path (it is read as a stream).
enum Input {
    Bytes(Vec<u8>),
    Stream(PathBuf),
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
    /// The id an unresolved reference names: not reported when that item
    /// was dropped for its shape, which is reported already.
    pub(crate) unresolved: Option<String>,
}

impl Problem {
    pub(crate) fn new(origin: Origin, message: impl Into<String>) -> Problem {
        Problem {
            origin,
            at_key: false,
            message: message.into(),
            help: None,
            related: None,
            unresolved: None,
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
    /// For each entry of `files`, the index of its source file: a file that
    /// could not be read at all has no entry, so the two can differ.
    pub(crate) file_of: Vec<usize>,
    /// The ids of items dropped because they did not have the right shape
    /// (already reported): references to them are not reported again.
    pub(crate) dropped_ids: std::collections::BTreeSet<String>,
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
    let (paths, mut diagnostics) = discover(path, limits)?;
    let mut files = Vec::new();
    for (file_path, kind) in paths {
        if kind == FileKind::JsonLines {
            files.push((display(&file_path), kind, Input::Stream(file_path)));
            continue;
        }
        match read_bytes(&file_path, limits) {
            Ok(bytes) => files.push((display(&file_path), kind, Input::Bytes(bytes))),
            Err(d) => diagnostics.push(d),
        }
    }
    load_decoded(
        files,
        diagnostics,
        &display(path),
        &default_case_id(path),
        limits,
    )
}

/// Loads a case from claim files already in memory: the same decoding,
/// parsing and validation as [`load_case_with`], without the file system.
/// Each file is a name (shown in messages; a name ending in `.jsonl` is
/// read as JSON Lines) and its bytes. Files are merged in name order, and
/// the case id defaults to `case_name`.
///
/// # Errors
/// [`Error::Invalid`] with every problem found, sorted.
pub fn load_files(case_name: &str, files: &[(String, Vec<u8>)], limits: Limits) -> Result<Case> {
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut decoded = Vec::new();
    let mut diagnostics = Vec::new();
    for (name, bytes) in sorted {
        if bytes.len() as u64 > limits.max_file_bytes {
            diagnostics.push(too_big(name, bytes.len() as u64, limits));
            continue;
        }
        let kind = if name.ends_with(".jsonl") {
            FileKind::JsonLines
        } else {
            FileKind::Json
        };
        decoded.push((name.clone(), kind, Input::Bytes(bytes.clone())));
    }
    load_decoded(decoded, diagnostics, case_name, case_name, limits)
}

/// Loads one claim file held in memory; see [`load_files`].
///
/// # Errors
/// [`Error::Invalid`] with every problem found, sorted.
pub fn load_bytes(name: &str, bytes: &[u8], limits: Limits) -> Result<Case> {
    let stem = Path::new(name)
        .file_stem()
        .map_or_else(|| "case".to_owned(), |s| s.to_string_lossy().into_owned());
    load_files(&stem, &[(name.to_owned(), bytes.to_vec())], limits)
}

/// The core of every loading entry point: decode, parse, merge and
/// validate files whose bytes are in memory.
fn load_decoded(
    files: Vec<(String, FileKind, Input)>,
    mut diagnostics: Vec<Diagnostic>,
    shown_root: &str,
    case_id: &str,
    limits: Limits,
) -> Result<Case> {
    let mut sources = Vec::new();
    let mut parsed = Parsed::default();
    let mut problems = Vec::new();
    let mut n_claims = 0;
    for (name, kind, input) in files {
        let file_idx = sources.len();
        let source = match input {
            Input::Bytes(bytes) => match decode(&name, bytes) {
                Ok(text) => SourceText::in_memory(name, text),
                Err(d) => {
                    diagnostics.push(d);
                    continue;
                }
            },
            Input::Stream(path) => SourceText::streamed(name, path),
        };
        match (kind, &source.streamed_from) {
            (FileKind::Json, _) => parse_json_file(file_idx, &source, &mut parsed, &mut problems),
            (FileKind::JsonLines, None) => {
                let records = jsonl::parse_text(file_idx, &source.display, source.text());
                add_records(
                    file_idx,
                    records,
                    &mut parsed,
                    &mut problems,
                    &mut diagnostics,
                );
            }
            (FileKind::JsonLines, Some(path)) => {
                let max = limits.max_claims.saturating_sub(n_claims);
                match jsonl::parse_file(file_idx, path, &source.display, limits, max) {
                    Ok(records) => add_records(
                        file_idx,
                        records,
                        &mut parsed,
                        &mut problems,
                        &mut diagnostics,
                    ),
                    Err(d) => {
                        diagnostics.push(d);
                        continue;
                    }
                }
            }
        }
        n_claims = parsed.files.iter().map(|f| f.claims.len()).sum();
        if n_claims > limits.max_claims {
            // Stop before another file adds to memory: the case is refused
            // whatever the rest holds.
            diagnostics.push(
                Diagnostic::file(
                    &source.display,
                    format!(
                        "the case has {n_claims} claims by this file, over the limit of {}",
                        limits.max_claims
                    ),
                )
                .with_help("raise --max-claims if this machine has the memory"),
            );
            diagnostics.sort();
            diagnostics.dedup();
            return Err(Error::Invalid(diagnostics));
        }
        sources.push(source);
    }
    let file_names: Vec<String> = sources.iter().map(|s| s.display.clone()).collect();
    let case = validate::merge(&parsed, &file_names, case_id, limits, &mut problems);
    problems.retain(|p| {
        p.unresolved
            .as_ref()
            .is_none_or(|id| !parsed.dropped_ids.contains(id))
    });
    // Positioning a problem scans its file, so a hostile file with millions
    // of problems is cut short rather than scanned millions of times.
    let n_problems = problems.len() + diagnostics.len();
    if n_problems > MAX_PROBLEMS {
        problems.truncate(MAX_PROBLEMS.saturating_sub(diagnostics.len()));
        diagnostics.push(Diagnostic::file(
            shown_root,
            format!(
                "{} more problems not shown",
                n_problems - problems.len() - diagnostics.len()
            ),
        ));
    }
    diagnostics.extend(problems.into_iter().map(|p| locate(&sources, p)));
    if diagnostics.is_empty() && case.as_ref().is_some_and(|c| c.claims.is_empty()) {
        diagnostics.push(
            Diagnostic::file(shown_root, "the case has no claims")
                .with_help("add a \"claims\" array to one of the case's files"),
        );
    }
    if diagnostics.is_empty() {
        if let Some(case) = case {
            return Ok(case);
        }
    }
    if diagnostics.is_empty() {
        diagnostics.push(Diagnostic::file(shown_root, "the case could not be loaded"));
    }
    diagnostics.sort();
    diagnostics.dedup();
    Err(Error::Invalid(diagnostics))
}

/// Reads a `claimgraph.report/1` JSON report, for `claimgraph diff`.
/// Returns `Ok(None)` when `path` is a directory, or a file that is not a
/// report (then it is a claim file, to be loaded as a case).
///
/// # Errors
/// [`Error::Invalid`] when the file cannot be read, or claims to be a report
/// and does not parse as one.
pub fn read_report(path: &Path, limits: Limits) -> Result<Option<crate::report::Report>> {
    if path.is_dir() {
        return Ok(None);
    }
    let shown = display(path);
    let text = read_text(path, limits).map_err(Error::one)?;
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<String>,
    }
    let is_report = serde_json::from_str::<Header>(&text)
        .ok()
        .and_then(|h| h.format)
        .is_some_and(|f| f == crate::report::REPORT_FORMAT);
    if !is_report {
        return Ok(None);
    }
    serde_json::from_str(&text).map(Some).map_err(|e| {
        let line = e.line();
        Error::one(
            Diagnostic::at(
                &shown,
                line,
                char_column(&text, line, e.column()),
                format!("not a valid report: {}", syntax_message(&e)),
            )
            .with_help("write reports with `claimgraph report --format json`"),
        )
    })
}

/// True when `path` is a directory (a case directory rather than a single
/// claim file).
#[must_use]
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// True when something exists at `path`.
#[must_use]
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// Reads one file as UTF-8 text, for the authoring commands that edit a
/// case's files in place. A byte-order mark is kept.
///
/// # Errors
/// [`Error::Invalid`] when the file cannot be read or is not UTF-8.
pub fn read_file(path: &Path) -> Result<String> {
    read_file_with(path, Limits::default())
}

/// [`read_file`] within limits: only a regular file is read, and never past
/// [`Limits::max_file_bytes`]. Every file a command reads (an article, a
/// spreadsheet, a pair file, an annotations file) goes through this.
///
/// # Errors
/// [`Error::Invalid`] when the file cannot be read, is not a regular file,
/// is over the limit or is not UTF-8.
pub fn read_file_with(path: &Path, limits: Limits) -> Result<String> {
    let shown = display(path);
    let bytes = read_bytes(path, limits).map_err(Error::one)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = line_column(&prefix, valid);
        Error::one(
            Diagnostic::at(&shown, line, column, "invalid UTF-8")
                .with_help("save the file as UTF-8"),
        )
    })
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
/// The claim files of a case, each with its kind.
type Discovered = Vec<(PathBuf, FileKind)>;

/// The claim files of a case, sorted by name, and the problems of the
/// entries that were refused (a symlink leading out of the case).
fn discover(path: &Path, limits: Limits) -> Result<(Discovered, Vec<Diagnostic>)> {
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
        return Ok((vec![(path.to_path_buf(), kind)], Vec::new()));
    }
    let case_dir = std::fs::canonicalize(path).ok();
    let mut refused = Vec::new();
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
        // case is flat, which also rules out symlink loops. Anything else
        // that fails (a dangling symlink, a loop, a file that vanished) is
        // kept so that reading it reports the problem: nothing named like a
        // claim file is dropped silently.
        if std::fs::metadata(&file_path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        // A symlink to a file outside the case is not read unless asked
        // for: a case from a stranger must not read the user's own files.
        let is_link = std::fs::symlink_metadata(&file_path).is_ok_and(|m| m.is_symlink());
        if is_link && !limits.follow_symlinks {
            let outside = match (&case_dir, std::fs::canonicalize(&file_path)) {
                (Some(dir), Ok(real)) => !real.starts_with(dir),
                _ => false,
            };
            if outside {
                refused.push(
                    Diagnostic::file(
                        &display(&file_path),
                        "a symlink to a file outside the case; it is not read",
                    )
                    .with_help("copy the file into the case, or pass --follow-symlinks"),
                );
                continue;
            }
        }
        files.push((file_path, kind));
    }
    files.sort();
    refused.sort();
    if files.is_empty() && !refused.is_empty() {
        return Err(Error::Invalid(refused));
    }
    if files.is_empty() {
        return Err(Error::one(
            Diagnostic::file(
                &shown,
                "no claim files (*.json or *.jsonl) in this directory",
            )
            .with_help("add a claims.json, or run `claimgraph init` to scaffold a case"),
        ));
    }
    Ok((files, refused))
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            // Keep the system's words but not its error number, which
            // differs between systems.
            let text = error.to_string().to_lowercase();
            match text.find(" (os error ") {
                Some(cut) => text[..cut].to_owned(),
                None => text,
            }
        }
    }
}

/// Reads AIF JSON maps for `import aif`, each named by its file stem, in
/// path order. Every file is read and parsed before any problem is
/// reported, so the user sees them all at once.
///
/// # Errors
/// [`Error::Invalid`] with every unreadable or unparsable file.
pub fn read_aif_maps(
    paths: &[PathBuf],
    limits: Limits,
) -> Result<Vec<(String, crate::import::aif::AifMap)>> {
    let mut paths = paths.to_vec();
    paths.sort();
    paths.dedup();
    let mut maps = Vec::new();
    let mut diagnostics = Vec::new();
    for path in &paths {
        let parsed = read_text(path, limits)
            .and_then(|text| crate::import::aif::parse(&display(path), &text));
        match parsed {
            Ok(map) => {
                let name = path
                    .file_stem()
                    .map_or_else(|| "map".to_owned(), |s| s.to_string_lossy().into_owned());
                maps.push((name, map));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.is_empty() {
        Ok(maps)
    } else {
        diagnostics.sort();
        Err(Error::Invalid(diagnostics))
    }
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

/// Reads a file's bytes, never more than the limit allows. Only regular
/// files are read: a FIFO or a device could block forever or never end.
fn read_bytes(path: &Path, limits: Limits) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;

    let shown = display(path);
    let file = open_regular(path, limits)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so that a file that grew since the
    // metadata call is caught rather than read whole.
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(&shown, &e))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_big(&shown, bytes.len() as u64, limits));
    }
    Ok(bytes)
}

/// Opens a claim file for reading, after checking that it is a regular
/// file within the size limit.
fn open_regular(path: &Path, limits: Limits) -> Result<std::fs::File, Diagnostic> {
    let shown = display(path);
    let metadata = std::fs::metadata(path).map_err(|e| cannot_read(&shown, &e))?;
    if !metadata.is_file() {
        return Err(Diagnostic::file(&shown, "not a regular file")
            .with_help("a claim file is a plain file, not a directory, pipe, socket or device"));
    }
    if metadata.len() > limits.max_file_bytes {
        return Err(too_big(&shown, metadata.len(), limits));
    }
    // Opened read-only: claimgraph never writes to its inputs.
    std::fs::File::open(path).map_err(|e| cannot_read(&shown, &e))
}

/// The diagnostic for a claim file that cannot be read.
fn cannot_read(shown: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::file(shown, format!("cannot read: {}", io_reason(error)))
        .with_help("check that the file exists and is readable")
}

/// Reads and decodes a file: [`read_bytes`], then [`decode`].
fn read_text(path: &Path, limits: Limits) -> Result<String, Diagnostic> {
    decode(&display(path), read_bytes(path, limits)?)
}

/// Decodes a file as UTF-8. A leading byte-order mark is accepted and
/// dropped; positions are then counted from the character after it, as
/// editors count them.
fn decode(shown: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => match text.strip_prefix('\u{feff}') {
            Some(rest) => Ok(rest.to_owned()),
            None => Ok(text),
        },
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = line_column(&prefix, valid);
            let byte = bytes.get(valid).copied().unwrap_or(0);
            Err(Diagnostic::at(
                shown,
                line,
                column,
                format!("invalid UTF-8 (byte 0x{byte:02x})"),
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
            parsed.file_of.push(file_idx);
        }
        Err(typed_error) => {
            let value: Value = match serde_json::from_str(source.text()) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(syntax_problem(root, &e));
                    return;
                }
            };
            // Every object in the format is a struct, and serde rejects a
            // repeated struct field, so duplicate keys can only be present
            // when the typed parse failed: only then is the scan needed.
            let duplicates = duplicate_key_problems(&root, source.text());
            let found_duplicates = !duplicates.is_empty();
            problems.extend(duplicates);
            let shape_problems = shape::check(shape::claim_file_schema_cached(), &value);
            if shape_problems.is_empty() && !found_duplicates {
                // The schema walk found nothing, so report serde's own view.
                problems.push(syntax_problem(root.clone(), &typed_error));
            }
            // Keep every item that has the right shape, so that one bad
            // value is reported once and does not take the rest of the file
            // with it (no cascade of "unknown party" for a file whose
            // parties were fine).
            let (file, kept) = salvage(&value, &mut parsed.dropped_ids);
            parsed.claim_origins.push(
                kept.iter()
                    .map(|i| root.child("claims").child(&i.to_string()))
                    .collect(),
            );
            parsed.files.push(file);
            parsed.file_of.push(file_idx);
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
                    unresolved: None,
                });
            }
        }
    }
}

/// What can be kept of a claim file whose typed parse failed: every
/// top-level field and every array element that parses on its own, each
/// object without the one field that spoils it when there is only one. The
/// problems themselves are reported by the schema walk. Returns the file
/// and, for each kept claim, its index in the original `claims` array.
fn salvage(
    value: &Value,
    dropped: &mut std::collections::BTreeSet<String>,
) -> (ClaimFile, Vec<usize>) {
    fn items<T: serde::de::DeserializeOwned>(
        value: &Value,
        field: &str,
        dropped: &mut std::collections::BTreeSet<String>,
    ) -> Vec<(usize, T)> {
        let Some(array) = value.get(field).and_then(Value::as_array) else {
            return Vec::new();
        };
        let mut kept = Vec::new();
        for (i, item) in array.iter().enumerate() {
            match lenient::<T>(item) {
                Some(t) => kept.push((i, t)),
                None => {
                    if let Some(id) = item.get("id").and_then(Value::as_str) {
                        dropped.insert(id.to_owned());
                    }
                }
            }
        }
        kept
    }
    let claims: Vec<(usize, crate::model::Claim)> = items(value, "claims", dropped);
    let kept = claims.iter().map(|(i, _)| *i).collect();
    let file = ClaimFile {
        format: value
            .get("format")
            .and_then(Value::as_str)
            .map(str::to_owned),
        case: value.get("case").and_then(lenient),
        parties: items(value, "parties", dropped)
            .into_iter()
            .map(|(_, t)| t)
            .collect(),
        sources: items(value, "sources", dropped)
            .into_iter()
            .map(|(_, t)| t)
            .collect(),
        claims: claims.into_iter().map(|(_, t)| t).collect(),
        annotations: items(value, "annotations", dropped)
            .into_iter()
            .map(|(_, t)| t)
            .collect(),
        statuses: items(value, "statuses", dropped)
            .into_iter()
            .map(|(_, t)| t)
            .collect(),
        points: items(value, "points", dropped)
            .into_iter()
            .map(|(_, t)| t)
            .collect(),
        config: value.get("config").and_then(lenient),
    };
    (file, kept)
}

/// `value` as a `T`, or, for an object, as a `T` without the one key whose
/// value spoils it.
fn lenient<T: serde::de::DeserializeOwned>(value: &Value) -> Option<T> {
    if let Ok(t) = serde_json::from_value::<T>(value.clone()) {
        return Some(t);
    }
    let object = value.as_object()?;
    object.keys().find_map(|key| {
        let mut without = object.clone();
        without.remove(key);
        serde_json::from_value::<T>(Value::Object(without)).ok()
    })
}

/// Adds the claims and problems of a JSON Lines file.
fn add_records(
    file_idx: usize,
    records: jsonl::Records,
    parsed: &mut Parsed,
    problems: &mut Vec<Problem>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !records.has_content {
        problems.push(Problem::new(
            Origin {
                file: file_idx,
                line: None,
                pointer: String::new(),
            },
            "empty file",
        ));
    }
    problems.extend(records.problems);
    diagnostics.extend(records.diagnostics);
    parsed.dropped_ids.extend(records.dropped_ids);
    parsed.files.push(ClaimFile {
        claims: records.claims,
        ..ClaimFile::default()
    });
    parsed.claim_origins.push(records.origins);
    parsed.file_of.push(file_idx);
}

/// One problem per repeated key, at the repeat, naming the first.
fn duplicate_key_problems(root: &Origin, text: &str) -> Vec<Problem> {
    position::duplicate_keys(text)
        .into_iter()
        .map(|dup| {
            let (line, byte_column) = position::line_byte_column(text, dup.offset);
            let (first_line, first_column) = line_column(text, dup.first_offset);
            let first = match root.line {
                // Within a JSON Lines record the line is the record's line.
                Some(record_line) => format!("column {first_column} of line {record_line}"),
                None => format!("line {first_line}, column {first_column}"),
            };
            Problem::new(
                root.clone(),
                format!("duplicate key \"{}\" (first at {first})", dup.key),
            )
            .help("JSON readers disagree on which value of a repeated key wins; keep one")
            .with_position(line, byte_column)
        })
        .collect()
}

fn syntax_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; we print the position first.
    let message = text
        .rfind(" at line ")
        .map_or(text.as_str(), |cut| &text[..cut]);
    if message == "recursion limit exceeded" {
        return "malformed JSON: nested more than 128 levels deep".to_owned();
    }
    match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("malformed JSON: {message}")
        }
        _ => message.to_owned(),
    }
}

/// Advice for the serde_json messages that need it.
fn syntax_help(message: &str) -> Option<String> {
    if message.contains("hex escape") || message.contains("surrogate") {
        return Some(
            "a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF escape: JSON strings hold valid Unicode"
                .to_owned(),
        );
    }
    None
}

fn syntax_problem(origin: Origin, error: &serde_json::Error) -> Problem {
    let message = syntax_message(error);
    Problem {
        origin,
        at_key: false,
        help: syntax_help(&message),
        message,
        related: None,
        unresolved: None,
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
        let at = first
            .position
            .map(|p| format!(":{}:{}", p.line, p.column))
            .unwrap_or_default();
        problem.message = format!("{} (first defined at {}{at})", problem.message, first.path);
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
    // (0, 0): an empty file, which has no position.
    Diagnostic {
        help: problem.help,
        ..Diagnostic::at(&source.display, line, column, problem.message)
    }
}

fn line_text(source: &SourceText, line: usize) -> &str {
    let starts = source.line_starts();
    let text = source.text();
    let start = starts.get(line - 1).copied().unwrap_or(0);
    let end = starts.get(line).map_or(text.len(), |e| e.saturating_sub(1));
    let text = text.get(start..end).unwrap_or("");
    text.strip_suffix('\r').unwrap_or(text)
}
