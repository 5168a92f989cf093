//! Escaping for the markup formats (HTML, SVG, GraphML, DOT).
//!
//! Every piece of text in a claim file is untrusted: a claim, a party name or
//! an annotation note may hold `<script>` or a `javascript:` link. All the
//! markup renderers go through these few functions, so the escaping rules
//! live, and are tested, in one place. The character escaping itself is done
//! by the `html-escape` crate; this module adds the rules it does not cover
//! (characters XML forbids, which URLs may become links, DOT strings).

use std::borrow::Cow;

/// Escapes text for HTML or XML, in element content or in a quoted
/// attribute: `& < > " ' /` become character references, and characters
/// that XML 1.0 forbids (C0 controls other than tab and newlines,
/// surrogates, U+FFFE and U+FFFF) become U+FFFD.
#[must_use]
pub fn markup(text: &str) -> String {
    let cleaned: Cow<'_, str> = if text.chars().all(allowed_in_xml) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if allowed_in_xml(c) { c } else { '\u{fffd}' })
                .collect(),
        )
    };
    html_escape::encode_safe(&cleaned).into_owned()
}

/// Escapes an id for an XML attribute so that distinct ids stay distinct:
/// where [`markup`] would turn every character XML forbids into U+FFFD
/// (so that `a\u{fffe}` and `a\u{fffd}` would name one node), this writes
/// it as `\u{fffe}`, and a backslash as `\\`, which keeps the mapping
/// one-to-one.
#[must_use]
pub fn xml_id(id: &str) -> String {
    if id.chars().all(|c| allowed_in_xml(c) && c != '\\') {
        return markup(id);
    }
    let mut out = String::with_capacity(id.len() + 8);
    for c in id.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if allowed_in_xml(c) => out.push(c),
            c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    markup(&out)
}

/// The URL, when it may become a link: only absolute `http` and `https`
/// URLs without whitespace or control characters are accepted, so that
/// `javascript:`, `data:` and relative tricks never reach an `href`.
#[must_use]
pub fn link_target(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let chars_ok = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    let has_host = url
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
    (scheme_ok && chars_ok && has_host).then_some(url)
}

/// Escapes text for the inside of a double-quoted DOT string: backslash and
/// double quote are escaped, line breaks become `\n`, and other control
/// characters are dropped.
#[must_use]
pub fn dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// [`dot_string`] for an id: a control character is written as `\u{1}`
/// instead of being dropped, so that two distinct ids never name one DOT
/// node (a backslash of the id is doubled, which keeps the mapping
/// one-to-one).
#[must_use]
pub fn dot_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// Cuts text to at most `max` characters, ending with an ellipsis when cut,
/// and folds line breaks into spaces.
#[must_use]
pub fn shorten(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    if flat.chars().count() <= max {
        return flat.to_owned();
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || matches!(c, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_neutralises_tags_and_attributes() {
        assert_eq!(
            markup("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"
        );
        let img = markup("<img src=x onerror=alert(1)>");
        assert!(!img.contains('<') && !img.contains('>'));
        assert_eq!(
            markup("\" onmouseover='x'"),
            "&quot; onmouseover=&#x27;x&#x27;"
        );
        assert_eq!(markup("a & b"), "a &amp; b");
    }

    #[test]
    fn markup_replaces_characters_xml_forbids() {
        assert_eq!(markup("a\u{0}b\u{1b}c\td"), "a\u{fffd}b\u{fffd}c\td");
        assert_eq!(markup("é « » 中"), "é « » 中");
    }

    #[test]
    fn dot_ids_stay_distinct() {
        let ids = ["a\u{1}b", "ab", "a\\u{1}b", "a\nb", "a\"b"];
        let escaped: std::collections::BTreeSet<String> = ids.iter().map(|i| dot_id(i)).collect();
        assert_eq!(escaped.len(), ids.len(), "{escaped:?}");
        assert_eq!(dot_id("d-1"), dot_string("d-1"));
    }

    #[test]
    fn xml_ids_stay_distinct() {
        let ids = ["a\u{fffe}", "a\u{fffd}", "a\\u{fffe}", "a\u{1}", "a"];
        let escaped: std::collections::BTreeSet<String> = ids.iter().map(|i| xml_id(i)).collect();
        assert_eq!(escaped.len(), ids.len(), "{escaped:?}");
        assert_eq!(xml_id("a\u{fffe}"), "a\\u{fffe}");
        assert_eq!(xml_id("d-1 <x>"), markup("d-1 <x>"));
        for id in &escaped {
            assert!(id.chars().all(allowed_in_xml));
        }
    }

    #[test]
    fn only_web_links_are_links() {
        assert_eq!(
            link_target("https://example.org/a?b=c"),
            Some("https://example.org/a?b=c")
        );
        assert_eq!(
            link_target(" HTTP://example.org "),
            Some("HTTP://example.org")
        );
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//evil.example",
            "/relative",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "https://example.org/\u{0}",
            "java\nscript:alert(1)",
        ] {
            assert_eq!(link_target(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dot_strings_cannot_break_out() {
        assert_eq!(dot_string("a \"b\" \\ c\nd\u{7}"), "a \\\"b\\\" \\\\ c\\nd");
    }

    proptest::proptest! {
        #[test]
        fn markup_never_leaves_a_metacharacter(text in "\\PC*|[<>&\"'/a-z ]*") {
            let escaped = markup(&text);
            for c in ['<', '>', '"', '\''] {
                proptest::prop_assert!(!escaped.contains(c));
            }
            proptest::prop_assert!(escaped.chars().all(allowed_in_xml));
        }

        #[test]
        fn links_are_web_addresses(url in "\\PC*|(https?|javascript|data):[ -~]*") {
            if let Some(link) = link_target(&url) {
                let lower = link.to_ascii_lowercase();
                proptest::prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"));
                proptest::prop_assert!(!link.chars().any(char::is_whitespace));
            }
        }

        #[test]
        fn dot_strings_never_end_early(text in "\\PC*|[\"\\\\a-z\n]*") {
            let escaped = dot_string(&text);
            // Every quote is preceded by an odd number of backslashes.
            let chars: Vec<char> = escaped.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if *c == '"' {
                    let slashes = chars[..i].iter().rev().take_while(|c| **c == '\\').count();
                    proptest::prop_assert!(slashes % 2 == 1);
                }
            }
        }
    }

    #[test]
    fn shorten_counts_characters() {
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten("éééééé", 4), "ééé…");
        assert_eq!(shorten("a b\nc", 10), "a b c");
    }
}
