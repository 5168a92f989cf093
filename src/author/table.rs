//! `claimgraph import csv`: a case from a spreadsheet that a newsroom keeps.
//!
//! The first row names the columns, in any order and in any case:
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `id` | yes | the claim id, unique |
//! | `party` | yes | the party id; any other text (`Laure Beccuau`) becomes the party's name and its slug the id |
//! | `speaker` | column yes, value optional | who said it |
//! | `text` | yes | the statement |
//! | `date` | column yes, value optional | `YYYY-MM-DD`, `YYYY-MM` or `YYYY` |
//! | `source` | column yes, value optional | the source id; other text becomes the source's title |
//! | `language` | no | `fr` or `en` |
//! | `quote` | no | `true`/`false` (also `yes`/`no`, `1`/`0`) |
//! | `topics` | no | labels separated by `;` |
//! | `party_role` | no | the party's role (`prosecution`, `defense`, ...); `other` when absent |
//! | `supersedes` | no | the id of an earlier claim of the same party that this row revises |
//!
//! Every problem is reported as `file.csv:ROW:COLUMN` (the header is row 1,
//! columns count from 1), all of them, sorted. Pure: it reads text.

use std::collections::BTreeMap;

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Claim, ClaimFile, FORMAT_V1, Language, Party, Role, Source};

use super::scaffold::CaseSkeleton;
use super::{is_identifier, slug, to_json};

/// The columns a table must have.
pub const REQUIRED_COLUMNS: [&str; 6] = ["id", "party", "speaker", "text", "date", "source"];
/// The columns a table may have.
pub const OPTIONAL_COLUMNS: [&str; 5] = ["language", "quote", "topics", "party_role", "supersedes"];

/// A case read from a table.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCase {
    /// Parties and sources, in order of first use.
    pub skeleton: CaseSkeleton,
    /// The claims, in row order.
    pub claims: Vec<Claim>,
    /// The row (line) of each claim, in the order of `claims`.
    pub rows: Vec<usize>,
    /// The 1-based column of each column name, such as `text`.
    pub columns: BTreeMap<String, usize>,
}

impl ImportedCase {
    /// The files of the new case (name, text).
    #[must_use]
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = self.skeleton.files();
        let claims = ClaimFile {
            format: Some(FORMAT_V1.to_owned()),
            claims: self.claims.clone(),
            ..ClaimFile::default()
        };
        files.push(("claims.json".to_owned(), to_json(&claims)));
        files.sort();
        files
    }
}

