//! The one sanitiser for text that reaches a terminal.
//!
//! Claim files come from scrapers and strangers. Any string read from them
//! (a field name, an id, a claim, a file name) may hold an escape sequence
//! that sets the terminal's title or clears the screen, a bare carriage
//! return that prints "PAID in full" over "never paid", or a bidi override
//! that shows `sr` for `rs`. Every message and every text output that
//! carries input-derived strings (diagnostics, the text report, `diff`,
//! `eval`, `explain`, `suggest`, `review`, `annotate`, the importers)
//! prints them through [`visible`], which shows each such character as an
//! escape (`\u{1b}`, `\r`) instead of letting the terminal act on it.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// True for a character a terminal may act on or that shows as nothing:
/// controls (C0, DEL, C1), format characters (bidi overrides and isolates,
/// zero-width spaces and joiners, the byte-order mark, tags), line and
/// paragraph separators, and unassigned code points and noncharacters.
#[must_use]
pub fn is_hidden(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::Unassigned
            | GeneralCategory::Surrogate
    )
}

/// `text` with every [`is_hidden`] character shown as an escape: `\n`,
/// `\r` and `\t` for the usual three, `\u{1b}` (lower-case hex, as Rust
/// writes it) for the others. Text without such characters is borrowed.
#[must_use]
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// [`visible`] for text laid out in lines and columns: `\n` and `\t` are
/// kept, and everything else hidden is escaped (a `\r` before `\n`
/// included).
#[must_use]
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && c != '\t' && is_hidden(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\n' || c == '\t' {
            out.push(c);
        } else {
            push_visible(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// The escape of one character as [`visible`] writes it.
#[must_use]
pub fn escape_char(c: char) -> String {
    let mut out = String::new();
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
    out
}

fn push_visible(out: &mut String, c: char) {
    if is_hidden(c) {
        out.push_str(&escape_char(c));
    } else {
        out.push(c);
    }
}

/// A writer that shows every hidden character except `\n` and `\t` visibly, as
/// [`visible_lines`] does: the text commands (`explain`, `suggest`, `eval`,
/// `diff`, `review`, the importers' summaries) print through it, so that a
/// string the code forgot to escape still cannot reach the terminal raw.
/// Bytes are UTF-8: a character cut between two writes is held until its
/// end arrives, and bytes that are not UTF-8 are shown as U+FFFD.
pub struct VisibleWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> VisibleWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> VisibleWriter<W> {
        VisibleWriter {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes out what is pending; at the end (`last`), a cut character too.
    fn drain(&mut self, last: bool) -> io::Result<()> {
        loop {
            let (valid, skip) = match std::str::from_utf8(&self.pending) {
                Ok(text) => (text.len(), 0),
                Err(e) => match e.error_len() {
                    Some(n) => (e.valid_up_to(), n),
                    None if last => (e.valid_up_to(), self.pending.len() - e.valid_up_to()),
                    None => (e.valid_up_to(), 0),
                },
            };
            // The prefix was just checked to be UTF-8.
            let text = std::str::from_utf8(&self.pending[..valid]).unwrap_or_default();
            self.inner.write_all(visible_lines(text).as_bytes())?;
            if skip > 0 {
                self.inner.write_all("\u{fffd}".as_bytes())?;
            }
            self.pending.drain(..valid + skip);
            if skip == 0 || self.pending.is_empty() {
                return Ok(());
            }
        }
    }
}

impl<W: Write> Write for VisibleWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_what_a_terminal_would_act_on() {
        assert_eq!(visible("\u{1b}]0;pwned\u{7}"), "\\u{1b}]0;pwned\\u{7}");
        assert_eq!(visible("never paid\rPAID"), "never paid\\rPAID");
        assert_eq!(visible("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(visible("r\u{200b}s \u{202e}x"), "r\\u{200b}s \\u{202e}x");
        assert_eq!(visible("\u{9b}2J \u{7f}"), "\\u{9b}2J \\u{7f}");
        assert_eq!(
            visible("\u{2028}\u{feff}\u{e0041}"),
            "\\u{2028}\\u{feff}\\u{e0041}"
        );
        assert_eq!(visible("\u{fffe}\u{378}"), "\\u{fffe}\\u{378}");
        assert_eq!(visible_lines("a\r\nb\t\n\u{1b}"), "a\\r\nb\t\n\\u{1b}");
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for text in [
            "Dourov a été accusé",
            "« quote » — 5 €",
            "中文 🦀",
            "e\u{301}",
            "",
        ] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn the_writer_escapes_across_cut_characters() {
        let mut out = Vec::new();
        {
            let mut writer = VisibleWriter::new(&mut out);
            let bytes = "é\u{1b}[2J\r\n\u{202e}ok\n".as_bytes();
            for b in bytes {
                writer.write_all(std::slice::from_ref(b)).unwrap();
            }
            writer.write_all(&[0xff, b'x', 0xe2]).unwrap();
            writer.flush().unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "é\\u{1b}[2J\\r\n\\u{202e}ok\n\u{fffd}x\u{fffd}"
        );
    }

    proptest::proptest! {
        #[test]
        fn nothing_hidden_is_left(text in "\\PC*|[\\x00-\\x1f\\x7f\u{80}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}a-z ]*") {
            let shown = visible(&text);
            proptest::prop_assert!(!shown.chars().any(is_hidden));
        }
    }
}
