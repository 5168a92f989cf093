//! Turning byte offsets and JSON pointers into `line:column` positions.
//!
//! serde_json does not keep spans on values, so when validation finds a
//! problem at `/claims/3/id` we scan the file once more to find where that
//! value starts. The scan is iterative (no recursion, so 10,000-deep nesting
//! is fine) and only runs when there is something to report.

use std::collections::HashMap;

/// 1-based line and column (in characters) of a byte offset.
#[must_use]
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// 1-based line and byte column of a byte offset: the form serde_json
/// reports positions in.
#[must_use]
pub fn line_byte_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

/// A key repeated within one JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key, unescaped.
    pub key: String,
    /// Byte offset of the repeat's opening quote.
    pub offset: usize,
    /// Byte offset of the first occurrence's opening quote.
    pub first_offset: usize,
}

/// Every key repeated within one object of a syntactically valid JSON
/// document. serde_json keeps the last value of a repeated key without a
/// word, and other readers keep the first, so the loader reports them. The
/// scan is iterative, like [`PointerIndex::build`].
#[must_use]
pub fn duplicate_keys(text: &str) -> Vec<DuplicateKey> {
    struct Frame {
        is_array: bool,
        expect_key: bool,
        keys: HashMap<String, usize>,
    }
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                stack.push(Frame {
                    is_array: bytes[i] == b'[',
                    expect_key: bytes[i] == b'{',
                    keys: HashMap::new(),
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(frame) = stack.last_mut() {
                    frame.expect_key = !frame.is_array;
                }
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i);
                if let Some(frame) = stack.last_mut().filter(|f| !f.is_array && f.expect_key) {
                    frame.expect_key = false;
                    let key: String = serde_json::from_str(&text[i..end]).unwrap_or_default();
                    match frame.keys.get(&key) {
                        Some(&first_offset) => found.push(DuplicateKey {
                            key,
                            offset: i,
                            first_offset,
                        }),
                        None => {
                            frame.keys.insert(key, i);
                        }
                    }
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    found
}

/// Converts serde_json's 1-based line and byte column to a character column.
#[must_use]
pub fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let end = floor_char_boundary(
        line_text,
        byte_column.saturating_sub(1).min(line_text.len()),
    );
    line_text[..end].chars().count() + 1
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Deeper than this, [`PointerIndex::build`] stops: serde_json's own
/// recursion limit is 128, so no problem can be reported below it.
const MAX_INDEX_DEPTH: usize = 256;

/// Where each value (and each object key) of a JSON document starts.
#[derive(Debug, Default)]
pub struct PointerIndex {
    values: HashMap<String, usize>,
    keys: HashMap<String, usize>,
}

impl PointerIndex {
    /// Scans a syntactically valid JSON document.
    #[must_use]
    pub fn build(text: &str) -> PointerIndex {
        let mut index = PointerIndex::default();
        let bytes = text.as_bytes();
        // Each frame is (pointer of the container, is_array, next array index).
        let mut stack: Vec<(String, bool, usize)> = Vec::new();
        let mut pending_key: Option<String> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b' ' | b'\t' | b'\r' | b'\n' | b',' | b':' => {
                    i += 1;
                    continue;
                }
                b'}' | b']' => {
                    stack.pop();
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // A string in an object with no pending key is a key.
            let in_object = matches!(stack.last(), Some((_, false, _)));
            if b == b'"' && in_object && pending_key.is_none() {
                let end = string_end(bytes, i);
                let raw = &text[i..end];
                let key: String = serde_json::from_str(raw).unwrap_or_default();
                let parent = stack.last().map_or("", |f| f.0.as_str());
                let pointer = format!("{parent}/{}", escape_pointer(&key));
                index.keys.entry(pointer.clone()).or_insert(i);
                pending_key = Some(pointer);
                i = end;
                continue;
            }
            // Otherwise this byte starts a value.
            let pointer = if let Some(p) = pending_key.take() {
                p
            } else if let Some(frame) = stack.last_mut() {
                let p = format!("{}/{}", frame.0, frame.2);
                frame.2 += 1;
                p
            } else {
                String::new()
            };
            index.values.entry(pointer.clone()).or_insert(i);
            match b {
                b'{' | b'[' => {
                    if stack.len() >= MAX_INDEX_DEPTH {
                        // serde_json refuses documents nested this deep, so
                        // nothing below can be reported on; stopping keeps
                        // the pointers (which grow with depth) small.
                        break;
                    }
                    stack.push((pointer, b == b'[', 0));
                    i += 1;
                }
                b'"' => i = string_end(bytes, i),
                _ => {
                    while i < bytes.len()
                        && !matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n')
                    {
                        i += 1;
                    }
                }
            }
        }
        index
    }

    /// The byte offset where the value at `pointer` starts, falling back to
    /// the nearest enclosing value.
    #[must_use]
    pub fn value(&self, pointer: &str) -> usize {
        let mut p = pointer;
        loop {
            if let Some(&offset) = self.values.get(p) {
                return offset;
            }
            match p.rfind('/') {
                Some(cut) => p = &p[..cut],
                None => return 0,
            }
        }
    }

    /// The byte offset of the key naming the value at `pointer`, or of the
    /// value itself when it has no key (an array element).
    #[must_use]
    pub fn key(&self, pointer: &str) -> usize {
        self.keys
            .get(pointer)
            .copied()
            .unwrap_or_else(|| self.value(pointer))
    }
}

/// The offset one past the closing quote of the string starting at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Escapes a key for a JSON pointer (RFC 6901).
#[must_use]
pub fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_keys() {
        let text =
            "{\n  \"claims\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"t/x\": 3}\n  ]\n}";
        let index = PointerIndex::build(text);
        assert_eq!(line_column(text, index.value("/claims/1/id")), (4, 12));
        assert_eq!(line_column(text, index.key("/claims/1/id")), (4, 6));
        assert_eq!(line_column(text, index.key("/claims/1/t~1x")), (4, 17));
        assert_eq!(line_column(text, index.value("/claims/7")), (2, 13));
    }

    #[test]
    fn finds_duplicate_keys_per_object() {
        let text = r#"{"a": 1, "b": {"a": 2, "c": [{"a": 3}, {"a": 4}]}, "a\u0041": 0, "a": 5}"#;
        let found = duplicate_keys(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].key, "a");
        assert_eq!(&text[found[0].offset..found[0].offset + 3], "\"a\"");
        assert_eq!(found[0].first_offset, 1);
        assert!(duplicate_keys(r#"{"x": "\"y\": 1, \"y\": 2"}"#).is_empty());
        assert_eq!(duplicate_keys(r#"{"é": 1, "\u00e9": 2}"#).len(), 1);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(duplicate_keys(&deep).is_empty());
        let index = PointerIndex::build(&deep);
        assert_eq!(index.value("/0/0/0"), 3);
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("é\"x", 3), (1, 3));
        assert_eq!(char_column("« a", 1, 4), 3);
    }
}