/// Reads a CSV table. `shown` is the file name used in diagnostics.
///
/// # Errors
/// [`Error::Invalid`] with every problem found, sorted.
pub fn import_csv(shown: &str, text: &str, case_id: &str) -> Result<ImportedCase> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(Error::one(csv_problem(shown, &e))),
    };
    let mut columns: BTreeMap<String, usize> = BTreeMap::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim().to_lowercase();
        if !REQUIRED_COLUMNS.contains(&name.as_str()) && !OPTIONAL_COLUMNS.contains(&name.as_str())
        {
            let known = REQUIRED_COLUMNS
                .iter()
                .chain(OPTIONAL_COLUMNS.iter())
                .copied();
            let hint = crate::load::shape::suggest(&name, known)
                .map(|s| format!("; did you mean \"{s}\"?"))
                .unwrap_or_default();
            problems.push(
                Diagnostic::at(shown, 1, i + 1, format!("unknown column \"{name}\"{hint}"))
                    .with_help(format!("the columns are {}", column_list())),
            );
        } else if columns.insert(name.clone(), i).is_some() {
            problems.push(Diagnostic::at(
                shown,
                1,
                i + 1,
                format!("column \"{name}\" given twice"),
            ));
        }
    }
    for name in REQUIRED_COLUMNS {
        if !columns.contains_key(name) {
            problems.push(
                Diagnostic::at(shown, 1, 1, format!("missing column \"{name}\"")).with_help(
                    format!("the first row must name the columns: {}", column_list()),
                ),
            );
        }
    }
    if !problems.is_empty() {
        problems.sort();
        return Err(Error::Invalid(problems));
    }
    let column = |name: &str| columns.get(name).copied();

    let mut parties: Vec<Party> = Vec::new();
    let mut party_rows: BTreeMap<String, (usize, Option<Role>)> = BTreeMap::new();
    let mut sources: Vec<Source> = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut claim_rows: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows: Vec<usize> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_problem(shown, &e));
                continue;
            }
        };
        let row = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            problems.push(Diagnostic::at(
                shown,
                row,
                record.len().min(headers.len()) + 1,
                format!(
                    "row has {} fields, the header has {}",
                    record.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        let get = |name: &str| {
            column(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let at = |name: &str, message: String| {
            Diagnostic::at(shown, row, column(name).map_or(1, |i| i + 1), message)
        };
        let n_before = problems.len();

        let id = get("id");
        if id.is_empty() {
            problems.push(at("id", "empty claim id".to_owned()));
        } else if let Some(first) = claim_rows.get(id) {
            problems.push(at(
                "id",
                format!("duplicate claim id \"{id}\" (first on row {first})"),
            ));
        }
        let text = get("text");
        if text.is_empty() {
            problems.push(at("text", "empty text".to_owned()));
        }
        let party_text = get("party");
        let party_id = if is_identifier(party_text) {
            Some(party_text.to_owned())
        } else {
            slug(party_text)
        };
        let Some(party_id) = party_id else {
            problems.push(at("party", "empty party".to_owned()));
            continue;
        };
        let role =
            match get("party_role") {
                "" => None,
                r => match parse_role(r) {
                    Some(role) => Some(role),
                    None => {
                        problems.push(at("party_role", format!("unknown role \"{r}\"")).with_help(
                            "use prosecution, defense, plaintiff, witness, press or other",
                        ));
                        None
                    }
                },
            };
        match party_rows.get_mut(&party_id) {
            None => {
                party_rows.insert(party_id.clone(), (row, role));
                parties.push(Party {
                    id: party_id.clone(),
                    name: party_text.to_owned(),
                    role: role.unwrap_or(Role::Other),
                });
            }
            Some((first_row, first_role)) => {
                if let (Some(new), Some(old)) = (role, *first_role) {
                    if new != old {
                        problems.push(at(
                            "party_role",
                            format!(
                                "party \"{party_id}\" is {} here but {} on row {first_row}",
                                new.as_str(),
                                old.as_str()
                            ),
                        ));
                    }
                } else if first_role.is_none() && role.is_some() {
                    *first_role = role;
                    if let Some(p) = parties.iter_mut().find(|p| p.id == party_id) {
                        p.role = role.unwrap_or(Role::Other);
                    }
                }
            }
        }
        let source = match get("source") {
            "" => None,
            s => {
                let source_id = if is_identifier(s) {
                    Some(s.to_owned())
                } else {
                    slug(s)
                };
                match source_id {
                    Some(source_id) => {
                        if !sources.iter().any(|x| x.id == source_id) {
                            sources.push(Source {
                                id: source_id.clone(),
                                title: (!is_identifier(s)).then(|| s.to_owned()),
                                publisher: None,
                                date: None,
                                url: None,
                            });
                        }
                        Some(source_id)
                    }
                    None => {
                        problems.push(at(
                            "source",
                            format!("source \"{s}\" has no letters or digits"),
                        ));
                        None
                    }
                }
            }
        };
        let date = match get("date") {
            "" => None,
            d if is_date(d) => Some(d.to_owned()),
            d => {
                problems.push(
                    at("date", format!("invalid date \"{d}\""))
                        .with_help("write YYYY-MM-DD, YYYY-MM or YYYY"),
                );
                None
            }
        };
        let language = match get("language").to_lowercase().as_str() {
            "" => None,
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            other => {
                problems.push(
                    at("language", format!("unknown language \"{other}\""))
                        .with_help("use fr or en"),
                );
                None
            }
        };
        let quote = match get("quote").to_lowercase().as_str() {
            "" | "false" | "no" | "0" => false,
            "true" | "yes" | "1" => true,
            other => {
                problems.push(at("quote", format!("\"{other}\" is not true or false")));
                false
            }
        };
        let topics: Vec<String> = get("topics")
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        if problems.len() > n_before {
            continue;
        }
        claim_rows.insert(id.to_owned(), row);
        rows.push(row);
        claims.push(Claim {
            id: id.to_owned(),
            party: party_id,
            speaker: match get("speaker") {
                "" => None,
                s => Some(s.to_owned()),
            },
            text: text.to_owned(),
            language,
            source,
            date,
            quote,
            topics,
            needs_review: false,
            supersedes: match get("supersedes") {
                "" => None,
                s => Some(s.to_owned()),
            },
            locator: None,
        });
    }
    // A revision must point at another claim of the same party.
    for claim in &claims {
        let Some(earlier) = &claim.supersedes else {
            continue;
        };
        let row = claim_rows.get(&claim.id).copied().unwrap_or(0);
        let at = Diagnostic::at(
            shown,
            row,
            column("supersedes").map_or(1, |i| i + 1),
            String::new(),
        );
        let problem = match claims.iter().find(|c| &c.id == earlier) {
            None => Some(format!("supersedes unknown claim \"{earlier}\"")),
            Some(c) if c.id == claim.id => Some("a claim cannot supersede itself".to_owned()),
            Some(c) if c.party != claim.party => Some(format!(
                "supersedes \"{earlier}\" of party \"{}\", not of \"{}\"",
                c.party, claim.party
            )),
            Some(_) => None,
        };
        if let Some(message) = problem {
            problems.push(Diagnostic { message, ..at });
        }
    }
    // Ids are unique across parties, sources and claims.
    for claim in &claims {
        if parties.iter().any(|p| p.id == claim.id) || sources.iter().any(|s| s.id == claim.id) {
            let row = claim_rows.get(&claim.id).copied().unwrap_or(0);
            problems.push(Diagnostic::at(
                shown,
                row,
                column("id").map_or(1, |i| i + 1),
                format!("claim id \"{}\" is also a party or source id", claim.id),
            ));
        }
    }
    if problems.is_empty() && claims.is_empty() {
        problems.push(
            Diagnostic::file(shown, "the table has no rows")
                .with_help("add one claim per row below the header"),
        );
    }
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Error::Invalid(problems));
    }
    Ok(ImportedCase {
        skeleton: CaseSkeleton {
            id: case_id.to_owned(),
            title: None,
            language: None,
            parties,
            sources,
            aliases: Vec::new(),
        },
        claims,
        rows,
        columns: columns
            .iter()
            .map(|(name, i)| (name.clone(), i + 1))
            .collect(),
    })
}

fn column_list() -> String {
    let required = REQUIRED_COLUMNS.join(", ");
    let optional = OPTIONAL_COLUMNS.join(", ");
    format!("{required} (optional: {optional})")
}

fn csv_problem(shown: &str, error: &csv::Error) -> Diagnostic {
    let line = error
        .position()
        .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => format!("malformed CSV: {error}").to_lowercase(),
    };
    Diagnostic::at(shown, line, usize::from(line > 0), message)
}

