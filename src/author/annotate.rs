//! `claimgraph annotate`: add one annotation to a case's annotations file.
//!
//! The file is edited as text, not re-serialised: the new annotation is
//! inserted after the last element of the top-level `annotations` array (or
//! into a new array), with the file's own indentation and line endings, so
//! that every other byte of the file stays as the user wrote it. The write
//! is atomic, and the case is loaded again afterwards: when it no longer
//! validates, the old file is put back.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::case::Case;
use crate::error::{Error, Result};
use crate::load::{self, position::PointerIndex};
use crate::model::{AnnotatedRelation, Annotation};

/// The file `annotate` writes to in a case directory.
pub const ANNOTATIONS_FILE: &str = "annotations.json";

/// Checks that an annotation can be added to a loaded case: both ids exist,
/// they differ, and no annotation of the case already covers the pair.
///
/// # Errors
/// [`Error::Usage`] naming the problem.
pub fn check_new(case: &Case, claim_a: &str, claim_b: &str) -> Result<()> {
    for id in [claim_a, claim_b] {
        if case.claim_index(id).is_none() {
            return Err(Error::unknown_claim(
                id,
                case.claims.iter().map(|c| c.id.as_str()),
            ));
        }
    }
    if claim_a == claim_b {
        return Err(Error::Usage(format!(
            "cannot annotate claim \"{claim_a}\" with itself"
        )));
    }
    if let Some(existing) = existing_annotation(case, claim_a, claim_b) {
        return Err(Error::Usage(format!(
            "claims \"{claim_a}\" and \"{claim_b}\" are already annotated as {} ([\"{}\", \"{}\"]); edit that annotation instead",
            existing.relation.as_str(),
            existing.claims[0],
            existing.claims[1]
        )));
    }
    Ok(())
}

/// The annotation of the case that covers the pair, in either order.
#[must_use]
pub fn existing_annotation<'c>(
    case: &'c Case,
    claim_a: &str,
    claim_b: &str,
) -> Option<&'c Annotation> {
    case.annotations.iter().find(|a| {
        (a.claims[0] == claim_a && a.claims[1] == claim_b)
            || (a.claims[0] == claim_b && a.claims[1] == claim_a)
    })
}

/// The file an annotation of the case at `path` goes to: the file itself
/// for a single-file case, `annotations.json` in a directory.
#[must_use]
pub fn target_file(path: &Path) -> PathBuf {
    if load::is_dir(path) {
        path.join(ANNOTATIONS_FILE)
    } else {
        path.to_path_buf()
    }
}

/// Adds an annotation to the case at `path` and returns the file written.
///
/// The whole read-change-write runs under the case's advisory lock
/// ([`crate::output::lock_case`]): the case is read after the lock is
/// taken, so a writer that ran meanwhile is seen, and two writers never
/// lose each other's annotations. A second writer waits for the first, at
/// most [`crate::output::LOCK_WAIT`].
///
/// # Errors
/// [`Error::Invalid`] when the case does not load before or after the edit
/// (the file is then restored), [`Error::Usage`] for unknown ids,
/// duplicates or an annotations file that cannot be edited,
/// [`Error::Write`] when the file cannot be written, the lock cannot be
/// taken, or another writer held it for too long.
pub fn add(path: &Path, annotation: &Annotation, limits: load::Limits) -> Result<PathBuf> {
    add_unless_annotated(path, annotation, limits, false).map(|(file, _)| file)
}

/// [`add`] for `review`: when another writer annotated the pair since the
/// suggestions were listed, nothing is written and that annotation is
/// returned instead of an error.
///
/// # Errors
/// As [`add`], except for a pair that is already annotated.
pub fn add_or_existing(
    path: &Path,
    annotation: &Annotation,
    limits: load::Limits,
) -> Result<(PathBuf, Option<Annotation>)> {
    add_unless_annotated(path, annotation, limits, true)
}

fn add_unless_annotated(
    path: &Path,
    annotation: &Annotation,
    limits: load::Limits,
    existing_is_ok: bool,
) -> Result<(PathBuf, Option<Annotation>)> {
    let _lock = crate::output::lock_case(path, crate::output::LOCK_WAIT)?;
    let case = load::load_case_with(path, limits)?;
    if existing_is_ok {
        if let Some(existing) =
            existing_annotation(&case, &annotation.claims[0], &annotation.claims[1])
        {
            return Ok((target_file(path), Some(existing.clone())));
        }
    }
    let target = target_file(path);
    let old_text = if load::exists(&target) {
        Some(load::read_file_with(&target, limits)?)
    } else {
        None
    };
    let new_text = edit(&case, &target, old_text.as_deref(), annotation)?;
    crate::output::write_atomic(&target, |out| out.write_all(new_text.as_bytes()))?;
    if let Err(error) = load::load_case_with(path, limits) {
        // Put the file back as it was before reporting the problem.
        match &old_text {
            Some(text) => {
                crate::output::write_atomic(&target, |out| out.write_all(text.as_bytes()))?;
            }
            None => crate::output::remove(&target)?,
        }
        return Err(error);
    }
    Ok((target, None))
}

