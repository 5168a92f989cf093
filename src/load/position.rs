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
                b'{' => {
                    stack.push((pointer, false, 0));
                    i += 1;
                }
                b'[' => {
                    stack.push((pointer, true, 0));
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
    fn columns_count_characters() {
        assert_eq!(line_column("é\"x", 3), (1, 3));
        assert_eq!(char_column("« a", 1, 4), 3);
    }
}