fn parse_role(text: &str) -> Option<Role> {
    match text.to_lowercase().as_str() {
        "prosecution" => Some(Role::Prosecution),
        "defense" | "defence" => Some(Role::Defense),
        "plaintiff" => Some(Role::Plaintiff),
        "witness" => Some(Role::Witness),
        "press" => Some(Role::Press),
        "other" => Some(Role::Other),
        _ => None,
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible month and day.
fn is_date(text: &str) -> bool {
    crate::load::is_valid_date(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_table_with_names_as_parties() {
        let csv = "id,party,speaker,text,date,source,quote,topics\n\
                   p1,parquet,Laure Beccuau,\"Elle n'a pas réagi.\",2024-08,RTL Radio,yes,a; b\n\
                   d1,Pavel Durov,,\"J'ai coopéré, dit-il.\",,,,\n";
        let case = import_csv("t.csv", csv, "demo").unwrap();
        assert_eq!(case.claims.len(), 2);
        assert_eq!(case.claims[0].source.as_deref(), Some("rtl-radio"));
        assert!(case.claims[0].quote);
        assert_eq!(case.claims[0].topics, ["a", "b"]);
        assert_eq!(case.skeleton.parties[1].id, "pavel-durov");
        assert_eq!(case.skeleton.parties[1].role, Role::Other);
    }

    #[test]
    fn points_at_row_and_column() {
        let csv = "id,party,speaker,text,date,source\np1,a,,x,2024-13,\np1,a,,,,\n";
        let error = import_csv("t.csv", csv, "demo").unwrap_err().to_string();
        assert!(
            error.contains("t.csv:2:5: error: invalid date \"2024-13\""),
            "{error}"
        );
        assert!(error.contains("t.csv:3:4: error: empty text"), "{error}");
    }
}
