//! Authoring a case without writing JSON: scaffolding a new case
//! ([`scaffold`]), drafting claims from a news article ([`extract`]),
//! importing a spreadsheet ([`table`]), listing the pairs a person should
//! look at ([`suggest`]) and recording their decisions ([`annotate`],
//! [`review_state`]).
//!
//! Everything that builds a case is a pure function from text to the files'
//! text; writing goes through [`crate::output`] and reading through
//! [`crate::load`], like the rest of the library.

pub mod annotate;
pub mod cues;
pub mod drafts;
pub mod extract;
pub mod review_state;
pub mod scaffold;
pub mod suggest;
pub mod table;
pub mod verify;

use crate::error::{Error, Result};

/// A party named on the command line as `ID=Name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartySpec {
    /// The party id, such as `beccuau`.
    pub id: String,
    /// The display name, such as `Laure Beccuau`.
    pub name: String,
    /// Other ways the article names the party: people who speak for it
    /// (`Julien Kessler`), the organisation (`Célia Télécom`) or role
    /// nouns (`le procureur`, `the company`, `prosecutors`). `extract`
    /// drafts what any of them says under this party.
    pub aliases: Vec<String>,
}

/// Parses `ID=Name` or `ID=Name|alias|alias`.
///
/// # Errors
/// [`Error::Usage`] when there is no `=`, the id is empty or not a simple
/// identifier, or the name or an alias is empty.
pub fn parse_party(spec: &str) -> Result<PartySpec> {
    let Some((id, name)) = spec.split_once('=') else {
        return Err(Error::Usage(format!(
            "--party \"{spec}\" is not ID=Name, e.g. --party beccuau=\"Laure Beccuau\""
        )));
    };
    let (id, name) = (id.trim(), name.trim());
    if !is_identifier(id) {
        return Err(Error::Usage(format!(
            "--party \"{spec}\": the id must be letters, digits, '-' or '_'"
        )));
    }
    let mut names = name.split('|').map(str::trim);
    let name = names.next().unwrap_or_default();
    if name.is_empty() {
        return Err(Error::Usage(format!(
            "--party \"{spec}\": the name is empty"
        )));
    }
    let aliases: Vec<String> = names.map(str::to_owned).collect();
    if aliases.iter().any(String::is_empty) {
        return Err(Error::Usage(format!(
            "--party \"{spec}\": an alias is empty (write ID=Name|alias|alias)"
        )));
    }
    Ok(PartySpec {
        id: id.to_owned(),
        name: name.to_owned(),
        aliases,
    })
}

/// True for a non-empty id of ASCII letters, digits, `-` and `_`.
#[must_use]
pub fn is_identifier(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A lower-case ASCII identifier made from any text (`Laure Beccuau` ->
/// `laure-beccuau`), or `None` when nothing is left.
#[must_use]
pub fn slug(text: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in text.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '\'' || c == '’')
            && !out.is_empty()
            && !out.ends_with('-')
        {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    (!out.is_empty()).then_some(out)
}

/// Pretty JSON text of a serialisable value, with a final newline.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising the model types (strings, numbers, enums) cannot fail.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