/// The text of the annotations file `target` with `annotation` added:
/// `old_text` is the file's text, `None` when there is no file yet. The
/// annotation is checked against the loaded `case` first ([`check_new`]).
/// Pure: [`add`] reads, locks, writes and validates around it.
///
/// # Errors
/// As [`check_new`]; [`Error::Usage`] when the file cannot be edited.
pub fn edit(
    case: &Case,
    target: &Path,
    old_text: Option<&str>,
    annotation: &Annotation,
) -> Result<String> {
    check_new(case, &annotation.claims[0], &annotation.claims[1])?;
    match old_text {
        Some(text) => insert(text, annotation).map_err(|message| {
            Error::Usage(format!(
                "{}: cannot add the annotation: {message}",
                target.display()
            ))
        }),
        None => Ok(new_file(annotation)),
    }
}

/// The text of a new annotations file holding one annotation.
#[must_use]
pub fn new_file(annotation: &Annotation) -> String {
    let body = pretty(annotation, "  ", "    ", "\n");
    format!("{{\n  \"format\": \"claimgraph/1\",\n  \"annotations\": [\n    {body}\n  ]\n}}\n")
}

/// An empty annotations file, as `init` and `extract` write it.
#[must_use]
pub fn empty_file() -> String {
    "{\n  \"format\": \"claimgraph/1\",\n  \"annotations\": []\n}\n".to_owned()
}

/// Inserts `annotation` into the top-level `annotations` array of a claim
/// file's text, creating the array when the file has none. Every byte
/// outside the insertion is kept.
///
/// # Errors
/// A lower-case message when the text is not a JSON object or its
/// `annotations` is not an array.
pub fn insert(text: &str, annotation: &Annotation) -> std::result::Result<String, String> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("the file is not valid JSON ({e})"))?;
    let Some(object) = value.as_object() else {
        return Err("the file does not hold a JSON object".to_owned());
    };
    let newline = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let index = PointerIndex::build(body);
    let unit = indent_unit(body, &index, object.keys().next().map(String::as_str));
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str(bom);
    match object.get("annotations") {
        Some(serde_json::Value::Array(items)) => {
            let open = index.value("/annotations");
            let close = matching_close(body, open).ok_or("unterminated annotations array")?;
            let array_indent = line_indent(body, open);
            if items.is_empty() {
                let inner = format!("{array_indent}{unit}");
                let element = pretty(annotation, &unit, &inner, newline);
                out.push_str(&body[..=open]);
                out.push_str(&format!("{newline}{inner}{element}{newline}{array_indent}"));
                out.push_str(&body[close..]);
            } else {
                let first = index.value("/annotations/0");
                let last_end = body[..close].trim_end().len();
                out.push_str(&body[..last_end]);
                if starts_line(body, first) {
                    let inner = line_indent(body, first);
                    let element = pretty(annotation, &unit, &inner, newline);
                    out.push_str(&format!(",{newline}{inner}{element}"));
                } else {
                    let element = serde_json::to_string(annotation).map_err(|e| e.to_string())?;
                    out.push_str(&format!(", {element}"));
                }
                out.push_str(&body[last_end..]);
            }
        }
        Some(_) => return Err("\"annotations\" is not an array".to_owned()),
        None => {
            let close = body.trim_end().len().saturating_sub(1);
            let before = body[..close].trim_end();
            let inner = format!("{unit}{unit}");
            let element = pretty(annotation, &unit, &inner, newline);
            out.push_str(before);
            if !before.ends_with('{') {
                out.push(',');
            }
            out.push_str(&format!(
                "{newline}{unit}\"annotations\": [{newline}{inner}{element}{newline}{unit}]{newline}"
            ));
            out.push_str(&body[close..]);
        }
    }
    Ok(out)
}

/// Pretty-prints `annotation` with `unit` as one level of indentation,
/// every line after the first prefixed with `base`.
fn pretty(annotation: &Annotation, unit: &str, base: &str, newline: &str) -> String {
    let mut buffer = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(unit.as_bytes());
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffer, formatter);
    // Serialising plain strings and enums into a Vec cannot fail.
    if annotation.serialize(&mut serializer).is_err() {
        return String::new();
    }
    let text = String::from_utf8_lossy(&buffer).into_owned();
    text.split('\n')
        .collect::<Vec<_>>()
        .join(&format!("{newline}{base}"))
}

/// The indentation of one nesting level: taken from the first top-level
/// key when it starts a line, two spaces otherwise.
fn indent_unit(text: &str, index: &PointerIndex, first_key: Option<&str>) -> String {
    let Some(key) = first_key else {
        return "  ".to_owned();
    };
    let pointer = format!("/{}", crate::load::position::escape_pointer(key));
    let offset = index.key(&pointer);
    let indent = line_indent(text, offset);
    if starts_line(text, offset) && !indent.is_empty() {
        indent
    } else {
        "  ".to_owned()
    }
}

/// The whitespace at the start of the line holding `offset`.
fn line_indent(text: &str, offset: usize) -> String {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// True when only whitespace precedes `offset` on its line.
fn starts_line(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].trim().is_empty()
}

/// The offset of the bracket closing the array or object opened at `open`.
fn matching_close(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Parses a relation name as written on the command line.
#[must_use]
pub fn parse_relation(name: &str) -> Option<AnnotatedRelation> {
    match name {
        "contradicts" => Some(AnnotatedRelation::Contradicts),
        "supports" => Some(AnnotatedRelation::Supports),
        "unrelated" => Some(AnnotatedRelation::Unrelated),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotation() -> Annotation {
        Annotation {
            claims: ["a1".to_owned(), "b1".to_owned()],
            relation: AnnotatedRelation::Contradicts,
            note: Some("n".to_owned()),
            author: None,
        }
    }

    #[test]
    fn appends_after_the_last_element_keeping_everything_else() {
        let text = "{\n    \"format\": \"claimgraph/1\",\n    \"annotations\": [\n        {\"claims\": [\"x\", \"y\"], \"relation\": \"supports\"}\n    ]\n}\n";
        let out = insert(text, &annotation()).unwrap();
        assert_eq!(
            out,
            "{\n    \"format\": \"claimgraph/1\",\n    \"annotations\": [\n        {\"claims\": [\"x\", \"y\"], \"relation\": \"supports\"},\n        {\n            \"claims\": [\n                \"a1\",\n                \"b1\"\n            ],\n            \"relation\": \"contradicts\",\n            \"note\": \"n\"\n        }\n    ]\n}\n"
        );
        assert!(out.starts_with(&text[..text.find("}\n    ]").unwrap() + 1]));
    }

    #[test]
    fn fills_an_empty_array_and_creates_a_missing_one() {
        let out = insert(&empty_file(), &annotation()).unwrap();
        assert_eq!(out, new_file(&annotation()));
        let out = insert("{\"claims\": []}", &annotation()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["annotations"][0]["claims"][1], "b1");
        assert!(out.starts_with("{\"claims\": []"));
    }

    #[test]
    fn single_line_arrays_stay_on_one_line() {
        let out = insert(
            "{\"annotations\": [{\"claims\": [\"x\", \"y\"], \"relation\": \"supports\"}]}\r\n",
            &annotation(),
        )
        .unwrap();
        assert_eq!(
            out,
            "{\"annotations\": [{\"claims\": [\"x\", \"y\"], \"relation\": \"supports\"}, {\"claims\":[\"a1\",\"b1\"],\"relation\":\"contradicts\",\"note\":\"n\"}]}\r\n"
        );
    }

    #[test]
    fn edit_checks_the_case_then_inserts() {
        let case = crate::load::load_bytes(
            "case.json",
            br#"{"format": "claimgraph/1", "case": {"id": "t", "language": "en"},
                "parties": [{"id": "a", "name": "A", "role": "prosecution"},
                            {"id": "b", "name": "B", "role": "defense"}],
                "claims": [{"id": "a1", "party": "a", "text": "The fine was paid."},
                           {"id": "b1", "party": "b", "text": "The fine was never paid."}]}"#,
            crate::load::Limits::default(),
        )
        .unwrap();
        let target = Path::new("annotations.json");
        assert_eq!(
            edit(&case, target, None, &annotation()).unwrap(),
            new_file(&annotation())
        );
        let mut unknown = annotation();
        unknown.claims[1] = "b2".to_owned();
        let error = edit(&case, target, None, &unknown).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: unknown claim \"b2\"; did you mean \"b1\"?"
        );
        let error = edit(&case, target, Some("[1]"), &annotation()).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("error: annotations.json: cannot add the annotation")
        );
    }

    #[test]
    fn refuses_what_it_cannot_edit() {
        assert!(insert("[1]", &annotation()).is_err());
        assert!(insert("{\"annotations\": 3}", &annotation()).is_err());
        assert!(insert("{", &annotation()).is_err());
    }
}
